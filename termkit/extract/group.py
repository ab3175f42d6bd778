"""Extraction, stage 2: join the groups that are variants of one another (spellings,
acronyms and their expansions, a person's surname) and measure how they nest."""

from __future__ import annotations

from collections import Counter, defaultdict

from termkit.extract import acronyms
from termkit.extract.collect import Group, union
from termkit.textnorm import graphical_variants, skeleton


def group_variants(groups: dict) -> dict[int, list[Group]]:
    """Join variants (graphical, acronyms, short names) and return the members of each
    candidate, keyed by the id of its root group."""
    merge_graphical(groups)
    merge_acronyms(groups)
    merge_short_names(groups)
    roots: dict[int, list[Group]] = defaultdict(list)
    for g in groups.values():
        roots[id(g.root())].append(g)
    return roots


def merge_graphical(groups: dict) -> None:
    """Merge spelling/transliteration variants (Kirghizstan/Kirghizistan), same word count."""
    buckets: dict[tuple, list[Group]] = defaultdict(list)
    for g in groups.values():
        words = g.key.split()
        if any(len(w) >= 5 for w in words):
            buckets[(len(words), " ".join(skeleton(w) for w in words))].append(g)
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        bucket.sort(key=lambda g: -len(g.occs))
        for k, g in enumerate(bucket):
            for h in bucket[:k]:
                if g.kind == h.kind and all(
                    graphical_variants(a, b) for a, b in zip(g.key.split(), h.key.split())
                ):
                    union(h, g, "graphical")
                    break


def merge_acronyms(groups: dict) -> None:
    """Join acronyms to their expansions: explicit "Expansion (ACR)" / "ACR (Expansion)", then initials."""
    acro = [g for g in groups.values() if g.words == 1 and g.occs and acronyms.is_acronym_token(g.occs[0].surface)]
    if not acro:
        return
    linked: set[int] = set()
    for g in acro:
        expansion = next((o.expansion for o in g.occs if o.expansion is not None), None)
        if expansion is not None:
            union(expansion, g, "acronym")
            linked.add(id(g))
    multi = [h for h in groups.values() if h.words >= 2 and h.parent is None]
    by_initials: dict[str, list[Group]] = defaultdict(list)
    for h in multi:
        words = acronyms.content_words(h.key)
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words)].append(h)
    for g in acro:
        if id(g) in linked:
            continue
        # without "Expansion (ACR)", the initials alone are weak evidence: the expansion must be
        # a name (capitalised first word) in a document where the acronym is used too
        docs = {o.doc for o in g.occs}
        matches = {id(h.root()): h.root() for h in by_initials.get(g.key.replace("&", ""), [])
                   if h.root() is not g.root() and any(o.doc in docs and o.surface[:1].isupper() for o in h.occs)}
        if len(matches) == 1:
            union(next(iter(matches.values())), g, "acronym")
            linked.add(id(g))
    # Blends such as Eximbank = EXIM + Bank, once EXIM has its expansion.
    for g in acro:
        if id(g) not in linked:
            continue
        expansion = g.root()
        last = expansion.key.split()[-1]
        blend = groups.get(("name", g.key + last)) or groups.get(("term", g.key + last))
        if blend is not None:
            union(expansion, blend, "acronym")


def merge_short_names(groups: dict) -> None:
    """A one-word person name that is the surname of exactly one longer person name joins it."""
    people: dict[str, list[Group]] = defaultdict(list)
    for g in groups.values():
        if g.kind == "name" and g.words >= 2 and _vote_type(g) == "PER":
            people[g.key.split()[-1]].append(g)
    for g in groups.values():
        if g.kind == "name" and g.words == 1 and _vote_type(g) in ("PER", "MISC"):
            longer = {id(h.root()): h for h in people.get(g.key, [])}
            if len(longer) == 1:
                union(next(iter(longer.values())), g, "short form")


def _vote_type(g: Group) -> str:
    votes = Counter(o.ner for o in g.occs if o.ner)
    return votes.most_common(1)[0][0] if votes else "MISC"


def nested_frequency(containers: list[list]) -> tuple[dict[int, float], dict[int, list[int]]]:
    """For each candidate, how many of its occurrences its most frequent container covers,
    and the containers that hold every one of its occurrences.

    A stricter nesting correction than C-value's mean over containers: "Nations
    unies" inside "Organisation des Nations unies" every time is a fragment,
    while "corruption" spread over many longer terms is not.
    """
    cooc: Counter[tuple[int, int]] = Counter()
    for inner, outer, count in containers:
        a, b = inner.root(), outer.root()
        if a is not b:
            cooc[(id(a), id(b))] += count
    best: dict[int, float] = {}
    for (a, _b), n in cooc.items():
        best[a] = max(best.get(a, 0), n)
    total = {id(inner.root()): len(inner.root().occs) for inner, _o, _n in containers}
    holders: dict[int, list[int]] = defaultdict(list)  # containers that hold every occurrence
    for (a, b), n in cooc.items():
        if n >= total.get(a, 0):
            holders[a].append(b)
    return best, holders
