"""Progress on stderr for long work: a live line on a terminal, or JSON lines for pipelines.

    with Progress(total_chars, "Parsing", mode="auto") as progress:
        parser.parse(docs, progress=progress.advance)

``advance(chars, words, docs)`` is what the library calls; the report shows MB done,
documents and words per second and the time left (ETA).
"""

from __future__ import annotations

import json
import sys
import time
from typing import TextIO

MODES = ("auto", "text", "json", "none")


class Progress:
    """Counts work done against a total (characters) and reports it on a stream.

    ``mode``: ``auto`` (a live line when the stream is a terminal, nothing otherwise),
    ``text`` (a line every ``every`` seconds), ``json`` (one JSON object per report) or ``none``.
    """

    def __init__(self, total: int, label: str, mode: str = "auto", stream: TextIO | None = None,
                 every: float = 2.0) -> None:
        self.stream = stream or sys.stderr
        self.live = mode == "auto" and self.stream.isatty()
        self.mode = "text" if self.live else ("none" if mode == "auto" else mode)
        self.total, self.label, self.every = max(total, 1), label, every
        self.chars = self.words = self.docs = 0
        self.start = time.monotonic()
        self._last = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self.mode != "none" and (self.chars or self.docs):
            self._report(final=True, stopped=exc_type is not None)
            if self.live:
                self.stream.write("\n")
                self.stream.flush()

    def advance(self, chars: int = 0, words: int = 0, docs: int = 0) -> None:
        """Record work done: characters, words and whole documents."""
        self.chars += chars
        self.words += words
        self.docs += docs
        now = time.monotonic()
        if self.mode != "none" and now - self._last >= (0.2 if self.live else self.every):
            self._last = now
            self._report()

    def _report(self, final: bool = False, stopped: bool = False) -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.chars / elapsed
        eta = (self.total - self.chars) / rate if rate and not final else 0.0
        if self.mode == "json":
            self.stream.write(json.dumps({"progress": self.label.lower(), "done_chars": self.chars,
                                          "total_chars": self.total, "documents": self.docs, "words": self.words,
                                          "elapsed_s": round(elapsed, 1), "words_per_s": round(self.words / elapsed),
                                          "docs_per_s": round(self.docs / elapsed, 2), "eta_s": round(eta, 1),
                                          "final": final, "stopped": stopped}) + "\n")
        else:
            pct = min(100.0, 100.0 * self.chars / self.total)
            line = (f"{self.label} {pct:5.1f}%  {self.chars / 1e6:.1f}/{self.total / 1e6:.1f} MB  "
                    f"{self.docs} docs  {self.words / elapsed:,.0f} words/s  {self.docs / elapsed:.1f} docs/s  "
                    f"{('stopped after ' if stopped else 'done in ') + _clock(elapsed) if final else 'ETA ' + _clock(eta)}")
            self.stream.write(("\r" + line + "\x1b[K") if self.live else line + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"
