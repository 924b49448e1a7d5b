<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>AdvisoriesPane</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <source>Official advisories, newest first</source>
            <translation>Avis officiels, les plus récents d'abord</translation>
        </message>
        <message>
            <source>Choose an advisory with the arrow keys to read it beside the list.</source>
            <translation>Choisissez un avis avec les flèches pour le lire à côté de la liste.</translation>
        </message>
        <message>
            <source>Advisory text</source>
            <translation>Texte de l'avis</translation>
        </message>
        <message>
            <source>The chosen advisory's source, date and text, read-only.</source>
            <translation>Source, date et texte de l'avis choisi, en lecture seule.</translation>
        </message>
        <message>
            <source>&amp;Open in browser</source>
            <translation>&amp;Ouvrir dans le navigateur</translation>
        </message>
        <message>
            <source>Open in browser</source>
            <translation>Ouvrir dans le navigateur</translation>
        </message>
        <message>
            <source>Opens the chosen advisory's page in your web browser.</source>
            <translation>Ouvre la page de l'avis choisi dans votre navigateur.</translation>
        </message>
        <message>
            <source>No advisories yet. They appear here when the official feeds can be read.</source>
            <translation>Aucun avis pour l'instant. Ils s'afficheront ici dès que les flux officiels pourront être lus.</translation>
        </message>
    </context>
    <context>
        <name>AlarmDialog</name>
        <message>
            <source>Alarm and quiet hours</source>
            <translation>Alarme et heures calmes</translation>
        </message>
        <message>
            <source>Locked values are set in config.toml ([alerts]).</source>
            <translation>Les valeurs verrouillées sont fixées dans config.toml ([alerts]).</translation>
        </message>
        <message>
            <source>Keeps these choices.</source>
            <translation>Enregistre ces choix.</translation>
        </message>
        <message>
            <source>Closes this dialog without changing anything.</source>
            <translation>Ferme cette fenêtre sans rien changer.</translation>
        </message>
        <message>
            <source>Alarm sound</source>
            <translation>Sirène</translation>
        </message>
        <message>
            <source>Play a siren when an alert starts</source>
            <translation>Faire sonner une sirène au début d'une alerte</translation>
        </message>
        <message>
            <source>The app plays its own siren when an air-raid alert starts.</source>
            <translation>L'application fait sonner sa propre sirène au début d'une alerte aérienne.</translation>
        </message>
        <message>
            <source>Volume</source>
            <translation>Volume</translation>
        </message>
        <message>
            <source>How loud the siren plays, from 10 to 100 per cent.</source>
            <translation>Le volume de la sirène, de 10 à 100 pour cent.</translation>
        </message>
        <message>
            <source>&amp;Test the siren</source>
            <translation>&amp;Tester la sirène</translation>
        </message>
        <message>
            <source>Test the siren</source>
            <translation>Tester la sirène</translation>
        </message>
        <message>
            <source>Plays the siren once at this volume.</source>
            <translation>Fait sonner la sirène une fois à ce volume.</translation>
        </message>
        <message>
            <source>Volume:</source>
            <translation>Volume :</translation>
        </message>
        <message>
            <source>Repeat until I press “I am in a shelter” or “Dismiss”, or the all clear</source>
            <translation>Répéter jusqu'à ce que j'appuie sur « Je suis à l'abri » ou « Fermer », ou jusqu'à la fin d'alerte</translation>
        </message>
        <message>
            <source>Repeat the siren</source>
            <translation>Répéter la sirène</translation>
        </message>
        <message>
            <source>Off: the siren plays once.</source>
            <translation>Désactivé : la sirène sonne une seule fois.</translation>
        </message>
        <message>
            <source>Sound player: %1.</source>
            <translation>Lecteur audio : %1.</translation>
        </message>
        <message>
            <source>No sound player found: install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). Until then an alert has only the notification's own sound.</source>
            <translation>Aucun lecteur audio trouvé : installez pipewire-bin ou pulseaudio-utils (alsa-utils pour ALSA seul). En attendant, une alerte n'a que le son de la notification.</translation>
        </message>
        <message>
            <source>Full-screen alert</source>
            <translation>Alerte plein écran</translation>
        </message>
        <message>
            <source>Fill every screen when an alert starts</source>
            <translation>Remplir tous les écrans au début d'une alerte</translation>
        </message>
        <message>
            <source>A red window on every screen: Enter means “I am in a shelter”, Esc closes it.</source>
            <translation>Une fenêtre rouge sur chaque écran : Entrée signifie « Je suis à l'abri », Échap la ferme.</translation>
        </message>
        <message>
            <source>It stays on top of other windows, full-screen video calls included.</source>
            <translation>Elle reste au-dessus des autres fenêtres, y compris des appels vidéo en plein écran.</translation>
        </message>
        <message>
            <source>On this desktop (Wayland) no window can stay on top of the others: the alert fills every screen, but another window can cover it. The critical notification and the siren still come.</source>
            <translation>Sur ce bureau (Wayland), aucune fenêtre ne peut rester au-dessus des autres : l'alerte remplit tous les écrans, mais une autre fenêtre peut la couvrir. La notification critique et la sirène arrivent quand même.</translation>
        </message>
        <message>
            <source>Quiet hours</source>
            <translation>Heures calmes</translation>
        </message>
        <message>
            <source>Quiet from</source>
            <translation>Calme de</translation>
        </message>
        <message>
            <source>A softer alert every night between these times.</source>
            <translation>Une alerte plus douce chaque nuit entre ces heures.</translation>
        </message>
        <message>
            <source>Quiet hours start</source>
            <translation>Début des heures calmes</translation>
        </message>
        <message>
            <source>Quiet hours end</source>
            <translation>Fin des heures calmes</translation>
        </message>
        <message>
            <source>to</source>
            <translation>à</translation>
        </message>
        <message>
            <source>During quiet hours, and after “Quiet for 1 hour” or “Quiet until morning” in the tray menu, an alert plays the siren once and softly, and shows no full screen. The critical notification always comes.</source>
            <translation>Pendant les heures calmes, et après « Silence pendant 1 heure » ou « Silence jusqu'au matin » dans le menu de la zone de notification, une alerte fait sonner la sirène une fois, doucement, sans plein écran. La notification critique arrive toujours.</translation>
        </message>
        <message>
            <source>A time of day, hours and minutes.</source>
            <translation>Une heure de la journée, en heures et minutes.</translation>
        </message>
        <message>
            <source>Drill</source>
            <translation>Exercice</translation>
        </message>
        <message>
            <source>Remind me to run a drill once a month</source>
            <translation>Me rappeler de faire un exercice une fois par mois</translation>
        </message>
        <message>
            <source>Drill reminder</source>
            <translation>Rappel d'exercice</translation>
        </message>
        <message>
            <source>A message in the window once a month.</source>
            <translation>Un message dans la fenêtre une fois par mois.</translation>
        </message>
        <message>
            <source>Last drill: %1. Run one with Help → Run a drill.</source>
            <translation>Dernier exercice : %1. Pour en faire un : Aide → Lancer un exercice.</translation>
        </message>
        <message>
            <source>No drill yet. Run one with Help → Run a drill.</source>
            <translation>Aucun exercice pour l'instant. Pour en faire un : Aide → Lancer un exercice.</translation>
        </message>
    </context>
    <context>
        <name>AlarmPresenter</name>
        <message>
            <source>DRILL: AIR-RAID ALERT</source>
            <translation>EXERCICE : ALERTE AÉRIENNE</translation>
        </message>
        <message>
            <source>AIR-RAID ALERT</source>
            <translation>ALERTE AÉRIENNE</translation>
        </message>
        <message>
            <source>Since %1 · %2 ago</source>
            <translation>Depuis %1 · il y a %2</translation>
        </message>
        <message>
            <source>Go to the shelter now:</source>
            <translation>Allez à l'abri maintenant :</translation>
        </message>
        <message>
            <source>Go to the nearest shelter now.</source>
            <translation>Allez maintenant à l'abri le plus proche.</translation>
        </message>
        <message>
            <source>%1 · %2 on foot</source>
            <translation>%1 · %2 à pied</translation>
        </message>
        <message>
            <source>I am in a shelter (Enter)</source>
            <translation>Je suis à l'abri (Entrée)</translation>
        </message>
        <message>
            <source>Dismiss (Esc)</source>
            <translation>Fermer (Échap)</translation>
        </message>
        <message>
            <source>DRILL: NOT A REAL ALERT</source>
            <translation>EXERCICE : CE N'EST PAS UNE VRAIE ALERTE</translation>
        </message>
        <message>
            <source>The alarm sound could not be prepared: %1</source>
            <translation>Le son de la sirène n'a pas pu être préparé : %1</translation>
        </message>
        <message>
            <source>No sound player was found, so the alarm could not sound: install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). The notification's own sound is used.</source>
            <translation>Aucun lecteur audio trouvé, la sirène n'a donc pas pu sonner : installez pipewire-bin ou pulseaudio-utils (alsa-utils pour ALSA seul). Le son de la notification est utilisé.</translation>
        </message>
        <message>
            <source>The alarm sound could not play (%1). Is a sound server running?</source>
            <translation>La sirène n'a pas pu sonner (%1). Un serveur de son est-il lancé ?</translation>
        </message>
    </context>
    <context>
        <name>AlertBanner</name>
        <message>
            <source>Alert status</source>
            <translation>État d'alerte</translation>
        </message>
        <message>
            <source>&lt;b&gt;Checking the alert state…&lt;/b&gt; If you hear a siren, go to the nearest shelter below.</source>
            <translation>&lt;b&gt;Vérification de l'état d'alerte…&lt;/b&gt; Si vous entendez une sirène, allez à l'abri le plus proche ci-dessous.</translation>
        </message>
        <message>
            <source>&lt;b&gt;Alert status unknown&lt;/b&gt;: no alert feed is configured yet. When the siren sounds, go to the nearest shelter below.</source>
            <translation>&lt;b&gt;État d'alerte inconnu&lt;/b&gt; : aucun flux d'alerte n'est encore configuré. Quand la sirène retentit, allez à l'abri le plus proche ci-dessous.</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucune</translation>
        </message>
        <message>
            <source>⚠ &lt;b&gt;AIR-RAID ALERT&lt;/b&gt; in %1</source>
            <translation>⚠ &lt;b&gt;ALERTE AÉRIENNE&lt;/b&gt; : %1</translation>
        </message>
        <message>
            <source>since %1 (%2)</source>
            <translation>depuis %1 (%2)</translation>
        </message>
        <message>
            <source>Go to the shelter now: &lt;b&gt;%1&lt;/b&gt;, %2, %3 on foot.</source>
            <translation>Allez à l'abri maintenant : &lt;b&gt;%1&lt;/b&gt;, %2, %3 à pied.</translation>
        </message>
        <message>
            <source>Sources: %1</source>
            <translation>Sources : %1</translation>
        </message>
        <message>
            <source>✓ &lt;b&gt;No alert&lt;/b&gt; in %1</source>
            <translation>✓ &lt;b&gt;Pas d'alerte&lt;/b&gt; : %1</translation>
        </message>
        <message>
            <source>since %1</source>
            <translation>depuis %1</translation>
        </message>
        <message>
            <source>? &lt;b&gt;Alert state unknown&lt;/b&gt;: no alert source can be read right now (offline?).</source>
            <translation>? &lt;b&gt;État d'alerte inconnu&lt;/b&gt; : aucune source d'alerte n'est lisible pour le moment (hors ligne ?).</translation>
        </message>
        <message>
            <source>Since %1.</source>
            <translation>Depuis %1.</translation>
        </message>
        <message>
            <source>The last known state was an alert since %1: treat it as still on.</source>
            <translation>Le dernier état connu était une alerte depuis %1 : considérez qu'elle est toujours en cours.</translation>
        </message>
        <message>
            <source>Last known: %1, %2 ago.</source>
            <translation>Dernier état connu : %1, il y a %2.</translation>
        </message>
        <message>
            <source>If you hear a siren, go to the nearest shelter below.</source>
            <translation>Si vous entendez une sirène, allez à l'abri le plus proche ci-dessous.</translation>
        </message>
        <message>
            <source>%1: alert</source>
            <translation>%1 : alerte</translation>
        </message>
        <message>
            <source>%1: no alert since %2</source>
            <translation>%1 : pas d'alerte depuis %2</translation>
        </message>
        <message>
            <source>%1: no alert</source>
            <translation>%1 : pas d'alerte</translation>
        </message>
        <message>
            <source>Sources disagree about %1 (%2): treat it as an alert.</source>
            <translation>Les sources ne concordent pas pour %1 (%2) : considérez que l'alerte est en cours.</translation>
        </message>
        <message>
            <source>air raid</source>
            <translation>raid aérien</translation>
        </message>
        <message>
            <source>artillery</source>
            <translation>artillerie</translation>
        </message>
        <message>
            <source>urban fights</source>
            <translation>combats urbains</translation>
        </message>
        <message>
            <source>chemical threat</source>
            <translation>menace chimique</translation>
        </message>
        <message>
            <source>nuclear threat</source>
            <translation>menace nucléaire</translation>
        </message>
        <message>
            <source>other threat</source>
            <translation>autre menace</translation>
        </message>
        <message>
            <source>red level</source>
            <translation>niveau rouge</translation>
        </message>
        <message>
            <source>yellow level (drones)</source>
            <translation>niveau jaune (drones)</translation>
        </message>
        <message>
            <source>alert</source>
            <translation>alerte</translation>
        </message>
        <message>
            <source>no alert</source>
            <translation>pas d'alerte</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
    </context>
    <context>
        <name>AlertPresenter</name>
        <message>
            <source>no alert feed configured</source>
            <translation>aucun flux d'alerte configuré</translation>
        </message>
        <message>
            <source>AIR-RAID ALERT since %1</source>
            <translation>ALERTE AÉRIENNE depuis %1</translation>
        </message>
        <message>
            <source>no alert</source>
            <translation>pas d'alerte</translation>
        </message>
        <message>
            <source>alert state unknown (offline)</source>
            <translation>état d'alerte inconnu (hors ligne)</translation>
        </message>
        <message>
            <source>Air-raid alert in %1 since %2.</source>
            <translation>Alerte aérienne : %1, depuis %2.</translation>
        </message>
        <message>
            <source>Nearest shelter: %1, %2, %3 on foot.</source>
            <translation>Abri le plus proche : %1, %2, %3 à pied.</translation>
        </message>
        <message>
            <source>AIR-RAID ALERT: go to a shelter</source>
            <translation>ALERTE AÉRIENNE : allez dans un abri</translation>
        </message>
        <message>
            <source>Show shelters</source>
            <translation>Voir les abris</translation>
        </message>
        <message>
            <source>All clear</source>
            <translation>Fin d'alerte</translation>
        </message>
        <message>
            <source>No alert in Kyiv city for now. Know your way to the nearest shelter.</source>
            <translation>Pas d'alerte à Kyiv pour l'instant. Repérez le chemin de l'abri le plus proche.</translation>
        </message>
        <message>
            <source>Alert in %1, next to Kyiv: be ready</source>
            <translation>Alerte : %1, à côté de Kyiv. Soyez prêts</translation>
        </message>
        <message>
            <source>The air-raid alert in %1 is over. It lasted %2.</source>
            <translation>L'alerte aérienne (%1) est terminée. Elle a duré %2.</translation>
        </message>
        <message>
            <source>The air-raid alert in %1 that began at %2 is over. The all-clear came while shelterapp was closed or could not reach any alert feed, so its time is not known: the alert was over at %3.</source>
            <translation>L'alerte aérienne (%1) commencée à %2 est terminée. La fin d'alerte a été donnée pendant que shelterapp était fermé ou ne pouvait joindre aucun flux d'alerte : son heure n'est donc pas connue. À %3, l'alerte était terminée.</translation>
        </message>
        <message>
            <source>The air-raid alert in %1 that began at %2 is over. The all-clear came while shelterapp was closed or could not reach any alert feed, so its time is not known: the alert was still on at %3 and over at %4.</source>
            <translation>L'alerte aérienne (%1) commencée à %2 est terminée. La fin d'alerte a été donnée pendant que shelterapp était fermé ou ne pouvait joindre aucun flux d'alerte : son heure n'est donc pas connue. L'alerte était encore en cours à %3 et terminée à %4.</translation>
        </message>
        <message>
            <source>Short alert, already over</source>
            <translation>Alerte brève, déjà terminée</translation>
        </message>
        <message>
            <source>There was an air-raid alert in %1 from %2 to %3.</source>
            <translation>Il y a eu une alerte aérienne (%1) de %2 à %3.</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Your settings could not be saved: %1</source>
            <translation>Vos réglages n'ont pas pu être enregistrés : %1</translation>
        </message>
        <message>
            <source>Could not change start with my session: %1</source>
            <translation>Impossible de modifier le démarrage avec la session : %1</translation>
        </message>
        <message>
            <source>Importing %1…</source>
            <translation>Importation de %1…</translation>
        </message>
        <message>
            <source>%1 was not imported: %2. The previous shelter list is kept.</source>
            <translation>%1 n'a pas été importé : %2. La liste d'abris précédente est conservée.</translation>
        </message>
        <message>
            <source>Imported %1 shelters; %2 rows rejected.</source>
            <translation>%1 abris importés ; %2 lignes rejetées.</translation>
        </message>
        <message>
            <source>most of its shelters share their position with another</source>
            <translation>la plupart de ses abris ont la même position qu'un autre</translation>
        </message>
        <message>
            <source>all its shelters lie close to one point</source>
            <translation>tous ses abris se trouvent près d'un même point</translation>
        </message>
        <message>
            <source>most of its rows do not say what kind of shelter they are</source>
            <translation>la plupart de ses lignes n'indiquent pas le type d'abri</translation>
        </message>
        <message>
            <source>Import shelters</source>
            <translation>Importer des abris</translation>
        </message>
        <message>
            <source>This file does not look like a real list of shelters: %1.

Import it anyway?</source>
            <translation>Ce fichier ne ressemble pas à une vraie liste d'abris : %1.

L'importer quand même ?</translation>
        </message>
        <message>
            <source>the file has more than %1 rows, and Kyiv's shelter list has about 5,000</source>
            <translation>le fichier compte plus de %1 lignes, alors que la liste des abris de Kyiv en compte environ 5 000</translation>
        </message>
        <message>
            <source>The import failed: %1. The previous shelter list is kept.</source>
            <translation>L'importation a échoué : %1. La liste d'abris précédente est conservée.</translation>
        </message>
        <message>
            <source>shelterapp could not restart itself; the new language applies the next time it starts.</source>
            <translation>shelterapp n'a pas pu redémarrer ; la nouvelle langue s'appliquera au prochain démarrage.</translation>
        </message>
    </context>
    <context>
        <name>DataController</name>
        <message>
            <source>%1: %2 shelters updated.</source>
            <translation>%1 : %2 abris mis à jour.</translation>
        </message>
        <message>
            <source>%1: update failed (%2); the previous list is kept.</source>
            <translation>%1 : échec de la mise à jour (%2) ; la liste précédente est conservée.</translation>
        </message>
        <message>
            <source>Downloading the shelter lists…</source>
            <translation>Téléchargement des listes d'abris…</translation>
        </message>
        <message>
            <source>Looking up addresses paused: %1. Press Resume to try again.</source>
            <translation>Recherche des adresses en pause : %1. Appuyez sur Reprendre pour réessayer.</translation>
        </message>
    </context>
    <context>
        <name>DataDialog</name>
        <message>
            <source>Shelter data</source>
            <translation>Données des abris</translation>
        </message>
        <message>
            <source>Shelter lists in use</source>
            <translation>Listes d'abris utilisées</translation>
        </message>
        <message>
            <source>Each list's source, attribution, licence, number of shelters, date of the data and last check.</source>
            <translation>Source, attribution, licence, nombre d'abris, date des données et dernière vérification de chaque liste.</translation>
        </message>
        <message>
            <source>List</source>
            <translation>Liste</translation>
        </message>
        <message>
            <source>Attribution</source>
            <translation>Attribution</translation>
        </message>
        <message>
            <source>Licence</source>
            <translation>Licence</translation>
        </message>
        <message>
            <source>Shelters</source>
            <translation>Abris</translation>
        </message>
        <message>
            <source>Data of</source>
            <translation>Données du</translation>
        </message>
        <message>
            <source>Checked</source>
            <translation>Vérifié</translation>
        </message>
        <message>
            <source>&amp;Update now</source>
            <translation>&amp;Mettre à jour</translation>
        </message>
        <message>
            <source>Update now</source>
            <translation>Mettre à jour</translation>
        </message>
        <message>
            <source>Downloads the shelter lists again; a list that fails to download is kept as it was.</source>
            <translation>Télécharge à nouveau les listes d'abris ; une liste qui échoue reste telle quelle.</translation>
        </message>
        <message>
            <source>Download of the shelter lists</source>
            <translation>Téléchargement des listes d'abris</translation>
        </message>
        <message>
            <source>How much of the shelter lists has been downloaded.</source>
            <translation>Quelle part des listes d'abris a déjà été téléchargée.</translation>
        </message>
        <message>
            <source>Lists are refreshed automatically once a week when the computer is online.</source>
            <translation>Les listes sont actualisées automatiquement une fois par semaine quand l'ordinateur est en ligne.</translation>
        </message>
        <message>
            <source>Closes this window; an update or a search for positions goes on in the background.</source>
            <translation>Ferme cette fenêtre ; une mise à jour ou une recherche de positions continue en arrière-plan.</translation>
        </message>
        <message>
            <source>Addresses looked up</source>
            <translation>Adresses recherchées</translation>
        </message>
        <message>
            <source>How many of the addresses have been looked up so far.</source>
            <translation>Combien d'adresses ont déjà été recherchées.</translation>
        </message>
        <message>
            <source>&amp;Find positions</source>
            <translation>&amp;Trouver les positions</translation>
        </message>
        <message>
            <source>Addresses not found</source>
            <translation>Adresses introuvables</translation>
        </message>
        <message>
            <source>The addresses that could not be placed; their shelters stay in the list by district and address.</source>
            <translation>Les adresses introuvables ; leurs abris restent dans la liste par quartier et adresse.</translation>
        </message>
        <message>
            <source>Positions for addresses</source>
            <translation>Positions des adresses</translation>
        </message>
        <message>
            <source>Downloading the shelter lists: %1 of %2.</source>
            <translation>Téléchargement des listes d'abris : %1 sur %2.</translation>
        </message>
        <message>
            <source>Downloading the shelter lists: %1 so far.</source>
            <translation>Téléchargement des listes d'abris : %1 pour l'instant.</translation>
        </message>
        <message numerus="yes">
            <source>Reading the downloaded lists: %n row(s) read.</source>
            <translation>
                <numerusform>Lecture des listes téléchargées : %n ligne lue.</numerusform>
                <numerusform>Lecture des listes téléchargées : %n lignes lues.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 kB</source>
            <translation>%1 ko</translation>
        </message>
        <message>
            <source>%1 MB</source>
            <translation>%1 Mo</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 sur %2</translation>
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation>&amp;Reprendre</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>&amp;Pause</translation>
        </message>
        <message>
            <source>Starts looking up positions for the addresses, one a second.</source>
            <translation>Lance la recherche des positions des adresses, une par seconde.</translation>
        </message>
        <message>
            <source>Resumes looking up positions where it stopped.</source>
            <translation>Reprend la recherche des positions là où elle s'est arrêtée.</translation>
        </message>
        <message>
            <source>Pauses looking up positions; it can resume later.</source>
            <translation>Met en pause la recherche des positions ; elle pourra reprendre plus tard.</translation>
        </message>
        <message>
            <source>Find positions</source>
            <translation>Trouver les positions</translation>
        </message>
        <message>
            <source>Every shelter with an address has a position.</source>
            <translation>Chaque abri doté d'une adresse a une position.</translation>
        </message>
        <message numerus="yes">
            <source>%Ln shelter(s) of the official list have an address but no position. shelterapp can look their official addresses up at %2, one a second (about %3 min; you can pause). Only these public addresses are sent, never your location. Found positions are approximate.</source>
            <translation>
                <numerusform>%Ln abri de la liste officielle a une adresse mais pas de position. shelterapp peut rechercher son adresse officielle auprès de %2 (environ %3 min ; vous pouvez mettre en pause). Seule cette adresse publique est envoyée, jamais votre position. La position trouvée est approximative.</numerusform>
                <numerusform>%Ln abris de la liste officielle ont une adresse mais pas de position. shelterapp peut rechercher leurs adresses officielles auprès de %2, une par seconde (environ %3 min ; vous pouvez mettre en pause). Seules ces adresses publiques sont envoyées, jamais votre position. Les positions trouvées sont approximatives.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not found (%1): they stay in the list by district and address.</source>
            <translation>Introuvables (%1) : ils restent dans la liste avec leur arrondissement et leur adresse.</translation>
        </message>
    </context>
    <context>
        <name>DataStatus</name>
        <message>
            <source>date unknown</source>
            <translation>date inconnue</translation>
        </message>
        <message>
            <source>today</source>
            <translation>aujourd'hui</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>il y a %n jour</numerusform>
                <numerusform>il y a %n jours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln shelter(s)</source>
            <translation>
                <numerusform>%Ln abri</numerusform>
                <numerusform>%Ln abris</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %Ln without a position yet</source>
            <translation>
                <numerusform>, dont %Ln sans position</numerusform>
                <numerusform>, dont %Ln sans position</numerusform>
            </translation>
        </message>
        <message>
            <source>data of %1 (%2)</source>
            <translation>données du %1 (%2)</translation>
        </message>
        <message>
            <source>Metro stations only, authored by shelterapp; positions approximate. Import the city's official list with File → Import.</source>
            <translation>Stations de métro uniquement, rédigées par shelterapp ; positions approximatives. Importez la liste officielle de la ville avec Fichier → Importer.</translation>
        </message>
    </context>
    <context>
        <name>DetailsPane</name>
        <message>
            <source>Distance</source>
            <translation>Distance</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>À pied</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>District</source>
            <translation>Arrondissement</translation>
        </message>
        <message>
            <source>Capacity</source>
            <translation>Capacité</translation>
        </message>
        <message>
            <source>Step-free access</source>
            <translation>Accès sans marches</translation>
        </message>
        <message>
            <source>Open 24/7</source>
            <translation>Ouvert 24 h/24</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Horaires</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>&amp;Copy address</source>
            <translation>&amp;Copier l'adresse</translation>
        </message>
        <message>
            <source>Copy the address to paste it into a map or a message</source>
            <translation>Copier l'adresse pour la coller dans une carte ou un message</translation>
        </message>
        <message>
            <source>I a&amp;m here</source>
            <translation>Je suis &amp;ici</translation>
        </message>
        <message>
            <source>Use this shelter's position as my location</source>
            <translation>Utiliser la position de cet abri comme ma position</translation>
        </message>
        <message>
            <source>Copy address</source>
            <translation>Copier l'adresse</translation>
        </message>
        <message>
            <source>Copies the selected shelter's address, to paste it into a map or a message.</source>
            <translation>Copie l'adresse de l'abri sélectionné, pour la coller dans une carte ou un message.</translation>
        </message>
        <message>
            <source>I am here</source>
            <translation>Je suis ici</translation>
        </message>
        <message>
            <source>Uses the selected shelter's position as my location.</source>
            <translation>Utilise la position de l'abri sélectionné comme ma position.</translation>
        </message>
        <message>
            <source>Select a shelter in the list to see its details.</source>
            <translation>Sélectionnez un abri dans la liste pour voir ses détails.</translation>
        </message>
        <message>
            <source>unknown: no position yet</source>
            <translation>inconnue : pas encore de position</translation>
        </message>
        <message>
            <source> (estimate)</source>
            <translation> (estimation)</translation>
        </message>
    </context>
    <context>
        <name>Drill</name>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <source>%1 days</source>
            <translation>%1 j</translation>
        </message>
        <message>
            <source>Check the network connection.</source>
            <translation>Vérifiez la connexion au réseau.</translation>
        </message>
        <message>
            <source>The feed is slow or unreachable: check the network, or try again later.</source>
            <translation>La source est lente ou injoignable : vérifiez le réseau ou réessayez plus tard.</translation>
        </message>
        <message>
            <source>The feed refuses too many requests: wait a few minutes; is another copy of the app polling it?</source>
            <translation>La source refuse des requêtes trop nombreuses : attendez quelques minutes ; une autre copie de l'application l'interroge-t-elle ?</translation>
        </message>
        <message>
            <source>Check the key in Settings → Alert sources.</source>
            <translation>Vérifiez la clé dans Réglages → Sources d'alerte.</translation>
        </message>
        <message>
            <source>The feed itself has a problem; add a second feed in Settings → Alert sources.</source>
            <translation>La source elle-même a un problème ; ajoutez une deuxième source dans Réglages → Sources d'alerte.</translation>
        </message>
        <message>
            <source>No alert feed is enabled: the app cannot know of an alert.</source>
            <translation>Aucune source d'alerte n'est activée : l'application ne peut pas savoir qu'une alerte a lieu.</translation>
        </message>
        <message>
            <source>Turn siren_pp_ua on again in config.toml ([sources.siren_pp_ua] enabled = true), or enter a key in Settings → Alert sources.</source>
            <translation>Réactivez siren_pp_ua dans config.toml ([sources.siren_pp_ua] enabled = true), ou saisissez une clé dans Réglages → Sources d'alerte.</translation>
        </message>
        <message>
            <source>%1 answered; its data is %2 old.</source>
            <translation>%1 a répondu ; ses données datent de %2.</translation>
        </message>
        <message>
            <source>%1 did not answer (%2).</source>
            <translation>%1 n'a pas répondu (%2).</translation>
        </message>
        <message>
            <source>%1 is stale: its newest data is %2 old.</source>
            <translation>%1 est périmée : ses données les plus récentes datent de %2.</translation>
        </message>
        <message>
            <source>Its newest data is %1 old.</source>
            <translation>Ses données les plus récentes datent de %1.</translation>
        </message>
        <message>
            <source>%1 has given no data yet.</source>
            <translation>%1 n'a encore fourni aucune donnée.</translation>
        </message>
        <message>
            <source>Advisory feeds that did not answer: %1.</source>
            <translation>Sources de recommandations sans réponse : %1.</translation>
        </message>
        <message>
            <source>Until it answers, an alert may reach you late: listen for the sirens.</source>
            <translation>Tant qu'elle ne répond pas, une alerte peut vous parvenir en retard : écoutez les sirènes.</translation>
        </message>
        <message>
            <source>Update the shelter list with File → Update shelters (shelterapp-cli update), or import the city's list with File → Import.</source>
            <translation>Mettez à jour la liste des abris avec Fichier → Mettre à jour les abris (shelterapp-cli update), ou importez la liste de la ville avec Fichier → Importer.</translation>
        </message>
        <message>
            <source>The shelter list cannot be read: %1.</source>
            <translation>La liste des abris est illisible : %1.</translation>
        </message>
        <message>
            <source>No shelter with a known position: the nearest one cannot be shown.</source>
            <translation>Aucun abri de position connue : impossible d'indiquer le plus proche.</translation>
        </message>
        <message>
            <source>%1 shelters, %2 with a position; data of %3.</source>
            <translation>%1 abris, dont %2 localisés ; données du %3.</translation>
        </message>
        <message>
            <source>Nearest: %1.</source>
            <translation>Le plus proche : %1.</translation>
        </message>
        <message>
            <source>Only the built-in metro list is here.</source>
            <translation>Seule la liste intégrée des stations de métro est présente.</translation>
        </message>
        <message>
            <source>The list is %1 days old.</source>
            <translation>La liste date de %1 jours.</translation>
        </message>
        <message>
            <source>Install a notification service (your desktop's own, dunst or xfce4-notifyd); until then an alert reaches you through the window, the full screen and the sound.</source>
            <translation>Installez un service de notifications (celui de votre bureau, dunst ou xfce4-notifyd) ; en attendant, une alerte vous parvient par la fenêtre, le plein écran et le son.</translation>
        </message>
        <message>
            <source>Notifications go to the tray only: there is no notification service.</source>
            <translation>Les notifications ne vont que dans la zone de notification : aucun service de notifications.</translation>
        </message>
        <message>
            <source>No notification channel: notifications go to the log only.</source>
            <translation>Aucun canal de notification : les notifications ne vont que dans le journal.</translation>
        </message>
        <message>
            <source>No D-Bus session bus: %1.</source>
            <translation>Pas de bus de session D-Bus : %1.</translation>
        </message>
        <message>
            <source>No notification service on the session bus (%1).</source>
            <translation>Aucun service de notifications sur le bus de session (%1).</translation>
        </message>
        <message>
            <source>The notification service did not answer: %1.</source>
            <translation>Le service de notifications n'a pas répondu : %1.</translation>
        </message>
        <message>
            <source>The notification service refused the drill notification: %1.</source>
            <translation>Le service de notifications a refusé la notification d'exercice : %1.</translation>
        </message>
        <message>
            <source>Notifications failed: %1.</source>
            <translation>Les notifications ont échoué : %1.</translation>
        </message>
        <message>
            <source>Run the app inside your desktop session: notifications need the session's D-Bus.</source>
            <translation>Lancez l'application dans votre session de bureau : les notifications ont besoin de son D-Bus.</translation>
        </message>
        <message>
            <source>Restart the notification service, or log out and in again.</source>
            <translation>Redémarrez le service de notifications, ou fermez puis rouvrez votre session.</translation>
        </message>
        <message>
            <source>Sent through %1.</source>
            <translation>Envoyée par %1.</translation>
        </message>
        <message>
            <source>%1 %2 (%3), capabilities: %4.</source>
            <translation>%1 %2 (%3), capacités : %4.</translation>
        </message>
        <message>
            <source>Drill notification delivered, id %1.</source>
            <translation>Notification d'exercice remise, id %1.</translation>
        </message>
        <message>
            <source>Do Not Disturb is on.</source>
            <translation>Le mode Ne pas déranger est activé.</translation>
        </message>
        <message>
            <source>On MATE, Do Not Disturb hides every notification, critical ones too: keep it off, or rely on the sound and the full screen.</source>
            <translation>Sous MATE, Ne pas déranger masque toutes les notifications, même critiques : laissez-le désactivé, ou comptez sur le son et le plein écran.</translation>
        </message>
        <message>
            <source>On KDE Plasma keep “Show critical notifications in Do Not Disturb mode” on (it is on unless changed).</source>
            <translation>Sous KDE Plasma, laissez activé « Afficher les notifications critiques en mode Ne pas déranger » (c'est le cas par défaut).</translation>
        </message>
        <message>
            <source>This server shows no buttons: open the shelters from the tray.</source>
            <translation>Ce serveur n'affiche pas de boutons : ouvrez les abris depuis la zone de notification.</translation>
        </message>
        <message>
            <source>This server plays no sound itself: the app's own alarm is what you hear.</source>
            <translation>Ce serveur ne joue aucun son lui-même : c'est la sirène de l'application que vous entendez.</translation>
        </message>
        <message>
            <source>The alarm sound is off (Settings → Alarm and quiet hours, or sound = false in config.toml): real alerts are silent.</source>
            <translation>La sirène est désactivée (Réglages → Alarme et heures calmes, ou sound = false dans config.toml) : les vraies alertes sont silencieuses.</translation>
        </message>
        <message>
            <source>No sound player found (looked for %1).</source>
            <translation>Aucun lecteur audio trouvé (recherchés : %1).</translation>
        </message>
        <message>
            <source>Install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). Until then only the notification's sound is left.</source>
            <translation>Installez pipewire-bin ou pulseaudio-utils (alsa-utils pour ALSA seul). En attendant, il ne reste que le son de la notification.</translation>
        </message>
        <message>
            <source>%1 played the drill siren (exit status 0).</source>
            <translation>%1 a joué la sirène d'exercice (code de sortie 0).</translation>
        </message>
        <message>
            <source>%1 failed (exit status %2): %3.</source>
            <translation>%1 a échoué (code de sortie %2) : %3.</translation>
        </message>
        <message>
            <source>%1 was playing the drill siren when the drill was ended.</source>
            <translation>%1 jouait encore la sirène d'exercice quand l'exercice a été arrêté.</translation>
        </message>
        <message>
            <source>Is a sound server running (PipeWire or PulseAudio)? Run the app inside your desktop session, and check that the output is not muted.</source>
            <translation>Un serveur de son (PipeWire ou PulseAudio) est-il lancé ? Lancez l'application dans votre session de bureau et vérifiez que la sortie n'est pas coupée.</translation>
        </message>
        <message>
            <source>If you heard nothing, check the volume and mute of your speakers.</source>
            <translation>Si vous n'avez rien entendu, vérifiez le volume et la sourdine de vos haut-parleurs.</translation>
        </message>
        <message>
            <source>Shown on %1 of %2 screens.</source>
            <translation>Affichée sur %1 écran(s) sur %2.</translation>
        </message>
        <message>
            <source>On Wayland no window can stay on top of the others: the critical notification and the sound carry the alert there.</source>
            <translation>Sous Wayland, aucune fenêtre ne peut rester au-dessus des autres : la notification critique et le son y portent l'alerte.</translation>
        </message>
        <message>
            <source>The full-screen alert is off in Settings: real alerts will not show it.</source>
            <translation>L'alerte plein écran est désactivée dans les réglages : les vraies alertes ne l'afficheront pas.</translation>
        </message>
        <message>
            <source>This desktop has no system tray: the app runs as a window.</source>
            <translation>Ce bureau n'a pas de zone de notification : l'application fonctionne comme une simple fenêtre.</translation>
        </message>
        <message>
            <source>Keep the window open, or add a tray (on GNOME the AppIndicator extension); alerts still bring the window up.</source>
            <translation>Gardez la fenêtre ouverte, ou ajoutez une zone de notification (sous GNOME, l'extension AppIndicator) ; une alerte fait quand même apparaître la fenêtre.</translation>
        </message>
        <message>
            <source>The tray icon is not shown.</source>
            <translation>L'icône de la zone de notification n'est pas affichée.</translation>
        </message>
        <message>
            <source>The tray icon is shown.</source>
            <translation>L'icône de la zone de notification est affichée.</translation>
        </message>
    </context>
    <context>
        <name>DrillController</name>
        <message>
            <source>An alert is on: this is no time for a drill. Go to a shelter.</source>
            <translation>Une alerte est en cours : ce n'est pas le moment d'un exercice. Allez à l'abri.</translation>
        </message>
        <message>
            <source>This is a drill of shelterapp's alert chain. There is no alert.</source>
            <translation>Ceci est un exercice de la chaîne d'alerte de shelterapp. Il n'y a pas d'alerte.</translation>
        </message>
        <message>
            <source>Nearest shelter: %1.</source>
            <translation>Abri le plus proche : %1.</translation>
        </message>
        <message>
            <source>DRILL: air-raid alert (not a real alert)</source>
            <translation>EXERCICE : alerte aérienne (ce n'est pas une vraie alerte)</translation>
        </message>
        <message>
            <source>no answer within %1 s</source>
            <translation>pas de réponse en %1 s</translation>
        </message>
        <message>
            <source>A month has passed since your last drill: run one with Help → Run a drill.</source>
            <translation>Un mois s'est écoulé depuis votre dernier exercice : faites-en un avec Aide → Lancer un exercice.</translation>
        </message>
    </context>
    <context>
        <name>DrillDialog</name>
        <message>
            <source>Drill report</source>
            <translation>Rapport d'exercice</translation>
        </message>
        <message>
            <source>Run &amp;again</source>
            <translation>&amp;Relancer</translation>
        </message>
        <message>
            <source>Run again</source>
            <translation>Relancer</translation>
        </message>
        <message>
            <source>Runs the whole drill once more.</source>
            <translation>Refait tout l'exercice.</translation>
        </message>
        <message>
            <source>Closes the report.</source>
            <translation>Ferme le rapport.</translation>
        </message>
        <message>
            <source>Alert feeds</source>
            <translation>Sources d'alerte</translation>
        </message>
        <message>
            <source>Shelter data</source>
            <translation>Données des abris</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>Notifications</translation>
        </message>
        <message>
            <source>Alarm sound</source>
            <translation>Sirène</translation>
        </message>
        <message>
            <source>Full-screen alert</source>
            <translation>Alerte plein écran</translation>
        </message>
        <message>
            <source>Tray icon</source>
            <translation>Icône de la zone de notification</translation>
        </message>
        <message>
            <source>checking…</source>
            <translation>vérification…</translation>
        </message>
        <message>
            <source>DRILL running: this is not a real alert…</source>
            <translation>EXERCICE en cours : ce n'est pas une vraie alerte…</translation>
        </message>
        <message>
            <source>✓ Drill over: every link of the alert chain works.</source>
            <translation>✓ Exercice terminé : chaque maillon de la chaîne d'alerte fonctionne.</translation>
        </message>
        <message>
            <source>✗ Drill over: these links need attention: %1.</source>
            <translation>✗ Exercice terminé : ces maillons demandent votre attention : %1.</translation>
        </message>
        <message>
            <source>What to do: %1</source>
            <translation>Que faire : %1</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Search by name or address (Ctrl+F)</source>
            <translation>Rechercher par nom ou adresse (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search shelters</source>
            <translation>Rechercher des abris</translation>
        </message>
        <message>
            <source>Lists only the shelters whose name or address contains the typed words.</source>
            <translation>N'affiche que les abris dont le nom ou l'adresse contient les mots saisis.</translation>
        </message>
        <message>
            <source>Kind of shelter</source>
            <translation>Type d'abri</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>Tous les types</translation>
        </message>
        <message>
            <source>Step-fr&amp;ee</source>
            <translation>&amp;Sans marches</translation>
        </message>
        <message>
            <source>Only shelters known to have a ramp or step-free access</source>
            <translation>Seulement les abris dotés d'une rampe ou d'un accès sans marches</translation>
        </message>
        <message>
            <source>Open &amp;24/7</source>
            <translation>Ouvert &amp;24 h/24</translation>
        </message>
        <message>
            <source>&amp;Without position</source>
            <translation>Sans &amp;position</translation>
        </message>
        <message>
            <source>Also list shelters known only by address (no distance yet)</source>
            <translation>Lister aussi les abris connus seulement par leur adresse (pas encore de distance)</translation>
        </message>
        <message>
            <source>Lists only the shelters of the chosen kind.</source>
            <translation>N'affiche que les abris du type choisi.</translation>
        </message>
        <message>
            <source>Step-free only</source>
            <translation>Sans marches uniquement</translation>
        </message>
        <message>
            <source>Lists only the shelters known to have a ramp or step-free access.</source>
            <translation>N'affiche que les abris connus pour avoir une rampe ou un accès sans marches.</translation>
        </message>
        <message>
            <source>Open 24/7 only</source>
            <translation>Ouverts 24 h/24 uniquement</translation>
        </message>
        <message>
            <source>Lists only the shelters known to be open day and night.</source>
            <translation>N'affiche que les abris connus pour être ouverts jour et nuit.</translation>
        </message>
        <message>
            <source>Shelters without a position</source>
            <translation>Abris sans position</translation>
        </message>
        <message>
            <source>Also lists the shelters known only by their address, which have no distance yet.</source>
            <translation>Affiche aussi les abris connus seulement par leur adresse, sans distance pour l'instant.</translation>
        </message>
    </context>
    <context>
        <name>HistoryChart</name>
        <message>
            <source>No alert recorded yet.</source>
            <translation>Aucune alerte enregistrée pour l'instant.</translation>
        </message>
        <message>
            <source>Alerts per day, last 30 days</source>
            <translation>Alertes par jour, 30 derniers jours</translation>
        </message>
        <message>
            <source>Hours under alert per day</source>
            <translation>Heures sous alerte par jour</translation>
        </message>
        <message>
            <source>Alerts by hour of day (Kyiv time)</source>
            <translation>Alertes selon l'heure de début (heure de Kyiv)</translation>
        </message>
    </context>
    <context>
        <name>HistoryExport</name>
        <message>
            <source>CSV, for spreadsheets (*.csv)</source>
            <translation>CSV, pour les tableurs (*.csv)</translation>
        </message>
        <message>
            <source>Export history</source>
            <translation>Exporter l'historique</translation>
        </message>
        <message>
            <source>History exported to %1 (alerts: %2, advisories: %3).</source>
            <translation>Historique exporté dans %1 (alertes : %2, avis : %3).</translation>
        </message>
        <message>
            <source>The history could not be exported: %1</source>
            <translation>L'historique n'a pas pu être exporté : %1</translation>
        </message>
    </context>
    <context>
        <name>HistoryPane</name>
        <message>
            <source>Started</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Où</translation>
        </message>
        <message>
            <source>Threats</source>
            <translation>Menaces</translation>
        </message>
        <message>
            <source>Alert history, newest first</source>
            <translation>Historique des alertes, les plus récentes d'abord</translation>
        </message>
        <message>
            <source>Past alerts, one a row: when each began and ended, how long, where, and which threats.</source>
            <translation>Alertes passées, une par ligne : début et fin, durée, lieu et menaces.</translation>
        </message>
        <message>
            <source>Chart of the last 30 days</source>
            <translation>Graphique des 30 derniers jours</translation>
        </message>
        <message>
            <source>Figures as a &amp;table</source>
            <translation>Chiffres en &amp;tableau</translation>
        </message>
        <message>
            <source>Figures as a table</source>
            <translation>Chiffres en tableau</translation>
        </message>
        <message>
            <source>Shows or hides the chart's figures as text: each day's alerts and hours, and each hour's alerts.</source>
            <translation>Affiche ou masque les chiffres du graphique en texte : alertes et heures sous alerte de chaque jour, alertes de chaque heure.</translation>
        </message>
        <message>
            <source>Figures of the last 30 days</source>
            <translation>Chiffres des 30 derniers jours</translation>
        </message>
        <message>
            <source>The chart's figures, as text.</source>
            <translation>Les chiffres du graphique, en texte.</translation>
        </message>
        <message>
            <source>Last 30 days: no alert recorded on this computer.</source>
            <translation>30 derniers jours : aucune alerte enregistrée sur cet ordinateur.</translation>
        </message>
        <message numerus="yes">
            <source>Last 30 days: %n alert(s), %1 under alert in all.</source>
            <translation>
                <numerusform>30 derniers jours : %n alerte, %1 sous alerte en tout.</numerusform>
                <numerusform>30 derniers jours : %n alertes, %1 sous alerte en tout.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Busiest day: %1, %n alert(s), %2 under alert.</source>
            <translation>
                <numerusform>Jour le plus chargé : %1, %n alerte, %2 sous alerte.</numerusform>
                <numerusform>Jour le plus chargé : %1, %n alertes, %2 sous alerte.</numerusform>
            </translation>
        </message>
        <message>
            <source>Alerts began most often between %1 and %2.</source>
            <translation>Les alertes ont le plus souvent commencé entre %1 et %2.</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Jour</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Under alert</source>
            <translation>Sous alerte</translation>
        </message>
        <message>
            <source>Hour (Kyiv time)</source>
            <translation>Heure (heure de Kyiv)</translation>
        </message>
        <message>
            <source>ongoing</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>no later than %1</source>
            <translation>au plus tard %1</translation>
        </message>
        <message>
            <source>at most %1</source>
            <translation>au plus %1</translation>
        </message>
        <message>
            <source>Reported by: %1</source>
            <translation>Signalé par : %1</translation>
        </message>
        <message>
            <source>The all-clear came while shelterapp was closed or could not reach any alert feed.</source>
            <translation>La fin d'alerte a été donnée pendant que shelterapp était fermé ou ne pouvait joindre aucun flux d'alerte.</translation>
        </message>
        <message>
            <source>Next to Kyiv: %1</source>
            <translation>À côté de Kyiv : %1</translation>
        </message>
        <message>
            <source>Not an alert in Kyiv city: a raion next to it, told as a quiet notice.</source>
            <translation>Pas une alerte dans la ville de Kyiv : un raïon voisin, signalé par un avis discret.</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Metro station</source>
            <translation>Station de métro</translation>
        </message>
        <message>
            <source>Civil defence shelter</source>
            <translation>Abri de protection civile</translation>
        </message>
        <message>
            <source>Radiation shelter</source>
            <translation>Abri antiradiation</translation>
        </message>
        <message>
            <source>Simplest shelter</source>
            <translation>Abri simple</translation>
        </message>
        <message>
            <source>Other shelter</source>
            <translation>Autre abri</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>%1 m</source>
            <translation>%1 m</translation>
        </message>
        <message>
            <source>%1 km</source>
            <translation>%1 km</translation>
        </message>
        <message>
            <source>≈ %1 min</source>
            <translation>≈ %1 min</translation>
        </message>
        <message>
            <source>Kyiv city</source>
            <translation>Ville de Kyiv</translation>
        </message>
        <message>
            <source>Kyiv oblast</source>
            <translation>Oblast de Kyiv</translation>
        </message>
        <message>
            <source>Bila Tserkva raion</source>
            <translation>Raïon de Bila Tserkva</translation>
        </message>
        <message>
            <source>Vyshhorod raion</source>
            <translation>Raïon de Vychhorod</translation>
        </message>
        <message>
            <source>Bucha raion</source>
            <translation>Raïon de Boutcha</translation>
        </message>
        <message>
            <source>Obukhiv raion</source>
            <translation>Raïon d'Oboukhiv</translation>
        </message>
        <message>
            <source>Fastiv raion</source>
            <translation>Raïon de Fastiv</translation>
        </message>
        <message>
            <source>Boryspil raion</source>
            <translation>Raïon de Boryspil</translation>
        </message>
        <message>
            <source>Brovary raion</source>
            <translation>Raïon de Brovary</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>your organisation's relay</source>
            <translation>le relais de votre organisation</translation>
        </message>
        <message>
            <source>US Embassy Kyiv</source>
            <translation>Ambassade des États-Unis à Kyiv</translation>
        </message>
        <message>
            <source>UK FCDO</source>
            <translation>FCDO (Royaume-Uni)</translation>
        </message>
        <message>
            <source>US State Dept</source>
            <translation>Département d'État (États-Unis)</translation>
        </message>
        <message>
            <source>Canada</source>
            <translation>Canada</translation>
        </message>
    </context>
    <context>
        <name>LocationBar</name>
        <message>
            <source>Saved places</source>
            <translation>Lieux enregistrés</translation>
        </message>
        <message>
            <source>Switch to one of your saved places</source>
            <translation>Aller à l'un de vos lieux enregistrés</translation>
        </message>
        <message>
            <source>Sa&amp;ve place…</source>
            <translation>Enregistrer le &amp;lieu…</translation>
        </message>
        <message>
            <source>Keep this location as Home, Work, School or any name</source>
            <translation>Garder cette position comme Domicile, Travail, École ou sous un autre nom</translation>
        </message>
        <message>
            <source>Set my &amp;location…</source>
            <translation>Définir ma &amp;position…</translation>
        </message>
        <message>
            <source>Go to an address or a shelter, e.g. Хрещатик 22</source>
            <translation>Aller à une adresse ou un abri, p. ex. Хрещатик 22</translation>
        </message>
        <message>
            <source>Find an address</source>
            <translation>Trouver une adresse</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>&amp;Aller</translation>
        </message>
        <message>
            <source>Search addresses &amp;online</source>
            <translation>Chercher les adresses en &amp;ligne</translation>
        </message>
        <message>
            <source>Sends the address you type (only that, never your position) to OpenStreetMap's Nominatim service. Off: only our own shelter list is searched.</source>
            <translation>Envoie l'adresse saisie (uniquement elle, jamais votre position) au service Nominatim d'OpenStreetMap. Désactivé : seule notre propre liste d'abris est consultée.</translation>
        </message>
        <message>
            <source>Moves my location to a saved place, or opens Manage places.</source>
            <translation>Déplace ma position vers un lieu enregistré, ou ouvre la gestion des lieux.</translation>
        </message>
        <message>
            <source>Save place</source>
            <translation>Enregistrer le lieu</translation>
        </message>
        <message>
            <source>Keeps this location under a name such as Home, Work or School.</source>
            <translation>Garde cette position sous un nom comme Maison, Travail ou École.</translation>
        </message>
        <message>
            <source>Set my location</source>
            <translation>Définir ma position</translation>
        </message>
        <message>
            <source>Opens a dialog to choose a metro station or type coordinates.</source>
            <translation>Ouvre une fenêtre pour choisir une station de métro ou saisir des coordonnées.</translation>
        </message>
        <message>
            <source>Type an address or a shelter's name and press Enter to move my location there.</source>
            <translation>Saisissez une adresse ou le nom d'un abri et appuyez sur Entrée pour y placer ma position.</translation>
        </message>
        <message>
            <source>Go to address</source>
            <translation>Aller à l'adresse</translation>
        </message>
        <message>
            <source>Searches for the typed address or shelter.</source>
            <translation>Cherche l'adresse ou l'abri saisi.</translation>
        </message>
        <message>
            <source>Search addresses online</source>
            <translation>Chercher les adresses en ligne</translation>
        </message>
        <message>
            <source>Also sends the typed address, never your position, to OpenStreetMap's Nominatim.</source>
            <translation>Envoie aussi l'adresse saisie, jamais votre position, à Nominatim d'OpenStreetMap.</translation>
        </message>
        <message>
            <source>My location is not set: distances are from the city centre (Maidan Nezalezhnosti).</source>
            <translation>Ma position n'est pas définie : les distances partent du centre-ville (Maïdan Nezalejnosti).</translation>
        </message>
        <message>
            <source>a point I chose</source>
            <translation>un point que j'ai choisi</translation>
        </message>
        <message>
            <source>My location: %1 (%2, %3)</source>
            <translation>Ma position : %1 (%2, %3)</translation>
        </message>
        <message>
            <source>My places…</source>
            <translation>Mes lieux…</translation>
        </message>
        <message>
            <source>No saved places</source>
            <translation>Aucun lieu enregistré</translation>
        </message>
        <message>
            <source>Manage places…</source>
            <translation>Gérer les lieux…</translation>
        </message>
        <message>
            <source>Nothing found</source>
            <translation>Aucun résultat</translation>
        </message>
    </context>
    <context>
        <name>LocationDialog</name>
        <message>
            <source>My location</source>
            <translation>Ma position</translation>
        </message>
        <message>
            <source>Near a &amp;metro station</source>
            <translation>Près d'une station de &amp;métro</translation>
        </message>
        <message>
            <source>Metro station</source>
            <translation>Station de métro</translation>
        </message>
        <message>
            <source>At &amp;coordinates</source>
            <translation>Aux &amp;coordonnées</translation>
        </message>
        <message>
            <source>Coordinates</source>
            <translation>Coordonnées</translation>
        </message>
        <message>
            <source>latitude, longitude, e.g. 50.4501, 30.5234</source>
            <translation>latitude, longitude, p. ex. 50.4501, 30.5234</translation>
        </message>
        <message>
            <source>Your location is kept on this computer only.</source>
            <translation>Votre position reste uniquement sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Near a metro station</source>
            <translation>Près d'une station de métro</translation>
        </message>
        <message>
            <source>Uses the chosen metro station as my location.</source>
            <translation>Utilise la station de métro choisie comme ma position.</translation>
        </message>
        <message>
            <source>Type the first letters to jump to a station.</source>
            <translation>Tapez les premières lettres pour aller à une station.</translation>
        </message>
        <message>
            <source>At coordinates</source>
            <translation>À des coordonnées</translation>
        </message>
        <message>
            <source>Uses the typed latitude and longitude as my location.</source>
            <translation>Utilise la latitude et la longitude saisies comme ma position.</translation>
        </message>
        <message>
            <source>Latitude and longitude in degrees, separated by a comma, e.g. 50.4501, 30.5234.</source>
            <translation>Latitude et longitude en degrés, séparées par une virgule, p. ex. 50.4501, 30.5234.</translation>
        </message>
        <message>
            <source>Sets my location and closes this dialog.</source>
            <translation>Définit ma position et ferme cette fenêtre.</translation>
        </message>
        <message>
            <source>Closes this dialog and keeps my location as it was.</source>
            <translation>Ferme cette fenêtre sans changer ma position.</translation>
        </message>
        <message>
            <source>Type latitude and longitude in degrees, separated by a comma.</source>
            <translation>Saisissez la latitude et la longitude en degrés, séparées par une virgule.</translation>
        </message>
        <message>
            <source>This point is outside Kyiv: distances will be long.</source>
            <translation>Ce point est hors de Kyiv : les distances seront longues.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>shelterapp — Kyiv shelters</source>
            <translation>shelterapp — abris de Kyiv</translation>
        </message>
        <message>
            <source>&amp;Shelters</source>
            <translation>&amp;Abris</translation>
        </message>
        <message>
            <source>&amp;Preparedness</source>
            <translation>Se &amp;préparer</translation>
        </message>
        <message>
            <source>&amp;Advisories</source>
            <translation>A&amp;vis</translation>
        </message>
        <message>
            <source>Alert &amp;history</source>
            <translation>&amp;Historique des alertes</translation>
        </message>
        <message>
            <source>Sections</source>
            <translation>Sections</translation>
        </message>
        <message>
            <source>Switches between the parts of the window; Alt with a tab's underlined letter opens that tab.</source>
            <translation>Passe d'une partie de la fenêtre à l'autre ; Alt avec la lettre soulignée d'un onglet ouvre cet onglet.</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Dismiss message</source>
            <translation>Fermer le message</translation>
        </message>
        <message>
            <source>Hides the message beside it; the log keeps its detail.</source>
            <translation>Masque le message voisin ; le journal en garde le détail.</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>&amp;Import shelter list…</source>
            <translation>&amp;Importer une liste d'abris…</translation>
        </message>
        <message>
            <source>&amp;Update shelters…</source>
            <translation>&amp;Mettre à jour les abris…</translation>
        </message>
        <message>
            <source>&amp;Export history…</source>
            <translation>&amp;Exporter l'historique…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>&amp;Réglages</translation>
        </message>
        <message>
            <source>Set my &amp;location…</source>
            <translation>Définir ma &amp;position…</translation>
        </message>
        <message>
            <source>My &amp;places…</source>
            <translation>Mes &amp;lieux…</translation>
        </message>
        <message>
            <source>&amp;Alert sources…</source>
            <translation>&amp;Sources d'alerte…</translation>
        </message>
        <message>
            <source>Alarm and &amp;quiet hours…</source>
            <translation>&amp;Alarme et heures calmes…</translation>
        </message>
        <message>
            <source>Lan&amp;guage</source>
            <translation>&amp;Langue</translation>
        </message>
        <message>
            <source>&amp;System language</source>
            <translation>Langue du &amp;système</translation>
        </message>
        <message>
            <source>Run a &amp;drill</source>
            <translation>Lancer un &amp;exercice</translation>
        </message>
        <message>
            <source>&amp;Print shelter plan…</source>
            <translation>Im&amp;primer le plan des abris…</translation>
        </message>
        <message>
            <source>Save shelter plan as P&amp;DF…</source>
            <translation>Enregistrer le plan des abris en P&amp;DF…</translation>
        </message>
        <message>
            <source>High &amp;contrast</source>
            <translation>&amp;Contraste élevé</translation>
        </message>
        <message>
            <source>Start with my &amp;session</source>
            <translation>Démarrer avec ma &amp;session</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Ai&amp;de</translation>
        </message>
        <message>
            <source>&amp;About shelterapp</source>
            <translation>À &amp;propos de shelterapp</translation>
        </message>
        <message>
            <source>Import shelter list</source>
            <translation>Importer une liste d'abris</translation>
        </message>
        <message>
            <source>Shelter lists (*.csv *.xlsx *.json *.geojson *.kml *.kmz);;All files (*)</source>
            <translation>Listes d'abris (*.csv *.xlsx *.json *.geojson *.kml *.kmz);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Restart shelterapp now to show it in the new language?</source>
            <translation>Redémarrer shelterapp maintenant pour l'afficher dans la nouvelle langue ?</translation>
        </message>
        <message>
            <source>&amp;Restart now</source>
            <translation>&amp;Redémarrer maintenant</translation>
        </message>
        <message>
            <source>&amp;Later</source>
            <translation>Plus &amp;tard</translation>
        </message>
        <message>
            <source>About shelterapp</source>
            <translation>À propos de shelterapp</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;shelterapp %1&lt;/b&gt;: Kyiv shelters and air-raid alerts, offline first.&lt;/p&gt;&lt;p&gt;Data: %2&lt;/p&gt;&lt;p&gt;In an emergency call 112.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;shelterapp %1&lt;/b&gt; : abris et alertes aériennes de Kyiv, pensé d'abord pour le hors-ligne.&lt;/p&gt;&lt;p&gt;Données : %2&lt;/p&gt;&lt;p&gt;En cas d'urgence, appelez le 112.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Your settings file could not be read and was set aside as %1; defaults are in use.</source>
            <translation>Votre fichier de réglages était illisible et a été mis de côté sous %1 ; les réglages par défaut sont utilisés.</translation>
        </message>
        <message>
            <source>The shelter database was damaged and set aside as %1; the built-in list is in use.</source>
            <translation>La base des abris était endommagée et a été mise de côté sous %1 ; la liste intégrée est utilisée.</translation>
        </message>
        <message>
            <source>config.toml: %1</source>
            <translation>config.toml : %1</translation>
        </message>
    </context>
    <context>
        <name>MapView</name>
        <message>
            <source>Map of shelters</source>
            <translation>Carte des abris</translation>
        </message>
        <message>
            <source>Shelters, saved places and your position on a map. Arrow keys move the map, plus and minus zoom. The shelter list shows the same shelters.</source>
            <translation>Abris, lieux enregistrés et votre position sur une carte. Les flèches déplacent la carte, plus et moins zooment. La liste montre les mêmes abris.</translation>
        </message>
        <message>
            <source>%1 km</source>
            <translation>%1 km</translation>
        </message>
        <message>
            <source>%1 m</source>
            <translation>%1 m</translation>
        </message>
        <message>
            <source>© OpenStreetMap contributors</source>
            <translation>© les contributeurs d'OpenStreetMap</translation>
        </message>
        <message>
            <source>Offline: map tiles are not available; shelters are shown without the map</source>
            <translation>Hors ligne : les tuiles de carte ne sont pas disponibles ; les abris sont affichés sans la carte</translation>
        </message>
    </context>
    <context>
        <name>PlacesController</name>
        <message>
            <source>Address search is not available now (%1); shelters that match:</source>
            <translation>La recherche d'adresses n'est pas disponible pour l'instant (%1) ; abris correspondants :</translation>
        </message>
    </context>
    <context>
        <name>PlacesDialog</name>
        <message>
            <source>Home</source>
            <translation>Domicile</translation>
        </message>
        <message>
            <source>Work</source>
            <translation>Travail</translation>
        </message>
        <message>
            <source>School</source>
            <translation>École</translation>
        </message>
        <message>
            <source>Save place</source>
            <translation>Enregistrer le lieu</translation>
        </message>
        <message>
            <source>Name of this place (Home, Work, School or any name):</source>
            <translation>Nom de ce lieu (Domicile, Travail, École ou autre) :</translation>
        </message>
        <message>
            <source>My places</source>
            <translation>Mes lieux</translation>
        </message>
        <message>
            <source>Saved places and their nearest shelter</source>
            <translation>Lieux enregistrés et leur abri le plus proche</translation>
        </message>
        <message>
            <source>Choose a place with the arrow keys; Enter goes there.</source>
            <translation>Choisissez un lieu avec les flèches ; Entrée y va.</translation>
        </message>
        <message>
            <source>&amp;Go there</source>
            <translation>&amp;Y aller</translation>
        </message>
        <message>
            <source>&amp;Rename…</source>
            <translation>&amp;Renommer…</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Supprimer</translation>
        </message>
        <message>
            <source>Go there</source>
            <translation>Y aller</translation>
        </message>
        <message>
            <source>Moves my location to the chosen place.</source>
            <translation>Déplace ma position vers le lieu choisi.</translation>
        </message>
        <message>
            <source>Gives the chosen place a new name.</source>
            <translation>Donne un nouveau nom au lieu choisi.</translation>
        </message>
        <message>
            <source>Delete place</source>
            <translation>Supprimer le lieu</translation>
        </message>
        <message>
            <source>Removes the chosen place from my places.</source>
            <translation>Retire le lieu choisi de mes lieux.</translation>
        </message>
        <message>
            <source>Closes this dialog and keeps the changes made.</source>
            <translation>Ferme cette fenêtre en gardant les modifications.</translation>
        </message>
        <message>
            <source>Save a place with “Save place…” next to your location.</source>
            <translation>Enregistrez un lieu avec « Enregistrer le lieu… » à côté de votre position.</translation>
        </message>
        <message>
            <source>no shelter with a known position</source>
            <translation>aucun abri de position connue</translation>
        </message>
        <message>
            <source>nearest: %1, %2, %3</source>
            <translation>le plus proche : %1, %2, %3</translation>
        </message>
        <message>
            <source>Rename place</source>
            <translation>Renommer le lieu</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Nouveau nom :</translation>
        </message>
    </context>
    <context>
        <name>PlanController</name>
        <message>
            <source>No shelter is known within 15 km of your location, so there is no plan to print.</source>
            <translation>Aucun abri connu à moins de 15 km de votre position : il n'y a pas de plan à imprimer.</translation>
        </message>
        <message>
            <source>Print shelter plan</source>
            <translation>Imprimer le plan des abris</translation>
        </message>
        <message>
            <source>The shelter plan went to the printer.</source>
            <translation>Le plan des abris a été envoyé à l'imprimante.</translation>
        </message>
        <message>
            <source>Save shelter plan as PDF</source>
            <translation>Enregistrer le plan des abris en PDF</translation>
        </message>
        <message>
            <source>shelter-plan.pdf</source>
            <translation>plan-des-abris.pdf</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>Fichiers PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Shelter plan saved as %1.</source>
            <translation>Plan des abris enregistré : %1.</translation>
        </message>
        <message>
            <source>The shelter plan could not be made: %1</source>
            <translation>Le plan des abris n'a pas pu être créé : %1</translation>
        </message>
    </context>
    <context>
        <name>PreparednessController</name>
        <message>
            <source>Your checklists file could not be read and was set aside as %1; the lists start empty.</source>
            <translation>Le fichier de vos listes était illisible et a été mis de côté sous %1 ; les listes repartent de zéro.</translation>
        </message>
        <message>
            <source>Prepare for the next alert: tick what your go-bag already holds in the Preparedness tab.</source>
            <translation>Préparez la prochaine alerte : cochez dans l'onglet « Se préparer » ce que contient déjà votre sac d'urgence.</translation>
        </message>
        <message numerus="yes">
            <source>It is %n day(s) since you last checked your go-bag: see the Preparedness tab.</source>
            <translation>
                <numerusform>Vous n'avez pas vérifié votre sac d'urgence depuis %n jour : voir l'onglet « Se préparer ».</numerusform>
                <numerusform>Vous n'avez pas vérifié votre sac d'urgence depuis %n jours : voir l'onglet « Se préparer ».</numerusform>
            </translation>
        </message>
        <message>
            <source>Your checklists could not be saved: %1</source>
            <translation>Impossible d'enregistrer vos listes : %1</translation>
        </message>
    </context>
    <context>
        <name>PreparednessView</name>
        <message>
            <source>What to do when the siren sounds</source>
            <translation>Que faire quand la sirène retentit</translation>
        </message>
        <message>
            <source>Steps to take when an air-raid alert starts and when no shelter can be reached.</source>
            <translation>Ce qu'il faut faire au début d'une alerte aérienne et quand aucun abri n'est accessible.</translation>
        </message>
        <message>
            <source>After the all clear</source>
            <translation>Après la fin d'alerte</translation>
        </message>
        <message>
            <source>What to do once the official all clear is given.</source>
            <translation>Ce qu'il faut faire après la fin d'alerte officielle.</translation>
        </message>
        <message>
            <source>Checklists</source>
            <translation>Listes de contrôle</translation>
        </message>
        <message>
            <source>I &amp;checked my lists today</source>
            <translation>J'ai &amp;vérifié mes listes aujourd'hui</translation>
        </message>
        <message>
            <source>Mark the checklists as reviewed</source>
            <translation>Marquer les listes comme vérifiées</translation>
        </message>
        <message>
            <source>Records today as the date you last checked your go-bag and home supplies.</source>
            <translation>Enregistre aujourd'hui comme date de votre dernière vérification du sac d'urgence et des réserves.</translation>
        </message>
        <message>
            <source>Go-bag and home items. Press Space to tick or untick the selected item; ticks are saved.</source>
            <translation>Articles du sac d'urgence et de la maison. Espace coche ou décoche l'article sélectionné ; les coches sont enregistrées.</translation>
        </message>
        <message>
            <source>Emergency numbers</source>
            <translation>Numéros d'urgence</translation>
        </message>
        <message>
            <source>My contacts</source>
            <translation>Mes contacts</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Your own emergency contacts, kept on this computer. Press F2 to edit a cell.</source>
            <translation>Vos propres contacts d'urgence, gardés sur cet ordinateur. F2 pour modifier une cellule.</translation>
        </message>
        <message>
            <source>A&amp;dd contact</source>
            <translation>&amp;Ajouter un contact</translation>
        </message>
        <message>
            <source>Add contact</source>
            <translation>Ajouter un contact</translation>
        </message>
        <message>
            <source>Adds a row; type the name, then the phone number.</source>
            <translation>Ajoute une ligne ; saisissez le nom, puis le numéro de téléphone.</translation>
        </message>
        <message>
            <source>&amp;Remove contact</source>
            <translation>&amp;Supprimer le contact</translation>
        </message>
        <message>
            <source>Remove contact</source>
            <translation>Supprimer le contact</translation>
        </message>
        <message>
            <source>Removes the selected contact.</source>
            <translation>Supprime le contact sélectionné.</translation>
        </message>
        <message>
            <source>You have not reviewed these lists yet. Check them once a month.</source>
            <translation>Vous n'avez pas encore vérifié ces listes. Vérifiez-les une fois par mois.</translation>
        </message>
        <message>
            <source>Reviewed today. Next review in a month.</source>
            <translation>Vérifié aujourd'hui. Prochaine vérification dans un mois.</translation>
        </message>
        <message numerus="yes">
            <source>Last reviewed %n day(s) ago.</source>
            <translation>
                <numerusform>Dernière vérification il y a %n jour.</numerusform>
                <numerusform>Dernière vérification il y a %n jours.</numerusform>
            </translation>
        </message>
        <message>
            <source>Time for the monthly check: food, water and medicines expire, batteries run down.</source>
            <translation>C'est l'heure de la vérification mensuelle : nourriture, eau et médicaments périment, les piles se déchargent.</translation>
        </message>
        <message>
            <source>Ready: %1 of %2 items</source>
            <translation>Prêt : %1 articles sur %2</translation>
        </message>
    </context>
    <context>
        <name>QuietController</name>
        <message>
            <source>Quiet until %1: a soft sound, no full screen</source>
            <translation>Calme jusqu'à %1 : son doux, pas de plein écran</translation>
        </message>
    </context>
    <context>
        <name>ShelterPlan</name>
        <message>
            <source>Shelter plan</source>
            <translation>Plan des abris</translation>
        </message>
        <message>
            <source>Shelter plan: %1</source>
            <translation>Plan des abris : %1</translation>
        </message>
        <message>
            <source>The shelters nearest to %1, %2. Printed on %3.</source>
            <translation>Les abris les plus proches de %1, %2. Imprimé le %3.</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>N°</translation>
        </message>
        <message>
            <source>Shelter and address</source>
            <translation>Abri et adresse</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Step-free</source>
            <translation>Sans marches</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Horaires</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Distance</source>
            <translation>Distance</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>À pied</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <source>Open 24/7</source>
            <translation>Ouvert 24 h/24</translation>
        </message>
        <message>
            <source>%1 m</source>
            <translation>%1 m</translation>
        </message>
        <message>
            <source>%1 km</source>
            <translation>%1 km</translation>
        </message>
        <message>
            <source>≈ %1 min</source>
            <translation>≈ %1 min</translation>
        </message>
        <message>
            <source>Walking times are estimates (4.5 km/h, with a detour allowance); the way through streets may be longer.</source>
            <translation>Les temps à pied sont des estimations (4,5 km/h, détours compris) ; le trajet par les rues peut être plus long.</translation>
        </message>
        <message>
            <source>Emergency numbers</source>
            <translation>Numéros d'urgence</translation>
        </message>
        <message>
            <source>The numbers on the map are the rows of the list.</source>
            <translation>Les numéros sur la carte renvoient aux lignes de la liste.</translation>
        </message>
        <message>
            <source>The star is the place of this plan.</source>
            <translation>L'étoile marque le lieu de ce plan.</translation>
        </message>
        <message>
            <source>No saved map of this area: shelters shown without streets</source>
            <translation>Pas de carte enregistrée pour ce secteur : abris affichés sans les rues</translation>
        </message>
        <message>
            <source>Map: © OpenStreetMap contributors</source>
            <translation>Carte : © les contributeurs d'OpenStreetMap</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Données</translation>
        </message>
        <message>
            <source>%1 (%2), data of %3</source>
            <translation>%1 (%2), données du %3</translation>
        </message>
        <message>
            <source>%1, data of %2</source>
            <translation>%1, données du %2</translation>
        </message>
        <message>
            <source>Kyiv Metro stations: written by shelterapp from public knowledge, positions approximate</source>
            <translation>Stations du métro de Kyiv : rédigées par shelterapp à partir de sources publiques, positions approximatives</translation>
        </message>
        <message>
            <source>Made with shelterapp %1. Shelters change: check the list again before you rely on it.</source>
            <translation>Créé avec shelterapp %1. Les abris changent : vérifiez de nouveau la liste avant de vous y fier.</translation>
        </message>
        <message>
            <source>Metro station</source>
            <translation>Station de métro</translation>
        </message>
        <message>
            <source>Civil defence shelter</source>
            <translation>Abri de protection civile</translation>
        </message>
        <message>
            <source>Radiation shelter</source>
            <translation>Abri antiradiation</translation>
        </message>
        <message>
            <source>Simplest shelter</source>
            <translation>Abri simple</translation>
        </message>
        <message>
            <source>Other shelter</source>
            <translation>Autre abri</translation>
        </message>
    </context>
    <context>
        <name>ShelterTableModel</name>
        <message>
            <source>Shelter</source>
            <translation>Abri</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Distance</source>
            <translation>Distance</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>À pied</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>District</source>
            <translation>Arrondissement</translation>
        </message>
        <message>
            <source>No position yet: find it by its address</source>
            <translation>Pas encore de position : trouvez-le par son adresse</translation>
        </message>
    </context>
    <context>
        <name>ShelterTimerBar</name>
        <message>
            <source>I am &amp;in a shelter</source>
            <translation>Je suis à l'&amp;abri</translation>
        </message>
        <message>
            <source>I am in a shelter</source>
            <translation>Je suis à l'abri</translation>
        </message>
        <message>
            <source>Stops the timer for this alert and records that you reached a shelter.</source>
            <translation>Arrête le minuteur de cette alerte et note que vous avez atteint un abri.</translation>
        </message>
        <message>
            <source>Time to shelter</source>
            <translation>Temps jusqu'à l'abri</translation>
        </message>
    </context>
    <context>
        <name>SheltersView</name>
        <message>
            <source>Shelters, nearest first</source>
            <translation>Abris, les plus proches d'abord</translation>
        </message>
        <message>
            <source>Arrow keys choose a shelter: its details and the map follow. Ctrl+C copies its address.</source>
            <translation>Les flèches choisissent un abri : ses détails et la carte suivent. Ctrl+C copie son adresse.</translation>
        </message>
    </context>
    <context>
        <name>SourcesController</name>
        <message>
            <source>ok</source>
            <translation>ok</translation>
        </message>
    </context>
    <context>
        <name>SourcesDialog</name>
        <message>
            <source>Alert sources</source>
            <translation>Sources d'alerte</translation>
        </message>
        <message>
            <source>siren.pp.ua works without an account. For a second, independent feed enter your own key: Ukraine Alarm (api.ukrainealarm.com) or alerts.in.ua. Keys are never written to files or logs.</source>
            <translation>siren.pp.ua fonctionne sans compte. Pour un second flux indépendant, saisissez votre propre clé : Ukraine Alarm (api.ukrainealarm.com) ou alerts.in.ua. Les clés ne sont jamais écrites dans des fichiers ni dans les journaux.</translation>
        </message>
        <message>
            <source>No system keyring is available: keys are kept only until shelterapp quits.</source>
            <translation>Aucun trousseau système n'est disponible : les clés ne sont gardées que jusqu'à la fermeture de shelterapp.</translation>
        </message>
        <message>
            <source>Ukraine Alarm key</source>
            <translation>Clé Ukraine Alarm</translation>
        </message>
        <message>
            <source>alerts.in.ua token</source>
            <translation>Jeton alerts.in.ua</translation>
        </message>
        <message>
            <source>Relay password</source>
            <translation>Mot de passe du relais</translation>
        </message>
        <message>
            <source>Your own key for this feed; it is kept in the system keyring, never in a file.</source>
            <translation>Votre propre clé pour ce flux ; elle est gardée dans le trousseau du système, jamais dans un fichier.</translation>
        </message>
        <message>
            <source>The password of your organisation's relay account (config.toml names the broker and the user); kept in the system keyring, never in a file.</source>
            <translation>Le mot de passe du compte relais de votre organisation (config.toml indique le broker et l'utilisateur) ; conservé dans le trousseau du système, jamais dans un fichier.</translation>
        </message>
        <message>
            <source>set: leave as is, or type a new one</source>
            <translation>définie : laissez-la telle quelle ou saisissez-en une nouvelle</translation>
        </message>
        <message>
            <source>&amp;Quiet notice when a raion next to Kyiv is alerted and the city is not</source>
            <translation>Avis &amp;discret quand un raïon voisin de Kyiv est en alerte et la ville non</translation>
        </message>
        <message>
            <source>Notice for the raions next to Kyiv</source>
            <translation>Avis pour les raïons voisins de Kyiv</translation>
        </message>
        <message>
            <source>For Kyiv city: a normal notification, without alarm, when Brovary, Boryspil, Bucha, Vyshhorod, Obukhiv, Fastiv or Bila Tserkva raion is alerted while the city is clear.</source>
            <translation>Pour la ville de Kyiv : une notification normale, sans alarme, quand le raïon de Brovary, Boryspil, Boutcha, Vychhorod, Oboukhiv, Fastiv ou Bila Tserkva est en alerte alors que la ville ne l'est pas.</translation>
        </message>
        <message>
            <source>Set by [alerts] nearby in config.toml.</source>
            <translation>Fixé par [alerts] nearby dans config.toml.</translation>
        </message>
        <message>
            <source>Keeps the keys and regions, and restarts the feeds.</source>
            <translation>Enregistre les clés et les régions, et relance les flux.</translation>
        </message>
        <message>
            <source>Closes this dialog without changing anything.</source>
            <translation>Ferme cette fenêtre sans rien changer.</translation>
        </message>
        <message>
            <source>Alert me for</source>
            <translation>M'alerter pour</translation>
        </message>
        <message>
            <source>Alerts for this region are shown and notified.</source>
            <translation>Les alertes de cette région sont affichées et notifiées.</translation>
        </message>
        <message>
            <source>Set by [alerts] regions in config.toml.</source>
            <translation>Défini par [alerts] regions dans config.toml.</translation>
        </message>
    </context>
    <context>
        <name>TimerController</name>
        <message>
            <source>◷ %1 since the alert began</source>
            <translation>◷ %1 depuis le début de l'alerte</translation>
        </message>
        <message>
            <source>nearest shelter %1: %2, %3 on foot</source>
            <translation>abri le plus proche %1 : %2, %3 à pied</translation>
        </message>
        <message>
            <source>✓ In a shelter since %1, %2 after the alert began. Stay until the all clear.</source>
            <translation>✓ À l'abri depuis %1, %2 après le début de l'alerte. Restez-y jusqu'à la fin d'alerte.</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Nearest shelters</source>
            <translation>Abris les plus proches</translation>
        </message>
        <message>
            <source>&amp;Show window</source>
            <translation>&amp;Afficher la fenêtre</translation>
        </message>
        <message>
            <source>Start &amp;with my session</source>
            <translation>Lancer &amp;avec ma session</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>I am &amp;in a shelter</source>
            <translation>Je suis à l'&amp;abri</translation>
        </message>
        <message>
            <source>Quiet for 1 &amp;hour</source>
            <translation>&amp;Silence pendant 1 heure</translation>
        </message>
        <message>
            <source>Quiet until &amp;morning</source>
            <translation>Silence jusqu'au &amp;matin</translation>
        </message>
        <message>
            <source>Sound alerts &amp;again</source>
            <translation>&amp;Réactiver le son des alertes</translation>
        </message>
        <message>
            <source>no alert feed configured</source>
            <translation>aucun flux d'alerte configuré</translation>
        </message>
        <message>
            <source>Nearest shelters to %1</source>
            <translation>Abris les plus proches de « %1 »</translation>
        </message>
        <message>
            <source>(no shelter with a known position)</source>
            <translation>(aucun abri de position connue)</translation>
        </message>
    </context>
</TS>
