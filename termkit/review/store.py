"""Row-level edits of a TSV glossary that leave every untouched byte where it was."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from termkit.errors import InputError
from termkit.fsutil import atomic_write, locked
from termkit.glossary.formats.tsv import COLUMNS, format_row, read_tsv, write_tsv
from termkit.glossary.merge import MergeReport, merge_stream
from termkit.glossary.model import Concept, Glossary
from termkit.sources import decode_text, read_bytes


@dataclass
class Change:
    """What one edit did to one concept: the id, and the fields before and after."""

    id: str
    before: dict
    after: dict


def rows_of(path: str) -> tuple[list[str], list[str], dict[str, int]]:
    """The file's lines (with their line ends), its header and the line index of each id."""
    text = decode_text(read_bytes(path), path)
    lines = text.splitlines(keepends=True)
    header: list[str] = []
    where: dict[str, int] = {}
    for k, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = [h.strip() for h in line.rstrip("\n").split("\t")]
            continue
        where[line.split("\t", 1)[0].strip()] = k
    return lines, header, where


def edit(path: str | os.PathLike, ids: Sequence[str], change: Callable[[Concept], None]) -> list[Change]:
    """Apply ``change`` to the concepts ``ids`` of the TSV glossary at ``path``, under its lock,
    and write the file atomically; other rows keep their bytes. An unknown id raises
    :class:`InputError` and nothing is written."""
    name = str(path)
    with locked(name):
        glossary = read_tsv(name).by_id()  # validates the whole file first
        lines, header, where = rows_of(name)
        missing = [i for i in ids if i not in glossary]
        if missing:
            raise InputError(name, f"no concept with id {missing[0]!r}"
                             + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
                             "list the ids with `termkit glossary stats --format json` or look at the id column")
        changes = []
        widen = False
        for i in dict.fromkeys(ids):
            concept = glossary[i]
            before = {c: getattr(concept, c) for c in COLUMNS}
            change(concept)
            after = {c: getattr(concept, c) for c in COLUMNS}
            widen = widen or any(after[c] for c in COLUMNS if c not in header)
            lines[where[i]] = format_row(concept, header)
            changes.append(Change(i, {k: v for k, v in before.items() if after[k] != v},
                                  {k: v for k, v in after.items() if before[k] != v}))
        if widen:  # a value for a column the file lacks: rewrite with every column
            order = read_tsv(name).concepts
            write_tsv([glossary[c.id] for c in order], name)
        else:
            with atomic_write(name, "w") as fh:
                fh.write("".join(lines))
    return changes


def approve(path: str | os.PathLike, ids: Sequence[str]) -> list[Change]:
    """Mark concepts approved."""
    return edit(path, ids, lambda c: setattr(c, "status", "approved"))


def reject(path: str | os.PathLike, ids: Sequence[str]) -> list[Change]:
    """Mark concepts rejected: kept in the file so that `glossary build` never proposes their
    French forms again, and read by `termkit ranker train` as negative examples."""
    return edit(path, ids, lambda c: setattr(c, "status", "rejected"))


def set_fields(path: str | os.PathLike, concept_id: str, en: str | None = None,
               add_variants: Iterable[str] = (), remove_variants: Iterable[str] = (),
               forbid: Iterable[str] = (), note: str | None = None, status: str | None = None) -> Change:
    """Edit one concept: its English, admitted English variants, forbidden English forms, note."""
    add, remove, bad = list(add_variants), set(remove_variants), list(forbid)

    def change(c: Concept) -> None:
        if en is not None and en != c.en:
            if c.en and c.en not in c.en_variants:
                c.en_variants.insert(0, c.en)  # the old preferred term stays an admitted variant
            c.en = en
            c.en_variants = [v for v in c.en_variants if v != en]
        c.en_variants = [v for v in c.en_variants if v not in remove and v not in bad]
        c.en_variants += [v for v in add if v not in c.en_variants and v != c.en]
        c.en_forbidden += [v for v in bad if v not in c.en_forbidden]
        if note is not None:
            c.note = note
        if status is not None:
            c.status = status

    return edit(path, [concept_id], change)[0]


@dataclass
class GlossaryStats:
    """Counts of a glossary's concepts by status and by type, and how many have English."""

    path: str
    total: int
    by_status: dict[str, int]
    by_type: dict[str, int]
    with_english: int
    reviewed: int = field(default=0)

    def format(self) -> str:
        """A few lines for a terminal."""
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(self.by_status.items()))
        types = ", ".join(f"{k} {v}" for k, v in sorted(self.by_type.items()))
        return (f"{self.path}: {self.total} concepts, {self.reviewed} of {self.total} reviewed\n"
                f"  by status: {statuses}\n  by type:   {types}\n  with English: {self.with_english}")


def stats(path: str | os.PathLike) -> GlossaryStats:
    """Counts by status and type."""
    g = read_tsv(path)
    by_status = Counter(c.status for c in g)
    return GlossaryStats(str(path), len(g), dict(by_status), dict(Counter(c.type for c in g)),
                         sum(bool(c.en) for c in g), by_status["approved"] + by_status["rejected"])


def merge_files(first: str | os.PathLike, second: str | os.PathLike, output: str | os.PathLike) -> MergeReport:
    """Write ``first`` then the concepts of ``second`` that ``first`` lacks into ``output``;
    a French term in both with another English is a conflict (reported, the first kept)."""
    a = read_tsv(first)
    report = MergeReport()
    added = list(merge_stream(a, read_tsv(second).concepts, report))
    with locked(output):
        write_tsv(Glossary([*a.concepts, *added]).concepts, output)
    return report
