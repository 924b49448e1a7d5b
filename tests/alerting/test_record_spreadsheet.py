"""The CSV export in a real spreadsheet: LibreOffice Calc (headless) opens it and no hostile cell becomes a
formula, while the same text written plainly does (the check can fail). Skipped, saying why, where LibreOffice
is not installed (Debian: libreoffice-calc-nogui)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from shelterapp.alerting.record import AdvisoryRow, Record
from shelterapp.alerting.record_csv import record_csv

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
FORMULAS = ["=1+1", "+2+3", "-4+5", "@SUM(1;2)", "\t=6+7", "\r=8+9", '=HYPERLINK("http://evil.invalid";"x")']
UTF8 = "CSV:44,34,76,1"  # comma, double quote, UTF-8 (76), from line 1


def calc(csv_file, tmp_path) -> str:
    """The file as LibreOffice Calc reads it, saved as flat ODS (XML) to look inside."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", f"--infilter={UTF8}", "--convert-to", "fods",
         "--outdir", str(tmp_path), str(csv_file)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return csv_file.with_suffix(".fods").read_text(encoding="utf-8")


def test_hostile_cells_stay_text_in_libreoffice(tmp_path):
    rows = tuple(AdvisoryRow("fcdo", f"id{n}", text, "Повітряна тривога", "https://x.invalid", text, T0, T0)
                 for n, text in enumerate(FORMULAS))  # fmt: skip
    ours = tmp_path / "export.csv"
    ours.write_bytes(record_csv(Record((), rows)))
    sheet = calc(ours, tmp_path)
    assert "table:formula" not in sheet
    assert "<text:p>record</text:p>" in sheet and "Повітряна тривога" in sheet  # UTF-8, the BOM not in a cell
    assert "<text:p>&apos;=HYPERLINK(" in sheet  # the text is there, with its protective quote

    plain = tmp_path / "plain.csv"  # the control: the same cells, unprotected, are formulas
    plain.write_text('a,b\r\n=1+1,"=HYPERLINK(""http://evil.invalid"";""x"")"\r\n', encoding="utf-8")
    assert calc(plain, tmp_path).count("table:formula=") == 2
