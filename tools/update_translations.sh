#!/usr/bin/env bash
# Refresh resources/translations/*.ts from the code (keeps existing translations), then build .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
sources=$(find shelterapp -name '*.py' -print0 | xargs -0 grep -l -E 'tr\(|translate\(' | sort)
for lang in uk en; do
  # English is the source language: its file only carries plural forms ("1 shelter", "5 shelters").
  extra=""; [ "$lang" = en ] && extra="-pluralonly"
  # shellcheck disable=SC2086
  "$bin/pyside6-lupdate" -no-obsolete -locations none $extra $sources -ts "resources/translations/shelterapp_${lang}.ts"
  "$bin/pyside6-lrelease" -silent "resources/translations/shelterapp_${lang}.ts" -qm "resources/translations/shelterapp_${lang}.qm"
done
