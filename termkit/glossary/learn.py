"""Learning from a team's reviews: the project models, trained on a reviewed glossary and the
texts it was built from.

The project ranker (``.termkit/ranker.json``) adapts the shipped model of a profile to the
glossary's approved and rejected rows; the project equivalents model
(``.termkit/equivalents.json``) learns from its approved English. ``termkit ranker train
--glossary`` and the review page's "Learn from these reviews" both go through
:func:`adapt_project_ranker`; the page trains both models at once with
:func:`learn_from_reviews`, each written atomically where the CLI writes it, each with its own
outcome (a model with too few decisions is not written, and says why in one line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from termkit.errors import TermkitError

if TYPE_CHECKING:  # annotations only: the training modules are imported where they run
    from termkit.extract.ranker import RankerModel
    from termkit.glossary.equivalents.confidence import ConfidenceModel
    from termkit.nlp import Parser


def adapt_project_ranker(glossaries: Sequence[str], texts: Sequence[str], parser: Parser, profile: str = "news",
                         progress: Callable[..., None] | None = None) -> RankerModel:
    """The shipped ranker of ``profile`` adapted to the approved and rejected rows of reviewed
    ``glossaries`` (TSV), over the French ``texts`` they were built from (parsed with ``parser``).
    Raises :class:`TermkitError` (one line) with fewer than 20 approved or 20 rejected decisions
    among the extracted candidates. The model is returned, not written."""
    from termkit.extract.ranker import load_model, shipped_model_path
    from termkit.extract.training import Source, adapt_from_sources
    from termkit.glossary.decisions import glossary_decisions

    sources = [Source(g, list(texts), *glossary_decisions(g)) for g in glossaries]
    return adapt_from_sources(load_model(shipped_model_path(profile)), sources, parser, progress)


def train_project_equivalents(glossaries: Sequence[str], fr_files: Sequence[str], en_files: Sequence[str],
                              parser: Parser, precision: float | None = None, notes: dict | None = None,
                              progress: Callable[..., None] | None = None) -> ConfidenceModel:
    """The equivalents confidence model trained on the approved English of reviewed ``glossaries``
    over the French files and their English versions (paired by id, else by order). Raises
    :class:`TermkitError` (one line) with too few right or wrong options. ``precision``: what the
    thresholds aim at (default: the CLI's). Not written."""
    from termkit.glossary.equivalents.training import PRECISION_TARGET, train_from_sets, training_sets
    from termkit.sources import read_all

    fr_groups, en_docs = [read_all([f]) for f in fr_files], read_all(list(en_files))
    sets = training_sets(fr_groups, en_docs, parser, (), None, glossaries, progress)
    return train_from_sets(sets, precision=PRECISION_TARGET if precision is None else precision, notes=notes)


def write_equivalents(model: ConfidenceModel, path: str | Path) -> None:
    """Write an equivalents model file atomically (its folder made if needed)."""
    from termkit.fsutil import atomic_write

    with atomic_write(path) as fh:
        fh.write(model.to_json())


def ranker_summary(model: RankerModel, output: str) -> dict:
    """What a report says of a written project ranker."""
    keys = ("adapts", "approved", "rejected", "decisions")
    return {"output": output, "threshold": model.threshold, "review_threshold": model.review_threshold,
            "trees": len(model.trees), **{k: model.meta[k] for k in keys if k in model.meta}}


def equivalents_summary(model: ConfidenceModel, output: str) -> dict:
    """What a report says of a written equivalents model."""
    keys = ("trained_on", "concepts", "options", "right_options", "documents")
    return {"output": output, "threshold_names": model.threshold, "threshold_terms": model.term_threshold,
            **{k: model.notes[k] for k in keys if k in model.notes}}


@dataclass
class LearnSetup:
    """What learning from a glossary's reviews needs besides the glossary: the French texts it was
    built from, their English versions (none: the equivalents model is left alone), the parser,
    and the folder the project models go under (``.termkit/`` there)."""

    texts: list[str]
    parser: Parser
    en_texts: list[str] = field(default_factory=list)
    root: Path = Path(".")
    profile: str = "news"  # the shipped ranker the project one adapts

    def outputs(self) -> dict[str, str]:
        """The model files a training writes, by model: the project ranker, and the project
        equivalents model when there are English texts."""
        from termkit.extract.ranker import PROJECT_MODEL as RANKER_MODEL
        from termkit.glossary.equivalents.training import PROJECT_MODEL as EQUIVALENTS_MODEL

        models = {"ranker": RANKER_MODEL, **({"equivalents": EQUIVALENTS_MODEL} if self.en_texts else {})}
        return {k: v if self.root == Path(".") else str(self.root / v) for k, v in models.items()}


@dataclass
class ModelOutcome:
    """What became of one project model: written (``summary`` says what it is) or not (``error``,
    one line: e.g. too few decisions)."""

    model: str  # "ranker" or "equivalents"
    output: str
    summary: dict = field(default_factory=dict)
    error: str = ""

    @property
    def written(self) -> bool:
        """Whether the model file was written."""
        return not self.error

    def to_json(self) -> dict:
        """The outcome as JSON."""
        return {"written": self.written, "output": self.output,
                **({"error": self.error} if self.error else self.summary)}


@dataclass
class LearnReport:
    """The outcome of each project model trained from one glossary's reviews."""

    glossary: str
    outcomes: list[ModelOutcome]

    @property
    def written(self) -> list[str]:
        """The model files written."""
        return [o.output for o in self.outcomes if o.written]

    def to_json(self) -> dict:
        """The report as JSON: the files written and each model's outcome."""
        return {"glossary": self.glossary, "written": self.written,
                "models": {o.model: o.to_json() for o in self.outcomes}}


def learn_from_reviews(glossary: str, setup: LearnSetup) -> LearnReport:
    """Train the project ranker (and, with English texts, the project equivalents model) from the
    reviews in ``glossary`` and write each one atomically under ``setup.root``. A model that
    cannot be trained (too few decisions, a text that cannot be read) is reported with its
    one-line reason, and left as it was; the other one is trained all the same."""
    outputs = setup.outputs()
    outcomes = []
    output = outputs["ranker"]
    try:
        ranker = adapt_project_ranker([glossary], setup.texts, setup.parser, setup.profile)
        ranker.save(output)
        outcomes.append(ModelOutcome("ranker", output, ranker_summary(ranker, output)))
    except TermkitError as exc:
        outcomes.append(ModelOutcome("ranker", output, error=str(exc)))
    except Exception as exc:  # noqa: BLE001  (the other model still trains; the page reads one line)
        outcomes.append(ModelOutcome("ranker", output, error=f"internal error: {exc.__class__.__name__}: {exc}"))
    if "equivalents" in outputs:
        output = outputs["equivalents"]
        try:
            model = train_project_equivalents([glossary], setup.texts, setup.en_texts, setup.parser,
                                              notes={"command": "termkit review: learn from these reviews"})
            write_equivalents(model, output)
            outcomes.append(ModelOutcome("equivalents", output, equivalents_summary(model, output)))
        except TermkitError as exc:
            outcomes.append(ModelOutcome("equivalents", output, error=str(exc)))
        except Exception as exc:  # noqa: BLE001  (the ranker's outcome is reported all the same)
            outcomes.append(ModelOutcome("equivalents", output,
                                         error=f"internal error: {exc.__class__.__name__}: {exc}"))
    return LearnReport(glossary, outcomes)
