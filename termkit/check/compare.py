"""Comparing a check run with a previous JSON report: which findings are new, fixed or unchanged.

A finding is matched on its document, its check and what it is about, its French and English
spans (or, for a finding without spans, the French segment and the message), never on the
segment number alone: a segment inserted at the top of an article does not make every later
finding new. When several findings share a key, those in the same French segment pair first.

    >>> old = load_json_report("main.json")                       # doctest: +SKIP
    >>> comparison = compare_findings(old, report.findings)      # doctest: +SKIP
    >>> comparison.counts()                                        # doctest: +SKIP
    {'new': 1, 'fixed': 0, 'unchanged': 12}
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field, fields

from termkit.check.model import SEVERITIES, Finding
from termkit.errors import InputError

CHANGES = ("new", "fixed", "unchanged")
_REQUIRED = ("check", "severity", "doc", "segment")


@dataclass
class Comparison:
    """The result of :func:`compare_findings`.

    ``changes``: ``"new"`` or ``"unchanged"`` for each current finding, in order;
    ``fixed``: the previous findings that no longer occur; ``against``: the previous report's path.
    """

    changes: list[str] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    against: str = ""

    def counts(self) -> dict[str, int]:
        """``{"new": n, "fixed": n, "unchanged": n}``."""
        return {"new": self.changes.count("new"), "fixed": len(self.fixed),
                "unchanged": self.changes.count("unchanged")}

    def new(self, findings: list[Finding]) -> list[Finding]:
        """The findings of ``findings`` (the list that was compared) that are new."""
        return [f for f, change in zip(findings, self.changes) if change == "new"]

    def summary(self) -> str:
        """One line: ``compared with OLD: 1 new, 0 fixed, 12 unchanged``."""
        c = self.counts()
        return f"compared with {self.against}: {c['new']} new, {c['fixed']} fixed, {c['unchanged']} unchanged"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def finding_key(f: Finding) -> tuple[str, ...]:
    """What a finding is about, independent of where its segment sits in the document."""
    if f.source_span or f.target_span:
        return (f.doc, f.check, _fold(f.source_span), _fold(f.target_span))
    return (f.doc, f.check, _fold(f.source_text), _fold(f.message))


def compare_findings(old: list[Finding], new: list[Finding], against: str = "") -> Comparison:
    """Classify ``new`` findings as new or unchanged against ``old``; the unmatched old ones are fixed."""
    pool: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(old):
        pool[finding_key(f)].append(i)
    matched: set[int] = set()
    changes = ["new"] * len(new)
    # first the pairs in the same French segment, then any pair with the same key
    for same_segment in (True, False):
        for j, f in enumerate(new):
            if changes[j] != "new":
                continue
            for i in pool.get(finding_key(f), ()):
                if i not in matched and (not same_segment or _fold(old[i].source_text) == _fold(f.source_text)):
                    matched.add(i)
                    changes[j] = "unchanged"
                    break
    return Comparison(changes, [f for i, f in enumerate(old) if i not in matched], against)


def load_json_report(path: str | os.PathLike) -> list[Finding]:
    """The findings of a report written by ``termkit check --format json``.

    Raises :class:`InputError` (exit 2, naming the file) for a file that cannot be read or
    is not a termkit JSON report.
    """
    fix = "give a report written by `termkit check --format json`"
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise InputError(str(path), f"cannot read the report to compare with: {(exc.strerror or str(exc)).lower()}",
                         fix) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(str(path), "not a termkit JSON report (not JSON)", fix) from None
    if not (isinstance(data, dict) and data.get("tool") == "termkit" and isinstance(data.get("findings"), list)):
        raise InputError(str(path), "not a termkit JSON report (no termkit findings)", fix)
    names = {f.name for f in fields(Finding)}
    findings = []
    for n, item in enumerate(data["findings"]):
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) for k in _REQUIRED)
                and item["severity"] in SEVERITIES):
            raise InputError(str(path), f"not a termkit JSON report (finding {n + 1} is malformed)", fix)
        values = {k: v for k, v in item.items() if k in names}
        for k, v in values.items():
            if k != "line" and not isinstance(v, str):
                values[k] = "" if v is None else str(v)
        if not isinstance(values.get("line"), (int, type(None))):
            values["line"] = None
        values.setdefault("message", "")
        findings.append(Finding(**values))
    return findings
