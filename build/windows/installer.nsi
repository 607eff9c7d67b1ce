; DirectDesk installer for Windows x64 (NSIS 3, Modern UI 2).
; Built on Linux by build/scripts/dist-windows.sh with Debian's makensis:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.9.0 -DWIN_VERSION=0.9.0.0 \
;            -DAPP_EXE=/abs/DirectDesk.exe -DOUT_FILE=/abs/setup.exe installer.nsi
; Per-user install: no administrator rights, nothing outside the user's profile.
; The user's workspace (%AppData%\DirectDesk) is never touched, not even by the uninstaller.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!macro DD_REQUIRE NAME
  !ifndef ${NAME}
    !error "pass -D${NAME}=... (see build/scripts/dist-windows.sh)"
  !endif
!macroend
!insertmacro DD_REQUIRE VERSION
!insertmacro DD_REQUIRE WIN_VERSION
!insertmacro DD_REQUIRE APP_EXE
!insertmacro DD_REQUIRE OUT_FILE

!define PRODUCT "DirectDesk"
!define PUBLISHER "DirectDesk"
!define EXE "DirectDesk.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\DirectDesk"
!define APP_KEY "Software\DirectDesk"
; Microsoft's page for the WebView2 Runtime ("Evergreen Bootstrapper"); opened only if the user agrees.
!define WEBVIEW2_URL "https://developer.microsoft.com/microsoft-edge/webview2/"
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\DirectDesk"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "icon.ico"
!define MUI_UNICON "icon.ico"
!define MUI_ABORTWARNING
; Remember the chosen language for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${APP_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(DD_FINISH_TEXT)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(DD_UNINSTALL_TEXT)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(DD_UNINSTALL_DONE)"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Danish"
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "Norwegian"
!insertmacro MUI_LANGUAGE "Russian"

; ---- Our own words, in the five languages of the app ----
LangString DD_SEC_APP ${LANG_ENGLISH} "DirectDesk (required)"
LangString DD_SEC_APP ${LANG_DANISH} "DirectDesk (påkrævet)"
LangString DD_SEC_APP ${LANG_SWEDISH} "DirectDesk (krävs)"
LangString DD_SEC_APP ${LANG_NORWEGIAN} "DirectDesk (påkrevd)"
LangString DD_SEC_APP ${LANG_RUSSIAN} "DirectDesk (обязательно)"

LangString DD_SEC_DESKTOP ${LANG_ENGLISH} "Shortcut on the desktop"
LangString DD_SEC_DESKTOP ${LANG_DANISH} "Genvej på skrivebordet"
LangString DD_SEC_DESKTOP ${LANG_SWEDISH} "Genväg på skrivbordet"
LangString DD_SEC_DESKTOP ${LANG_NORWEGIAN} "Snarvei på skrivebordet"
LangString DD_SEC_DESKTOP ${LANG_RUSSIAN} "Ярлык на рабочем столе"

LangString DD_NEEDS_X64 ${LANG_ENGLISH} "DirectDesk needs 64-bit Windows 10 or 11. This PC runs 32-bit Windows, so DirectDesk cannot be installed here."
LangString DD_NEEDS_X64 ${LANG_DANISH} "DirectDesk kræver 64-bit Windows 10 eller 11. Denne pc kører 32-bit Windows, så DirectDesk kan ikke installeres her."
LangString DD_NEEDS_X64 ${LANG_SWEDISH} "DirectDesk kräver 64-bitars Windows 10 eller 11. Den här datorn kör 32-bitars Windows, så DirectDesk kan inte installeras här."
LangString DD_NEEDS_X64 ${LANG_NORWEGIAN} "DirectDesk krever 64-biters Windows 10 eller 11. Denne PC-en kjører 32-biters Windows, så DirectDesk kan ikke installeres her."
LangString DD_NEEDS_X64 ${LANG_RUSSIAN} "Для DirectDesk нужна 64-разрядная Windows 10 или 11. На этом компьютере 32-разрядная Windows, поэтому установить DirectDesk нельзя."

LangString DD_RUNNING ${LANG_ENGLISH} "DirectDesk is open. Close its window (your work is saved), then click Retry."
LangString DD_RUNNING ${LANG_DANISH} "DirectDesk er åbent. Luk vinduet (dit arbejde er gemt), og klik så på Prøv igen."
LangString DD_RUNNING ${LANG_SWEDISH} "DirectDesk är öppet. Stäng fönstret (ditt arbete är sparat) och klicka sedan på Försök igen."
LangString DD_RUNNING ${LANG_NORWEGIAN} "DirectDesk er åpent. Lukk vinduet (arbeidet ditt er lagret), og klikk deretter på Prøv igjen."
LangString DD_RUNNING ${LANG_RUSSIAN} "DirectDesk открыт. Закройте его окно (ваша работа сохранена) и нажмите «Повторить»."

LangString DD_WEBVIEW2 ${LANG_ENGLISH} "DirectDesk shows its window with Microsoft Edge WebView2. Windows 10 and 11 normally include it, but it was not found on this PC.$\r$\n$\r$\nDirectDesk is installed anyway. Before you start it, install the free WebView2 Runtime (the $\"Evergreen Bootstrapper$\") from Microsoft:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nOpen that page now?"
LangString DD_WEBVIEW2 ${LANG_DANISH} "DirectDesk viser sit vindue med Microsoft Edge WebView2. Windows 10 og 11 har det normalt, men det blev ikke fundet på denne pc.$\r$\n$\r$\nDirectDesk bliver installeret alligevel. Installér den gratis WebView2 Runtime ($\"Evergreen Bootstrapper$\") fra Microsoft, før du starter programmet:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nVil du åbne siden nu?"
LangString DD_WEBVIEW2 ${LANG_SWEDISH} "DirectDesk visar sitt fönster med Microsoft Edge WebView2. Windows 10 och 11 har det normalt, men det hittades inte på den här datorn.$\r$\n$\r$\nDirectDesk installeras ändå. Installera den kostnadsfria WebView2 Runtime ($\"Evergreen Bootstrapper$\") från Microsoft innan du startar programmet:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nVill du öppna sidan nu?"
LangString DD_WEBVIEW2 ${LANG_NORWEGIAN} "DirectDesk viser vinduet sitt med Microsoft Edge WebView2. Windows 10 og 11 har det vanligvis, men det ble ikke funnet på denne PC-en.$\r$\n$\r$\nDirectDesk blir installert likevel. Installer den gratis WebView2 Runtime ($\"Evergreen Bootstrapper$\") fra Microsoft før du starter programmet:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nVil du åpne siden nå?"
LangString DD_WEBVIEW2 ${LANG_RUSSIAN} "DirectDesk показывает своё окно с помощью Microsoft Edge WebView2. Обычно он есть в Windows 10 и 11, но на этом компьютере его не нашлось.$\r$\n$\r$\nDirectDesk всё равно будет установлен. Перед запуском установите бесплатный WebView2 Runtime ($\"Evergreen Bootstrapper$\") с сайта Microsoft:$\r$\n${WEBVIEW2_URL}$\r$\n$\r$\nОткрыть эту страницу сейчас?"

LangString DD_FINISH_TEXT ${LANG_ENGLISH} "DirectDesk is installed.$\r$\n$\r$\nYour customers, campaigns and backups are kept in your own folder:$\r$\n$APPDATA\DirectDesk$\r$\n$\r$\nUninstalling DirectDesk never deletes that folder."
LangString DD_FINISH_TEXT ${LANG_DANISH} "DirectDesk er installeret.$\r$\n$\r$\nDine kunder, kampagner og sikkerhedskopier ligger i din egen mappe:$\r$\n$APPDATA\DirectDesk$\r$\n$\r$\nDen mappe bliver aldrig slettet, heller ikke hvis du afinstallerer DirectDesk."
LangString DD_FINISH_TEXT ${LANG_SWEDISH} "DirectDesk är installerat.$\r$\n$\r$\nDina kunder, kampanjer och säkerhetskopior sparas i din egen mapp:$\r$\n$APPDATA\DirectDesk$\r$\n$\r$\nMappen tas aldrig bort, inte ens om du avinstallerar DirectDesk."
LangString DD_FINISH_TEXT ${LANG_NORWEGIAN} "DirectDesk er installert.$\r$\n$\r$\nKundene, kampanjene og sikkerhetskopiene dine ligger i din egen mappe:$\r$\n$APPDATA\DirectDesk$\r$\n$\r$\nDen mappen blir aldri slettet, heller ikke om du avinstallerer DirectDesk."
LangString DD_FINISH_TEXT ${LANG_RUSSIAN} "DirectDesk установлен.$\r$\n$\r$\nВаши клиенты, кампании и резервные копии хранятся в вашей папке:$\r$\n$APPDATA\DirectDesk$\r$\n$\r$\nУдаление DirectDesk никогда не удаляет эту папку."

LangString DD_UNINSTALL_TEXT ${LANG_ENGLISH} "The DirectDesk program will be removed. Your data stays: customers, campaigns and backups in $APPDATA\DirectDesk are kept, so you can install DirectDesk again and carry on."
LangString DD_UNINSTALL_TEXT ${LANG_DANISH} "Programmet DirectDesk bliver fjernet. Dine data bliver: kunder, kampagner og sikkerhedskopier i $APPDATA\DirectDesk beholdes, så du kan installere DirectDesk igen og fortsætte."
LangString DD_UNINSTALL_TEXT ${LANG_SWEDISH} "Programmet DirectDesk tas bort. Dina data finns kvar: kunder, kampanjer och säkerhetskopior i $APPDATA\DirectDesk behålls, så att du kan installera DirectDesk igen och fortsätta."
LangString DD_UNINSTALL_TEXT ${LANG_NORWEGIAN} "Programmet DirectDesk blir fjernet. Dataene dine blir værende: kunder, kampanjer og sikkerhetskopier i $APPDATA\DirectDesk beholdes, så du kan installere DirectDesk igjen og fortsette."
LangString DD_UNINSTALL_TEXT ${LANG_RUSSIAN} "Программа DirectDesk будет удалена. Ваши данные останутся: клиенты, кампании и резервные копии в $APPDATA\DirectDesk сохранятся, и после повторной установки DirectDesk можно продолжить работу."

LangString DD_UNINSTALL_DONE ${LANG_ENGLISH} "DirectDesk has been removed.$\r$\n$\r$\nYour data is still in $APPDATA\DirectDesk. Delete that folder yourself only if you are sure you will never need those customers and backups again."
LangString DD_UNINSTALL_DONE ${LANG_DANISH} "DirectDesk er fjernet.$\r$\n$\r$\nDine data ligger stadig i $APPDATA\DirectDesk. Slet kun selv den mappe, hvis du er sikker på, at du aldrig får brug for de kunder og sikkerhedskopier igen."
LangString DD_UNINSTALL_DONE ${LANG_SWEDISH} "DirectDesk har tagits bort.$\r$\n$\r$\nDina data finns kvar i $APPDATA\DirectDesk. Ta bara bort mappen själv om du är säker på att du aldrig behöver de kunderna och säkerhetskopiorna igen."
LangString DD_UNINSTALL_DONE ${LANG_NORWEGIAN} "DirectDesk er fjernet.$\r$\n$\r$\nDataene dine ligger fortsatt i $APPDATA\DirectDesk. Slett den mappen selv bare hvis du er sikker på at du aldri trenger de kundene og sikkerhetskopiene igjen."
LangString DD_UNINSTALL_DONE ${LANG_RUSSIAN} "DirectDesk удалён.$\r$\n$\r$\nВаши данные по-прежнему в $APPDATA\DirectDesk. Удаляйте эту папку сами, только если уверены, что эти клиенты и резервные копии вам больше никогда не понадобятся."

; ---- Version information of the installer itself (Explorer > Properties > Details) ----
VIProductVersion "${WIN_VERSION}"
VIFileVersion "${WIN_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${PRODUCT} setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${WIN_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "© DirectDesk"

; A running DirectDesk holds DirectDesk.exe open: replacing or deleting it would
; fail halfway. Wails names its window class "wailsWindow"; main.go sets the title.
!macro DD_WAIT_CLOSED
  retry_closed:
    FindWindow $0 "wailsWindow" "DirectDesk"
    ${If} $0 <> 0
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(DD_RUNNING)" /SD IDCANCEL IDRETRY retry_closed
      Abort
    ${EndIf}
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(DD_NEEDS_X64)" /SD IDOK
    Abort
  ${EndIf}
  !insertmacro MUI_LANGDLL_DISPLAY
  !insertmacro DD_WAIT_CLOSED
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
  !insertmacro DD_WAIT_CLOSED
FunctionEnd

; Tells the user where to get WebView2 when it is missing; never downloads anything itself.
Function CheckWebView2
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  SetRegView lastused
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(DD_WEBVIEW2)" /SD IDNO IDNO done
    ExecShell "open" "${WEBVIEW2_URL}"
  ${EndIf}
  done:
FunctionEnd

Section "$(DD_SEC_APP)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=${EXE}" "${APP_EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu entry (Windows 10/11 list apps directly, no folder needed).
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; Apps & features / Add or remove programs, for this user only.
  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  Call CheckWebView2
SectionEnd

Section "$(DD_SEC_DESKTOP)" SecDesktop
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

; Removes only what the installer put there. The workspace in $APPDATA\DirectDesk
; (customers, campaigns, backups) is deliberately left alone.
Section "Uninstall"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\uninstall.exe"
  ; Not /r: the user may have picked a folder that holds other files.
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
SectionEnd
