"""The equivalent finder: the pair index, the option sources, the features, the confidence
model and the decision policy, put together."""

from __future__ import annotations

from collections.abc import Sequence

from termkit.extract.model import TERM, Candidate
from termkit.glossary.equivalents.confidence import ConfidenceModel, default_model
from termkit.glossary.equivalents.features import OptionView, add_similarity, option_features, use_encoder
from termkit.glossary.equivalents.model import Equivalent, Option
from termkit.glossary.equivalents.pairs import PairIndex
from termkit.glossary.equivalents.policy import decide
from termkit.glossary.equivalents.sources import DEFAULT_SOURCES, Gathering, make_sources


class EquivalentFinder:
    """Finds English equivalents over a set of aligned (French, English) sentence pairs.

    ``model``: the confidence model (the shipped one by default); ``similarity``: an encoder
    whose ``encode(texts)`` gives L2-normalised vectors (multilingual USE v3 by default; none
    when the package is missing); ``word_links``: the word alignment of the pairs (see
    :class:`~termkit.glossary.equivalents.pairs.PairIndex`); ``sources``: the names of the
    option sources to run, in order.
    """

    def __init__(self, pairs: Sequence[tuple[str, str]], model: ConfidenceModel | None = None,
                 similarity=None, word_links: list[set[tuple[int, int]]] | None = None,
                 sources: Sequence[str] = DEFAULT_SOURCES) -> None:
        self.index = PairIndex(pairs, word_links)
        self.model = model or default_model()
        self._similarity = similarity
        self.sources = make_sources(tuple(sources))

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """The (French, English) sentence pairs."""
        return self.index.pairs

    def english_of(self, french_sentence: str) -> str:
        """The English aligned with a French sentence ('' when no pair holds it)."""
        return self.index.english_of(french_sentence)

    def options(self, cand: Candidate) -> tuple[list[Option], list[int], int]:
        """The English options of a candidate (unscored), its linked pairs, and its number
        of occurrences in them."""
        occs = self.index.occurrences(cand)
        found = Gathering(cand, occs, sorted({k for k, _, _ in occs}))
        for source in self.sources:
            source.gather(self.index, found)
        if not found.links and cand.type != TERM and not found.options:
            found.add(cand.canonical, "identical", "name kept as written (no aligned English)")
        return list(found.options.values()), found.links, len(occs)

    def score(self, cands: Sequence[Candidate]) -> list[tuple[list[Option], list[int], int]]:
        """For each candidate: its options with features and probabilities (best first),
        its linked pairs and its number of occurrences in them. The similarity model runs
        once, over every option."""
        gathered = [self.options(c) for c in cands]
        for cand, (opts, links, _) in zip(cands, gathered):
            occs = self.index.occurrences(cand) if opts else []
            for opt in opts:
                opt.features = option_features(OptionView(self.index, cand, opt, links, occs))
        add_similarity(cands, [g[0] for g in gathered],
                       self._similarity if self._similarity is not None else use_encoder())
        for opts, _, _ in gathered:
            for o in opts:
                o.probability = self.model.probability(o.features)
            opts.sort(key=lambda o: (-o.probability, o.key))
        return gathered

    def find_all(self, cands: Sequence[Candidate]) -> list[Equivalent | None]:
        """The equivalents of many candidates at once."""
        return [decide(self.index, self.model.threshold_for(cand.type != TERM), cand, *g)
                for cand, g in zip(cands, self.score(cands))]

    def find(self, cand: Candidate) -> Equivalent | None:
        """The equivalent of one candidate (None when there is no English option at all)."""
        return self.find_all([cand])[0]
