"""Term extraction from parsed French documents: names, transliterations, technical terms."""

from termkit.extract.extractor import ExtractOptions, GeneralFrequency, extract_terms, iter_forms
from termkit.extract.model import Candidate, Context, Variant

__all__ = ["Candidate", "Context", "ExtractOptions", "GeneralFrequency", "Variant", "extract_terms", "iter_forms"]
