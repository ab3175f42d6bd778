"""The learned termhood ranker: gradient-boosted trees over candidate features, with a
calibrated probability threshold that decides which candidates the extractor keeps.

The model is trained with LightGBM (``termkit ranker train``, see
:mod:`termkit.extract.training`) and stored as plain JSON: the feature names and
version, the trees (split feature, threshold, children, leaf values), the probability
threshold and how it was trained. Scoring needs only numpy, so LightGBM is a training
dependency, not a runtime one. Two models ship, one per profile
(:data:`PROFILES`): ``ranker-news.json`` (the default) is trained on French news with a news
terminologist's gold (bench/data/news_gold.tsv); ``ranker-specialised.json`` on ACTER 1.5
French (CC BY-NC-SA 4.0), by ACTER's protocol. Each file records its profile, training data,
licence and feature version.

    >>> from termkit.extract.ranker import load_model
    >>> model = load_model()                # the shipped model, read once, lazily  # doctest: +SKIP
    >>> model.score(candidates)             # sets candidate.probability            # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from termkit.errors import TermkitError
from termkit.extract.features import FEATURE_VERSION
from termkit.extract.model import Candidate

if TYPE_CHECKING:  # annotations only: the module is imported lazily where it runs
    import numpy as np

MODEL_FORMAT = "termkit-ranker/1"
# Profiles: the shipped model of each. news (the default): trained on French news with a news
# terminologist's names and terms; specialised: ACTER's protocol (wind energy, corruption law,
# dressage), rare single nouns of a specialised field.
PROFILES = {"news": "ranker-news.json", "specialised": "ranker-specialised.json"}
DEFAULT_PROFILE = "news"
PROJECT_MODEL = ".termkit/ranker.json"  # a team's own model, trained on its reviews (`termkit ranker train`)


@dataclass
class Tree:
    """One regression tree as flat arrays: an internal node ``k`` sends a sample left when
    ``x[feature[k]] <= threshold[k]``; children >= 0 are nodes, ``~child`` are leaves."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    default_left: list[bool]
    leaf: list[float]


@dataclass
class RankerModel:
    """A trained ranker: feature names and version, trees, the probability threshold, provenance."""

    feature_names: list[str]
    feature_version: int
    trees: list[Tree]
    threshold: float
    meta: dict = field(default_factory=dict)
    path: str = ""

    @property
    def review_threshold(self) -> float:
        """The threshold `glossary build` keeps candidates at: chosen for recall (a reviewer
        rejects a wrong candidate with one key; a missing one costs reading the article again).
        The F1 threshold when the model has none."""
        return float(self.meta.get("review_threshold", self.threshold))

    @property
    def profile(self) -> str:
        """The profile the model was trained for (news, specialised, or a project's)."""
        return str(self.meta.get("profile", ""))

    def probabilities(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """P(term or name) for each feature row (a numpy array)."""
        import numpy as np

        x = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.feature_names))
        raw = np.zeros(len(x))
        idx = np.arange(len(x))
        for t in self.trees:
            if not t.feature:  # a single leaf
                raw += t.leaf[0]
                continue
            feat, thr = np.asarray(t.feature), np.asarray(t.threshold)
            left, right = np.asarray(t.left), np.asarray(t.right)
            dleft = np.asarray(t.default_left)
            node = np.zeros(len(x), dtype=np.int64)
            active = node >= 0
            while active.any():
                k = node[active]
                v = x[idx[active], feat[k]]
                go_left = np.where(np.isnan(v), dleft[k], v <= thr[k])
                node[active] = np.where(go_left, left[k], right[k])
                active = node >= 0
            raw += np.asarray(t.leaf)[~node]
        return 1.0 / (1.0 + np.exp(-raw))

    def score(self, candidates: Sequence[Candidate]) -> None:
        """Set ``probability`` on every candidate (rounded to 4 decimals)."""
        if not candidates:
            return
        rows = [[c.features.get(name, 0.0) for name in self.feature_names] for c in candidates]
        for c, p in zip(candidates, self.probabilities(rows)):
            c.probability = round(float(p), 4)

    def to_json(self) -> dict:
        """The model file's content."""
        return {"format": MODEL_FORMAT, "feature_version": self.feature_version, "features": self.feature_names,
                "threshold": self.threshold, "meta": self.meta,
                "trees": [[t.feature, t.threshold, t.left, t.right, [int(b) for b in t.default_left], t.leaf]
                          for t in self.trees]}

    def save(self, path: str | os.PathLike) -> None:
        """Write the model file atomically."""
        from termkit.fsutil import atomic_write

        with atomic_write(path) as fh:
            json.dump(self.to_json(), fh, separators=(",", ":"))
            fh.write("\n")


def trees_from_lightgbm(dump: dict) -> list[Tree]:
    """Flatten ``Booster.dump_model()`` trees (numerical ``<=`` splits only)."""
    out = []
    for info in dump["tree_info"]:
        t = Tree([], [], [], [], [], [])

        def walk(node: dict, t: Tree = t) -> int:
            if "leaf_index" in node or "split_index" not in node:
                t.leaf.append(float(node.get("leaf_value", 0.0)))
                return ~(len(t.leaf) - 1)
            if node.get("decision_type", "<=") != "<=" or node.get("missing_type", "None") not in ("None", "NaN"):
                raise ValueError(f"unsupported split {node.get('decision_type')} / {node.get('missing_type')}")
            k = len(t.feature)
            t.feature.append(int(node["split_feature"]))
            t.threshold.append(float(node["threshold"]))
            t.default_left.append(bool(node.get("default_left", True)))
            t.left.append(0)
            t.right.append(0)
            t.left[k] = walk(node["left_child"], t)
            t.right[k] = walk(node["right_child"], t)
            return k

        root = walk(info["tree_structure"])
        if root < 0:
            t.feature, t.threshold, t.left, t.right, t.default_left = [], [], [], [], []
        out.append(t)
    return out


_FIX = "retrain it with `termkit ranker train`, or reinstall termkit to get the shipped model back"


def read_model(path: str | os.PathLike) -> RankerModel:
    """Read a model file; a missing, corrupt or incompatible file raises one-line :class:`TermkitError`."""
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TermkitError(f"ranker model {name}: no such file", _FIX) from None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise TermkitError(f"ranker model {name} is unreadable ({type(exc).__name__})", _FIX) from None
    try:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {MODEL_FORMAT!r}")
        if data["feature_version"] != FEATURE_VERSION:
            raise ValueError(f"features v{data['feature_version']}, this termkit computes v{FEATURE_VERSION}")
        trees = [Tree(list(t[0]), list(t[1]), list(t[2]), list(t[3]), [bool(b) for b in t[4]], list(t[5]))
                 for t in data["trees"]]
        n = len(data["features"])
        if any(f >= n or f < 0 for t in trees for f in t.feature):
            raise ValueError("a split uses a feature the file does not name")
        return RankerModel(list(data["features"]), data["feature_version"], trees, float(data["threshold"]),
                           dict(data.get("meta", {})), name)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise TermkitError(f"ranker model {name} is incompatible: {exc}", _FIX) from None


def check_profile(profile: str) -> str:
    """``profile`` if termkit ships a model for it; else :class:`TermkitError` (exit 2) listing them."""
    if profile not in PROFILES:
        raise TermkitError(f"unknown profile {profile!r}", "use one of " + ", ".join(PROFILES))
    return profile


def shipped_model_path(profile: str = DEFAULT_PROFILE) -> Path:
    """Where the model of ``profile`` shipped inside the package lives."""
    return Path(str(resources.files("termkit.extract") / "models" / PROFILES[check_profile(profile)]))


@dataclass
class ModelChoice:
    """The ranker a run uses, and why: a line for the report (``notes``), e.g. that the
    project model was used, or that it was set aside (another feature version) and why."""

    model: RankerModel
    source: str
    notes: list[str] = field(default_factory=list)


def choose_model(path: str | os.PathLike | None = None, profile: str = DEFAULT_PROFILE,
                 project: str | os.PathLike | None = PROJECT_MODEL) -> ModelChoice:
    """The ranker for a run: ``path`` if given, else ``$TERMKIT_RANKER``, else the project model
    (``.termkit/ranker.json`` in the current folder) when it adapts ``profile``, else the shipped
    model of ``profile``. A project model of another feature version is set aside with a note
    naming the file and the fix."""
    check_profile(profile)
    explicit = path or os.environ.get("TERMKIT_RANKER")
    if explicit:
        return ModelChoice(read_model(explicit), str(explicit))
    notes = []
    if project and Path(project).is_file():
        try:
            model = read_model(project)
        except TermkitError as exc:
            notes.append(f"warning: {exc} (fix: termkit ranker train --glossary glossaries/*.tsv --texts ... "
                         f"-o {project}); the shipped {profile} model is used")
        else:
            if model.meta.get("adapts", model.profile) == profile:
                return ModelChoice(model, str(project), [f"ranker: the project model {project} (trained on "
                                                         f"{model.meta.get('decisions', '?')} reviewed decisions)"])
    return ModelChoice(read_model(shipped_model_path(profile)), f"shipped {profile} model", notes)


def load_model(path: str | os.PathLike | None = None, profile: str = DEFAULT_PROFILE) -> RankerModel:
    """The ranker at ``path`` (default: ``$TERMKIT_RANKER``, else the project model, else the
    shipped model of ``profile``)."""
    return choose_model(path, profile).model
