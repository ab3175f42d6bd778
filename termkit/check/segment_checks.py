"""Segment-level checks: missing or untranslated segments, and translate-toolkit's pofilter
checks that fit news translation (reused, not rewritten)."""

from __future__ import annotations

from functools import lru_cache

from termkit.check.model import Finding, Segment

# pofilter checks that make sense for FR->EN prose; the rest target software strings.
TT_CHECKS = ("brackets", "doublewords", "urls", "emails", "xmltags", "unchanged")
TT_SEVERITY = {"unchanged": "error"}  # the others are hints: translators legitimately drop brackets


@lru_cache(maxsize=1)
def _checker():
    from translate.filters import checks

    return checks.StandardChecker(checks.CheckerConfig(targetlanguage="en"), limitfilters=list(TT_CHECKS))


def check_segment(seg: Segment) -> list[Finding]:
    """A French segment with no English, an unchanged copy, and the pofilter checks above."""
    if seg.src.strip() and not seg.tgt.strip():
        return [Finding("missing", "error", seg.doc, seg.id, "no English for this French segment", seg.src[:80], "",
                        "translate it (or check the alignment)", seg.tgt_line)]
    if not seg.src.strip():
        return []
    from translate.storage.pypo import pounit

    unit = pounit(seg.src)
    unit.target = seg.tgt
    findings = []
    for name, message in sorted(_checker().run_filters(unit).items()):
        check = "untranslated" if name == "unchanged" else f"pofilter-{name}"
        findings.append(Finding(check, TT_SEVERITY.get(name, "info"), seg.doc, seg.id, str(message), "", "",
                                "", seg.tgt_line))
    return findings
