"""Writing term candidates as TSV or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from termkit import __version__
from termkit.extract.model import Candidate

FORMATS = ("text", "tsv", "json")
TSV_COLUMNS = ("canonical", "lemma", "type", "probability", "variants", "frequency", "score", "doc_frequency",
               "specificity", "contexts")


def _cell(text: str) -> str:
    return " ".join(text.split())


def write_tsv(cands: Sequence[Candidate], out: IO[str]) -> None:
    """One row per candidate; variants as ``form (count, relation)`` joined by `` | ``;
    contexts as ``doc: sentence`` joined by `` | ``."""
    out.write("\t".join(TSV_COLUMNS) + "\n")
    for c in cands:
        variants = " | ".join(f"{v.form} ({v.count}, {v.relation})" for v in c.variants)
        contexts = " | ".join(f"{x.doc}: {_cell(x.sentence)}" for x in c.contexts)
        prob = "" if c.probability is None else f"{c.probability:.3f}"
        row = [c.canonical, c.lemma, c.type, prob, variants, str(c.frequency), f"{c.score:.3f}", str(c.doc_frequency),
               f"{c.specificity:.2f}", contexts]
        out.write("\t".join(_cell(x) for x in row) + "\n")


def write_json(cands: Sequence[Candidate], out: IO[str]) -> None:
    """``{"termkit": version, "candidates": [...]}`` with every field of :class:`Candidate`."""
    json.dump({"termkit": __version__, "candidates": [c.to_dict() for c in cands]}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_text(cands: Sequence[Candidate], out: IO[str]) -> None:
    """The view for a translator at a terminal: names and terms together, best first, one
    line each: probability, type, form, frequency and other written forms (no contexts)."""
    width = min(48, max((len(c.canonical) for c in cands), default=10))
    out.write(f"{'prob':>5}  {'type':<5} {'term or name':<{width}}  {'freq':>4}  other forms\n")
    for c in cands:
        prob = "  -  " if c.probability is None else f"{c.probability:5.2f}"
        others = ", ".join(v.form for v in c.variants[1:4]) + (" ..." if len(c.variants) > 4 else "")
        name = c.canonical if len(c.canonical) <= width else c.canonical[: width - 1] + "…"
        out.write(f"{prob}  {c.type:<5} {name:<{width}}  {c.frequency:>4}  {others}\n")
    out.write(f"{len(cands)} candidates\n")


def write_candidates(cands: Sequence[Candidate], out: IO[str], fmt: str) -> None:
    """Write candidates in ``fmt`` (one of :data:`FORMATS`)."""
    {"text": write_text, "tsv": write_tsv, "json": write_json}[fmt](cands, out)
