"""The one loader of termkit's word lists and reference tables (``termkit/data/*.tsv``).

Each file is tab-separated: ``#`` comment lines (what it holds, where it comes from), a header,
then rows. :func:`read_table` gives the rows as dicts, :func:`words` one column as a set.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``termkit/data/NAME.tsv`` (missing trailing cells read as empty)."""
    lines = [ln for ln in (DATA / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return tuple(dict(zip(header, (ln.split("\t") + [""] * len(header))[: len(header)])) for ln in lines[1:])


@cache
def words(name: str, column: str = "word", kind: str | None = None) -> frozenset[str]:
    """One column of a table as a set (the rows of one ``kind`` only, when given)."""
    return frozenset(r[column] for r in read_table(name) if kind is None or r.get("kind") == kind)
