"""Text made safe for where it is shown: spreadsheets (no formulas) and terminals (no escape
sequences). Files keep their text as it is; only what a spreadsheet or a terminal reads is changed."""

from __future__ import annotations

import re

# OWASP "CSV injection": a cell a spreadsheet would read as a formula starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# C0 and C1 controls except tab and newline, and the escape sequences they start (CSI, OSC...).
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"          # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-Z\\-_]"                    # other two-byte escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"    # remaining controls
)


def _formula_like(cell: str) -> bool:
    return cell.lstrip("'").startswith(FORMULA_START)


def neutralise_formula(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a leading ``'`` when it would start a formula
    (after any apostrophes, so that :func:`restore_formula` undoes it exactly)."""
    return "'" + cell if _formula_like(cell) else cell


def restore_formula(cell: str) -> str:
    """The text of a cell that :func:`neutralise_formula` wrote (its leading ``'`` dropped)."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell) else cell


def for_terminal(text: str) -> str:
    """``text`` without terminal control sequences (colours, cursor moves, title changes, bells)."""
    return _ESCAPES.sub("", text)
