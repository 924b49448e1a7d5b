#!/usr/bin/env bash
# Refresh resources/translations/*.ts from the code (keeps existing translations, also for strings that
# moved to another class), fill new ones from resources/translations/new_<lang>.tsv if present, build .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
sources=$(find shelterapp -name '*.py' -print0 | xargs -0 grep -l -E 'tr\(|translate\(|TRANSLATE_NOOP\(' | sort)
previous=$(mktemp -d)
trap 'rm -rf "$previous"' EXIT
for locale in uk_UA en_US fr_FR; do
  lang=${locale%_*}
  ts="resources/translations/shelterapp_${lang}.ts"
  [ -f "$ts" ] && cp "$ts" "$previous/$lang.ts"
  # English is the source language: its file only carries plural forms ("1 shelter", "5 shelters").
  extra=""; [ "$lang" = en ] && extra="-pluralonly"
  # shellcheck disable=SC2086
  "$bin/pyside6-lupdate" -no-obsolete -locations none -target-language "$locale" $extra $sources -ts "$ts"
  tsv="resources/translations/new_${lang}.tsv"  # for en: new plural forms only
  "$bin/python" tools/ts_fill.py "$ts" --previous "$previous/$lang.ts" $([ -f "$tsv" ] && echo --tsv "$tsv")
  "$bin/pyside6-lrelease" -silent "$ts" -qm "resources/translations/shelterapp_${lang}.qm"
done
