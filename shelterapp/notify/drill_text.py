"""The drill report's vocabulary: a sentence as data (Text, an English template and its arguments), one link's
verdict (DrillLink) and the report's JSON contract. Pure: no Qt.

Templates are marked with QT_TRANSLATE_NOOP("Drill", ...) for lupdate: the command line prints them in English,
the window renders them through QCoreApplication.translate("Drill", ...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (the name lupdate looks for)
    return text


def _t(template: str) -> str:
    return template


@dataclass(frozen=True)
class Text:
    """One sentence: a template with %1, %2... and its arguments (strings, or Texts translated in turn)."""

    template: str
    args: tuple[str | Text, ...] = ()

    def render(self, translate: Callable[[str], str] = _t) -> str:
        text = translate(self.template)
        for number in range(len(self.args), 0, -1):  # %10 before %1
            arg = self.args[number - 1]
            text = text.replace(f"%{number}", arg.render(translate) if isinstance(arg, Text) else arg)
        return text


def T(template: str, *args: str | Text) -> Text:  # noqa: N802  (reads like the tr() it stands for)
    return Text(template, args)


@dataclass(frozen=True)
class DrillLink:
    name: str  # one of LINKS
    ok: bool
    detail: tuple[Text, ...]
    advice: tuple[Text, ...] = ()

    def as_json(self, translate: Callable[[str], str] = _t) -> dict[str, Any]:
        return {
            "name": self.name,
            "ok": self.ok,
            "detail": " ".join(t.render(translate) for t in self.detail),
            "advice": " ".join(t.render(translate) for t in self.advice),
        }


def report_json(links: Sequence[DrillLink]) -> dict[str, Any]:
    """The contract: {"ok": bool, "links": [{"name", "ok", "detail", "advice"}]}."""
    return {"ok": all(link.ok for link in links), "links": [link.as_json() for link in links]}


def age_text(seconds: float) -> Text:
    seconds = max(0.0, seconds)
    if seconds < 120:
        return T(QT_TRANSLATE_NOOP("Drill", "%1 s"), str(round(seconds)))
    if seconds < 7200:
        return T(QT_TRANSLATE_NOOP("Drill", "%1 min"), str(round(seconds / 60)))
    if seconds < 172_800:
        return T(QT_TRANSLATE_NOOP("Drill", "%1 h"), str(round(seconds / 3600)))
    return T(QT_TRANSLATE_NOOP("Drill", "%1 days"), str(round(seconds / 86400)))
