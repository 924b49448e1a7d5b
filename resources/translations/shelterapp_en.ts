<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shelter(s)</source>
        <translation>
            <numerusform>%n shelter</numerusform>
            <numerusform>%n shelters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n without a position yet</source>
        <translation>
            <numerusform>, %n without a position yet</numerusform>
            <numerusform>, %n without a position yet</numerusform>
        </translation>
    </message>
</context>
</TS>
