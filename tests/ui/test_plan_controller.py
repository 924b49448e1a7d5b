"""File → Print shelter plan / Save shelter plan as PDF: the same page on a printer and in a file, drawn off the GUI
thread, for the location the window shows."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pdf_helpers import pdf_info, pdf_text
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from ui_helpers import make_window

from shelterapp.plan import render
from shelterapp.settings import Location
from shelterapp.ui.plan_controller import PlanController


@pytest.fixture
def plan(qtbot, catalog, settings):
    window, controller = make_window(qtbot, catalog, settings)
    controller.set_location(Location(50.4501, 30.5234, "Робота"))
    return PlanController(controller, None, "uk"), window


@pytest.fixture
def render_threads(monkeypatch):
    """Which thread drew each page."""
    threads: list[threading.Thread] = []
    original = render.render_plan

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(render, "render_plan", recording)  # plan_controller imports it when a plan is asked for
    monkeypatch.setattr("shelterapp.plan.pdf.render_plan", recording)
    return threads


def test_the_file_menu_offers_print_and_pdf(plan):
    _controller, window = plan
    texts = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
    assert "&Print shelter plan…" in texts and "Save shelter plan as P&DF…" in texts
    assert window.print_plan_action.shortcut().toString() == "Ctrl+P"


def test_save_as_pdf_writes_the_plan_of_my_location_off_the_gui_thread(
    qtbot, plan, tmp_path, monkeypatch, render_threads
):
    controller, window = plan
    target = tmp_path / "мій план"  # no extension typed: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    window.save_plan_action.trigger()
    assert not window.save_plan_action.isEnabled()  # one plan at a time
    qtbot.waitUntil(lambda: controller.last_stats is not None, timeout=20_000)
    saved = tmp_path / "мій план.pdf"
    text = pdf_text(saved)
    assert "План укриттів: Робота" in text and "Майдан Незалежності" in text
    assert pdf_info(saved)["Pages"] == "1"
    assert render_threads and all(t is not threading.main_thread() for t in render_threads)
    assert window.save_plan_action.isEnabled()
    assert str(saved) in window.notice.text()


def test_printing_draws_the_same_page_on_a_printer(qtbot, plan, tmp_path, render_threads):
    # What the print dialog hands over is a QPrinter; "Print to file" makes it write a PDF we can read back.
    controller, _window = plan
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    controller.print_to(printer)
    qtbot.waitUntil(lambda: controller.last_stats is not None, timeout=20_000)
    del printer  # the printer finishes its file when it goes away
    text = pdf_text(printed)
    assert "Майдан Незалежності" in text and "112" in text and "101" in text
    assert pdf_info(printed)["Pages"] == "1"
    assert render_threads and all(t is not threading.main_thread() for t in render_threads)


def test_a_file_that_cannot_be_written_is_said_and_nothing_breaks(qtbot, plan, tmp_path):
    controller, window = plan
    (tmp_path / "file").write_text("not a folder")
    controller.save_pdf_to(tmp_path / "file" / "plan.pdf")
    qtbot.waitUntil(window.save_plan_action.isEnabled, timeout=20_000)
    assert window.notice.property("problem") is True
    assert "The shelter plan could not be made" in window.notice.text()


def test_far_from_any_shelter_there_is_no_plan_and_it_says_why(plan):
    controller, window = plan
    window.set_location(Location(48.8566, 2.3522, "Paris"))
    controller.save_pdf_to(Path("/nonexistent/never.pdf"))
    assert window.notice.property("problem") is True
    assert "15 km" in window.notice.text()
    assert window.save_plan_action.isEnabled()
