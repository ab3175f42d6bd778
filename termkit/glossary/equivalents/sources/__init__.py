"""Option sources of the equivalents, one module each, registered by name (:mod:`.base`).

``alignment``, ``cooccurrence``, ``identical``, ``reference``, ``transliteration`` and
``lexicon`` run by default, in that order (co-occurrence reads the words the alignment gave). A reference
termbase given to ``glossary build --reference`` is not a source: its English is taken as it
is, with the termbase as evidence, never weighed by the model (:mod:`termkit.glossary.termbase`).
"""

from termkit.glossary.equivalents.sources import (  # noqa: F401  (imported to register)
    alignment,
    cooccurrence,
    identical,
    lexicon,
    reference,
    transliteration,
)
from termkit.glossary.equivalents.sources.base import SOURCES, Gathering, OptionSource, make_sources, register

DEFAULT_SOURCES = ("alignment", "cooccurrence", "identical", "reference", "transliteration", "lexicon")

__all__ = ["DEFAULT_SOURCES", "SOURCES", "Gathering", "OptionSource", "make_sources", "register"]
