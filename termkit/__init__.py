"""termkit: French->English terminology and translation memory toolkit.

The package is a library first; ``termkit.cli`` is a thin click layer on top.
Heavy dependencies (Stanza, PyTorch) are imported lazily, only when a
document actually has to be parsed.
"""

__version__ = "0.2.0"
