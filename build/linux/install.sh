#!/bin/sh
# Installs DirectDesk from this folder.
#   ./install.sh                  for you only: ~/.local (no password needed)
#   sudo ./install.sh --system    for everyone on this computer: /usr/local
#   ./install.sh --prefix DIR     somewhere else
#   ./install.sh --uninstall      removes the program again (add --system or
#                                 --prefix as you did when installing)
# Your workspace (customers, campaigns, backups in ~/.local/share/directdesk)
# is never touched, not even by --uninstall.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME:-}/.local"
uninstall=""
while [ $# -gt 0 ]; do
  case "$1" in
    --system) prefix=/usr/local ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$prefix" in
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac

# Exactly the files this package puts in place: nothing else is ever removed.
files="bin/directdesk-desktop bin/directdesk share/applications/directdesk.desktop share/icons/hicolor/scalable/apps/directdesk.svg"
for d in "$here"/share/icons/hicolor/*x*/apps/directdesk.png; do
  files="$files ${d#"$here"/}"
done

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
}

if [ -n "$uninstall" ]; then
  for f in $files; do rm -f "$prefix/$f"; done
  refresh
  echo "DirectDesk removed from $prefix."
  echo "Your workspace (${XDG_DATA_HOME:-~/.local/share}/directdesk) is kept."
  exit 0
fi

for f in $files; do
  mkdir -p "$(dirname "$prefix/$f")"
  cp "$here/$f" "$prefix/$f"
done
chmod 755 "$prefix/bin/directdesk-desktop" "$prefix/bin/directdesk"
# The menu entry starts the program by its full path: ~/.local/bin is often not on PATH.
sed "s|^Exec=.*|Exec=\"$prefix/bin/directdesk-desktop\"|" "$here/share/applications/directdesk.desktop" \
  >"$prefix/share/applications/directdesk.desktop"
refresh

echo "DirectDesk installed in $prefix. Start it from your applications menu (Office)."
if command -v ldd >/dev/null 2>&1 && ldd "$prefix/bin/directdesk-desktop" 2>/dev/null | grep -q "not found"; then
  echo
  echo "The window needs GTK 3 and WebKitGTK 4.1, which are missing. Install them first:"
  echo "  Debian 12 / Ubuntu 22.04 or newer:  sudo apt install libgtk-3-0 libwebkit2gtk-4.1-0"
  echo "  Fedora:                             sudo dnf install gtk3 webkit2gtk4.1"
fi
case ":${PATH:-}:" in
  *":$prefix/bin:"*) ;;
  *) echo "The command-line tool is $prefix/bin/directdesk (that folder is not on your PATH)." ;;
esac
