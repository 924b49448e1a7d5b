<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>DataDialog</name>
        <message numerus="yes">
            <source>Reading the downloaded lists: %n row(s) read.</source>
            <translation>
                <numerusform>Reading the downloaded lists: %n row read.</numerusform>
                <numerusform>Reading the downloaded lists: %n rows read.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln shelter(s) of the official list have an address but no position. shelterapp can look their official addresses up at %2, one a second (about %3 min; you can pause). Only these public addresses are sent, never your location. Found positions are approximate.</source>
            <translation>
                <numerusform>%Ln shelter of the official list has an address but no position. shelterapp can look its official address up at %2 (about %3 min; you can pause). Only this public address is sent, never your location. The position found is approximate.</numerusform>
                <numerusform>%Ln shelters of the official list have an address but no position. shelterapp can look their official addresses up at %2, one a second (about %3 min; you can pause). Only these public addresses are sent, never your location. Found positions are approximate.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DataStatus</name>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln shelter(s)</source>
            <translation>
                <numerusform>%Ln shelter</numerusform>
                <numerusform>%Ln shelters</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %Ln without a position yet</source>
            <translation>
                <numerusform>, %Ln without a position yet</numerusform>
                <numerusform>, %Ln without a position yet</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryPane</name>
        <message numerus="yes">
            <source>Last 30 days: %n alert(s), %1 under alert in all.</source>
            <translation>
                <numerusform>Last 30 days: %n alert, %1 under alert in all.</numerusform>
                <numerusform>Last 30 days: %n alerts, %1 under alert in all.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Busiest day: %1, %n alert(s), %2 under alert.</source>
            <translation>
                <numerusform>Busiest day: %1, %n alert, %2 under alert.</numerusform>
                <numerusform>Busiest day: %1, %n alerts, %2 under alert.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PreparednessController</name>
        <message numerus="yes">
            <source>It is %n day(s) since you last checked your go-bag: see the Preparedness tab.</source>
            <translation>
                <numerusform>It is %n day since you last checked your go-bag: see the Preparedness tab.</numerusform>
                <numerusform>It is %n days since you last checked your go-bag: see the Preparedness tab.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PreparednessView</name>
        <message numerus="yes">
            <source>Last reviewed %n day(s) ago.</source>
            <translation>
                <numerusform>Last reviewed %n day ago.</numerusform>
                <numerusform>Last reviewed %n days ago.</numerusform>
            </translation>
        </message>
    </context>
</TS>
