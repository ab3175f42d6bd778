"""Training the confidence model: labelled options from gold tables and reviewed glossaries.

A *training set* is a group of documents (French parsed, English text) with the concepts whose
English is known: the rows of a gold table (columns doc, fr, en, kind; ``|`` between right
English forms; half to pick a part), or the approved rows of reviewed glossaries (their English
and English variants are right). The finder runs over each set's documents the way
``glossary build`` sees them, and every English option of every concept is labelled right or
wrong: an option a reviewer edited away, or wrote as forbidden, is one of the wrong ones.

The model is fitted on all sets; its two abstention thresholds (names, terms) are set on
leave-one-document-out predictions: the lowest probability at which the proposals of models
that never saw the document are ``precision`` right overall, and the 20 least sure of them
still 90% right (:func:`~termkit.glossary.equivalents.confidence.threshold_for`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termkit.errors import InputError, TermkitError
from termkit.extract.model import TERM, Candidate, Variant
from termkit.glossary.equivalents.confidence import ConfidenceModel, default_model, threshold_for, train
from termkit.glossary.equivalents.features import FEATURE_VERSION, FEATURES, POSITIVE
from termkit.glossary.equivalents.finder import EquivalentFinder
from termkit.glossary.equivalents.policy import enough_evidence
from termkit.textnorm import en_key, fold

PROJECT_MODEL = ".termkit/equivalents.json"  # a team's own model, trained on its reviews
PRECISION_TARGET = 0.97
MIN_DECISIONS = 20  # fewer right options than this (or wrong ones) is not enough to fit a model


@dataclass
class GoldConcept:
    """A concept whose English is known: its document, French form, right English forms and kind (name or term)."""

    doc: str
    fr: str
    en: list[str]
    kind: str
    half: str = ""


@dataclass
class LabelledConcept:
    """One concept's options as the model sees them: (features, right) pairs, with the
    concept's document, kind and number of linked sentence pairs."""

    doc: str
    kind: str
    links: int
    options: list[tuple[dict[str, float], int]] = field(default_factory=list)


def project_model(root: str | Path = ".") -> str | None:
    """The project's own equivalents model (``.termkit/equivalents.json`` under ``root``), when
    ``termkit equivalents train`` has written one; None otherwise."""
    path = Path(root) / PROJECT_MODEL
    return str(path) if path.is_file() else None


def is_right(en: str, alternatives: Sequence[str]) -> bool:
    """Whether an English option is one of the right forms (case, accents and plural -s ignored)."""
    return bool(en) and en_key(en) in {en_key(a) for a in alternatives}


def read_gold_table(path: str | Path, half: str | None = None) -> list[GoldConcept]:
    """The rows of a gold table (tab-separated, ``#`` comment lines, a header with at least doc,
    fr, en and kind), those of ``half`` only when given. A table termkit cannot read, a malformed
    row (named by its line) or a half no row has is a one-line :class:`InputError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as a UTF-8 gold table ({exc.__class__.__name__})",
                         "give a tab-separated UTF-8 table with the columns doc, fr, en, kind") from None
    numbered = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln and not ln.startswith("#")]
    if not numbered:
        raise InputError(str(path), "is empty", "give a gold table with a header: doc, fr, en, kind")
    header = numbered[0][1].split("\t")
    missing = {"doc", "fr", "en", "kind"} - set(header)
    if missing:
        raise InputError(str(path), f"has no column {', '.join(sorted(missing))}",
                         "a gold table has the columns doc, fr, en, kind (and half to pick one with --half)",
                         line=numbered[0][0])
    if half is not None and "half" not in header:
        raise InputError(str(path), "has no column half", "leave out --half, or add the column", line=numbered[0][0])
    out = []
    for n, ln in numbered[1:]:
        row = dict(zip(header, ln.split("\t")))
        if len(row) < len(header) or row["kind"] not in ("name", "term") or not row["en"].strip():
            raise InputError(str(path), f"row {row.get('fr', '')!r} is malformed",
                             "each row needs doc, fr, en (not empty) and kind (name or term), tab-separated", line=n)
        if half is None or row.get("half") == half:
            out.append(GoldConcept(row["doc"], row["fr"], [a.strip() for a in row["en"].split("|")], row["kind"],
                                   row.get("half", "")))
    if not out:
        halves = sorted({dict(zip(header, ln.split("\t"))).get("half", "") for _, ln in numbered[1:]})
        raise InputError(str(path), f"has no row of half {half!r}" if half else "has no rows",
                         f"halves in the table: {', '.join(halves)}" if half else "add rows under the header")
    return out


def glossary_concepts(paths: Sequence[str], doc: str) -> list[GoldConcept]:
    """The approved concepts with English of reviewed TSV glossaries, as gold: their English
    and English variants are right, every other option is wrong. A glossary with none is a
    one-line :class:`InputError` naming it (it would teach nothing)."""
    from termkit.glossary.formats.tsv import read_tsv

    out = []
    for p in paths:
        found = [GoldConcept(doc, c.fr, [c.en, *c.en_variants], "term" if c.type == TERM else "name")
                 for c in read_tsv(p).concepts if c.status == "approved" and c.en]
        if not found:
            raise InputError(p, "has no approved concept with English", "approve concepts with their English first")
        out += found
    return out


def gold_candidates(gold: Sequence[GoldConcept], extracted: Sequence[Candidate]) -> list[tuple[GoldConcept, Candidate, bool]]:
    """One (gold concept, candidate, found by the extractor) per distinct French gold form: the
    extractor's candidate when it found the form, else the bare form. Gold forms the extractor
    grouped into one candidate (Obama and Barack Obama) are one concept: either English is right."""
    by_form: dict[str, Candidate] = {}
    for c in extracted:
        for f in c.forms:
            by_form.setdefault(fold(f), c)
    merged: dict[str, GoldConcept] = {}
    for r in gold:
        k = fold(r.fr)
        if k in merged:
            merged[k].en = list(dict.fromkeys(merged[k].en + r.en))
        else:
            merged[k] = GoldConcept(r.doc, r.fr, list(r.en), r.kind, r.half)
    out: dict[int, tuple[GoldConcept, Candidate, bool]] = {}
    for k, r in merged.items():
        cand = by_form.get(k)
        if cand is None:
            ctype = "MISC" if r.kind == "name" else TERM
            cand = Candidate(r.fr, r.fr, ctype, 1, 1, 0.0, [Variant(r.fr, 1, "canonical")], words=len(r.fr.split()))
        if id(cand) in out:
            out[id(cand)][0].en = list(dict.fromkeys(out[id(cand)][0].en + r.en))
        else:
            out[id(cand)] = (r, cand, k in by_form)
    return list(out.values())


@dataclass
class TrainingSet:
    """Documents seen together, as one ``glossary build`` would see them (French parsed,
    English text, same order), with the concepts whose English is known."""

    name: str
    parsed: list
    en_texts: list[str]
    gold: list[GoldConcept]

    def finder_and_items(self) -> tuple[EquivalentFinder, list[tuple[GoldConcept, Candidate, bool]]]:
        """The finder over the set's aligned sentence pairs, and its gold concepts as candidates."""
        from termkit.extract import ExtractOptions, extract_terms
        from termkit.glossary.build import aligned_pairs

        untrained = ConfidenceModel([], [], 0.0, [], [], feature_version=FEATURE_VERSION)  # features only
        finder = EquivalentFinder(aligned_pairs(self.parsed, self.en_texts), model=untrained)
        return finder, gold_candidates(self.gold, extract_terms(self.parsed, ExtractOptions()))


def labelled(finder: EquivalentFinder, items: Sequence[tuple[GoldConcept, Candidate, bool]]) -> list[LabelledConcept]:
    """Each gold concept with its options labelled right or wrong: what the model is fitted on."""
    return [LabelledConcept(r.doc, r.kind, len(links), [(dict(o.features), int(is_right(o.en, r.en))) for o in opts])
            for (r, _, _), (opts, links, _) in zip(items, finder.score([c for _, c, _ in items]))]


def fit(data: Sequence[LabelledConcept], l2: float) -> ConfidenceModel:
    """The confidence model fitted to labelled concepts (its thresholds are set apart)."""
    return train([f for d in data for f, _ in d.options], [y for d in data for _, y in d.options],
                 list(FEATURES), l2=l2, positive=POSITIVE)


def best_option(model: ConfidenceModel, d: LabelledConcept) -> tuple[float, bool] | None:
    """(probability, right) of a concept's most probable option, if its evidence may carry a proposal."""
    if not d.options:
        return None
    p, f, y = max(((model.probability(f), f, y) for f, y in d.options), key=lambda t: t[0])
    return (p, bool(y)) if enough_evidence(f, d.links) else None


def out_of_document(data: Sequence[LabelledConcept], l2: float, min_groups: int = 5) -> dict[str, list[tuple[float, bool]]]:
    """Leave one document out: for each concept, the (probability, right) of the best option of
    a model that never saw its document ((0, False) when nothing may be proposed), names and
    terms apart. With fewer than ``min_groups`` documents (a glossary's concepts carry none),
    the concepts are cut into ``min_groups`` folds instead."""
    docs = sorted({d.doc for d in data})
    group = ({id(d): d.doc for d in data} if len(docs) >= min_groups
             else {id(d): str(n % min_groups) for n, d in enumerate(data)})
    out: dict[str, list[tuple[float, bool]]] = {"name": [], "term": []}
    for g in sorted(set(group.values())):
        model = fit([d for d in data if group[id(d)] != g], l2)
        for d in (d for d in data if group[id(d)] == g):
            out[d.kind].append(best_option(model, d) or (0.0, False))
    return out


def at_threshold(picks: Sequence[tuple[float, bool]], threshold: float) -> dict:
    """Precision and abstention of the proposals at or above a threshold."""
    kept = [y for p, y in picks if p >= threshold and p > 0]
    return {"gold": len(picks), "proposed": len(kept), "right": sum(kept),
            "precision": round(sum(kept) / max(1, len(kept)), 3),
            "abstention_rate": round(1 - len(kept) / max(1, len(picks)), 3)}


def train_model(data: Sequence[LabelledConcept], l2: float = 1.0, precision: float = PRECISION_TARGET,
                notes: dict | None = None) -> ConfidenceModel:
    """Fit the confidence model to labelled concepts and set its thresholds out of document.
    Too few right or wrong options (under :data:`MIN_DECISIONS`) is a one-line error."""
    right = sum(y for d in data for _, y in d.options)
    wrong = sum(1 - y for d in data for _, y in d.options)
    if right < MIN_DECISIONS or wrong < MIN_DECISIONS:
        raise TermkitError(f"too few decisions to train on: {right} right and {wrong} wrong English options "
                           f"from {len(data)} concepts (at least {MIN_DECISIONS} of each)",
                           "approve more concepts with their English, or give a larger gold table")
    oof = out_of_document(data, l2)
    model = fit(data, l2)
    chosen_on: dict[str, str] = {}
    for kind in ("name", "term"):
        if sum(1 for d in data if d.kind == kind) >= MIN_DECISIONS:
            value = round(threshold_for([p for p, _ in oof[kind]], [y for _, y in oof[kind]], precision), 3)
            chosen_on[kind] = "out of document"
        else:  # too few of this kind to choose on: the shipped model's, rather than never proposing one
            value = default_model().threshold_for(kind == "name")
            chosen_on[kind] = f"the shipped model's (fewer than {MIN_DECISIONS} {kind}s to choose on)"
        if kind == "name":
            model.threshold = value
        else:
            model.term_threshold = value
    validation = {kind: {str(t): at_threshold(oof[kind], t) for t in (0.5, 0.6, 0.7, 0.8, 0.9)}
                  | {"chosen": at_threshold(oof[kind], model.threshold_for(kind == "name"))}
                  for kind in ("name", "term")}
    model.feature_version = FEATURE_VERSION
    model.notes = {**(notes or {}),
                   "concepts": len(data), "options": right + wrong, "right_options": right,
                   "documents": len({d.doc for d in data}),
                   "threshold": f"lowest probability at which the proposals of models that never saw the document "
                                f"(or, with fewer than five documents, the fold) are {precision:.0%} right, and the 20 "
                                "least sure of them 90% right, names and terms apart",
                   "threshold_chosen_on": chosen_on,
                   "leave_one_document_out": validation, "l2": l2}
    return model


def training_sets(fr_files: Sequence[Sequence], en_docs: Sequence, parser, gold_tables: Sequence[str] = (),
                  half: str | None = None, glossaries: Sequence[str] = (), progress=None) -> list[TrainingSet]:
    """The training sets of a ``termkit equivalents train`` run, from the French documents of
    each input file (``fr_files``: one list per file) and the English ones (paired by id or
    order). Every table and glossary is read and checked before the French is parsed (once).
    Each gold table is one set, over the documents its rows name; the files none of whose
    documents a table names are one more set, with the approved concepts of ``glossaries`` as
    its gold."""
    from termkit.glossary.build import pair_documents

    if not gold_tables and not glossaries:
        raise TermkitError("nothing to train on", "give --gold TSV and/or --glossary GLOSSARY")
    fr_docs = [d for docs in fr_files for d in docs]
    seen: set[str] = set()
    for d in fr_docs:
        if d.id in seen:
            raise InputError(d.id, "two French documents have this name", "rename one of the files")
        seen.add(d.id)
    tables = [(t, read_gold_table(t, half), {r.doc for r in read_gold_table(t)}) for t in gold_tables]
    glossary_gold = glossary_concepts(glossaries, "glossaries") if glossaries else []
    for table, gold, _ in tables:
        missing = sorted({r.doc for r in gold} - seen)
        if missing:
            raise InputError(table, f"names {len(missing)} document(s) not given with --fr ({', '.join(missing[:3])})",
                             "give the documents of the table with --fr and --en")
    named = {doc for _, _, docs in tables for doc in docs}  # every half: a table's file is not a glossary's
    rest = [d.id for docs in fr_files if not any(d.id in named for d in docs) for d in docs]
    if glossaries and not rest:
        raise InputError("--glossary", "has no documents of its own",
                         "give the articles the glossary was built from with --fr and --en")
    order = pair_documents(fr_docs, en_docs)
    parsed = parser.parse(fr_docs, progress=progress)
    en_of = {d.id: en_docs[k].text for d, k in zip(fr_docs, order)}
    by_id = {p.id: p for p in parsed}
    sets: list[TrainingSet] = []
    for table, gold, _ in tables:
        docs = list(dict.fromkeys(r.doc for r in gold))
        sets.append(TrainingSet(Path(table).name + (f" ({half})" if half else ""), [by_id[d] for d in docs],
                                [en_of[d] for d in docs], gold))
    if glossaries:
        sets.append(TrainingSet(", ".join(Path(g).name for g in glossaries), [by_id[d] for d in rest],
                                [en_of[d] for d in rest], glossary_gold))
    return sets


def train_from_sets(sets: Sequence[TrainingSet], l2: float = 1.0, precision: float = PRECISION_TARGET,
                    notes: dict | None = None) -> ConfidenceModel:
    """Label every set's options and train the model (see :func:`train_model`); the model's
    notes say what it was trained on."""
    data: list[LabelledConcept] = []
    for s in sets:
        data += labelled(*s.finder_and_items())
    trained_on = "; ".join(f"{s.name}: {len(s.parsed)} document(s), {len(s.gold)} concepts" for s in sets)
    return train_model(data, l2, precision, {"trained_on": trained_on, **(notes or {})})
