#!/bin/sh
# Installs the Debian (12 or newer) packages shelterapp needs to run: packaging/debian-packages.txt.
# With --test, also what the tests, CI and the bundle build add: packaging/debian-test-packages.txt.
#
# Works on a fresh machine: it runs `apt-get update` first (a new container or VM has no package lists), and
# uses sudo only when it is not run as root (a container's root has no sudo). POSIX sh: no bash needed.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
lists="$here/debian-packages.txt"
case "${1:-}" in
  "") ;;
  --test) lists="$lists $here/debian-test-packages.txt" ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

# One package per line; lines starting with # are comments.
# shellcheck disable=SC2086  # $lists is a list of paths without spaces
packages=$(grep -hv '^[[:space:]]*#' $lists | tr -s '[:space:]' ' ')

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  echo "$0: needs root for apt-get: run it as root, or install sudo" >&2
  exit 1
fi

# shellcheck disable=SC2086  # word splitting wanted: "sudo" or nothing, and one word per package
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
