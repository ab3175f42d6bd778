"""FR->EN glossaries: the concept model and its file formats.

Building from documents lives in :mod:`termkit.glossary.build` (it needs the NLP stack);
this package itself stays light so that lookups start fast.
"""

from termkit.glossary.formats import (
                                      FormatOptions,
                                      import_glossary,
                                      iter_concepts,
                                      read_glossary,
                                      read_tsv,
                                      write_glossary,
                                      write_tsv,
)
from termkit.glossary.model import Concept, Glossary

__all__ = ["Concept", "FormatOptions", "Glossary", "import_glossary", "iter_concepts", "read_glossary", "read_tsv",
           "write_glossary", "write_tsv"]
