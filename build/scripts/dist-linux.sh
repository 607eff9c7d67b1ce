#!/usr/bin/env bash
# Packs DirectDesk for Linux x64:
#   build/dist/DirectDesk-<version>-linux-x64.tar.gz   window + CLI, menu entry, icons, install.sh
#   build/dist/directdesk_<version>_amd64.deb           the same for Debian/Ubuntu (apt installs GTK/WebKit)
# The frontend must be built first (`make dist-linux` does that).
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${DIST_DIR:-build/dist}
if [ ! -f frontend/dist/index.html ]; then
  echo "dist-linux: frontend/dist is empty: run 'make frontend' first" >&2
  exit 1
fi
read -r version _ < <(build/scripts/dist-version.sh)
version=${DIST_VERSION:-$version}
name="DirectDesk-$version-linux-x64"
archive="$OUT/$name.tar.gz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/$name"
# Only this build's files: older versions would pile up with every commit.
rm -f "$OUT"/DirectDesk-*-linux-x64.tar.gz "$OUT"/directdesk_*_amd64.deb "$OUT/linux.json"
mkdir -p "$OUT" "$stage/bin" "$stage/share/applications" "$stage/share/icons/hicolor/scalable/apps"

echo "dist-linux: go build (window and command line, version $version)"
ldflags="-s -w -X directdesk/app.Version=$version"
go build -tags desktop,production,webkit2_41,sqlite_fts5 -ldflags "$ldflags" -o "$stage/bin/directdesk-desktop" .
go build -tags sqlite_fts5 -ldflags "$ldflags" -o "$stage/bin/directdesk" ./cmd/directdesk

cp build/linux/directdesk.desktop "$stage/share/applications/"
cp build/appicon.svg "$stage/share/icons/hicolor/scalable/apps/directdesk.svg"
# Menus and docks pick the PNG closest to their size; no date chunks, so the same input packs the same bytes.
for s in 16 32 48 64 128 256 512; do
  mkdir -p "$stage/share/icons/hicolor/${s}x${s}/apps"
  convert build/appicon.png -resize "${s}x${s}" -depth 8 -strip -define png:exclude-chunks=date,time \
    "$stage/share/icons/hicolor/${s}x${s}/apps/directdesk.png"
done
cp build/linux/install.sh "$stage/"
cat >"$stage/README.txt" <<EOF
DirectDesk $version for Linux (x86-64)

Install for yourself:         ./install.sh
Install for all users:        sudo ./install.sh --system
Remove again:                 ./install.sh --uninstall   (your data is kept)

Then start DirectDesk from your applications menu (Office). It needs GTK 3 and
WebKitGTK 4.1 (Debian 12 / Ubuntu 22.04 or newer: sudo apt install libgtk-3-0
libwebkit2gtk-4.1-0). Your workspace is in ~/.local/share/directdesk.
Command line: bin/directdesk help
EOF
tar --sort=name --owner=0 --group=0 --numeric-owner -czf "$archive" -C "$work" "$name"

# .deb: the same files under /usr; dpkg-deb is part of every Debian system.
deb=""
if command -v dpkg-deb >/dev/null; then
  # Debian versions must start with a digit and hold no '_'.
  debversion=$(printf '%s' "$version" | tr '_-' '++')
  [[ $debversion =~ ^[0-9] ]] || debversion="0+$debversion"
  deb="$OUT/directdesk_${debversion}_amd64.deb"
  root="$work/deb"
  mkdir -p "$root/DEBIAN" "$root/usr"
  cp -r "$stage/bin" "$stage/share" "$root/usr/"
  size=$(du -sk "$root/usr" | cut -f1)
  cat >"$root/DEBIAN/control" <<EOF
Package: directdesk
Version: $debversion
Architecture: amd64
Maintainer: DirectDesk developers <noreply@directdesk.invalid>
Installed-Size: $size
Depends: libgtk-3-0, libwebkit2gtk-4.1-0
Section: misc
Priority: optional
Description: direct marketing for small businesses
 DirectDesk keeps customers, consent and campaigns in one local file and
 prints letters and labels, sends e-mail and tracks responses. Offline.
EOF
  dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
fi

printf '{"version":"%s","archive":"%s","deb":"%s"}\n' "$version" "$archive" "$deb" >"$OUT/linux.json"
ls -l "$archive" ${deb:+"$deb"}
