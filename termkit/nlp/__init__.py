"""French NLP through Stanza: model resolution, the cached parser, parsed-document dataclasses."""

from termkit.nlp.backend import LocalStanza, StanzaBackend
from termkit.nlp.cache import ParseCache, cache_info, clear_cache, default_cache_dir
from termkit.nlp.doc import Entity, ParsedDocument, Sentence, Token, Word
from termkit.nlp.models import (
    ModelsLocation,
    download_models,
    fingerprint,
    locate_models,
    resolve_models,
)
from termkit.nlp.parser import Parser

__all__ = [
    "Entity", "LocalStanza", "ModelsLocation", "ParseCache", "ParsedDocument", "Parser", "Sentence", "StanzaBackend",
    "Token", "Word",
    "cache_info", "clear_cache", "default_cache_dir", "download_models", "fingerprint", "locate_models",
    "resolve_models",
]
