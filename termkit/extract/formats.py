"""Writing term candidates as TSV or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from termkit import __version__
from termkit.extract.model import Candidate

FORMATS = ("tsv", "json")
TSV_COLUMNS = ("canonical", "lemma", "type", "variants", "frequency", "score", "doc_frequency", "specificity", "contexts")


def _cell(text: str) -> str:
    return " ".join(text.split())


def write_tsv(cands: Sequence[Candidate], out: IO[str]) -> None:
    """One row per candidate; variants as ``form (count, relation)`` joined by `` | ``;
    contexts as ``doc: sentence`` joined by `` | ``."""
    out.write("\t".join(TSV_COLUMNS) + "\n")
    for c in cands:
        variants = " | ".join(f"{v.form} ({v.count}, {v.relation})" for v in c.variants)
        contexts = " | ".join(f"{x.doc}: {_cell(x.sentence)}" for x in c.contexts)
        row = [c.canonical, c.lemma, c.type, variants, str(c.frequency), f"{c.score:.3f}", str(c.doc_frequency),
               f"{c.specificity:.2f}", contexts]
        out.write("\t".join(_cell(x) for x in row) + "\n")


def write_json(cands: Sequence[Candidate], out: IO[str]) -> None:
    """``{"termkit": version, "candidates": [...]}`` with every field of :class:`Candidate`."""
    json.dump({"termkit": __version__, "candidates": [c.to_dict() for c in cands]}, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_candidates(cands: Sequence[Candidate], out: IO[str], fmt: str) -> None:
    """Write candidates in ``fmt`` (one of :data:`FORMATS`)."""
    (write_tsv if fmt == "tsv" else write_json)(cands, out)
