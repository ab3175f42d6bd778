"""Term extraction from parsed French documents: names, transliterations, technical terms."""

from termkit.extract.extractor import ExtractOptions, GeneralFrequency, extract_from_stream, extract_terms
from termkit.extract.model import Candidate, Context, Variant

__all__ = ["Candidate", "Context", "ExtractOptions", "GeneralFrequency", "Variant", "extract_from_stream", "extract_terms"]
