"""Extraction, stage 4: rank the candidates (with the learned ranker, or by the hand-weighted
score without one) and choose the ones that come out."""

from __future__ import annotations

from collections.abc import Sequence

from termkit.extract.model import TERM, Candidate
from termkit.extract.options import ExtractOptions


def select(candidates: list[Candidate], opts: ExtractOptions) -> list[Candidate]:
    """Sort the candidates and keep the ``top`` N, every one (``keep_all``), or the default
    selection at the ranker's threshold (every one without a ranker)."""
    model = ranker_model(opts.ranker, opts.profile)
    if model is None:
        # names first: every name is glossary material for a translator; terms by termhood
        candidates.sort(key=lambda c: (c.type == TERM, -c.score, -c.frequency, c.canonical))
        return candidates[: opts.top] if opts.top else candidates
    model.score(candidates)
    candidates.sort(key=lambda c: (-(c.probability or 0.0), -c.score, c.canonical))
    if opts.top:
        return candidates[: opts.top]
    if opts.keep_all:
        return candidates
    if opts.review:  # recall first; a fragment goes only when its container is probable by the F1 threshold
        return kept_by_default(candidates, model.review_threshold, max(model.threshold, model.review_threshold))
    return kept_by_default(candidates, model.threshold)


def kept_by_default(candidates: Sequence[Candidate], threshold: float,
                    container_threshold: float | None = None) -> list[Candidate]:
    """The default selection: probable enough, and not a fragment of another kept candidate
    (every occurrence inside it: "Nations" in "Nations unies", "Abraham" in "accords d'Abraham").
    A probable candidate whose every occurrence sits inside a name (written as one) stands for that name, which
    is kept in its place, whole: "Assemblée générale des Nations" -> "Assemblée générale des
    Nations unies" (the longest such name)."""
    by_form = {c.canonical: c for c in candidates}
    probable = {c.canonical: c for c in candidates if (c.probability or 0.0) >= threshold}
    for c in list(probable.values()):
        names = [by_form[o] for o in c.inside if o in by_form and _written_as_name(by_form[o])]
        if names:
            whole = max(names, key=lambda n: (len(n.canonical.split()), n.probability or 0.0))
            probable.setdefault(whole.canonical, whole)
    strong = probable if container_threshold is None else {
        k: c for k, c in probable.items() if (c.probability or 0.0) >= container_threshold}
    return [c for c in probable.values() if not any(outer in strong for outer in c.inside)]


def _written_as_name(cand: Candidate) -> bool:
    """Whether the candidate was written as a name (the NER tagger's), not only typed as one."""
    return bool(cand.features.get("written_as_name", cand.type != TERM))


def ranker_model(spec, profile: str = "news"):
    """The ranker that ``ExtractOptions.ranker`` names (None: none)."""
    if spec is None:
        return None
    from termkit.extract.ranker import RankerModel, load_model

    if isinstance(spec, RankerModel):
        return spec
    return load_model(None if spec == "default" else spec, profile)
