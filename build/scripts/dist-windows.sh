#!/usr/bin/env bash
# Cross-builds DirectDesk for Windows x64 on Linux and wraps it in an installer:
#   build/dist/DirectDesk-<version>-windows-x64.exe        the app (runs without installing)
#   build/dist/DirectDesk-<version>-windows-x64-setup.exe  the NSIS installer
# Needs mingw-w64 (cgo for go-sqlite3) and nsis: build/scripts/deps.sh installs both.
# The frontend must be built first (`make dist-windows` does that).
set -euo pipefail
cd "$(dirname "$0")/../.."

CC_WIN=${CC_WIN:-x86_64-w64-mingw32-gcc-win32}
WINDRES=${WINDRES:-x86_64-w64-mingw32-windres}
OUT=${DIST_DIR:-build/dist}
for tool in "$CC_WIN" "$WINDRES" makensis; do
  if ! command -v "$tool" >/dev/null; then
    echo "dist-windows: $tool not found: run build/scripts/deps.sh (it installs gcc-mingw-w64-x86-64-win32 and nsis)" >&2
    exit 1
  fi
done
if [ ! -f frontend/dist/index.html ]; then
  echo "dist-windows: frontend/dist is empty: run 'make frontend' first" >&2
  exit 1
fi

read -r version winversion < <(build/scripts/dist-version.sh)
version=${DIST_VERSION:-$version}
winversion=${WIN_VERSION:-$winversion}
if ! [[ $winversion =~ ^[0-9]{1,5}(\.[0-9]{1,5}){3}$ ]] || [[ $version == */* || -z $version ]]; then
  echo "dist-windows: bad version '$version' / '$winversion' (WIN_VERSION must be four numbers a.b.c.d)" >&2
  exit 1
fi
app="$OUT/DirectDesk-$version-windows-x64.exe"
setup="$OUT/DirectDesk-$version-windows-x64-setup.exe"
mkdir -p "$OUT"
# Only this build's files: older versions would pile up with every commit.
rm -f "$OUT"/DirectDesk-*-windows-x64.exe "$OUT"/DirectDesk-*-windows-x64-setup.exe "$OUT/windows.json"
res=$(mktemp -d)
# The .syso sits in the main package only while this build runs; its name ends
# in _windows_amd64 so a Linux build running meanwhile ignores it.
syso=directdesk_windows_amd64.syso
trap 'rm -rf "$res" "$syso"' EXIT

# wails.json "info" is the one place for the product's names.
info() { sed -n "s/.*\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" wails.json | head -n1; }
cstr() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
{
  echo "// Written by build/scripts/dist-windows.sh; not kept."
  echo "#define DD_VERSION_NUMBERS ${winversion//./,}"
  echo "#define DD_VERSION_DOTTED $(cstr "$winversion")"
  echo "#define DD_VERSION_TEXT $(cstr "$version")"
  echo "#define DD_COMPANY $(cstr "$(info companyName)")"
  echo "#define DD_PRODUCT $(cstr "$(info productName)")"
  echo "#define DD_COPYRIGHT $(cstr "$(info copyright)")"
  echo "#define DD_COMMENTS $(cstr "$(info comments)")"
} >"$res/version.h"
# The manifest's own version is informational; keep it equal to the file's.
sed "s/\(name=\"com.directdesk.app\" version=\"\)[0-9.]*\"/\1$winversion\"/" \
  build/windows/wails.exe.manifest >"$res/directdesk.exe.manifest"

echo "dist-windows: resources (icon, manifest, version $version = $winversion)"
"$WINDRES" --codepage=65001 -I "$res" -I build/windows --preprocessor-arg=-I"$res" \
  -i build/windows/directdesk.rc -O coff -o "$syso"

echo "dist-windows: go build $app"
# As `wails build -platform windows/amd64` in production mode: desktop+production
# tags, no console window (-H windowsgui), symbols stripped (-s -w).
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC="$CC_WIN" \
  go build -trimpath -tags desktop,production,sqlite_fts5 \
  -ldflags "-s -w -H windowsgui -X directdesk/app.Version=$version" -o "$app" .

echo "dist-windows: makensis $setup"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DWIN_VERSION="$winversion" \
  -DAPP_EXE="$PWD/$app" -DOUT_FILE="$PWD/$setup" build/windows/installer.nsi
# What was built, for e2e/dist (the PE checks) and for whoever publishes the files.
printf '{"version":"%s","winVersion":"%s","app":"%s","setup":"%s"}\n' \
  "$version" "$winversion" "$app" "$setup" >"$OUT/windows.json"
ls -l "$app" "$setup"
