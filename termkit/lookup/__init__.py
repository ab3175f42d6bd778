"""Glossary lookups: find a concept from any of its forms, in either language.

Light on purpose: no NLP stack is imported on this path, so ``termkit lookup`` starts fast.

    >>> from termkit.lookup import Lookup
    >>> finder = Lookup(["glossaries/c5-critical-minerals.fr-en.tsv"])
    >>> finder.find("kirgizistan")[0].concept.en
    'Kyrgyzstan'
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from termkit.glossary.model import Concept
from termkit.lookup.index import FormHit, GlossaryIndex, rank
from termkit.safetext import for_terminal

GLOSSARY_SUFFIXES = (".tsv", ".tbx", ".csv")


@dataclass
class Result:
    """A concept found by a lookup, how it matched, and the glossary it is in."""

    concept: Concept
    hit: FormHit
    glossary: str

    def to_dict(self) -> dict:
        """Plain data for JSON output."""
        c = self.concept
        return {"query_match": {"form": self.hit.form, "lang": self.hit.lang, "kind": self.hit.kind,
                                "match": self.hit.match, "score": round(self.hit.score, 1)},
                "glossary": self.glossary, **asdict(c)}


def default_glossaries(start: str | os.PathLike = ".") -> list[str]:
    """The glossary files under ``glossaries/`` of the project holding ``start`` (searched upwards)."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        gdir = folder / "glossaries"
        if gdir.is_dir():
            return sorted(str(p) for p in gdir.iterdir() if p.suffix.lower() in GLOSSARY_SUFFIXES and p.is_file())
    return []


def default_lookup_cache() -> Path:
    """Where lookup indexes go: the cache folder (:func:`termkit.fsutil.cache_dir`)."""
    from termkit.fsutil import cache_dir

    return cache_dir()


class Lookup:
    """Lookups over several glossaries (TSV, TBX v2/v3, CSV), each with its own index."""

    def __init__(self, glossaries: Sequence[str], cache_dir: str | os.PathLike | None = None,
                 include_candidates: bool = False) -> None:
        cache = Path(cache_dir) if cache_dir else default_lookup_cache()
        self.indexes = [GlossaryIndex.open(g, cache) for g in glossaries]
        self.statuses = {"approved", "candidate"} if include_candidates else {"approved"}

    def find(self, query: str, lang: str | None = None, limit: int = 5) -> list[Result]:
        """The best ``limit`` concepts for ``query``; ``lang``: fr, en or None for both.
        Control characters (a NUL byte from a pipe) count as spaces."""
        query = clean_query(query)
        found = []
        for index in self.indexes:
            found += [(hit, index) for hit in index.search(query, lang, limit)]
        found.sort(key=lambda x: rank(x[0]))
        results = [Result(index.concept(hit.n), hit, index.source) for hit, index in found]
        results = [r for r in results if r.concept.status in self.statuses][:limit]
        results.sort(key=lambda r: (-r.hit.score, r.concept.status != "approved"))
        return results


    def suggest(self, query: str, lang: str | None = None, limit: int = 3) -> list[Result]:
        """Concepts to suggest when :meth:`find` found nothing: forms in either language that
        share most words with the query, as cognates (``minerais critiques`` -> ``critical minerals``)."""
        query = clean_query(query)
        found = [(hit, index) for index in self.indexes for hit in index.related(query, lang, limit)]
        found.sort(key=lambda x: rank(x[0]))
        results = [Result(index.concept(hit.n), hit, index.source) for hit, index in found]
        return [r for r in results if r.concept.status in self.statuses][:limit]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(query: str) -> str:
    """A query with control characters (NUL, tabs, escapes) turned into spaces."""
    return " ".join(_CONTROL.sub(" ", query).split())


def for_display(c: Concept) -> Concept:
    """A copy of ``c`` whose text holds no terminal control sequence (a glossary cell is data, not
    commands for the terminal): for text output only; the file and JSON keep the text as it is."""
    # every field of Concept by name: its values are str, list[str], float or None
    cleaned: dict[str, Any] = {f.name: (for_terminal(v) if isinstance(v := getattr(c, f.name), str)
                                        else [for_terminal(x) for x in v] if isinstance(v, list) else v)
                               for f in dataclasses.fields(c)}
    return dataclasses.replace(c, **cleaned)


def format_suggestions(query: str, results: list[Result]) -> str:
    """"not found" plus the nearest concepts, one line each."""
    lines = [f"{for_terminal(query)}: not found; nearest concepts:"]
    for r in results:
        c = for_display(r.concept)
        lines.append(f"  {c.fr} -> {c.en or '(no English yet)'}  (shares words with {r.hit.form!r}, "
                     f"{'English' if r.hit.lang == 'en' else 'French'})  {r.glossary}#{c.id}")
    return "\n".join(lines)


def format_result(result: Result, style=lambda text, **_: text) -> str:
    """A translator-friendly block: the equivalent first, then variants, status, forbidden forms, note."""
    c, hit = for_display(result.concept), result.hit
    src_lang = hit.lang
    target = c.en if src_lang == "fr" else c.fr
    source = c.fr if src_lang == "fr" else c.en
    arrow = f"{source} -> {target or '(no English yet)'}"
    how = "" if hit.match == "exact" and hit.form == source else f"  (matched {hit.form!r}, {hit.match})"
    status = style("CANDIDATE, not reviewed", fg="yellow") if c.status == "candidate" else c.status
    lines = [style(arrow, bold=True) + f"  [{c.type}, {status}]" + how]
    if src_lang == "fr":
        if c.en_variants:
            lines.append("  also:      " + ", ".join(c.en_variants))
    elif c.fr_variants:
        lines.append("  also (fr): " + ", ".join(c.fr_variants))
    if c.en_forbidden:
        lines.append(style("  forbidden: " + ", ".join(c.en_forbidden), fg="red"))
    if hit.kind == "forbidden":
        lines.append(style(f"  {hit.form!r} is a forbidden English form: use {c.en!r}", fg="red"))
    for label, value in (("fr forms:", " | ".join(c.fr_forms()) if src_lang == "en" else ""), ("note:", c.note),
                         ("definition:", c.definition), ("subject:", c.subject)):
        if value:
            lines.append(f"  {label:<10} {value}")
    lines.append(style(f"  {result.glossary}#{c.id}", dim=True))
    return "\n".join(lines)


__all__ = ["Lookup", "Result", "clean_query", "default_glossaries", "format_result", "format_suggestions"]
