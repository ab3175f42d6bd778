"""Sentence alignment: Gale-Church length model plus anchor similarity; 1-1, 1-2, 2-1, 1-0, 0-1 links (and 2-2, 3-1, 1-3)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from termkit.align.anchors import anchors

# Prior probabilities of the link types (Gale & Church 1993).
# 2-2, 3-1 and 1-3 are rare but real when both sides are split into sentences freely.
PRIORS = {
    (1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2,
    (2, 2): 0.011, (3, 1): 0.002, (1, 3): 0.002,
}
VARIANCE = 6.8
# Length cost of a 1-0 or 0-1 link. Gale-Church's z-score of "n characters against 0" makes
# a long omitted or added sentence almost impossible to link alone; a fixed cost does not.
INDEL_LENGTH_COST = 3.0


@dataclass
class Link:
    """Source sentence indices aligned with target sentence indices, and the link's cost."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    cost: float = 0.0


@dataclass
class AlignOptions:
    """``anchor_weight``: how much anchor similarity (Dice, 0..1) lowers a link's cost
    (0 gives plain Gale-Church); ``glossary``: optional function returning concept keys
    found in a text, used as extra anchors on both sides."""

    anchor_weight: float = 6.0
    glossary: Callable[[str], set[str]] | None = field(default=None, repr=False)


def _norm_logsf(z: float) -> float:
    """-log of the two-sided tail probability of a standard normal."""
    p = math.erfc(abs(z) / math.sqrt(2))
    return -math.log(p) if p > 1e-300 else 690.0


def align(src: Sequence[str], tgt: Sequence[str], options: AlignOptions | None = None) -> list[Link]:
    """Align two lists of sentences; returns links in order, covering every sentence once."""
    opts = options or AlignOptions()
    n, m = len(src), len(tgt)
    ls = [len(s) for s in src]
    lt = [len(t) for t in tgt]
    ratio = (sum(lt) / sum(ls)) if sum(ls) and sum(lt) else 1.0
    gkeys = opts.glossary or (lambda _t: set())
    a_src = [anchors(s, gkeys(s)) for s in src]
    a_tgt = [anchors(t, gkeys(t)) for t in tgt]

    def length_cost(l1: int, l2: int) -> float:
        if l1 == 0 and l2 == 0:
            return 0.0
        mean = (l1 + l2 / ratio) / 2
        z = (l1 * ratio - l2) / math.sqrt(max(mean, 1e-9) * VARIANCE)
        return _norm_logsf(z)

    def anchor_sim(i0: int, i1: int, j0: int, j1: int) -> float:
        if i0 == i1 or j0 == j1:
            return 0.0
        a = frozenset().union(*a_src[i0:i1])
        b = frozenset().union(*a_tgt[j0:j1])
        if not a or not b:
            return 0.0
        return 2 * len(a & b) / (len(a) + len(b))

    prior_cost = {k: -math.log(p) for k, p in PRIORS.items()}
    INF = float("inf")
    lo, hi = band(n, m)
    cost = [[INF] * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (hi[i] - lo[i] + 1) for i in range(n + 1)]

    def at(i: int, j: int) -> float:
        return cost[i][j - lo[i]] if lo[i] <= j <= hi[i] else INF

    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            if i == 0 and j == 0:
                continue
            best, arg = INF, None
            for (di, dj), pc in prior_cost.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = at(pi, pj)
                if prev == INF:
                    continue
                indel = di == 0 or dj == 0
                c = prev + pc + (INDEL_LENGTH_COST if indel else length_cost(sum(ls[pi:i]), sum(lt[pj:j])))
                c -= opts.anchor_weight * anchor_sim(pi, i, pj, j)

                if c < best:
                    best, arg = c, (di, dj)
            cost[i][j - lo[i]], back[i][j - lo[i]] = best, arg
    links: list[Link] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = back[i][j - lo[i]]  # type: ignore[misc]
        links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), round(at(i, j) - at(i - di, j - dj), 3)))
        i, j = i - di, j - dj
    links.reverse()
    return links


# Above this many cells the dynamic programme runs in a band around the diagonal;
# above MAX_CELLS even in the band, alignment is refused (one line, exit 2).
FULL_CELLS = 250_000
BAND = 150
MAX_CELLS = 6_000_000


def band(n: int, m: int) -> tuple[list[int], list[int]]:
    """For each source row i, the range of target columns the dynamic programme explores:
    every column for documents of ordinary size; a band of ``BAND`` sentences (plus the
    length difference) around the diagonal for long ones, so time and memory stay linear.

    Raises :class:`~termkit.errors.TermkitError` when even the band is too big.
    """
    if (n + 1) * (m + 1) <= FULL_CELLS:
        return [0] * (n + 1), [m] * (n + 1)
    width = BAND + abs(n - m) // 4
    if (n + 1) * (2 * width + 1) > MAX_CELLS:
        from termkit.errors import TermkitError

        raise TermkitError(f"too long to align as one article ({n:,} French and {m:,} English sentences)",
                           "split the texts into articles: one per file, or one per <doc> in SGML")
    lo, hi = [], []
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        a, b = max(0, centre - width), min(m, centre + width)
        if i == n:
            b = m
        lo.append(a)
        hi.append(b)
    lo[0] = 0
    return lo, hi
