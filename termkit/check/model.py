"""Findings, segments and reports of ``termkit check`` as plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """info 0 < warning 1 < error 2."""
    return SEVERITIES.index(severity)


@dataclass
class Segment:
    """One aligned FR/EN segment: its document, id, texts, and where the source sits in the
    parsed French document text (``src_start``/``src_end``); ``tgt_line``: 1-based line of
    the target in its file, when known."""

    doc: str
    id: str
    src: str
    tgt: str
    src_start: int = 0
    src_end: int = 0
    tgt_line: int | None = None


@dataclass
class Finding:
    """One problem: check id, severity, segment, the span it concerns and a suggested fix."""

    check: str
    severity: str
    doc: str
    segment: str
    message: str
    source_span: str = ""
    target_span: str = ""
    suggestion: str = ""
    line: int | None = None
    concept: str = ""
    source_text: str = ""  # the French segment, to show the problem in its sentence
    target_text: str = ""  # the English segment


@dataclass
class Score:
    """A sacrebleu corpus score with its signature."""

    name: str
    score: float
    signature: str


@dataclass
class CheckReport:
    """All findings of a run, what was checked, and the scores against a reference."""

    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    segments: int = 0
    target_files: list[str] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)

    def worst(self) -> str | None:
        """The highest severity found, or None when clean."""
        return max((f.severity for f in self.findings), key=severity_rank, default=None)

    def failing(self, fail_on: str) -> list[Finding]:
        """Findings at or above ``fail_on``."""
        return [f for f in self.findings if severity_rank(f.severity) >= severity_rank(fail_on)]
