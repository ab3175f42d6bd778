"""FR->EN glossaries: the concept model, the TSV store, English equivalents, build and merge."""

from termkit.glossary.build import BuildOptions, BuildReport, build_glossary, merge
from termkit.glossary.model import Concept, Glossary
from termkit.glossary.tsv import read_tsv, write_tsv

__all__ = ["BuildOptions", "BuildReport", "Concept", "Glossary", "build_glossary", "merge", "read_tsv", "write_tsv"]
