"""Training the termhood ranker from annotated data (``termkit ranker train``).

Annotated data is either ACTER-style (texts plus a list of their terms: every extracted
candidate whose forms are in the list is a positive, every other one a negative) or a
reviewed glossary (approved rows are positives, rejected rows negatives, unreviewed
candidates left out), always with the source texts. The model is gradient-boosted trees
(LightGBM, needed only here), each example weighted by the written forms it would add to
the output (see ``_examples``); the probability threshold is the one that maximises F1 of
the kept candidates' written forms (TermEval 2020 scoring) on the validation set, or, with
none, on out-of-fold predictions over the training sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from termkit.errors import InputError, TermkitError
from termkit.extract.features import FEATURE_VERSION
from termkit.extract.model import Candidate
from termkit.extract.ranker import RankerModel, trees_from_lightgbm
from termkit.textnorm import fold

MIN_POSITIVES = 10
PARAMS = {"objective": "binary", "learning_rate": 0.02, "num_leaves": 15, "min_data_in_leaf": 20,
          "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
          "deterministic": True, "force_row_wise": True, "seed": 0, "num_threads": 2, "verbose": -1}
ROUNDS = 600


@dataclass
class Annotated:
    """One annotated set: every candidate (with features), the gold forms (lower case) and,
    for reviewed glossaries, the forms explicitly rejected (None: everything else is negative)."""

    name: str
    candidates: list[Candidate]
    gold: set[str]
    rejected: set[str] | None = None
    labels: list[int] = field(default_factory=list)
    group: str = ""  # the corpus a slice belongs to (its own name for a whole corpus)
    slice: bool = False  # a small slice of a corpus: trained on, never scored for the threshold

    def __post_init__(self) -> None:
        self.group = self.group or self.name
        gold = {fold(g) for g in self.gold}
        if self.rejected is not None:
            rejected = {fold(r) for r in self.rejected}
            kept = []
            for c in self.candidates:
                forms = {fold(v.form) for v in c.variants}
                if forms & gold or forms & rejected:
                    kept.append(c)
            self.candidates = kept
        self.labels = [int(any(fold(v.form) in gold for v in c.variants)) for c in self.candidates]


def feature_names(sets: Sequence[Annotated]) -> list[str]:
    """The feature names, in the order the extractor computes them."""
    for s in sets:
        for c in s.candidates:
            return list(c.features)
    raise TermkitError("no candidates to train on", "give texts in which termkit finds candidates")


def _matrix(sets: Sequence[Annotated], names: list[str]):
    import numpy as np

    rows = [[c.features.get(n, 0.0) for n in names] for s in sets for c in s.candidates]
    labels = [y for s in sets for y in s.labels]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(names)), np.asarray(labels)


def _examples(sets: Sequence[Annotated], names: list[str]):
    """Training rows weighted the way the evaluation counts them: keeping a candidate
    keeps every written form it has (TermEval scores unique lower-cased forms), so a
    negative weighs as many forms as it has, a positive as many gold forms as it has, and a
    positive's forms that are not gold come back as a negative row of that weight."""
    import numpy as np

    x, y = _matrix(sets, names)
    weights, extra = [], []
    k = 0
    for s in sets:
        gold = {fold(g) for g in s.gold}
        for c, label in zip(s.candidates, s.labels):
            forms = {v.form.lower() for v in c.variants}
            right = sum(fold(f) in gold for f in forms)
            weights.append(max(1, right) if label else len(forms))
            if label and len(forms) > right:
                extra.append((k, len(forms) - right))
            k += 1
    if extra:
        rows = [r for r, _ in extra]
        x = np.vstack([x, x[rows]])
        y = np.concatenate([y, np.zeros(len(rows), dtype=y.dtype)])
        weights += [w for _, w in extra]
    return x, y, np.asarray(weights, dtype=np.float64)


def _booster(sets: Sequence[Annotated], names: list[str], rounds: int | None = None):
    try:
        import lightgbm as lgb
    except ImportError:
        raise TermkitError("training the ranker needs LightGBM", "pip install 'termkit[train]'") from None
    x, y, w = _examples(sets, names)
    return lgb.train(PARAMS, lgb.Dataset(x, y, weight=w, feature_name=names), num_boost_round=rounds or ROUNDS)


def flat_scores(cands: Sequence[Candidate], gold: set[str]) -> dict:
    """TermEval 2020 precision, recall and F1 of the kept candidates' unique lower-cased forms
    (spaces of any kind, a no-break space too, read as one space)."""
    pred = {" ".join(v.form.lower().split()) for c in cands for v in c.variants}
    gold = {" ".join(g.split()) for g in gold}
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1),
            "predicted": len(pred), "gold": len(gold), "true_positives": tp}


def f1_by_threshold(cands: Sequence[Candidate], probs: Sequence[float], gold: set[str]) -> list[tuple[float, float]]:
    """(threshold, flat F1) for every cut-off between distinct probabilities, best first."""
    order = sorted(range(len(cands)), key=lambda k: -probs[k])
    pred: set[str] = set()
    tp = 0
    out = []
    for rank, k in enumerate(order):
        for v in cands[k].variants:
            form = v.form.lower()
            if form not in pred:
                pred.add(form)
                tp += form in gold
        nxt = probs[order[rank + 1]] if rank + 1 < len(order) else -1.0
        if nxt < probs[k]:
            p, r = tp / len(pred), tp / len(gold) if gold else 0.0
            out.append((float(probs[k]), 2 * p * r / (p + r) if p + r else 0.0))
    return sorted(out, key=lambda t: -t[1])


def _predict(booster, s: Annotated, names: list[str]) -> list[float]:
    x, _ = _matrix([s], names)
    return list(booster.predict(x)) if len(x) else []


# `glossary build` keeps candidates for a reviewer at a threshold chosen for recall: rejecting a
# wrong candidate costs one key, a missing term costs reading the article again.
REVIEW_RECALL = 0.85
GRID = [k / 100 for k in range(1, 96)]


@dataclass
class Thresholds:
    """The thresholds a training run chose: ``f1`` (what `extract` keeps), ``review`` (what
    `glossary build` keeps: the highest with out-of-fold recall >= REVIEW_RECALL, None when
    not measured), where they were chosen, and the out-of-fold figures at ``review``."""

    f1: float
    chosen_on: str
    review: float | None = None
    review_recall: float | None = None
    review_precision: float | None = None
    out_of_fold: dict | None = None  # pooled precision, recall and F1 at ``f1``, out of fold


def choose_threshold(train: Sequence[Annotated], valid: Annotated | None, names: list[str]) -> Thresholds:
    """The probability thresholds: best flat F1 on ``valid``, or, without one, the best mean F1
    over out-of-fold predictions (each training set predicted by a model of the others); and,
    out of fold, the review threshold (recall first)."""
    if valid is not None:
        booster = _booster(train, names)
        return Thresholds(f1_by_threshold(valid.candidates, _predict(booster, valid, names), valid.gold)[0][0],
                          valid.name)
    groups = list(dict.fromkeys(s.group for s in train))
    if len(groups) < 2:
        return Thresholds(0.5, "default 0.5 (one training set, nothing to validate on)")
    totals = [0.0] * len(GRID)
    pooled = [[0, 0, 0] for _ in GRID]  # right, kept, gold forms over every held set
    for group in groups:
        booster = _booster([s for s in train if s.group != group], names)
        for held in (s for s in train if s.group == group and not s.slice):
            probs = _predict(booster, held, names)
            for g, t in enumerate(GRID):
                kept = [c for c, p in zip(held.candidates, probs) if p >= t]
                scores = flat_scores(kept, held.gold)
                totals[g] += scores["f1"]
                pooled[g][0] += scores["true_positives"]
                pooled[g][1] += scores["predicted"]
                pooled[g][2] += scores["gold"]
    best = max(range(len(GRID)), key=lambda g: totals[g])
    recall_ok = [g for g in range(len(GRID)) if pooled[g][2] and pooled[g][0] / pooled[g][2] >= REVIEW_RECALL]
    review = max(recall_ok) if recall_ok else 0
    right, n_kept, gold = pooled[review]
    tp, pred, want = pooled[best]
    p, r = tp / pred if pred else 0.0, tp / want if want else 0.0
    oof = {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(200 * p * r / (p + r), 1) if p + r
           else 0.0, "mean_f1_per_set": round(totals[best] / max(1, sum(not s.slice for s in train)), 1)}
    return Thresholds(GRID[best], "out-of-fold over " + ", ".join(groups), GRID[review],
                      round(right / gold, 4) if gold else None, round(right / n_kept, 4) if n_kept else None, oof)


def train(train_sets: Sequence[Annotated], valid: Annotated | None = None, meta: dict | None = None) -> RankerModel:
    """Train the ranker on ``train_sets`` and pick its threshold (on ``valid`` if given)."""
    whole = [s for s in train_sets if not s.slice]
    positives = sum(sum(s.labels) for s in whole)
    if positives < MIN_POSITIVES:
        raise TermkitError(f"only {positives} of the extracted candidates are annotated terms "
                           f"(at least {MIN_POSITIVES} needed)",
                           "check that the term lists belong to the texts (one term per line, same language)")
    negatives = sum(len(s.labels) - sum(s.labels) for s in whole)
    if negatives < MIN_POSITIVES:
        raise TermkitError(f"only {negatives} negative examples (at least {MIN_POSITIVES} needed)",
                           "reject some candidates in review, or give texts with a term list")
    names = feature_names(train_sets)
    chosen = choose_threshold(train_sets, valid, names)
    threshold = chosen.f1
    booster = _booster(train_sets, names)
    review = {} if chosen.review is None else {
        "review_threshold": chosen.review, "review_threshold_recall_out_of_fold": chosen.review_recall,
        "review_threshold_precision_out_of_fold": chosen.review_precision,
        "out_of_fold_at_threshold": chosen.out_of_fold}
    info = {"trained_on": list(dict.fromkeys(s.group for s in train_sets)),
            "slices": sum(s.slice for s in train_sets), "threshold_chosen_on": chosen.chosen_on, **review,
            "positives": positives, "negatives": negatives, "slice_words": SLICE_WORDS, "rounds": ROUNDS,
            "params": PARAMS, "weights": "written forms, as TermEval counts them",
            **(meta or {})}
    return RankerModel(names, FEATURE_VERSION, trees_from_lightgbm(booster.dump_model()), round(threshold, 4), info)


def acter_folder(path: str) -> tuple[list[str], set[str]]:
    """The texts and term list of an ACTER-style folder: ``annotated/texts/*.txt`` (or
    ``texts/*.txt``, or ``*.txt``) and ``*_terms_nes.tsv`` (or ``terms.tsv``/``terms.txt``,
    one term per line, first tab-separated column) anywhere below it."""
    from pathlib import Path

    root = Path(path)
    if not root.is_dir():
        raise InputError(path, "is not a folder", "pass a folder holding texts/*.txt and a term list (terms.tsv)")
    for sub in ("annotated/texts", "texts", "."):
        texts = sorted(str(p) for p in (root / sub).glob("*.txt") if not p.name.startswith("terms"))
        if texts:
            break
    lists = sorted(p for p in root.rglob("*_terms_nes.tsv") if "tokenised" not in p.name) or [p for n in ("terms.tsv", "terms.txt") for p in root.rglob(n)]
    if not texts:
        raise InputError(path, "holds no .txt texts", "put the annotated texts in texts/*.txt")
    if not lists:
        raise InputError(path, "holds no term list", "add terms.tsv (one term per line) or ACTER's *_terms_nes.tsv")
    from termkit.sources import decode_text, read_bytes

    gold = set()
    for line in decode_text(read_bytes(str(lists[0])), str(lists[0])).split("\n"):
        term = line.split("\t")[0].strip().lower()
        if term and not term.startswith("#"):
            gold.add(term)
    return texts, gold


@dataclass
class Source:
    """Annotated data to train on: texts, the forms that are terms, and (for a reviewed
    glossary) the forms a reviewer rejected."""

    name: str
    texts: list[str]
    gold: set[str]
    rejected: set[str] | None = None


# Training corpora are also cut into slices of about this many words, each extracted on its
# own: the ranker then also learns what a term looks like in a corpus of a few articles,
# where counts are small (a news desk's input), not only in a 60,000-word domain corpus.
SLICE_WORDS = 1500


def annotated_sets(name: str, docs, gold: set[str], rejected: set[str] | None = None,
                   slice_words: int = SLICE_WORDS) -> list[Annotated]:
    """Label every candidate extracted from parsed ``docs``: the whole corpus, then (for
    texts with a term list, not for reviewed glossaries) each slice of ``slice_words`` words."""
    from termkit.extract.extractor import ExtractOptions, extract_terms

    options = ExtractOptions(ranker=None, keep_all=True)
    sets = [Annotated(name, extract_terms(docs, options), gold, rejected)]
    if rejected is None and slice_words:
        for k, part in enumerate(slices(docs, slice_words)):
            sets.append(Annotated(f"{name}#{k + 1}", extract_terms(part, options), gold, group=name, slice=True))
    return sets


def slices(docs, words: int) -> list[list]:
    """Consecutive runs of sentences of about ``words`` words, as lists of partial documents."""
    from termkit.nlp.doc import ParsedDocument

    out: list[list] = []
    current: list = []
    n = 0
    for d in docs:
        sentences = []
        for s in d.sentences:
            sentences.append(s)
            n += len(s.words)
            if n >= words:
                current.append(ParsedDocument(d.id, d.text, sentences, d.source))
                out.append(current)
                current, sentences, n = [], [], 0
        if sentences:
            current.append(ParsedDocument(d.id, d.text, sentences, d.source))
    if current and n >= words // 3:
        out.append(current)
    return out


def train_from_sources(sources: Sequence[Source], valid: Source | None, parser, progress=None) -> RankerModel:
    """Train a ranker from annotated texts (see :func:`acter_folder`,
    :func:`termkit.glossary.decisions.glossary_decisions`)."""
    from termkit.sources import read_all

    sets = [a for s in sources for a in annotated_sets(s.name, parser.parse(read_all(s.texts), progress=progress),
                                                        s.gold, s.rejected)]
    held = None
    if valid:
        held = annotated_sets(valid.name, parser.parse(read_all(valid.texts), progress=progress), valid.gold,
                              valid.rejected, slice_words=0)[0]
    return train(sets, held)


def read_gold_table(path: str, half: str | None = None) -> dict[str, set[str]]:
    """{document id: its gold French forms} of a gold table: a TSV whose header names ``doc`` and
    ``fr`` (and ``half``, to keep the rows of one half only), ``#`` comment lines first, as
    bench/data/news_gold.tsv is."""
    from termkit.sources import decode_text, read_bytes

    lines = [ln for ln in decode_text(read_bytes(path), path).split("\n") if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise InputError(path, "is empty", "give a TSV with the columns doc and fr")
    header = lines[0].split("\t")
    if "doc" not in header or "fr" not in header:
        raise InputError(path, f"header has no doc and fr columns (its columns: {', '.join(header)})",
                         "name the document column doc and the French form column fr", line=1)
    gold: dict[str, set[str]] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        if half and row.get("half") != half:
            continue
        gold.setdefault(row["doc"], set()).add(row["fr"].strip().lower())
    if not gold:
        raise InputError(path, f"holds no row{' of half ' + repr(half) if half else ''}", "check --half")
    return gold


def document_sets(parsed_docs, gold: dict[str, set[str]], folds: int = 4) -> list[Annotated]:
    """One annotated set per document, extracted on its own (a translator's input is an
    article), grouped into ``folds`` folds for the out-of-fold thresholds."""
    from termkit.extract.extractor import ExtractOptions, extract_terms

    options = ExtractOptions(ranker=None, keep_all=True)
    docs = sorted((d for d in parsed_docs if d.id in gold), key=lambda d: d.id)
    return [Annotated(d.id, extract_terms([d], options), gold[d.id], group=f"fold {k % folds + 1}")
            for k, d in enumerate(docs)]


def train_from_gold_table(gold_path: str, texts: Sequence[str], parser, half: str | None = None,
                          meta: dict | None = None, progress=None) -> RankerModel:
    """Train a ranker on documents and a gold table of their names and terms (one set per
    document; thresholds out of fold)."""
    from termkit.sources import read_all

    gold = read_gold_table(gold_path, half)
    docs = [d for d in read_all(list(texts)) if d.id in gold]
    missing = sorted(set(gold) - {d.id for d in docs})
    if missing:
        raise InputError(gold_path, f"names {len(missing)} document(s) the texts lack, e.g. {missing[0]!r}",
                         "pass the texts (or SGML) that hold them with --texts")
    sets = document_sets(parser.parse(docs, progress=progress), gold)
    return train(sets, None, {"gold": gold_path, "half": half or "all", "documents": len(sets), **(meta or {})})


# A project model adapts a shipped model: LightGBM goes on boosting from the shipped model's
# scores with the team's decisions (init_score), and the new trees are appended to the shipped
# ones, so the project model scores with numpy alone like any other.
ADAPT_ROUNDS = 150
MIN_DECISIONS = 20  # approved and rejected, each


def adapt(base: RankerModel, sets: Sequence[Annotated], meta: dict | None = None) -> RankerModel:
    """The shipped model ``base`` adapted to a team's decisions (``sets``: reviewed glossaries
    with their texts). Raises :class:`TermkitError` (exit 2) with fewer than MIN_DECISIONS
    approved or rejected decisions."""
    import numpy as np

    positives = sum(sum(s.labels) for s in sets)
    negatives = sum(len(s.labels) - sum(s.labels) for s in sets)
    if positives < MIN_DECISIONS or negatives < MIN_DECISIONS:
        raise TermkitError(f"found {positives} approved and {negatives} rejected decisions among the extracted "
                           f"candidates (at least {MIN_DECISIONS} of each needed)",
                           "review more of the glossary first (approve and reject candidates), then train again")
    try:
        import lightgbm as lgb
    except ImportError:
        raise TermkitError("training the ranker needs LightGBM", "pip install 'termkit[train]'") from None
    names = base.feature_names
    x, y, w = _examples(sets, names)
    p = np.clip(base.probabilities(x), 1e-6, 1 - 1e-6)
    booster = lgb.train(PARAMS, lgb.Dataset(x, y, weight=w, init_score=np.log(p / (1 - p)), feature_name=names),
                        num_boost_round=ADAPT_ROUNDS)
    info = {**base.meta, "adapts": base.profile or "news", "profile": "project",
            "base_model": base.path, "decisions": positives + negatives, "approved": positives,
            "rejected": negatives, "adapt_rounds": ADAPT_ROUNDS, **(meta or {})}
    return RankerModel(names, base.feature_version, base.trees + trees_from_lightgbm(booster.dump_model()),
                       base.threshold, info)


def adapt_from_sources(base: RankerModel, sources: Sequence[Source], parser, progress=None) -> RankerModel:
    """Adapt ``base`` to the decisions of reviewed glossaries (see :func:`adapt`)."""
    from termkit.sources import read_all

    sets = [a for s in sources for a in annotated_sets(s.name, parser.parse(read_all(s.texts), progress=progress),
                                                        s.gold, s.rejected, slice_words=0)]
    return adapt(base, sets, {"glossaries": [s.name for s in sources]})
