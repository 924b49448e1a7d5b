"""Fill unfinished messages of a Qt Linguist .ts file: by source text from an earlier copy of the file
(a string that moved to another class keeps its translation, plural forms too), then from a TSV of new
translations.

    python tools/ts_fill.py NEW.ts --previous OLD.ts [--tsv new.tsv]

The TSV holds `source<TAB>translation` lines (\\n for a line break); for a plural message (%n) the forms
are separated by `|` in the language's order (French: one|many).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from xml.etree import ElementTree as ET


def known_translations(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is None or translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
            continue
        if message.get("numerus") == "yes":  # its forms, as the TSV gives them
            forms = [form.text or "" for form in translation.findall("numerusform")]
            if forms and all(forms):
                found.setdefault(source.text or "", "|".join(forms))
        elif translation.text:
            found.setdefault(source.text or "", translation.text)
    return found


def read_tsv(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            source, translation = line.split("\t", 1)
            table[source.replace("\\n", "\n")] = translation.replace("\\n", "\n")
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ts", type=Path)
    parser.add_argument("--previous", type=Path)
    parser.add_argument("--tsv", type=Path)
    args = parser.parse_args()
    table = known_translations(args.previous) if args.previous and args.previous.exists() else {}
    if args.tsv:
        table.update(read_tsv(args.tsv))
    tree = ET.parse(args.ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is None or translation is None or translation.get("type") != "unfinished":
            continue
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform")
            given = table.get(source.text or "", "").split("|")
            if forms and len(given) == len(forms) and all(given):
                for form, text in zip(forms, given, strict=True):
                    form.text = text
                del translation.attrib["type"]
            elif not all(form.text for form in forms):
                missing.append(source.text or "")
            continue
        text = table.get(source.text or "")
        if text:
            translation.text = text
            del translation.attrib["type"]
        else:
            missing.append(source.text or "")
    ET.indent(tree, "    ")
    with args.ts.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")
    for text in missing:
        print(f"untranslated: {text!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
