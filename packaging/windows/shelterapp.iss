; Inno Setup 6 script: a per-user installer over the PyInstaller one-folder bundle dist\shelterapp\
; (shelterapp.exe, shelterapp-cli.exe and _internal\). NOT compiled here (no Windows, no ISCC on the machine it
; was written on): see packaging/README.md, "Windows". Saved as UTF-8 with a BOM, which Inno Setup needs to read
; the Ukrainian and French texts below as Unicode.
;
; On Windows, from the repository root:
;   .venv\Scripts\pyinstaller --noconfirm --clean --workpath build\pyinstaller --distpath dist packaging\pyinstaller\shelterapp.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\shelterapp.iss
; The installer lands in dist\shelterapp-<version>-setup.exe.

; The version: keep in step with shelterapp/__init__.py (tests/test_bundle_recipes.py checks), or pass /DAppVersion=.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "shelterapp"
#define AppExe "shelterapp.exe"
#define BundleDir "..\..\dist\shelterapp"

[Setup]
; Fixed for good: Windows recognises upgrades and the uninstaller by it. Never change or reuse it.
AppId={{E7414CFC-D465-402F-A77C-492F521BA9BB}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=shelterapp developers
AppComments=Nearest Kyiv shelters and air-raid alerts, offline
; Per-user by default (no administrator needed); the user may still choose an all-users install.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; PySide6 6.8+ wheels are 64-bit only.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Inno Setup asks a running shelterapp to close before it replaces or removes files.
CloseApplications=yes
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "uk"; MessagesFile: "compiler:Languages\Ukrainian.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.AutostartTask=Start shelterapp in the notification area when I sign in, so that alerts reach me
uk.AutostartTask=Запускати shelterapp в області сповіщень під час входу, щоб тривоги доходили до мене
fr.AutostartTask=Démarrer shelterapp dans la zone de notification à l'ouverture de session, pour recevoir les alertes
en.StartGroup=When I sign in:
uk.StartGroup=Під час входу:
fr.StartGroup=À l'ouverture de session :

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "{cm:AutostartTask}"; GroupDescription: "{cm:StartGroup}"; Flags: unchecked

[Files]
; The whole one-folder bundle: both executables and _internal\ (Qt, Python, resources).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; Optional autostart: the current user's Run key, started hidden in the tray (--hidden); removed on uninstall.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"" --hidden"; Flags: uninsdeletevalue; Tasks: autostart

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Stop a running (tray) instance before its files are removed.
Filename: "{sys}\taskkill.exe"; Parameters: "/IM {#AppExe} /F"; Flags: runhidden; RunOnceId: "StopShelterapp"
