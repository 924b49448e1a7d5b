<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
    <context>
        <name>AdvisoriesPane</name>
        <message>
            <source>Date</source>
            <translation>Дата</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Джерело</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Заголовок</translation>
        </message>
        <message>
            <source>Official advisories, newest first</source>
            <translation>Офіційні попередження, нові першими</translation>
        </message>
        <message>
            <source>Choose an advisory with the arrow keys to read it beside the list.</source>
            <translation>Виберіть рекомендацію стрілками, щоб прочитати її поруч зі списком.</translation>
        </message>
        <message>
            <source>Advisory text</source>
            <translation>Текст попередження</translation>
        </message>
        <message>
            <source>The chosen advisory's source, date and text, read-only.</source>
            <translation>Джерело, дата й текст вибраної рекомендації, лише для читання.</translation>
        </message>
        <message>
            <source>&amp;Open in browser</source>
            <translation>&amp;Відкрити в браузері</translation>
        </message>
        <message>
            <source>Open in browser</source>
            <translation>Відкрити в браузері</translation>
        </message>
        <message>
            <source>Opens the chosen advisory's page in your web browser.</source>
            <translation>Відкриває сторінку вибраної рекомендації у вашому браузері.</translation>
        </message>
        <message>
            <source>No advisories yet. They appear here when the official feeds can be read.</source>
            <translation>Попереджень поки немає. Вони з'являться тут, щойно вдасться прочитати офіційні джерела.</translation>
        </message>
    </context>
    <context>
        <name>AlarmDialog</name>
        <message>
            <source>Alarm and quiet hours</source>
            <translation>Сирена й тихі години</translation>
        </message>
        <message>
            <source>Locked values are set in config.toml ([alerts]).</source>
            <translation>Заблоковані значення задано в config.toml ([alerts]).</translation>
        </message>
        <message>
            <source>Keeps these choices.</source>
            <translation>Зберігає ці налаштування.</translation>
        </message>
        <message>
            <source>Closes this dialog without changing anything.</source>
            <translation>Закриває це вікно, нічого не змінюючи.</translation>
        </message>
        <message>
            <source>Alarm sound</source>
            <translation>Сирена</translation>
        </message>
        <message>
            <source>Play a siren when an alert starts</source>
            <translation>Вмикати сирену на початку тривоги</translation>
        </message>
        <message>
            <source>The app plays its own siren when an air-raid alert starts.</source>
            <translation>Застосунок сам вмикає сирену, щойно починається повітряна тривога.</translation>
        </message>
        <message>
            <source>Volume</source>
            <translation>Гучність</translation>
        </message>
        <message>
            <source>How loud the siren plays, from 10 to 100 per cent.</source>
            <translation>Наскільки гучно звучить сирена: від 10 до 100 відсотків.</translation>
        </message>
        <message>
            <source>&amp;Test the siren</source>
            <translation>&amp;Перевірити сирену</translation>
        </message>
        <message>
            <source>Test the siren</source>
            <translation>Перевірити сирену</translation>
        </message>
        <message>
            <source>Plays the siren once at this volume.</source>
            <translation>Один раз програє сирену з цією гучністю.</translation>
        </message>
        <message>
            <source>Volume:</source>
            <translation>Гучність:</translation>
        </message>
        <message>
            <source>Repeat until I press “I am in a shelter” or “Dismiss”, or the all clear</source>
            <translation>Повторювати, доки я не натисну «Я в укритті» чи «Закрити» або не буде відбою</translation>
        </message>
        <message>
            <source>Repeat the siren</source>
            <translation>Повторювати сирену</translation>
        </message>
        <message>
            <source>Off: the siren plays once.</source>
            <translation>Якщо вимкнено, сирена звучить один раз.</translation>
        </message>
        <message>
            <source>Sound player: %1.</source>
            <translation>Програвач звуку: %1.</translation>
        </message>
        <message>
            <source>No sound player found: install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). Until then an alert has only the notification's own sound.</source>
            <translation>Не знайдено програвача звуку: встановіть pipewire-bin або pulseaudio-utils (для чистої ALSA — alsa-utils). Доти під час тривоги звучатиме лише звук самого сповіщення.</translation>
        </message>
        <message>
            <source>Full-screen alert</source>
            <translation>Тривога на весь екран</translation>
        </message>
        <message>
            <source>Fill every screen when an alert starts</source>
            <translation>Показувати тривогу на всіх екранах на її початку</translation>
        </message>
        <message>
            <source>A red window on every screen: Enter means “I am in a shelter”, Esc closes it.</source>
            <translation>Червоне вікно на кожному екрані: Enter означає «Я в укритті», Esc закриває його.</translation>
        </message>
        <message>
            <source>It stays on top of other windows, full-screen video calls included.</source>
            <translation>Воно лишається поверх інших вікон, навіть поверх відеодзвінків на весь екран.</translation>
        </message>
        <message>
            <source>On this desktop (Wayland) no window can stay on top of the others: the alert fills every screen, but another window can cover it. The critical notification and the siren still come.</source>
            <translation>У цьому середовищі (Wayland) жодне вікно не може лишатися поверх інших: тривога займе всі екрани, але інше вікно може її закрити. Критичне сповіщення й сирена однаково надійдуть.</translation>
        </message>
        <message>
            <source>Quiet hours</source>
            <translation>Тихі години</translation>
        </message>
        <message>
            <source>Quiet from</source>
            <translation>Тихо з</translation>
        </message>
        <message>
            <source>A softer alert every night between these times.</source>
            <translation>Щоночі в цей час тривога тихіша.</translation>
        </message>
        <message>
            <source>Quiet hours start</source>
            <translation>Початок тихих годин</translation>
        </message>
        <message>
            <source>Quiet hours end</source>
            <translation>Кінець тихих годин</translation>
        </message>
        <message>
            <source>to</source>
            <translation>до</translation>
        </message>
        <message>
            <source>During quiet hours, and after “Quiet for 1 hour” or “Quiet until morning” in the tray menu, an alert plays the siren once and softly, and shows no full screen. The critical notification always comes.</source>
            <translation>У тихі години, а також після «Тиша на 1 годину» чи «Тиша до ранку» в меню трею, сирена звучить один раз і тихо, а тривога не займає весь екран. Критичне сповіщення надходить завжди.</translation>
        </message>
        <message>
            <source>A time of day, hours and minutes.</source>
            <translation>Час доби: години й хвилини.</translation>
        </message>
        <message>
            <source>Drill</source>
            <translation>Навчання</translation>
        </message>
        <message>
            <source>Remind me to run a drill once a month</source>
            <translation>Щомісяця нагадувати провести навчання</translation>
        </message>
        <message>
            <source>Drill reminder</source>
            <translation>Нагадування про навчання</translation>
        </message>
        <message>
            <source>A message in the window once a month.</source>
            <translation>Повідомлення у вікні раз на місяць.</translation>
        </message>
        <message>
            <source>Last drill: %1. Run one with Help → Run a drill.</source>
            <translation>Останнє навчання: %1. Провести нове: Довідка → Провести навчання.</translation>
        </message>
        <message>
            <source>No drill yet. Run one with Help → Run a drill.</source>
            <translation>Навчань ще не було. Провести: Довідка → Провести навчання.</translation>
        </message>
    </context>
    <context>
        <name>AlarmPresenter</name>
        <message>
            <source>DRILL: AIR-RAID ALERT</source>
            <translation>НАВЧАННЯ: ПОВІТРЯНА ТРИВОГА</translation>
        </message>
        <message>
            <source>AIR-RAID ALERT</source>
            <translation>ПОВІТРЯНА ТРИВОГА</translation>
        </message>
        <message>
            <source>Since %1 · %2 ago</source>
            <translation>З %1 · минуло %2</translation>
        </message>
        <message>
            <source>Go to the shelter now:</source>
            <translation>Негайно йдіть в укриття:</translation>
        </message>
        <message>
            <source>Go to the nearest shelter now.</source>
            <translation>Негайно йдіть до найближчого укриття.</translation>
        </message>
        <message>
            <source>%1 · %2 on foot</source>
            <translation>%1 · %2 пішки</translation>
        </message>
        <message>
            <source>I am in a shelter (Enter)</source>
            <translation>Я в укритті (Enter)</translation>
        </message>
        <message>
            <source>Dismiss (Esc)</source>
            <translation>Закрити (Esc)</translation>
        </message>
        <message>
            <source>DRILL: NOT A REAL ALERT</source>
            <translation>НАВЧАННЯ: ЦЕ НЕ СПРАВЖНЯ ТРИВОГА</translation>
        </message>
        <message>
            <source>The alarm sound could not be prepared: %1</source>
            <translation>Не вдалося підготувати звук сирени: %1</translation>
        </message>
        <message>
            <source>No sound player was found, so the alarm could not sound: install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). The notification's own sound is used.</source>
            <translation>Не знайдено програвача звуку, тож сирена не пролунала: встановіть pipewire-bin або pulseaudio-utils (для чистої ALSA — alsa-utils). Звучить лише звук сповіщення.</translation>
        </message>
        <message>
            <source>The alarm sound could not play (%1). Is a sound server running?</source>
            <translation>Сирена не змогла пролунати (%1). Чи запущено звуковий сервер?</translation>
        </message>
    </context>
    <context>
        <name>AlertBanner</name>
        <message>
            <source>Alert status</source>
            <translation>Стан тривоги</translation>
        </message>
        <message>
            <source>&lt;b&gt;Checking the alert state…&lt;/b&gt; If you hear a siren, go to the nearest shelter below.</source>
            <translation>&lt;b&gt;Перевіряємо стан тривоги…&lt;/b&gt; Якщо чуєте сирену, йдіть до найближчого укриття зі списку нижче.</translation>
        </message>
        <message>
            <source>&lt;b&gt;Alert status unknown&lt;/b&gt;: no alert feed is configured yet. When the siren sounds, go to the nearest shelter below.</source>
            <translation>&lt;b&gt;Стан тривоги невідомий&lt;/b&gt;: джерело тривог ще не налаштовано. Коли лунає сирена, йдіть до найближчого укриття зі списку нижче.</translation>
        </message>
        <message>
            <source>none</source>
            <translation>жодного</translation>
        </message>
        <message>
            <source>⚠ &lt;b&gt;AIR-RAID ALERT&lt;/b&gt; in %1</source>
            <translation>⚠ &lt;b&gt;ПОВІТРЯНА ТРИВОГА&lt;/b&gt;: %1</translation>
        </message>
        <message>
            <source>since %1 (%2)</source>
            <translation>з %1 (%2)</translation>
        </message>
        <message>
            <source>Go to the shelter now: &lt;b&gt;%1&lt;/b&gt;, %2, %3 on foot.</source>
            <translation>Негайно йдіть в укриття: &lt;b&gt;%1&lt;/b&gt;, %2, %3 пішки.</translation>
        </message>
        <message>
            <source>Sources: %1</source>
            <translation>Джерела: %1</translation>
        </message>
        <message>
            <source>✓ &lt;b&gt;No alert&lt;/b&gt; in %1</source>
            <translation>✓ &lt;b&gt;Тривоги немає&lt;/b&gt;: %1</translation>
        </message>
        <message>
            <source>since %1</source>
            <translation>з %1</translation>
        </message>
        <message>
            <source>? &lt;b&gt;Alert state unknown&lt;/b&gt;: no alert source can be read right now (offline?).</source>
            <translation>? &lt;b&gt;Стан тривоги невідомий&lt;/b&gt;: жодне джерело тривог зараз не відповідає (немає мережі?).</translation>
        </message>
        <message>
            <source>Since %1.</source>
            <translation>З %1.</translation>
        </message>
        <message>
            <source>The last known state was an alert since %1: treat it as still on.</source>
            <translation>Останній відомий стан — тривога з %1: вважайте, що вона триває.</translation>
        </message>
        <message>
            <source>Last known: %1, %2 ago.</source>
            <translation>Останній відомий стан: %1, %2 тому.</translation>
        </message>
        <message>
            <source>If you hear a siren, go to the nearest shelter below.</source>
            <translation>Якщо чуєте сирену, йдіть до найближчого укриття зі списку нижче.</translation>
        </message>
        <message>
            <source>%1: alert</source>
            <translation>%1: тривога</translation>
        </message>
        <message>
            <source>%1: no alert since %2</source>
            <translation>%1: тривоги немає з %2</translation>
        </message>
        <message>
            <source>%1: no alert</source>
            <translation>%1: тривоги немає</translation>
        </message>
        <message>
            <source>Sources disagree about %1 (%2): treat it as an alert.</source>
            <translation>%1: джерела розходяться (%2). Вважайте, що тривога триває.</translation>
        </message>
        <message>
            <source>air raid</source>
            <translation>повітряна тривога</translation>
        </message>
        <message>
            <source>artillery</source>
            <translation>загроза артобстрілу</translation>
        </message>
        <message>
            <source>urban fights</source>
            <translation>вуличні бої</translation>
        </message>
        <message>
            <source>chemical threat</source>
            <translation>хімічна загроза</translation>
        </message>
        <message>
            <source>nuclear threat</source>
            <translation>радіаційна загроза</translation>
        </message>
        <message>
            <source>other threat</source>
            <translation>інша загроза</translation>
        </message>
        <message>
            <source>red level</source>
            <translation>червоний рівень</translation>
        </message>
        <message>
            <source>yellow level (drones)</source>
            <translation>жовтий рівень (дрони)</translation>
        </message>
        <message>
            <source>alert</source>
            <translation>тривога</translation>
        </message>
        <message>
            <source>no alert</source>
            <translation>тривоги немає</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>невідомо</translation>
        </message>
    </context>
    <context>
        <name>AlertPresenter</name>
        <message>
            <source>no alert feed configured</source>
            <translation>джерело тривог не налаштовано</translation>
        </message>
        <message>
            <source>AIR-RAID ALERT since %1</source>
            <translation>ПОВІТРЯНА ТРИВОГА з %1</translation>
        </message>
        <message>
            <source>no alert</source>
            <translation>тривоги немає</translation>
        </message>
        <message>
            <source>alert state unknown (offline)</source>
            <translation>стан тривоги невідомий (немає зв'язку)</translation>
        </message>
        <message>
            <source>Air-raid alert in %1 since %2.</source>
            <translation>Повітряна тривога: %1, з %2.</translation>
        </message>
        <message>
            <source>Nearest shelter: %1, %2, %3 on foot.</source>
            <translation>Найближче укриття: %1, %2, %3 пішки.</translation>
        </message>
        <message>
            <source>AIR-RAID ALERT: go to a shelter</source>
            <translation>ПОВІТРЯНА ТРИВОГА: прямуйте в укриття</translation>
        </message>
        <message>
            <source>Show shelters</source>
            <translation>Показати укриття</translation>
        </message>
        <message>
            <source>All clear</source>
            <translation>Відбій тривоги</translation>
        </message>
        <message>
            <source>No alert in Kyiv city for now. Know your way to the nearest shelter.</source>
            <translation>У Києві тривоги поки немає. Згадайте, як дійти до найближчого укриття.</translation>
        </message>
        <message>
            <source>Alert in %1, next to Kyiv: be ready</source>
            <translation>Тривога: %1, поруч із Києвом. Будьте напоготові</translation>
        </message>
        <message>
            <source>The air-raid alert in %1 is over. It lasted %2.</source>
            <translation>Повітряна тривога (%1) завершилася. Тривала %2.</translation>
        </message>
        <message>
            <source>The air-raid alert in %1 that began at %2 is over. The all-clear came while shelterapp was closed or could not reach any alert feed, so its time is not known: the alert was over at %3.</source>
            <translation>Повітряна тривога (%1), що почалася о %2, завершилася. Відбій оголосили, коли shelterapp був закритий або не мав зв'язку з жодним джерелом тривог, тож його час невідомий: о %3 тривоги вже не було.</translation>
        </message>
        <message>
            <source>The air-raid alert in %1 that began at %2 is over. The all-clear came while shelterapp was closed or could not reach any alert feed, so its time is not known: the alert was still on at %3 and over at %4.</source>
            <translation>Повітряна тривога (%1), що почалася о %2, завершилася. Відбій оголосили, коли shelterapp був закритий або не мав зв'язку з жодним джерелом тривог, тож його час невідомий: о %3 тривога ще тривала, а о %4 її вже не було.</translation>
        </message>
        <message>
            <source>Short alert, already over</source>
            <translation>Коротка тривога, вже завершилася</translation>
        </message>
        <message>
            <source>There was an air-raid alert in %1 from %2 to %3.</source>
            <translation>Була повітряна тривога (%1) з %2 до %3.</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Your settings could not be saved: %1</source>
            <translation>Не вдалося зберегти налаштування: %1</translation>
        </message>
        <message>
            <source>Could not change start with my session: %1</source>
            <translation>Не вдалося змінити автозапуск: %1</translation>
        </message>
        <message>
            <source>Importing %1…</source>
            <translation>Імпорт %1…</translation>
        </message>
        <message>
            <source>%1 was not imported: %2. The previous shelter list is kept.</source>
            <translation>%1 не імпортовано: %2. Попередній список укриттів збережено.</translation>
        </message>
        <message>
            <source>Imported %1 shelters; %2 rows rejected.</source>
            <translation>Імпортовано укриттів: %1; відхилено рядків: %2.</translation>
        </message>
        <message>
            <source>most of its shelters share their position with another</source>
            <translation>більшість укриттів у ньому мають ті самі координати, що й інші</translation>
        </message>
        <message>
            <source>all its shelters lie close to one point</source>
            <translation>усі укриття в ньому зібрані біля однієї точки</translation>
        </message>
        <message>
            <source>most of its rows do not say what kind of shelter they are</source>
            <translation>більшість рядків у ньому не вказують, яке це укриття</translation>
        </message>
        <message>
            <source>Import shelters</source>
            <translation>Імпорт укриттів</translation>
        </message>
        <message>
            <source>This file does not look like a real list of shelters: %1.

Import it anyway?</source>
            <translation>Цей файл не схожий на справжній список укриттів: %1.

Все одно імпортувати?</translation>
        </message>
        <message>
            <source>the file has more than %1 rows, and Kyiv's shelter list has about 5,000</source>
            <translation>у файлі понад %1 рядків, а в списку укриттів Києва їх близько 5 000</translation>
        </message>
        <message>
            <source>The import failed: %1. The previous shelter list is kept.</source>
            <translation>Імпорт не вдався: %1. Попередній список укриттів збережено.</translation>
        </message>
        <message>
            <source>shelterapp could not restart itself; the new language applies the next time it starts.</source>
            <translation>shelterapp не вдалося перезапустити; нова мова з'явиться під час наступного запуску.</translation>
        </message>
    </context>
    <context>
        <name>DataController</name>
        <message>
            <source>%1: %2 shelters updated.</source>
            <translation>%1: оновлено укриттів: %2.</translation>
        </message>
        <message>
            <source>%1: update failed (%2); the previous list is kept.</source>
            <translation>%1: оновити не вдалося (%2); попередній список збережено.</translation>
        </message>
        <message>
            <source>Downloading the shelter lists…</source>
            <translation>Завантажуємо списки укриттів…</translation>
        </message>
        <message>
            <source>Looking up addresses paused: %1. Press Resume to try again.</source>
            <translation>Пошук адрес призупинено: %1. Натисніть «Продовжити», щоб спробувати знову.</translation>
        </message>
    </context>
    <context>
        <name>DataDialog</name>
        <message>
            <source>Shelter data</source>
            <translation>Дані про укриття</translation>
        </message>
        <message>
            <source>Shelter lists in use</source>
            <translation>Списки укриттів, що використовуються</translation>
        </message>
        <message>
            <source>Each list's source, attribution, licence, number of shelters, date of the data and last check.</source>
            <translation>Джерело кожного списку, зазначення авторства, ліцензія, кількість укриттів, дата даних і останньої перевірки.</translation>
        </message>
        <message>
            <source>List</source>
            <translation>Список</translation>
        </message>
        <message>
            <source>Attribution</source>
            <translation>Авторство</translation>
        </message>
        <message>
            <source>Licence</source>
            <translation>Ліцензія</translation>
        </message>
        <message>
            <source>Shelters</source>
            <translation>Укриття</translation>
        </message>
        <message>
            <source>Data of</source>
            <translation>Дані від</translation>
        </message>
        <message>
            <source>Checked</source>
            <translation>Перевірено</translation>
        </message>
        <message>
            <source>&amp;Update now</source>
            <translation>&amp;Оновити зараз</translation>
        </message>
        <message>
            <source>Update now</source>
            <translation>Оновити зараз</translation>
        </message>
        <message>
            <source>Downloads the shelter lists again; a list that fails to download is kept as it was.</source>
            <translation>Знову завантажує списки укриттів; список, який не вдалося завантажити, залишається як був.</translation>
        </message>
        <message>
            <source>Download of the shelter lists</source>
            <translation>Завантаження списків укриттів</translation>
        </message>
        <message>
            <source>How much of the shelter lists has been downloaded.</source>
            <translation>Скільки зі списків укриттів уже завантажено.</translation>
        </message>
        <message>
            <source>Lists are refreshed automatically once a week when the computer is online.</source>
            <translation>Списки оновлюються автоматично раз на тиждень, коли комп'ютер у мережі.</translation>
        </message>
        <message>
            <source>Closes this window; an update or a search for positions goes on in the background.</source>
            <translation>Закриває це вікно; оновлення чи пошук розташувань триває у фоні.</translation>
        </message>
        <message>
            <source>Addresses looked up</source>
            <translation>Знайдено адрес</translation>
        </message>
        <message>
            <source>How many of the addresses have been looked up so far.</source>
            <translation>Скільки адрес уже перевірено.</translation>
        </message>
        <message>
            <source>&amp;Find positions</source>
            <translation>&amp;Знайти розташування</translation>
        </message>
        <message>
            <source>Addresses not found</source>
            <translation>Адреси, яких не знайдено</translation>
        </message>
        <message>
            <source>The addresses that could not be placed; their shelters stay in the list by district and address.</source>
            <translation>Адреси, які не вдалося знайти на мапі; їхні укриття залишаються в списку за районом і адресою.</translation>
        </message>
        <message>
            <source>Positions for addresses</source>
            <translation>Розташування за адресами</translation>
        </message>
        <message>
            <source>Downloading the shelter lists: %1 of %2.</source>
            <translation>Завантажуємо списки укриттів: %1 з %2.</translation>
        </message>
        <message>
            <source>Downloading the shelter lists: %1 so far.</source>
            <translation>Завантажуємо списки укриттів: поки що %1.</translation>
        </message>
        <message numerus="yes">
            <source>Reading the downloaded lists: %n row(s) read.</source>
            <translation>
                <numerusform>Читаємо завантажені списки: прочитано %n рядок.</numerusform>
                <numerusform>Читаємо завантажені списки: прочитано %n рядки.</numerusform>
                <numerusform>Читаємо завантажені списки: прочитано %n рядків.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 kB</source>
            <translation>%1 кБ</translation>
        </message>
        <message>
            <source>%1 MB</source>
            <translation>%1 МБ</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 з %2</translation>
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation>&amp;Продовжити</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>При&amp;зупинити</translation>
        </message>
        <message>
            <source>Starts looking up positions for the addresses, one a second.</source>
            <translation>Починає шукати розташування адрес, по одній на секунду.</translation>
        </message>
        <message>
            <source>Resumes looking up positions where it stopped.</source>
            <translation>Продовжує пошук розташувань з того місця, де він зупинився.</translation>
        </message>
        <message>
            <source>Pauses looking up positions; it can resume later.</source>
            <translation>Призупиняє пошук розташувань; його можна продовжити пізніше.</translation>
        </message>
        <message>
            <source>Find positions</source>
            <translation>Знайти розташування</translation>
        </message>
        <message>
            <source>Every shelter with an address has a position.</source>
            <translation>Усі укриття з адресою мають розташування.</translation>
        </message>
        <message numerus="yes">
            <source>%Ln shelter(s) of the official list have an address but no position. shelterapp can look their official addresses up at %2, one a second (about %3 min; you can pause). Only these public addresses are sent, never your location. Found positions are approximate.</source>
            <translation>
                <numerusform>%Ln укриття з офіційного списку має адресу, але не має розташування. shelterapp може шукати розташування за офіційними адресами через %2, по одній адресі на секунду (приблизно %3 хв; можна призупинити). Надсилаються лише ці публічні адреси, ніколи — ваше розташування. Знайдені розташування приблизні.</numerusform>
                <numerusform>%Ln укриття з офіційного списку мають адресу, але не мають розташування. shelterapp може шукати розташування за офіційними адресами через %2, по одній адресі на секунду (приблизно %3 хв; можна призупинити). Надсилаються лише ці публічні адреси, ніколи — ваше розташування. Знайдені розташування приблизні.</numerusform>
                <numerusform>%Ln укриттів з офіційного списку мають адресу, але не мають розташування. shelterapp може шукати розташування за офіційними адресами через %2, по одній адресі на секунду (приблизно %3 хв; можна призупинити). Надсилаються лише ці публічні адреси, ніколи — ваше розташування. Знайдені розташування приблизні.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not found (%1): they stay in the list by district and address.</source>
            <translation>Не знайдено (%1): вони лишаються у списку за районом і адресою.</translation>
        </message>
    </context>
    <context>
        <name>DataStatus</name>
        <message>
            <source>date unknown</source>
            <translation>дата невідома</translation>
        </message>
        <message>
            <source>today</source>
            <translation>сьогодні</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n день тому</numerusform>
                <numerusform>%n дні тому</numerusform>
                <numerusform>%n днів тому</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln shelter(s)</source>
            <translation>
                <numerusform>%Ln укриття</numerusform>
                <numerusform>%Ln укриття</numerusform>
                <numerusform>%Ln укриттів</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %Ln without a position yet</source>
            <translation>
                <numerusform>, %Ln без розташування</numerusform>
                <numerusform>, %Ln без розташування</numerusform>
                <numerusform>, %Ln без розташування</numerusform>
            </translation>
        </message>
        <message>
            <source>data of %1 (%2)</source>
            <translation>дані від %1 (%2)</translation>
        </message>
        <message>
            <source>Metro stations only, authored by shelterapp; positions approximate. Import the city's official list with File → Import.</source>
            <translation>Лише станції метро, складені shelterapp; розташування приблизні. Імпортуйте офіційний список міста: Файл → Імпортувати.</translation>
        </message>
    </context>
    <context>
        <name>DetailsPane</name>
        <message>
            <source>Distance</source>
            <translation>Відстань</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>Пішки</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Тип</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Адреса</translation>
        </message>
        <message>
            <source>District</source>
            <translation>Район</translation>
        </message>
        <message>
            <source>Capacity</source>
            <translation>Місткість</translation>
        </message>
        <message>
            <source>Step-free access</source>
            <translation>Доступ без сходів</translation>
        </message>
        <message>
            <source>Open 24/7</source>
            <translation>Цілодобово</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Години роботи</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Джерело</translation>
        </message>
        <message>
            <source>&amp;Copy address</source>
            <translation>&amp;Копіювати адресу</translation>
        </message>
        <message>
            <source>Copy the address to paste it into a map or a message</source>
            <translation>Скопіювати адресу, щоб вставити її в карту чи повідомлення</translation>
        </message>
        <message>
            <source>I a&amp;m here</source>
            <translation>Я &amp;тут</translation>
        </message>
        <message>
            <source>Use this shelter's position as my location</source>
            <translation>Вважати місце цього укриття моїм розташуванням</translation>
        </message>
        <message>
            <source>Copy address</source>
            <translation>Копіювати адресу</translation>
        </message>
        <message>
            <source>Copies the selected shelter's address, to paste it into a map or a message.</source>
            <translation>Копіює адресу вибраного укриття, щоб вставити її в мапу чи повідомлення.</translation>
        </message>
        <message>
            <source>I am here</source>
            <translation>Я тут</translation>
        </message>
        <message>
            <source>Uses the selected shelter's position as my location.</source>
            <translation>Використовує розташування вибраного укриття як моє розташування.</translation>
        </message>
        <message>
            <source>Select a shelter in the list to see its details.</source>
            <translation>Виберіть укриття у списку, щоб побачити подробиці.</translation>
        </message>
        <message>
            <source>unknown: no position yet</source>
            <translation>невідома: розташування ще немає</translation>
        </message>
        <message>
            <source> (estimate)</source>
            <translation> (оцінка)</translation>
        </message>
    </context>
    <context>
        <name>Drill</name>
        <message>
            <source>%1 s</source>
            <translation>%1 с</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 хв</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 год</translation>
        </message>
        <message>
            <source>%1 days</source>
            <translation>%1 дн.</translation>
        </message>
        <message>
            <source>Check the network connection.</source>
            <translation>Перевірте підключення до мережі.</translation>
        </message>
        <message>
            <source>The feed is slow or unreachable: check the network, or try again later.</source>
            <translation>Джерело відповідає надто повільно або недоступне: перевірте мережу чи спробуйте пізніше.</translation>
        </message>
        <message>
            <source>The feed refuses too many requests: wait a few minutes; is another copy of the app polling it?</source>
            <translation>Джерело відхиляє надто часті запити: зачекайте кілька хвилин. Можливо, його опитує ще одна копія застосунку?</translation>
        </message>
        <message>
            <source>Check the key in Settings → Alert sources.</source>
            <translation>Перевірте ключ у Налаштування → Джерела тривог.</translation>
        </message>
        <message>
            <source>The feed itself has a problem; add a second feed in Settings → Alert sources.</source>
            <translation>Проблема на боці самого джерела; додайте друге джерело в Налаштування → Джерела тривог.</translation>
        </message>
        <message>
            <source>No alert feed is enabled: the app cannot know of an alert.</source>
            <translation>Не ввімкнено жодного джерела тривог: застосунок не дізнається про тривогу.</translation>
        </message>
        <message>
            <source>Turn siren_pp_ua on again in config.toml ([sources.siren_pp_ua] enabled = true), or enter a key in Settings → Alert sources.</source>
            <translation>Знову ввімкніть siren_pp_ua в config.toml ([sources.siren_pp_ua] enabled = true) або введіть ключ у Налаштування → Джерела тривог.</translation>
        </message>
        <message>
            <source>%1 answered; its data is %2 old.</source>
            <translation>%1 відповідає; дані оновлено %2 тому.</translation>
        </message>
        <message>
            <source>%1 did not answer (%2).</source>
            <translation>%1 не відповідає (%2).</translation>
        </message>
        <message>
            <source>%1 is stale: its newest data is %2 old.</source>
            <translation>%1 застаріло: найсвіжіші дані отримано %2 тому.</translation>
        </message>
        <message>
            <source>Its newest data is %1 old.</source>
            <translation>Найсвіжіші дані отримано %1 тому.</translation>
        </message>
        <message>
            <source>%1 has given no data yet.</source>
            <translation>%1 ще не надало жодних даних.</translation>
        </message>
        <message>
            <source>Advisory feeds that did not answer: %1.</source>
            <translation>Джерела рекомендацій, що не відповіли: %1.</translation>
        </message>
        <message>
            <source>Until it answers, an alert may reach you late: listen for the sirens.</source>
            <translation>Доки воно не відповідає, про тривогу можна дізнатися із запізненням: слухайте сирени.</translation>
        </message>
        <message>
            <source>Update the shelter list with File → Update shelters (shelterapp-cli update), or import the city's list with File → Import.</source>
            <translation>Оновіть список укриттів: Файл → Оновити укриття (shelterapp-cli update) або імпортуйте міський список: Файл → Імпортувати.</translation>
        </message>
        <message>
            <source>The shelter list cannot be read: %1.</source>
            <translation>Не вдається прочитати список укриттів: %1.</translation>
        </message>
        <message>
            <source>No shelter with a known position: the nearest one cannot be shown.</source>
            <translation>Немає жодного укриття з відомим розташуванням: найближче показати неможливо.</translation>
        </message>
        <message>
            <source>%1 shelters, %2 with a position; data of %3.</source>
            <translation>Укриттів: %1, з них із розташуванням: %2; дані від %3.</translation>
        </message>
        <message>
            <source>Nearest: %1.</source>
            <translation>Найближче: %1.</translation>
        </message>
        <message>
            <source>Only the built-in metro list is here.</source>
            <translation>Є лише вбудований список станцій метро.</translation>
        </message>
        <message>
            <source>The list is %1 days old.</source>
            <translation>Список не оновлювався %1 дн.</translation>
        </message>
        <message>
            <source>Install a notification service (your desktop's own, dunst or xfce4-notifyd); until then an alert reaches you through the window, the full screen and the sound.</source>
            <translation>Встановіть службу сповіщень (вбудовану у ваше середовище, dunst чи xfce4-notifyd); доти тривога дійде до вас через вікно застосунку, повноекранне попередження та звук.</translation>
        </message>
        <message>
            <source>Notifications go to the tray only: there is no notification service.</source>
            <translation>Сповіщення потрапляють лише в трей: служби сповіщень немає.</translation>
        </message>
        <message>
            <source>No notification channel: notifications go to the log only.</source>
            <translation>Немає каналу сповіщень: вони потрапляють лише в журнал.</translation>
        </message>
        <message>
            <source>No D-Bus session bus: %1.</source>
            <translation>Немає сеансової шини D-Bus: %1.</translation>
        </message>
        <message>
            <source>No notification service on the session bus (%1).</source>
            <translation>На сеансовій шині немає служби сповіщень (%1).</translation>
        </message>
        <message>
            <source>The notification service did not answer: %1.</source>
            <translation>Служба сповіщень не відповіла: %1.</translation>
        </message>
        <message>
            <source>The notification service refused the drill notification: %1.</source>
            <translation>Служба сповіщень відхилила навчальне сповіщення: %1.</translation>
        </message>
        <message>
            <source>Notifications failed: %1.</source>
            <translation>Сповіщення не працюють: %1.</translation>
        </message>
        <message>
            <source>Run the app inside your desktop session: notifications need the session's D-Bus.</source>
            <translation>Запускайте застосунок у своєму робочому сеансі: для сповіщень потрібна його шина D-Bus.</translation>
        </message>
        <message>
            <source>Restart the notification service, or log out and in again.</source>
            <translation>Перезапустіть службу сповіщень або вийдіть із сеансу й увійдіть знову.</translation>
        </message>
        <message>
            <source>Sent through %1.</source>
            <translation>Надіслано через %1.</translation>
        </message>
        <message>
            <source>%1 %2 (%3), capabilities: %4.</source>
            <translation>%1 %2 (%3), можливості: %4.</translation>
        </message>
        <message>
            <source>Drill notification delivered, id %1.</source>
            <translation>Навчальне сповіщення доставлено, id %1.</translation>
        </message>
        <message>
            <source>Do Not Disturb is on.</source>
            <translation>Увімкнено режим «Не турбувати».</translation>
        </message>
        <message>
            <source>On MATE, Do Not Disturb hides every notification, critical ones too: keep it off, or rely on the sound and the full screen.</source>
            <translation>У MATE режим «Не турбувати» приховує всі сповіщення, навіть критичні: не вмикайте його або покладайтеся на звук і повноекранне попередження.</translation>
        </message>
        <message>
            <source>On KDE Plasma keep “Show critical notifications in Do Not Disturb mode” on (it is on unless changed).</source>
            <translation>У KDE Plasma не вимикайте «Показувати критичні сповіщення в режимі „Не турбувати“» (типово ввімкнено).</translation>
        </message>
        <message>
            <source>This server shows no buttons: open the shelters from the tray.</source>
            <translation>Ця служба не показує кнопок: відкривайте укриття з трею.</translation>
        </message>
        <message>
            <source>This server plays no sound itself: the app's own alarm is what you hear.</source>
            <translation>Ця служба сама не відтворює звуків: ви почуєте лише сирену застосунку.</translation>
        </message>
        <message>
            <source>The alarm sound is off (Settings → Alarm and quiet hours, or sound = false in config.toml): real alerts are silent.</source>
            <translation>Сирену вимкнено (Налаштування → Сирена й тихі години або sound = false в config.toml): справжні тривоги будуть беззвучні.</translation>
        </message>
        <message>
            <source>No sound player found (looked for %1).</source>
            <translation>Не знайдено програвача звуку (шукали %1).</translation>
        </message>
        <message>
            <source>Install pipewire-bin or pulseaudio-utils (alsa-utils for bare ALSA). Until then only the notification's sound is left.</source>
            <translation>Встановіть pipewire-bin або pulseaudio-utils (для чистої ALSA — alsa-utils). Доти лишається тільки звук сповіщення.</translation>
        </message>
        <message>
            <source>%1 played the drill siren (exit status 0).</source>
            <translation>%1 програв навчальну сирену (код завершення 0).</translation>
        </message>
        <message>
            <source>%1 failed (exit status %2): %3.</source>
            <translation>%1 не спрацював (код завершення %2): %3.</translation>
        </message>
        <message>
            <source>%1 was playing the drill siren when the drill was ended.</source>
            <translation>%1 ще грав навчальну сирену, коли навчання завершили.</translation>
        </message>
        <message>
            <source>Is a sound server running (PipeWire or PulseAudio)? Run the app inside your desktop session, and check that the output is not muted.</source>
            <translation>Чи запущено звуковий сервер (PipeWire або PulseAudio)? Запускайте застосунок у своєму робочому сеансі й перевірте, чи не вимкнено звук.</translation>
        </message>
        <message>
            <source>If you heard nothing, check the volume and mute of your speakers.</source>
            <translation>Якщо нічого не було чути, перевірте гучність і чи не вимкнено динаміки.</translation>
        </message>
        <message>
            <source>Shown on %1 of %2 screens.</source>
            <translation>Показано на %1 з %2 екранів.</translation>
        </message>
        <message>
            <source>On Wayland no window can stay on top of the others: the critical notification and the sound carry the alert there.</source>
            <translation>У Wayland жодне вікно не може лишатися поверх інших: там про тривогу повідомляють критичне сповіщення та звук.</translation>
        </message>
        <message>
            <source>The full-screen alert is off in Settings: real alerts will not show it.</source>
            <translation>Повноекранне попередження вимкнено в налаштуваннях: під час справжніх тривог його не буде.</translation>
        </message>
        <message>
            <source>This desktop has no system tray: the app runs as a window.</source>
            <translation>У цьому середовищі немає системного трею: застосунок працює як звичайне вікно.</translation>
        </message>
        <message>
            <source>Keep the window open, or add a tray (on GNOME the AppIndicator extension); alerts still bring the window up.</source>
            <translation>Тримайте вікно відкритим або додайте трей (у GNOME — розширення AppIndicator); під час тривоги вікно однаково з’явиться.</translation>
        </message>
        <message>
            <source>The tray icon is not shown.</source>
            <translation>Значок у треї не показано.</translation>
        </message>
        <message>
            <source>The tray icon is shown.</source>
            <translation>Значок у треї показано.</translation>
        </message>
    </context>
    <context>
        <name>DrillController</name>
        <message>
            <source>An alert is on: this is no time for a drill. Go to a shelter.</source>
            <translation>Триває тривога: зараз не час для навчання. Йдіть в укриття.</translation>
        </message>
        <message>
            <source>This is a drill of shelterapp's alert chain. There is no alert.</source>
            <translation>Це навчальна перевірка системи тривог shelterapp. Тривоги немає.</translation>
        </message>
        <message>
            <source>Nearest shelter: %1.</source>
            <translation>Найближче укриття: %1.</translation>
        </message>
        <message>
            <source>DRILL: air-raid alert (not a real alert)</source>
            <translation>НАВЧАННЯ: повітряна тривога (не справжня)</translation>
        </message>
        <message>
            <source>no answer within %1 s</source>
            <translation>немає відповіді протягом %1 с</translation>
        </message>
        <message>
            <source>A month has passed since your last drill: run one with Help → Run a drill.</source>
            <translation>Минув місяць від останнього навчання: проведіть нове через Довідка → Провести навчання.</translation>
        </message>
    </context>
    <context>
        <name>DrillDialog</name>
        <message>
            <source>Drill report</source>
            <translation>Звіт про навчання</translation>
        </message>
        <message>
            <source>Run &amp;again</source>
            <translation>Провести &amp;ще раз</translation>
        </message>
        <message>
            <source>Run again</source>
            <translation>Провести ще раз</translation>
        </message>
        <message>
            <source>Runs the whole drill once more.</source>
            <translation>Ще раз проводить усе навчання.</translation>
        </message>
        <message>
            <source>Closes the report.</source>
            <translation>Закриває звіт.</translation>
        </message>
        <message>
            <source>Alert feeds</source>
            <translation>Джерела тривог</translation>
        </message>
        <message>
            <source>Shelter data</source>
            <translation>Дані про укриття</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>Сповіщення</translation>
        </message>
        <message>
            <source>Alarm sound</source>
            <translation>Сирена</translation>
        </message>
        <message>
            <source>Full-screen alert</source>
            <translation>Тривога на весь екран</translation>
        </message>
        <message>
            <source>Tray icon</source>
            <translation>Значок у треї</translation>
        </message>
        <message>
            <source>checking…</source>
            <translation>перевірка…</translation>
        </message>
        <message>
            <source>DRILL running: this is not a real alert…</source>
            <translation>Триває НАВЧАННЯ: це не справжня тривога…</translation>
        </message>
        <message>
            <source>✓ Drill over: every link of the alert chain works.</source>
            <translation>✓ Навчання завершено: усі ланки системи тривог працюють.</translation>
        </message>
        <message>
            <source>✗ Drill over: these links need attention: %1.</source>
            <translation>✗ Навчання завершено: увага потрібна таким ланкам: %1.</translation>
        </message>
        <message>
            <source>What to do: %1</source>
            <translation>Що зробити: %1</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Search by name or address (Ctrl+F)</source>
            <translation>Пошук за назвою чи адресою (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search shelters</source>
            <translation>Пошук укриттів</translation>
        </message>
        <message>
            <source>Lists only the shelters whose name or address contains the typed words.</source>
            <translation>Показує лише укриття, назва чи адреса яких містить введені слова.</translation>
        </message>
        <message>
            <source>Kind of shelter</source>
            <translation>Тип укриття</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>Усі типи</translation>
        </message>
        <message>
            <source>Step-fr&amp;ee</source>
            <translation>&amp;Без сходів</translation>
        </message>
        <message>
            <source>Only shelters known to have a ramp or step-free access</source>
            <translation>Лише укриття, де відомо про пандус чи вхід без сходів</translation>
        </message>
        <message>
            <source>Open &amp;24/7</source>
            <translation>&amp;Цілодобово</translation>
        </message>
        <message>
            <source>&amp;Without position</source>
            <translation>Без &amp;розташування</translation>
        </message>
        <message>
            <source>Also list shelters known only by address (no distance yet)</source>
            <translation>Показувати й укриття, відомі лише за адресою (відстань ще невідома)</translation>
        </message>
        <message>
            <source>Lists only the shelters of the chosen kind.</source>
            <translation>Показує лише укриття вибраного типу.</translation>
        </message>
        <message>
            <source>Step-free only</source>
            <translation>Лише без сходів</translation>
        </message>
        <message>
            <source>Lists only the shelters known to have a ramp or step-free access.</source>
            <translation>Показує лише укриття з пандусом чи доступом без сходів.</translation>
        </message>
        <message>
            <source>Open 24/7 only</source>
            <translation>Лише цілодобові</translation>
        </message>
        <message>
            <source>Lists only the shelters known to be open day and night.</source>
            <translation>Показує лише укриття, відомі як відкриті вдень і вночі.</translation>
        </message>
        <message>
            <source>Shelters without a position</source>
            <translation>Укриття без розташування</translation>
        </message>
        <message>
            <source>Also lists the shelters known only by their address, which have no distance yet.</source>
            <translation>Показує також укриття, відомі лише за адресою, до яких ще невідома відстань.</translation>
        </message>
    </context>
    <context>
        <name>HistoryChart</name>
        <message>
            <source>No alert recorded yet.</source>
            <translation>Тривог ще не записано.</translation>
        </message>
        <message>
            <source>Alerts per day, last 30 days</source>
            <translation>Тривоги за день, останні 30 днів</translation>
        </message>
        <message>
            <source>Hours under alert per day</source>
            <translation>Години під тривогою за день</translation>
        </message>
        <message>
            <source>Alerts by hour of day (Kyiv time)</source>
            <translation>Тривоги за годиною початку (київський час)</translation>
        </message>
    </context>
    <context>
        <name>HistoryExport</name>
        <message>
            <source>CSV, for spreadsheets (*.csv)</source>
            <translation>CSV, для електронних таблиць (*.csv)</translation>
        </message>
        <message>
            <source>Export history</source>
            <translation>Експорт історії</translation>
        </message>
        <message>
            <source>History exported to %1 (alerts: %2, advisories: %3).</source>
            <translation>Історію експортовано у %1 (тривог: %2, рекомендацій: %3).</translation>
        </message>
        <message>
            <source>The history could not be exported: %1</source>
            <translation>Не вдалося експортувати історію: %1</translation>
        </message>
    </context>
    <context>
        <name>HistoryPane</name>
        <message>
            <source>Started</source>
            <translation>Початок</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>Кінець</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Тривалість</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Де</translation>
        </message>
        <message>
            <source>Threats</source>
            <translation>Загрози</translation>
        </message>
        <message>
            <source>Alert history, newest first</source>
            <translation>Історія тривог, нові першими</translation>
        </message>
        <message>
            <source>Past alerts, one a row: when each began and ended, how long, where, and which threats.</source>
            <translation>Минулі тривоги, по одній у рядку: коли почалася й закінчилася, скільки тривала, де і які загрози.</translation>
        </message>
        <message>
            <source>Chart of the last 30 days</source>
            <translation>Діаграма за останні 30 днів</translation>
        </message>
        <message>
            <source>Figures as a &amp;table</source>
            <translation>Дані &amp;таблицею</translation>
        </message>
        <message>
            <source>Figures as a table</source>
            <translation>Дані таблицею</translation>
        </message>
        <message>
            <source>Shows or hides the chart's figures as text: each day's alerts and hours, and each hour's alerts.</source>
            <translation>Показує або ховає дані діаграми текстом: тривоги й години під тривогою за кожен день і тривоги за кожну годину доби.</translation>
        </message>
        <message>
            <source>Figures of the last 30 days</source>
            <translation>Дані за останні 30 днів</translation>
        </message>
        <message>
            <source>The chart's figures, as text.</source>
            <translation>Дані діаграми текстом.</translation>
        </message>
        <message>
            <source>Last 30 days: no alert recorded on this computer.</source>
            <translation>Останні 30 днів: на цьому комп'ютері не записано жодної тривоги.</translation>
        </message>
        <message numerus="yes">
            <source>Last 30 days: %n alert(s), %1 under alert in all.</source>
            <translation>
                <numerusform>Останні 30 днів: %n тривога, загалом %1 під тривогою.</numerusform>
                <numerusform>Останні 30 днів: %n тривоги, загалом %1 під тривогою.</numerusform>
                <numerusform>Останні 30 днів: %n тривог, загалом %1 під тривогою.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Busiest day: %1, %n alert(s), %2 under alert.</source>
            <translation>
                <numerusform>Найважчий день: %1, %n тривога, %2 під тривогою.</numerusform>
                <numerusform>Найважчий день: %1, %n тривоги, %2 під тривогою.</numerusform>
                <numerusform>Найважчий день: %1, %n тривог, %2 під тривогою.</numerusform>
            </translation>
        </message>
        <message>
            <source>Alerts began most often between %1 and %2.</source>
            <translation>Найчастіше тривоги починалися між %1 і %2.</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>День</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Тривоги</translation>
        </message>
        <message>
            <source>Under alert</source>
            <translation>Під тривогою</translation>
        </message>
        <message>
            <source>Hour (Kyiv time)</source>
            <translation>Година (київський час)</translation>
        </message>
        <message>
            <source>ongoing</source>
            <translation>триває</translation>
        </message>
        <message>
            <source>no later than %1</source>
            <translation>не пізніше %1</translation>
        </message>
        <message>
            <source>at most %1</source>
            <translation>не довше %1</translation>
        </message>
        <message>
            <source>Reported by: %1</source>
            <translation>Джерела: %1</translation>
        </message>
        <message>
            <source>The all-clear came while shelterapp was closed or could not reach any alert feed.</source>
            <translation>Відбій оголосили, коли shelterapp був закритий або не мав зв'язку з жодним джерелом тривог.</translation>
        </message>
        <message>
            <source>Next to Kyiv: %1</source>
            <translation>Поруч із Києвом: %1</translation>
        </message>
        <message>
            <source>Not an alert in Kyiv city: a raion next to it, told as a quiet notice.</source>
            <translation>Не тривога в Києві: район поруч із містом, про який повідомлено тихим сповіщенням.</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Metro station</source>
            <translation>Станція метро</translation>
        </message>
        <message>
            <source>Civil defence shelter</source>
            <translation>Захисна споруда цивільного захисту</translation>
        </message>
        <message>
            <source>Radiation shelter</source>
            <translation>Протирадіаційне укриття (ПРУ)</translation>
        </message>
        <message>
            <source>Simplest shelter</source>
            <translation>Найпростіше укриття</translation>
        </message>
        <message>
            <source>Other shelter</source>
            <translation>Інше укриття</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>невідомо</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>так</translation>
        </message>
        <message>
            <source>no</source>
            <translation>ні</translation>
        </message>
        <message>
            <source>%1 m</source>
            <translation>%1 м</translation>
        </message>
        <message>
            <source>%1 km</source>
            <translation>%1 км</translation>
        </message>
        <message>
            <source>≈ %1 min</source>
            <translation>≈ %1 хв</translation>
        </message>
        <message>
            <source>Kyiv city</source>
            <translation>м. Київ</translation>
        </message>
        <message>
            <source>Kyiv oblast</source>
            <translation>Київська область</translation>
        </message>
        <message>
            <source>Bila Tserkva raion</source>
            <translation>Білоцерківський район</translation>
        </message>
        <message>
            <source>Vyshhorod raion</source>
            <translation>Вишгородський район</translation>
        </message>
        <message>
            <source>Bucha raion</source>
            <translation>Бучанський район</translation>
        </message>
        <message>
            <source>Obukhiv raion</source>
            <translation>Обухівський район</translation>
        </message>
        <message>
            <source>Fastiv raion</source>
            <translation>Фастівський район</translation>
        </message>
        <message>
            <source>Boryspil raion</source>
            <translation>Бориспільський район</translation>
        </message>
        <message>
            <source>Brovary raion</source>
            <translation>Броварський район</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 хв</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 год %2 хв</translation>
        </message>
        <message>
            <source>your organisation's relay</source>
            <translation>ретранслятор вашої організації</translation>
        </message>
        <message>
            <source>US Embassy Kyiv</source>
            <translation>Посольство США в Києві</translation>
        </message>
        <message>
            <source>UK FCDO</source>
            <translation>МЗС Великої Британії</translation>
        </message>
        <message>
            <source>US State Dept</source>
            <translation>Держдеп США</translation>
        </message>
        <message>
            <source>Canada</source>
            <translation>Канада</translation>
        </message>
    </context>
    <context>
        <name>LocationBar</name>
        <message>
            <source>Saved places</source>
            <translation>Збережені місця</translation>
        </message>
        <message>
            <source>Switch to one of your saved places</source>
            <translation>Перейти до одного з ваших збережених місць</translation>
        </message>
        <message>
            <source>Sa&amp;ve place…</source>
            <translation>Зберегти &amp;місце…</translation>
        </message>
        <message>
            <source>Keep this location as Home, Work, School or any name</source>
            <translation>Зберегти це розташування як Дім, Роботу, Школу чи з будь-якою назвою</translation>
        </message>
        <message>
            <source>Set my &amp;location…</source>
            <translation>Вказати моє &amp;розташування…</translation>
        </message>
        <message>
            <source>Go to an address or a shelter, e.g. Хрещатик 22</source>
            <translation>Перейти до адреси чи укриття, напр. Хрещатик 22</translation>
        </message>
        <message>
            <source>Find an address</source>
            <translation>Знайти адресу</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>&amp;Перейти</translation>
        </message>
        <message>
            <source>Search addresses &amp;online</source>
            <translation>Шукати адреси в &amp;мережі</translation>
        </message>
        <message>
            <source>Sends the address you type (only that, never your position) to OpenStreetMap's Nominatim service. Off: only our own shelter list is searched.</source>
            <translation>Надсилає введену адресу (лише її, ніколи ваше розташування) до сервісу Nominatim від OpenStreetMap. Вимкнено: шукаємо лише у власному списку укриттів.</translation>
        </message>
        <message>
            <source>Moves my location to a saved place, or opens Manage places.</source>
            <translation>Переносить моє розташування до збереженого місця або відкриває керування місцями.</translation>
        </message>
        <message>
            <source>Save place</source>
            <translation>Зберегти місце</translation>
        </message>
        <message>
            <source>Keeps this location under a name such as Home, Work or School.</source>
            <translation>Зберігає це розташування під назвою, наприклад Дім, Робота чи Школа.</translation>
        </message>
        <message>
            <source>Set my location</source>
            <translation>Вказати моє розташування</translation>
        </message>
        <message>
            <source>Opens a dialog to choose a metro station or type coordinates.</source>
            <translation>Відкриває вікно, де можна вибрати станцію метро чи ввести координати.</translation>
        </message>
        <message>
            <source>Type an address or a shelter's name and press Enter to move my location there.</source>
            <translation>Введіть адресу чи назву укриття й натисніть Enter, щоб перенести туди моє розташування.</translation>
        </message>
        <message>
            <source>Go to address</source>
            <translation>Перейти до адреси</translation>
        </message>
        <message>
            <source>Searches for the typed address or shelter.</source>
            <translation>Шукає введену адресу чи укриття.</translation>
        </message>
        <message>
            <source>Search addresses online</source>
            <translation>Шукати адреси в мережі</translation>
        </message>
        <message>
            <source>Also sends the typed address, never your position, to OpenStreetMap's Nominatim.</source>
            <translation>Також надсилає введену адресу (але ніколи не ваше розташування) до Nominatim від OpenStreetMap.</translation>
        </message>
        <message>
            <source>My location is not set: distances are from the city centre (Maidan Nezalezhnosti).</source>
            <translation>Моє розташування не вказано: відстані рахуються від центру міста (Майдан Незалежності).</translation>
        </message>
        <message>
            <source>a point I chose</source>
            <translation>вибрана мною точка</translation>
        </message>
        <message>
            <source>My location: %1 (%2, %3)</source>
            <translation>Моє розташування: %1 (%2, %3)</translation>
        </message>
        <message>
            <source>My places…</source>
            <translation>Мої місця…</translation>
        </message>
        <message>
            <source>No saved places</source>
            <translation>Немає збережених місць</translation>
        </message>
        <message>
            <source>Manage places…</source>
            <translation>Керувати місцями…</translation>
        </message>
        <message>
            <source>Nothing found</source>
            <translation>Нічого не знайдено</translation>
        </message>
    </context>
    <context>
        <name>LocationDialog</name>
        <message>
            <source>My location</source>
            <translation>Моє розташування</translation>
        </message>
        <message>
            <source>Near a &amp;metro station</source>
            <translation>Біля станції &amp;метро</translation>
        </message>
        <message>
            <source>Metro station</source>
            <translation>Станція метро</translation>
        </message>
        <message>
            <source>At &amp;coordinates</source>
            <translation>За &amp;координатами</translation>
        </message>
        <message>
            <source>Coordinates</source>
            <translation>Координати</translation>
        </message>
        <message>
            <source>latitude, longitude, e.g. 50.4501, 30.5234</source>
            <translation>широта, довгота, напр. 50.4501, 30.5234</translation>
        </message>
        <message>
            <source>Your location is kept on this computer only.</source>
            <translation>Ваше розташування зберігається лише на цьому комп'ютері.</translation>
        </message>
        <message>
            <source>Near a metro station</source>
            <translation>Біля станції метро</translation>
        </message>
        <message>
            <source>Uses the chosen metro station as my location.</source>
            <translation>Використовує вибрану станцію метро як моє розташування.</translation>
        </message>
        <message>
            <source>Type the first letters to jump to a station.</source>
            <translation>Введіть перші літери, щоб перейти до станції.</translation>
        </message>
        <message>
            <source>At coordinates</source>
            <translation>За координатами</translation>
        </message>
        <message>
            <source>Uses the typed latitude and longitude as my location.</source>
            <translation>Використовує введені широту й довготу як моє розташування.</translation>
        </message>
        <message>
            <source>Latitude and longitude in degrees, separated by a comma, e.g. 50.4501, 30.5234.</source>
            <translation>Широта й довгота в градусах через кому, напр. 50.4501, 30.5234.</translation>
        </message>
        <message>
            <source>Sets my location and closes this dialog.</source>
            <translation>Встановлює моє розташування й закриває це вікно.</translation>
        </message>
        <message>
            <source>Closes this dialog and keeps my location as it was.</source>
            <translation>Закриває це вікно, моє розташування не змінюється.</translation>
        </message>
        <message>
            <source>Type latitude and longitude in degrees, separated by a comma.</source>
            <translation>Введіть широту й довготу в градусах через кому.</translation>
        </message>
        <message>
            <source>This point is outside Kyiv: distances will be long.</source>
            <translation>Ця точка поза Києвом: відстані будуть великими.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>shelterapp — Kyiv shelters</source>
            <translation>shelterapp — укриття Києва</translation>
        </message>
        <message>
            <source>&amp;Shelters</source>
            <translation>&amp;Укриття</translation>
        </message>
        <message>
            <source>&amp;Advisories</source>
            <translation>&amp;Попередження</translation>
        </message>
        <message>
            <source>Alert &amp;history</source>
            <translation>&amp;Історія тривог</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Закрити</translation>
        </message>
        <message>
            <source>Set my &amp;location…</source>
            <translation>Вказати моє &amp;розташування…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Файл</translation>
        </message>
        <message>
            <source>&amp;Preparedness</source>
            <translation>&amp;Готовність</translation>
        </message>
        <message>
            <source>Sections</source>
            <translation>Розділи</translation>
        </message>
        <message>
            <source>Switches between the parts of the window; Alt with a tab's underlined letter opens that tab.</source>
            <translation>Перемикає частини вікна; Alt із підкресленою літерою вкладки відкриває її.</translation>
        </message>
        <message>
            <source>Dismiss message</source>
            <translation>Закрити повідомлення</translation>
        </message>
        <message>
            <source>Hides the message beside it; the log keeps its detail.</source>
            <translation>Приховує повідомлення поруч; подробиці залишаються в журналі.</translation>
        </message>
        <message>
            <source>&amp;Import shelter list…</source>
            <translation>&amp;Імпортувати список укриттів…</translation>
        </message>
        <message>
            <source>&amp;Update shelters…</source>
            <translation>&amp;Оновити укриття…</translation>
        </message>
        <message>
            <source>&amp;Export history…</source>
            <translation>&amp;Експортувати історію…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Вийти</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>&amp;Налаштування</translation>
        </message>
        <message>
            <source>My &amp;places…</source>
            <translation>Мої &amp;місця…</translation>
        </message>
        <message>
            <source>Alarm and &amp;quiet hours…</source>
            <translation>&amp;Сирена й тихі години…</translation>
        </message>
        <message>
            <source>Start with my &amp;session</source>
            <translation>Запускати під час &amp;входу в систему</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Довідка</translation>
        </message>
        <message>
            <source>Run a &amp;drill</source>
            <translation>Провести &amp;навчання</translation>
        </message>
        <message>
            <source>&amp;About shelterapp</source>
            <translation>&amp;Про shelterapp</translation>
        </message>
        <message>
            <source>&amp;Print shelter plan…</source>
            <translation>&amp;Друкувати план укриттів…</translation>
        </message>
        <message>
            <source>Save shelter plan as P&amp;DF…</source>
            <translation>Зберегти план укриттів у P&amp;DF…</translation>
        </message>
        <message>
            <source>Restart shelterapp now to show it in the new language?</source>
            <translation>Перезапустити shelterapp зараз, щоб показати його новою мовою?</translation>
        </message>
        <message>
            <source>&amp;Restart now</source>
            <translation>&amp;Перезапустити зараз</translation>
        </message>
        <message>
            <source>&amp;Later</source>
            <translation>&amp;Пізніше</translation>
        </message>
        <message>
            <source>config.toml: %1</source>
            <translation>config.toml: %1</translation>
        </message>
        <message>
            <source>Import shelter list</source>
            <translation>Імпорт списку укриттів</translation>
        </message>
        <message>
            <source>&amp;Alert sources…</source>
            <translation>&amp;Джерела тривог…</translation>
        </message>
        <message>
            <source>Lan&amp;guage</source>
            <translation>&amp;Мова</translation>
        </message>
        <message>
            <source>&amp;System language</source>
            <translation>&amp;Мова системи</translation>
        </message>
        <message>
            <source>High &amp;contrast</source>
            <translation>Висока &amp;контрастність</translation>
        </message>
        <message>
            <source>Shelter lists (*.csv *.xlsx *.json *.geojson *.kml *.kmz);;All files (*)</source>
            <translation>Списки укриттів (*.csv *.xlsx *.json *.geojson *.kml *.kmz);;Усі файли (*)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Мова</translation>
        </message>
        <message>
            <source>About shelterapp</source>
            <translation>Про shelterapp</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;shelterapp %1&lt;/b&gt;: Kyiv shelters and air-raid alerts, offline first.&lt;/p&gt;&lt;p&gt;Data: %2&lt;/p&gt;&lt;p&gt;In an emergency call 112.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;shelterapp %1&lt;/b&gt;: укриття Києва та повітряні тривоги, навіть без мережі.&lt;/p&gt;&lt;p&gt;Дані: %2&lt;/p&gt;&lt;p&gt;У надзвичайній ситуації телефонуйте 112.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Your settings file could not be read and was set aside as %1; defaults are in use.</source>
            <translation>Файл налаштувань не вдалося прочитати; його відкладено як %1, діють типові налаштування.</translation>
        </message>
        <message>
            <source>The shelter database was damaged and set aside as %1; the built-in list is in use.</source>
            <translation>База укриттів пошкоджена; її відкладено як %1, використовується вбудований список.</translation>
        </message>
    </context>
    <context>
        <name>MapView</name>
        <message>
            <source>Map of shelters</source>
            <translation>Мапа укриттів</translation>
        </message>
        <message>
            <source>Shelters, saved places and your position on a map. Arrow keys move the map, plus and minus zoom. The shelter list shows the same shelters.</source>
            <translation>Укриття, збережені місця і ваше розташування на мапі. Стрілки рухають мапу, плюс і мінус змінюють масштаб. Список укриттів показує ті самі укриття.</translation>
        </message>
        <message>
            <source>%1 km</source>
            <translation>%1 км</translation>
        </message>
        <message>
            <source>%1 m</source>
            <translation>%1 м</translation>
        </message>
        <message>
            <source>© OpenStreetMap contributors</source>
            <translation>© учасники OpenStreetMap</translation>
        </message>
        <message>
            <source>Offline: map tiles are not available; shelters are shown without the map</source>
            <translation>Немає мережі: плитки мапи недоступні; укриття показано без мапи</translation>
        </message>
    </context>
    <context>
        <name>PlacesController</name>
        <message>
            <source>Address search is not available now (%1); shelters that match:</source>
            <translation>Пошук адрес зараз недоступний (%1); укриття, що збігаються:</translation>
        </message>
    </context>
    <context>
        <name>PlacesDialog</name>
        <message>
            <source>Home</source>
            <translation>Дім</translation>
        </message>
        <message>
            <source>Work</source>
            <translation>Робота</translation>
        </message>
        <message>
            <source>School</source>
            <translation>Школа</translation>
        </message>
        <message>
            <source>Save place</source>
            <translation>Зберегти місце</translation>
        </message>
        <message>
            <source>Name of this place (Home, Work, School or any name):</source>
            <translation>Назва цього місця (Дім, Робота, Школа чи будь-яка):</translation>
        </message>
        <message>
            <source>My places</source>
            <translation>Мої місця</translation>
        </message>
        <message>
            <source>Saved places and their nearest shelter</source>
            <translation>Збережені місця та найближче до них укриття</translation>
        </message>
        <message>
            <source>Choose a place with the arrow keys; Enter goes there.</source>
            <translation>Виберіть місце стрілками; Enter переносить туди.</translation>
        </message>
        <message>
            <source>&amp;Go there</source>
            <translation>&amp;Перейти туди</translation>
        </message>
        <message>
            <source>&amp;Rename…</source>
            <translation>Пере&amp;йменувати…</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Видалити</translation>
        </message>
        <message>
            <source>Go there</source>
            <translation>Перейти туди</translation>
        </message>
        <message>
            <source>Moves my location to the chosen place.</source>
            <translation>Переносить моє розташування до вибраного місця.</translation>
        </message>
        <message>
            <source>Gives the chosen place a new name.</source>
            <translation>Дає вибраному місцю нову назву.</translation>
        </message>
        <message>
            <source>Delete place</source>
            <translation>Видалити місце</translation>
        </message>
        <message>
            <source>Removes the chosen place from my places.</source>
            <translation>Видаляє вибране місце з моїх місць.</translation>
        </message>
        <message>
            <source>Closes this dialog and keeps the changes made.</source>
            <translation>Закриває це вікно й зберігає зроблені зміни.</translation>
        </message>
        <message>
            <source>Save a place with “Save place…” next to your location.</source>
            <translation>Зберегти місце можна кнопкою «Зберегти місце…» поруч із вашим розташуванням.</translation>
        </message>
        <message>
            <source>no shelter with a known position</source>
            <translation>немає укриття з відомим розташуванням</translation>
        </message>
        <message>
            <source>nearest: %1, %2, %3</source>
            <translation>найближче: %1, %2, %3</translation>
        </message>
        <message>
            <source>Rename place</source>
            <translation>Перейменувати місце</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Нова назва:</translation>
        </message>
    </context>
    <context>
        <name>PlanController</name>
        <message>
            <source>No shelter is known within 15 km of your location, so there is no plan to print.</source>
            <translation>У межах 15 км від вашого місця немає жодного відомого укриття, тож план не створено.</translation>
        </message>
        <message>
            <source>Print shelter plan</source>
            <translation>Друк плану укриттів</translation>
        </message>
        <message>
            <source>The shelter plan went to the printer.</source>
            <translation>План укриттів надіслано на друк.</translation>
        </message>
        <message>
            <source>Save shelter plan as PDF</source>
            <translation>Зберегти план укриттів у PDF</translation>
        </message>
        <message>
            <source>shelter-plan.pdf</source>
            <translation>plan-ukryttiv.pdf</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>Файли PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Shelter plan saved as %1.</source>
            <translation>План укриттів збережено: %1.</translation>
        </message>
        <message>
            <source>The shelter plan could not be made: %1</source>
            <translation>Не вдалося створити план укриттів: %1</translation>
        </message>
    </context>
    <context>
        <name>PreparednessController</name>
        <message>
            <source>Your checklists file could not be read and was set aside as %1; the lists start empty.</source>
            <translation>Файл ваших списків не вдалося прочитати, його відкладено як %1; списки починаються з нуля.</translation>
        </message>
        <message>
            <source>Prepare for the next alert: tick what your go-bag already holds in the Preparedness tab.</source>
            <translation>Підготуйтеся до наступної тривоги: позначте на вкладці «Готовність», що вже є у вашій тривожній валізці.</translation>
        </message>
        <message numerus="yes">
            <source>It is %n day(s) since you last checked your go-bag: see the Preparedness tab.</source>
            <translation>
                <numerusform>Минув %n день відтоді, як ви перевіряли тривожну валізку: див. вкладку «Готовність».</numerusform>
                <numerusform>Минуло %n дні відтоді, як ви перевіряли тривожну валізку: див. вкладку «Готовність».</numerusform>
                <numerusform>Минуло %n днів відтоді, як ви перевіряли тривожну валізку: див. вкладку «Готовність».</numerusform>
            </translation>
        </message>
        <message>
            <source>Your checklists could not be saved: %1</source>
            <translation>Не вдалося зберегти ваші списки: %1</translation>
        </message>
    </context>
    <context>
        <name>PreparednessView</name>
        <message>
            <source>What to do when the siren sounds</source>
            <translation>Що робити, коли лунає сирена</translation>
        </message>
        <message>
            <source>Steps to take when an air-raid alert starts and when no shelter can be reached.</source>
            <translation>Що робити, коли починається повітряна тривога і коли до укриття не дістатися.</translation>
        </message>
        <message>
            <source>After the all clear</source>
            <translation>Після відбою</translation>
        </message>
        <message>
            <source>What to do once the official all clear is given.</source>
            <translation>Що робити після офіційного відбою тривоги.</translation>
        </message>
        <message>
            <source>Checklists</source>
            <translation>Списки</translation>
        </message>
        <message>
            <source>I &amp;checked my lists today</source>
            <translation>Я &amp;перевірив(-ла) списки сьогодні</translation>
        </message>
        <message>
            <source>Mark the checklists as reviewed</source>
            <translation>Позначити списки як перевірені</translation>
        </message>
        <message>
            <source>Records today as the date you last checked your go-bag and home supplies.</source>
            <translation>Записує сьогоднішню дату як день, коли ви востаннє перевіряли тривожну валізку й домашні запаси.</translation>
        </message>
        <message>
            <source>Go-bag and home items. Press Space to tick or untick the selected item; ticks are saved.</source>
            <translation>Речі для тривожної валізки й дому. Пробіл ставить або знімає позначку на вибраному пункті; позначки зберігаються.</translation>
        </message>
        <message>
            <source>Emergency numbers</source>
            <translation>Екстрені номери</translation>
        </message>
        <message>
            <source>My contacts</source>
            <translation>Мої контакти</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Ім'я</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Your own emergency contacts, kept on this computer. Press F2 to edit a cell.</source>
            <translation>Ваші власні контакти на випадок надзвичайної ситуації, зберігаються на цьому комп'ютері. F2 — редагувати клітинку.</translation>
        </message>
        <message>
            <source>A&amp;dd contact</source>
            <translation>&amp;Додати контакт</translation>
        </message>
        <message>
            <source>Add contact</source>
            <translation>Додати контакт</translation>
        </message>
        <message>
            <source>Adds a row; type the name, then the phone number.</source>
            <translation>Додає рядок; введіть ім'я, потім номер телефону.</translation>
        </message>
        <message>
            <source>&amp;Remove contact</source>
            <translation>&amp;Видалити контакт</translation>
        </message>
        <message>
            <source>Remove contact</source>
            <translation>Видалити контакт</translation>
        </message>
        <message>
            <source>Removes the selected contact.</source>
            <translation>Видаляє вибраний контакт.</translation>
        </message>
        <message>
            <source>You have not reviewed these lists yet. Check them once a month.</source>
            <translation>Ви ще не перевіряли ці списки. Перевіряйте їх раз на місяць.</translation>
        </message>
        <message>
            <source>Reviewed today. Next review in a month.</source>
            <translation>Перевірено сьогодні. Наступна перевірка — за місяць.</translation>
        </message>
        <message numerus="yes">
            <source>Last reviewed %n day(s) ago.</source>
            <translation>
                <numerusform>Востаннє перевірено %n день тому.</numerusform>
                <numerusform>Востаннє перевірено %n дні тому.</numerusform>
                <numerusform>Востаннє перевірено %n днів тому.</numerusform>
            </translation>
        </message>
        <message>
            <source>Time for the monthly check: food, water and medicines expire, batteries run down.</source>
            <translation>Час для щомісячної перевірки: їжа, вода й ліки псуються, батарейки розряджаються.</translation>
        </message>
        <message>
            <source>Ready: %1 of %2 items</source>
            <translation>Готово: %1 з %2 пунктів</translation>
        </message>
    </context>
    <context>
        <name>QuietController</name>
        <message>
            <source>Quiet until %1: a soft sound, no full screen</source>
            <translation>Тиша до %1: тихий звук, без повноекранного попередження</translation>
        </message>
    </context>
    <context>
        <name>ShelterPlan</name>
        <message>
            <source>Shelter plan</source>
            <translation>План укриттів</translation>
        </message>
        <message>
            <source>Shelter plan: %1</source>
            <translation>План укриттів: %1</translation>
        </message>
        <message>
            <source>The shelters nearest to %1, %2. Printed on %3.</source>
            <translation>Найближчі укриття до точки %1, %2. Надруковано %3.</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>№</translation>
        </message>
        <message>
            <source>Shelter and address</source>
            <translation>Укриття та адреса</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Тип</translation>
        </message>
        <message>
            <source>Step-free</source>
            <translation>Без сходів</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Години роботи</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Distance</source>
            <translation>Відстань</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>Пішки</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>так</translation>
        </message>
        <message>
            <source>no</source>
            <translation>ні</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>невідомо</translation>
        </message>
        <message>
            <source>Open 24/7</source>
            <translation>Цілодобово</translation>
        </message>
        <message>
            <source>%1 m</source>
            <translation>%1 м</translation>
        </message>
        <message>
            <source>%1 km</source>
            <translation>%1 км</translation>
        </message>
        <message>
            <source>≈ %1 min</source>
            <translation>≈ %1 хв</translation>
        </message>
        <message>
            <source>Walking times are estimates (4.5 km/h, with a detour allowance); the way through streets may be longer.</source>
            <translation>Час пішки оцінено приблизно (4,5 км/год, з поправкою на обхідні шляхи); дорога вулицями може бути довшою.</translation>
        </message>
        <message>
            <source>Emergency numbers</source>
            <translation>Екстрені номери</translation>
        </message>
        <message>
            <source>The numbers on the map are the rows of the list.</source>
            <translation>Номери на мапі відповідають рядкам списку.</translation>
        </message>
        <message>
            <source>The star is the place of this plan.</source>
            <translation>Зірка позначає місце, для якого складено план.</translation>
        </message>
        <message>
            <source>No saved map of this area: shelters shown without streets</source>
            <translation>Мапу цієї місцевості не збережено: укриття показано без вулиць</translation>
        </message>
        <message>
            <source>Map: © OpenStreetMap contributors</source>
            <translation>Мапа: © учасники OpenStreetMap</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Дані</translation>
        </message>
        <message>
            <source>%1 (%2), data of %3</source>
            <translation>%1 (%2), дані від %3</translation>
        </message>
        <message>
            <source>%1, data of %2</source>
            <translation>%1, дані від %2</translation>
        </message>
        <message>
            <source>Kyiv Metro stations: written by shelterapp from public knowledge, positions approximate</source>
            <translation>Станції Київського метро: складено shelterapp із загальнодоступних відомостей, розташування приблизне</translation>
        </message>
        <message>
            <source>Made with shelterapp %1. Shelters change: check the list again before you rely on it.</source>
            <translation>Створено в shelterapp %1. Укриття змінюються: перевірте список ще раз, перш ніж на нього покладатися.</translation>
        </message>
        <message>
            <source>Metro station</source>
            <translation>Станція метро</translation>
        </message>
        <message>
            <source>Civil defence shelter</source>
            <translation>Захисна споруда цивільного захисту</translation>
        </message>
        <message>
            <source>Radiation shelter</source>
            <translation>Протирадіаційне укриття (ПРУ)</translation>
        </message>
        <message>
            <source>Simplest shelter</source>
            <translation>Найпростіше укриття</translation>
        </message>
        <message>
            <source>Other shelter</source>
            <translation>Інше укриття</translation>
        </message>
    </context>
    <context>
        <name>ShelterTableModel</name>
        <message>
            <source>Shelter</source>
            <translation>Укриття</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Тип</translation>
        </message>
        <message>
            <source>Distance</source>
            <translation>Відстань</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>Пішки</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Адреса</translation>
        </message>
        <message>
            <source>District</source>
            <translation>Район</translation>
        </message>
        <message>
            <source>No position yet: find it by its address</source>
            <translation>Розташування ще немає: шукайте за адресою</translation>
        </message>
    </context>
    <context>
        <name>ShelterTimerBar</name>
        <message>
            <source>I am &amp;in a shelter</source>
            <translation>Я &amp;в укритті</translation>
        </message>
        <message>
            <source>I am in a shelter</source>
            <translation>Я в укритті</translation>
        </message>
        <message>
            <source>Stops the timer for this alert and records that you reached a shelter.</source>
            <translation>Зупиняє таймер цієї тривоги й записує, що ви дісталися укриття.</translation>
        </message>
        <message>
            <source>Time to shelter</source>
            <translation>Час до укриття</translation>
        </message>
    </context>
    <context>
        <name>SheltersView</name>
        <message>
            <source>Shelters, nearest first</source>
            <translation>Укриття, найближчі першими</translation>
        </message>
        <message>
            <source>Arrow keys choose a shelter: its details and the map follow. Ctrl+C copies its address.</source>
            <translation>Стрілки вибирають укриття: подробиці й мапа показують його. Ctrl+C копіює його адресу.</translation>
        </message>
    </context>
    <context>
        <name>SourcesController</name>
        <message>
            <source>ok</source>
            <translation>працює</translation>
        </message>
    </context>
    <context>
        <name>SourcesDialog</name>
        <message>
            <source>Alert sources</source>
            <translation>Джерела тривог</translation>
        </message>
        <message>
            <source>siren.pp.ua works without an account. For a second, independent feed enter your own key: Ukraine Alarm (api.ukrainealarm.com) or alerts.in.ua. Keys are never written to files or logs.</source>
            <translation>siren.pp.ua працює без облікового запису. Для другого, незалежного джерела введіть власний ключ: Ukraine Alarm (api.ukrainealarm.com) або alerts.in.ua. Ключі ніколи не записуються у файли чи журнали.</translation>
        </message>
        <message>
            <source>No system keyring is available: keys are kept only until shelterapp quits.</source>
            <translation>Системне сховище паролів недоступне: ключі зберігатимуться лише до виходу з shelterapp.</translation>
        </message>
        <message>
            <source>Ukraine Alarm key</source>
            <translation>Ключ Ukraine Alarm</translation>
        </message>
        <message>
            <source>alerts.in.ua token</source>
            <translation>Токен alerts.in.ua</translation>
        </message>
        <message>
            <source>Relay password</source>
            <translation>Пароль ретранслятора</translation>
        </message>
        <message>
            <source>Your own key for this feed; it is kept in the system keyring, never in a file.</source>
            <translation>Ваш власний ключ для цього джерела; він зберігається в системному сховищі ключів, ніколи не у файлі.</translation>
        </message>
        <message>
            <source>The password of your organisation's relay account (config.toml names the broker and the user); kept in the system keyring, never in a file.</source>
            <translation>Пароль облікового запису ретранслятора вашої організації (брокер і користувача вказано в config.toml); він зберігається в системному сховищі ключів, ніколи не у файлі.</translation>
        </message>
        <message>
            <source>set: leave as is, or type a new one</source>
            <translation>задано: залиште або введіть новий</translation>
        </message>
        <message>
            <source>&amp;Quiet notice when a raion next to Kyiv is alerted and the city is not</source>
            <translation>&amp;Тихе сповіщення, коли тривога в районі поруч із Києвом, а в місті її немає</translation>
        </message>
        <message>
            <source>Notice for the raions next to Kyiv</source>
            <translation>Сповіщення про райони поруч із Києвом</translation>
        </message>
        <message>
            <source>For Kyiv city: a normal notification, without alarm, when Brovary, Boryspil, Bucha, Vyshhorod, Obukhiv, Fastiv or Bila Tserkva raion is alerted while the city is clear.</source>
            <translation>Для Києва: звичайне сповіщення, без сирени, коли тривогу оголошено в Броварському, Бориспільському, Бучанському, Вишгородському, Обухівському, Фастівському чи Білоцерківському районі, а в місті її немає.</translation>
        </message>
        <message>
            <source>Set by [alerts] nearby in config.toml.</source>
            <translation>Задано параметром [alerts] nearby у config.toml.</translation>
        </message>
        <message>
            <source>Keeps the keys and regions, and restarts the feeds.</source>
            <translation>Зберігає ключі й регіони та перезапускає джерела.</translation>
        </message>
        <message>
            <source>Closes this dialog without changing anything.</source>
            <translation>Закриває це вікно, нічого не змінюючи.</translation>
        </message>
        <message>
            <source>Alert me for</source>
            <translation>Сповіщати про тривоги для</translation>
        </message>
        <message>
            <source>Alerts for this region are shown and notified.</source>
            <translation>Тривоги для цього регіону показуються й сповіщаються.</translation>
        </message>
        <message>
            <source>Set by [alerts] regions in config.toml.</source>
            <translation>Задано в config.toml ([alerts] regions).</translation>
        </message>
    </context>
    <context>
        <name>TimerController</name>
        <message>
            <source>◷ %1 since the alert began</source>
            <translation>◷ %1 від початку тривоги</translation>
        </message>
        <message>
            <source>nearest shelter %1: %2, %3 on foot</source>
            <translation>найближче укриття %1: %2, %3 пішки</translation>
        </message>
        <message>
            <source>✓ In a shelter since %1, %2 after the alert began. Stay until the all clear.</source>
            <translation>✓ В укритті з %1, через %2 після початку тривоги. Залишайтеся до відбою.</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Nearest shelters</source>
            <translation>Найближчі укриття</translation>
        </message>
        <message>
            <source>&amp;Show window</source>
            <translation>&amp;Показати вікно</translation>
        </message>
        <message>
            <source>Start &amp;with my session</source>
            <translation>Запускати &amp;разом із сеансом</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Вийти</translation>
        </message>
        <message>
            <source>I am &amp;in a shelter</source>
            <translation>Я &amp;в укритті</translation>
        </message>
        <message>
            <source>Quiet for 1 &amp;hour</source>
            <translation>&amp;Тиша на 1 годину</translation>
        </message>
        <message>
            <source>Quiet until &amp;morning</source>
            <translation>Тиша &amp;до ранку</translation>
        </message>
        <message>
            <source>Sound alerts &amp;again</source>
            <translation>&amp;Знову зі звуком</translation>
        </message>
        <message>
            <source>no alert feed configured</source>
            <translation>джерело тривог не налаштовано</translation>
        </message>
        <message>
            <source>Nearest shelters to %1</source>
            <translation>Найближчі укриття до «%1»</translation>
        </message>
        <message>
            <source>(no shelter with a known position)</source>
            <translation>(немає укриттів із відомим розташуванням)</translation>
        </message>
    </context>
</TS>
