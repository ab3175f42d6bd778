"""A reviewed glossary's decisions, as training labels for the ranker
(:func:`termkit.extract.training.train_from_sources`)."""

from __future__ import annotations

from termkit.glossary.formats.tsv import read_tsv


def glossary_decisions(path: str) -> tuple[set[str], set[str]]:
    """The French forms a reviewer approved and those rejected, from a TSV glossary."""
    approved: set[str] = set()
    rejected: set[str] = set()
    for c in read_tsv(path):
        if c.status == "approved":
            approved.update(f.lower() for f in c.fr_forms())
        elif c.status == "rejected":
            rejected.update(f.lower() for f in c.fr_forms())
    return approved, rejected
