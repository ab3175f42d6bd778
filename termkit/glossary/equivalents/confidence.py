"""The confidence model of English equivalents: a logistic regression over option features.

The model is a small JSON file (``termkit/glossary/models/equivalents.json``): the feature
names and their version (:mod:`termkit.glossary.equivalents.features`), their means and scales,
the weights, and the abstention thresholds (names, terms) chosen on the data it was trained on
(the lowest probability at which the proposed English of that data reaches the target
precision). :func:`train` fits one from labelled options; ``termkit equivalents train``
(:mod:`termkit.glossary.equivalents.training`) rebuilds the shipped model from the tune half of
the gold glossary (``bench/data/equiv_gold.tsv``) and the seed glossary.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from termkit.errors import TermkitError
from termkit.glossary.equivalents.features import FEATURE_VERSION, check_model

MODEL_PATH = Path(__file__).parent.parent / "models" / "equivalents.json"


@dataclass
class ConfidenceModel:
    """Logistic regression: P(option is the right English) = sigmoid(b + sum w_i (x_i - m_i) / s_i)."""

    features: list[str]
    weights: list[float]
    intercept: float
    means: list[float]
    scales: list[float]
    threshold: float = 0.5  # names
    term_threshold: float = 0.5  # terms
    feature_version: str = ""  # the feature registry's version it was trained on
    notes: dict = field(default_factory=dict)

    def threshold_for(self, is_name: bool) -> float:
        """The abstention threshold of a name or a term."""
        return self.threshold if is_name else self.term_threshold

    def probability(self, x: dict[str, float]) -> float:
        """The probability that an option with features ``x`` is the right English."""
        z = self.intercept
        for name, w, m, s in zip(self.features, self.weights, self.means, self.scales):
            z += w * (x[name] - m) / s  # a missing feature is an error, never a silent 0
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        """The model as JSON text."""
        return json.dumps(asdict(self), indent=1, ensure_ascii=False) + "\n"


def read_model(path: str | Path) -> ConfidenceModel:
    """Read a confidence model file; a bad one is a one-line error naming it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        model = ConfidenceModel(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise TermkitError(f"{path}: not a termkit equivalents model ({exc})",
                           "rebuild it with termkit equivalents train") from None
    check_model(model.features, model.feature_version, str(path),
                (len(model.weights), len(model.means), len(model.scales)))
    return model


@lru_cache(maxsize=1)
def default_model() -> ConfidenceModel:
    """The shipped model."""
    return read_model(MODEL_PATH)


def train(rows: Sequence[dict[str, float]], labels: Sequence[int], features: Sequence[str],
          l2: float = 1.0, positive: Sequence[str] = ()) -> ConfidenceModel:
    """Fit a logistic regression (scikit-learn, L2 penalty ``l2``) to labelled options.

    Features named in ``positive`` are evidence for an option by their nature (the
    alignment gives it, CLDR gives it): a fit that gives one of them a negative weight
    (a quirk of a small sample) drops it, and the model is fitted again without it.
    """
    active = list(features)
    while True:
        model = _fit(rows, labels, active, l2)
        wrong = [f for f, w in zip(model.features, model.weights) if f in positive and w < 0]
        if not wrong:
            break
        active = [f for f in active if f not in wrong]
    weights = dict(zip(model.features, model.weights))
    means = dict(zip(model.features, model.means))
    scales = dict(zip(model.features, model.scales))
    return ConfidenceModel(list(features), [weights.get(f, 0.0) for f in features], model.intercept,
                           [means.get(f, 0.0) for f in features], [scales.get(f, 1.0) for f in features],
                           feature_version=FEATURE_VERSION)


def _fit(rows: Sequence[dict[str, float]], labels: Sequence[int], features: Sequence[str], l2: float) -> ConfidenceModel:
    """A logistic regression (scikit-learn, the ``train`` extra) on standardised features, L2
    penalty ``l2`` on the weights (not the intercept): C = 1 / l2. Scoring needs numpy alone."""
    import numpy as np

    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise TermkitError("training the confidence model needs scikit-learn", "pip install 'termkit[train]'") from None
    x = np.array([[r.get(f, 0.0) for f in features] for r in rows], dtype=float)
    y = np.asarray(labels, dtype=int)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    fit = LogisticRegression(C=1.0 / l2, tol=1e-10, max_iter=10_000).fit((x - means) / scales, y)
    return ConfidenceModel(list(features), [round(float(v), 6) for v in fit.coef_[0]], round(float(fit.intercept_[0]), 6),
                           [round(float(v), 6) for v in means], [round(float(v), 6) for v in scales])


def threshold_for(probabilities: Sequence[float], correct: Sequence[bool], precision: float,
                  window: int = 20, local: float = 0.9, floor: float = 0.5) -> float:
    """The lowest probability at which the proposals at or above it are at least
    ``precision`` right and the ``window`` least probable of them are still ``local`` right
    (1.0 when no threshold gets there), and never below ``floor``.

    The second condition keeps a band of poor proposals out, which a mass of sure ones
    above it would otherwise hide in the overall precision. The floor keeps the confidence
    column honest: the English is proposed only when the model itself finds it more likely
    right than wrong, whatever a sample's luck in a low band.
    """
    ranked = sorted(zip(probabilities, correct), key=lambda t: -t[0])
    best, right = 1.0, 0
    for n, (p, ok) in enumerate(ranked, 1):
        right += ok
        tail = ranked[max(0, n - window):n]
        if right / n >= precision and sum(y for _, y in tail) >= local * len(tail) \
                and (n == len(ranked) or ranked[n][0] < p):
            best = p
    return max(best, floor)
