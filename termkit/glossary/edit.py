"""Every change a reviewer makes to a TSV glossary, from the CLI and from the review page alike.

One module, one set of rules: a change is a list of :class:`Op` on one or more concepts. Each
value is checked, and the ops are applied to a *copy* of the concept, before anything changes;
a refused op leaves the file and every cached concept as they were. The file is then re-read
under its lock and only the changed rows are written, in place, keeping the file's columns,
line ends, BOM and encoding (:class:`~termkit.glossary.formats.tsv.TsvDocument`); a column the
file lacks is added only when a change needs it. A symlink is written through to its target.

    >>> from termkit.glossary.edit import Op, approve, edit_concepts
    >>> approve("glossaries/c5.fr-en.tsv", ["terres-rares"])                          # doctest: +SKIP
    >>> edit_concepts("glossaries/c5.fr-en.tsv", {"kazakhstan": [Op("forbid", "Kazakstan")]})  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import hashlib
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from termkit.errors import InputError
from termkit.fsutil import locked
from termkit.glossary.formats.tsv import TsvDocument, read_tsv, write_tsv
from termkit.glossary.merge import MergeReport, merge_stream
from termkit.glossary.model import STATUSES, Concept, Glossary, concept_id, normalize_pos
from termkit.safetext import for_terminal

TYPES = ("PER", "ORG", "LOC", "MISC", "TERM")
POS = ("noun", "properNoun", "adjective", "verb", "adverb", "other")
# The fields a reviewer sets, by the rule their values follow.
FORM_FIELDS = ("fr", "en")  # one term: one line
FORM_LIST_FIELDS = ("fr_variants", "en_variants", "en_forbidden")
CHOICE_FIELDS = {"status": STATUSES, "type": TYPES, "pos": POS}
LINE_FIELDS = ("subject",)
TEXT_FIELDS = ("note", "definition")  # free text, line breaks allowed
EDITABLE = (*FORM_FIELDS, *FORM_LIST_FIELDS, *CHOICE_FIELDS, *LINE_FIELDS, *TEXT_FIELDS)
OPS = ("status", "type", "pos", "fr", "en", "subject", "note", "definition", "add_variant", "remove_variant",
       "forbid", "unforbid", "add_fr_variant", "restore", "merge", "split")
MAX_VALUE = 100_000  # characters in one value


class EditError(InputError):
    """A change that is refused: nothing was written."""

    def __init__(self, message: str, fix: str | None = None, where: str = "edit") -> None:
        super().__init__(where, message, fix)
        self.detail = message

    def at(self, where: str) -> EditError:
        """The same error, located (``glossary.tsv: concept-id``)."""
        return EditError(self.detail, self.fix, where)


class StaleEdit(Exception):
    """A change sent for a row that changed since the caller read it (another tab, a build)."""

    def __init__(self, concept: Concept, version: str) -> None:
        super().__init__(concept.id)
        self.concept = concept
        self.version = version


@dataclass
class Op:
    """One change to one concept: ``op`` (one of :data:`OPS`) and its value (a string; for
    ``restore``, a mapping of field -> value)."""

    op: str
    value: Any = ""

    @classmethod
    def from_dict(cls, action: Any) -> Op:
        """An op from the review page's JSON (``{"op": ..., "value": ...}`` or ``{"op": "restore",
        "fields": {...}}``); raises :class:`EditError` for anything else."""
        if not isinstance(action, Mapping):
            raise EditError("a change must be a JSON object", 'send {"op": ..., "value": ...}', "request")
        op = action.get("op")
        if op not in OPS:
            raise EditError(f"unknown action {op!r}", "use one of " + ", ".join(OPS), "request")
        value = action.get("fields") if op == "restore" else action.get("value", "")
        return cls(op, value)


@dataclass
class Change:
    """What one edit did to one concept: the id, and the fields before and after."""

    id: str
    before: dict
    after: dict


@dataclass
class EditResult:
    """The concepts an edit touched (as written) with their new row versions, the changes, and
    each edited concept as it was before (what an undo puts back)."""

    concepts: list[Concept] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    before: dict[str, Concept] = field(default_factory=dict)


def row_version(line: str) -> str:
    """The version of a row: a short hash of its line in the file (line end excluded)."""
    return hashlib.sha256(line.rstrip("\r\n").encode("utf-8")).hexdigest()[:12]


# -- values --------------------------------------------------------------------------------------

def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise EditError(f"{name} must be text, not {type(value).__name__}", "send a string")
    if len(value) > MAX_VALUE:
        raise EditError(f"{name} is {len(value):,} characters long", f"keep it under {MAX_VALUE:,}")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise EditError(f"{name} holds bytes that are not text (not UTF-8)", "retype it, or convert it to UTF-8")
    return value.strip()


def _one_line(name: str, value: str) -> str:
    bad = next((ch for ch in value if unicodedata.category(ch) in ("Cc", "Zl", "Zp")), None)
    if bad is not None:
        raise EditError(f"{name} may not hold a line break, tab or control character (U+{ord(bad):04X})",
                        "edit it out")
    return value


def clean_form(name: str, value: Any, required: bool = False) -> str:
    """A term as stored: stripped, on one line, not a list (`` | ``); raises :class:`EditError`."""
    text = _one_line(name, _text(name, value))
    if " | " in text:
        raise EditError(f"{name} {text!r} holds ' | ', the list separator", "give each form on its own")
    if required and not text:
        raise EditError(f"{name} may not be empty", "give a term")
    return text


def clean_value(name: str, value: Any, typed: bool = True) -> Any:
    """The stored form of ``value`` for the editable field ``name``; raises :class:`EditError`.
    ``typed=False`` (an undo putting back what the file held): forms are checked for their type
    only, since a term imported from a termbase may hold what a reviewer cannot type."""
    if name in FORM_FIELDS:
        if not typed:
            text = _text(name, value)
            if name == "fr" and not text:
                raise EditError("fr may not be empty", "give a term")
            return text
        return clean_form(name, value, required=name == "fr")
    if name in FORM_LIST_FIELDS:
        if not isinstance(value, list):
            raise EditError(f"{name} must be a list of terms", "send a JSON list of strings")
        items = [_text(name, v) if not typed else _one_line(name, _text(name, v)) for v in value]
        if not typed:  # an undo puts the list back as it was, duplicates and all
            return [v for v in items if v]
        return list(dict.fromkeys(v for v in items if v))
    if name == "pos" and (typed or _text(name, value)):
        text = _text(name, value)
        pos = normalize_pos(text, "")
        if pos not in POS:
            raise EditError(f"pos {text!r} is not one of {', '.join(POS)}", "use a TBX-Basic part of speech")
        return pos
    if name in CHOICE_FIELDS:
        text = _text(name, value)
        if not typed and not text and name != "status":
            return text  # an undo may put back a type or part of speech the file left empty
        choices = CHOICE_FIELDS[name]
        if name == "type":
            text = text.upper()
        if text not in choices:
            raise EditError(f"{name} {text!r} is not one of {', '.join(choices)}", f"use one of {', '.join(choices)}")
        return text
    if name in LINE_FIELDS:
        return _one_line(name, _text(name, value)) if typed else _text(name, value)
    if name in TEXT_FIELDS:
        return _text(name, value)
    raise EditError(f"{name!r} is not a field a reviewer sets", "use one of " + ", ".join(EDITABLE))


# -- ops on one concept ---------------------------------------------------------------------------

def apply_ops(concept: Concept, ops: Sequence[Op]) -> Concept:
    """A copy of ``concept`` with ``ops`` applied; ``concept`` itself never changes. Every value is
    checked first: a refused op raises :class:`EditError` and nothing is applied."""
    c = copy.deepcopy(concept)
    for op in ops:
        _apply(c, op)
    return c


def _set_en(c: Concept, value: str) -> None:
    if c.en and c.en != value and c.en not in c.en_variants:
        c.en_variants.insert(0, c.en)  # the old preferred term stays an admitted variant
    c.en = value
    c.en_variants = [v for v in c.en_variants if v != value]
    c.en_forbidden = [v for v in c.en_forbidden if v != value]


def _set_fr(c: Concept, value: str) -> None:
    if c.fr != value and c.fr not in c.fr_variants:
        c.fr_variants.insert(0, c.fr)  # the old canonical form stays a variant
    c.fr = value
    c.fr_variants = [v for v in c.fr_variants if v != value]


def _apply(c: Concept, op: Op) -> None:
    kind = op.op
    if kind in ("merge", "split"):
        raise EditError(f"{kind} changes more than one row", "use edit_concepts")
    if kind == "restore":
        if not isinstance(op.value, Mapping) or not op.value:
            raise EditError("restore needs the fields to restore", 'send {"op": "restore", "fields": {...}}')
        values = {name: clean_value(name, v, typed=False) for name, v in op.value.items()}  # all checked first
        for name, v in values.items():
            setattr(c, name, v)
        return
    if kind in CHOICE_FIELDS or kind in LINE_FIELDS or kind in TEXT_FIELDS:
        setattr(c, kind, clean_value(kind, op.value))
    elif kind == "en":
        _set_en(c, clean_form("en", op.value))
    elif kind == "fr":
        _set_fr(c, clean_form("fr", op.value, required=True))
    elif kind in ("add_variant", "add_fr_variant"):
        value = clean_form("variant", op.value, required=True)
        if kind == "add_fr_variant":
            if value != c.fr and value not in c.fr_variants:
                c.fr_variants.append(value)
        elif value != c.en and value not in c.en_variants:
            c.en_variants.append(value)
            c.en_forbidden = [v for v in c.en_forbidden if v != value]
    elif kind == "remove_variant":
        value = clean_form("variant", op.value)
        c.en_variants = [v for v in c.en_variants if v != value]
        c.fr_variants = [v for v in c.fr_variants if v != value]
    elif kind == "forbid":
        value = clean_form("forbidden form", op.value, required=True)
        c.en_variants = [v for v in c.en_variants if v != value]
        if value not in c.en_forbidden:
            c.en_forbidden.append(value)
    elif kind == "unforbid":
        value = clean_form("forbidden form", op.value)
        c.en_forbidden = [v for v in c.en_forbidden if v != value]
    else:
        raise EditError(f"unknown action {kind!r}", "use one of " + ", ".join(OPS))


def _diff(before: Concept, after: Concept) -> Change:
    b = {k: getattr(before, k) for k in EDITABLE}
    a = {k: getattr(after, k) for k in EDITABLE}
    return Change(after.id, {k: v for k, v in b.items() if a[k] != v}, {k: v for k, v in a.items() if b[k] != v})


# -- ops on a file --------------------------------------------------------------------------------

def _unknown(path: str, ids: Iterable[str]) -> EditError:
    ids = list(ids)
    more = f" (and {len(ids) - 1} more)" if len(ids) > 1 else ""
    return EditError(f"no concept with id {ids[0]!r}{more}",
                     "list the ids with `termkit glossary stats --format json`, or look at the id column", path)


def edit_concepts(path: str | os.PathLike, ops: Mapping[str, Sequence[Op]],
                  versions: Mapping[str, str] | None = None, timeout: float | None = None) -> EditResult:
    """Apply ``ops`` (concept id -> its ops) to the TSV glossary at ``path``, under its lock.

    All or nothing: an unknown id or a refused value raises :class:`EditError`, and a row whose
    version is not the one in ``versions`` raises :class:`StaleEdit`, before anything is written.
    Only the changed rows are rewritten. The ops ``merge`` (value: the id to merge into) and
    ``split`` (value: a French variant to make a concept of its own) change two rows.
    ``timeout``: seconds to wait for another process's lock (then :class:`GlossaryBusy`).
    """
    name = str(path)
    with locked(name, timeout=timeout):
        doc = TsvDocument.read(name)
        unknown = [i for i in ops if i not in doc.ids]
        if unknown:
            raise _unknown(name, unknown)
        for cid, version in (versions or {}).items():
            if cid in doc.ids and row_version(doc.lines[doc.ids[cid]]) != version:
                raise StaleEdit(doc.concept(cid), row_version(doc.lines[doc.ids[cid]]))
        result = EditResult()
        plain = {cid: [o for o in cid_ops if o.op not in ("merge", "split")] for cid, cid_ops in ops.items()}
        restructure = [(cid, o) for cid, cid_ops in ops.items() for o in cid_ops if o.op in ("merge", "split")]
        edited = {}
        for cid, cid_ops in plain.items():  # every value checked before the file changes
            before = doc.concept(cid)
            result.before[cid] = before
            try:
                edited[cid] = (before, apply_ops(before, cid_ops))
            except EditError as exc:
                raise exc.at(f"{name}: {cid}") from None
        for before, after in edited.values():
            doc.add_columns(doc.missing_columns(before, after))
            doc.set_row(after)
            result.changes.append(_diff(before, after))
        touched = list(edited)
        for cid, op in restructure:
            touched = _restructure(doc, cid, op, result, touched)
        if result.changes and any(ch.before or ch.after for ch in result.changes) or restructure:
            doc.save()
        for cid in touched:
            if cid in doc.ids:
                result.concepts.append(doc.concept(cid))
                result.versions[cid] = row_version(doc.lines[doc.ids[cid]])
    return result


def _restructure(doc: TsvDocument, cid: str, op: Op, result: EditResult, touched: list[str]) -> list[str]:
    """Merge ``cid`` into another concept (its row goes, its forms join the other as variants), or
    split one of its French variants off into a new candidate concept right below it."""
    if cid not in doc.ids:
        raise _unknown(doc.path, [cid])
    concept = doc.concept(cid)
    result.before.setdefault(cid, concept)
    value = clean_form("value", op.value, required=True)
    if op.op == "merge":
        if value not in doc.ids or value == cid:
            raise EditError(f"no other concept with id {value!r} to merge {cid!r} into", "give its id", doc.path)
        before = doc.concept(value)
        target = copy.deepcopy(before)
        target.fr_variants += [f for f in concept.fr_forms() if f not in target.fr_forms()]
        target.en_variants += [f for f in concept.en_forms() if f not in target.en_forms()]
        target.en_forbidden += [f for f in concept.en_forbidden if f not in target.en_forbidden]
        target.contexts += [x for x in concept.contexts if x not in target.contexts][: max(0, 3 - len(target.contexts))]
        if concept.note:
            target.note = " / ".join(x for x in (target.note, concept.note) if x)
        doc.add_columns(doc.missing_columns(before, target))
        doc.set_row(target)
        doc.delete(cid)
        result.changes.append(_diff(before, target))
        result.changes.append(Change(cid, {"id": cid}, {"merged_into": value}))
        return [value if t == cid else t for t in touched] + ([value] if value not in touched else [])
    if value not in concept.fr_variants:
        raise EditError(f"{value!r} is not a French variant of {cid!r}", "pick one of its French variants", doc.path)
    after = copy.deepcopy(concept)
    after.fr_variants = [v for v in after.fr_variants if v != value]
    new_id, n = concept_id(value), 2
    while new_id in doc.ids:
        new_id, n = f"{concept_id(value)}-{n}", n + 1
    new = Concept(new_id, value, type=concept.type, pos=concept.pos, subject=concept.subject,
                  status="candidate", evidence=f"split from {cid}")
    doc.add_columns(doc.missing_columns(concept, after) + doc.missing_columns(Concept("", ""), new))
    doc.set_row(after)
    doc.insert_after(cid, new)
    result.changes.append(_diff(concept, after))
    result.changes.append(Change(new_id, {}, {"fr": value, "split_from": cid}))
    return [*touched, cid] if cid not in touched else touched


def edit(path: str | os.PathLike, ids: Sequence[str], ops: Sequence[Op]) -> list[Change]:
    """Apply the same ``ops`` to each concept of ``ids``; returns what changed."""
    return edit_concepts(path, {i: list(ops) for i in dict.fromkeys(ids)}).changes


def approve(path: str | os.PathLike, ids: Sequence[str]) -> list[Change]:
    """Mark concepts approved."""
    return edit(path, ids, [Op("status", "approved")])


def reject(path: str | os.PathLike, ids: Sequence[str]) -> list[Change]:
    """Mark concepts rejected: kept in the file so that `glossary build` never proposes their
    French forms again, and read by `termkit ranker train` as negative examples."""
    return edit(path, ids, [Op("status", "rejected")])


def set_fields(path: str | os.PathLike, concept_id: str, en: str | None = None,
               add_variants: Iterable[str] = (), remove_variants: Iterable[str] = (),
               forbid: Iterable[str] = (), note: str | None = None, status: str | None = None,
               **fields: str | None) -> list[Change]:
    """Edit one concept: its English, admitted and forbidden English forms, note, status, and
    any of ``fr``, ``type``, ``pos``, ``subject``, ``definition``, ``merge`` (an id to merge it
    into) or ``split`` (a French variant to split off) given as keywords."""
    ops = [Op(name, value) for name, value in (("fr", fields.pop("fr", None)), ("en", en)) if value is not None]
    ops += [Op("add_variant", v) for v in add_variants] + [Op("remove_variant", v) for v in remove_variants]
    ops += [Op("forbid", v) for v in forbid]
    ops += [Op(name, value) for name, value in (("note", note), ("status", status)) if value is not None]
    restructure = [Op(k, fields.pop(k)) for k in ("split", "merge") if fields.get(k) is not None]
    ops += [Op(name, value) for name, value in fields.items() if value is not None]
    return edit_concepts(path, {concept_id: ops + restructure}).changes


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
        types = for_terminal(", ".join(f"{k} {v}" for k, v in sorted(self.by_type.items())))
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
