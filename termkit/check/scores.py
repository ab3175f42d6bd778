"""BLEU, chrF and TER against a reference translation, from sacrebleu, with signatures."""

from __future__ import annotations

from collections.abc import Sequence

from termkit.check.model import Score


def corpus_scores(hypotheses: Sequence[str], references: Sequence[str]) -> list[Score]:
    """Corpus-level BLEU, chrF and TER of aligned hypothesis/reference segments."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    scores = []
    for metric in (BLEU(), CHRF(), TER()):
        result = metric.corpus_score(list(hypotheses), [list(references)])
        scores.append(Score(result.name, round(result.score, 2), str(metric.get_signature())))
    return scores
