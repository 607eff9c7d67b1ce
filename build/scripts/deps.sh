#!/usr/bin/env bash
# Installs what `make run` and `make test` need on Debian/Ubuntu, skipping
# whatever is already there: apt packages, npm packages, Go modules.
set -euo pipefail
cd "$(dirname "$0")/../.."

APT_PACKAGES=(
  pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev   # Wails desktop build on Linux
  xvfb xauth x11-utils                             # desktop smoke test without a screen
  chromium                                         # Playwright end-to-end tests
  fonts-dejavu-core fonts-noto-core                # readable screenshots in all five languages
  poppler-utils                                    # PDF -> PNG for looking at documents
  imagemagick                                      # window screenshots in the smoke test; Linux package icons
  gcc-mingw-w64-x86-64-win32 nsis                  # make dist-windows: cgo for Windows, the installer
  7zip desktop-file-utils                          # test-dist: look inside the installer, check the menu entry
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Vite 8 needs Node 20.19 or newer; say so instead of failing deep in a build.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "deps: Node $(node --version) is too old: DirectDesk's frontend needs Node 20.19 or newer." >&2
  exit 1
fi

# npm: the lock file first; if it does not fit this platform's optional
# native packages, fall back to a plain install.
if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  (cd frontend && (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error))
fi
# Keep any Go files an npm package ships out of `go ./...`.
printf 'module ignore\n' > frontend/node_modules/go.mod

go mod download
