#!/usr/bin/env bash
# Prints the two version strings a release file needs, on one line:
#   DIST_VERSION  for file names and the text shown to people (0.9.0, 0.9.0-12-gabc1234)
#   WIN_VERSION   the four numbers Windows wants in VERSIONINFO (0.9.0.12)
# Usage: dist-version.sh [DESCRIBE [BASE [COUNT]]]
#   DESCRIBE  `git describe --tags --always --dirty` output (default: ask git)
#   BASE      version used while the repository has no vX.Y.Z tag (default: wails.json productVersion)
#   COUNT     commits so far, the fourth number when there is no tag (default: ask git)
# Windows needs numbers 0..65535 in every field, so anything else is clamped
# or replaced: a build must never fail because of a tag's spelling.
set -euo pipefail
cd "$(dirname "$0")/../.."

describe=${1-$(git describe --tags --always --dirty --match 'v[0-9]*' 2>/dev/null || true)}
base=${2-$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json | head -n1)}
count=${3-$(git rev-list --count HEAD 2>/dev/null || echo 0)}

num() { # a decimal field clamped to Windows' 16 bits; leading zeros dropped
  local n=${1:-0}
  n=$((10#${n:0:6}))
  ((n > 65535)) && n=65535
  echo "$n"
}

dirty=""
if [[ $describe == *-dirty ]]; then
  dirty="-dirty"
  describe=${describe%-dirty}
fi

# vX[.Y[.Z]][pre-release][-N-gHASH] (a bare hash of digits is not a version: the v is required)
re='^v([0-9]+)(\.([0-9]+))?(\.([0-9]+))?([-.+~][0-9A-Za-z.+~-]*)?$'
tag="" ahead=""
if [[ $describe =~ ^(.*)-([0-9]+)-g[0-9a-f]+$ ]]; then
  tag=${BASH_REMATCH[1]} ahead=${BASH_REMATCH[2]}
fi
if [[ -n $tag && $tag =~ $re ]]; then
  win="$(num "${BASH_REMATCH[1]}").$(num "${BASH_REMATCH[3]}").$(num "${BASH_REMATCH[5]}").$(num "$ahead")"
  dist="${describe#v}$dirty"
elif [[ $describe =~ $re ]]; then
  win="$(num "${BASH_REMATCH[1]}").$(num "${BASH_REMATCH[3]}").$(num "${BASH_REMATCH[5]}").0"
  dist="${describe#v}$dirty"
else
  # No release tag yet: base version + commit count, the hash kept in the text.
  [[ $base =~ ^([0-9]+)(\.([0-9]+))?(\.([0-9]+))? ]] || BASH_REMATCH=("" 0 "" 1 "" 0)
  major=$(num "${BASH_REMATCH[1]}") minor=$(num "${BASH_REMATCH[3]}") patch=$(num "${BASH_REMATCH[5]}")
  [[ $count =~ ^[0-9]+$ ]] || count=0
  win="$major.$minor.$patch.$(num "$count")"
  dist="$major.$minor.$patch-$((10#$count))"
  [[ $describe =~ ^[0-9a-f]{4,40}$ ]] && dist="$dist-g$describe"
  dist="$dist$dirty"
fi
# File names: keep them to characters every file system and shell accepts.
dist=$(printf '%s' "$dist" | tr -c '0-9A-Za-z.+_-' '_')
echo "$dist $win"
