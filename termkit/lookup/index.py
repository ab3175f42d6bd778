"""A SQLite index of one glossary file, for lookups in milliseconds in large termbases.

One index file per glossary, in the cache directory, rebuilt when the glossary's size
or modification time changes. Every French and English form (preferred, variants,
forbidden) is stored with two keys: :func:`~termkit.textnorm.fold` (case, accents,
hyphens, elision) and :func:`~termkit.textnorm.stem_key` (plurals too). Exact,
accent-less and inflected lookups use B-tree indexes on the keys; prefix lookups a
range scan; typo-tolerant lookups an FTS5 trigram index (pieces of the query that a
typo leaves intact are found as substrings), reranked by edit distance (rapidfuzz).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from rapidfuzz import fuzz

from termkit.errors import InputError
from termkit.glossary.model import Concept
from termkit.sources import check_regular
from termkit.textnorm import fold, stem_key

SCHEMA_VERSION = "3"  # the keys are fold() and stem_key(), and the TSV reading: bumped when any changes (2: currency symbols; 3: TSV escapes)
_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE concepts(n INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE forms(n INTEGER NOT NULL, lang TEXT NOT NULL, kind TEXT NOT NULL, form TEXT NOT NULL,
                   key TEXT NOT NULL, stem TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX forms_key ON forms(key);
CREATE INDEX forms_stem ON forms(stem);
CREATE VIRTUAL TABLE grams USING fts5(key, content='forms', content_rowid='rowid', tokenize='trigram');
INSERT INTO grams(grams) VALUES('rebuild');
"""


@dataclass
class FormHit:
    """A concept found through one of its forms."""

    n: int
    lang: str
    kind: str  # preferred | variant | forbidden
    form: str
    match: str  # exact | case | accents | hyphen | elision | plural | prefix | typo | related
    score: float


def concept_forms(c: Concept) -> Iterable[tuple[str, str, str]]:
    """(lang, kind, form) of every form of a concept."""
    yield "fr", "preferred", c.fr
    for v in c.fr_variants:
        yield "fr", "variant", v
    if c.en:
        yield "en", "preferred", c.en
    for v in c.en_variants:
        yield "en", "variant", v
    for v in c.en_forbidden:
        yield "en", "forbidden", v


def _signature(path: Path) -> str:
    st = path.stat()
    return f"{SCHEMA_VERSION}:{st.st_size}:{st.st_mtime_ns}"


def index_path(glossary: Path, cache_dir: Path) -> Path:
    """Where the index of ``glossary`` lives."""
    digest = hashlib.sha256(str(glossary.resolve()).encode()).hexdigest()[:16]
    return cache_dir / "lookup" / f"{glossary.name}.{digest}.sqlite"


def build_index(concepts: Iterable[Concept], target: Path, signature: str) -> None:
    """Write a fresh index to ``target`` atomically (built in a temp file, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        rows: list[tuple[int, str]] = []
        forms: list[tuple[int, str, str, str, str, str]] = []
        for n, c in enumerate(concepts):
            rows.append((n, json.dumps(asdict(c), ensure_ascii=False)))
            forms.extend((n, lang, kind, form, fold(form), stem_key(form)) for lang, kind, form in concept_forms(c))
            if len(rows) >= 20000:
                db.executemany("INSERT INTO concepts VALUES (?, ?)", rows)
                db.executemany("INSERT INTO forms VALUES (?, ?, ?, ?, ?, ?)", forms)
                rows, forms = [], []
        db.executemany("INSERT INTO concepts VALUES (?, ?)", rows)
        db.executemany("INSERT INTO forms VALUES (?, ?, ?, ?, ?, ?)", forms)
        db.executescript(_INDEXES)
        db.execute("INSERT INTO meta VALUES ('signature', ?)", (signature,))
        db.commit()
        db.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


class GlossaryIndex:
    """Lookups in one indexed glossary file."""

    def __init__(self, db_path: Path, source: str) -> None:
        self.source = source
        self.db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)

    @classmethod
    def open(cls, glossary: str | os.PathLike, cache_dir: str | os.PathLike) -> GlossaryIndex:
        """The index of ``glossary``, built or rebuilt first if the file changed."""
        from termkit.glossary.formats import iter_concepts

        path = Path(glossary)
        check_regular(str(path))
        if not path.is_file():
            raise InputError(str(glossary), "is a directory" if path.is_dir() else "no such file",
                             "pass a glossary file (TSV, TBX or CSV)")
        target = index_path(path, Path(cache_dir))
        signature = _signature(path)
        if not target.exists() or _stored_signature(target) != signature:
            build_index(iter_concepts(str(path)), target, signature)
        return cls(target, str(glossary))

    def concept(self, n: int) -> Concept:
        """The concept stored under number ``n``."""
        (data,) = self.db.execute("SELECT data FROM concepts WHERE n = ?", (n,)).fetchone()
        return Concept(**json.loads(data))

    def search(self, query: str, lang: str | None = None, limit: int = 5) -> list[FormHit]:
        """Forms matching ``query``, best first: exact, accent/case-less or inflected matches; when
        there are none, prefix matches; when there are none either, typo-tolerant matches."""
        key, stem = fold(query), stem_key(query)
        if not key:
            return []
        where_lang = " AND lang = ?" if lang else ""
        extra = (lang,) if lang else ()
        hits: dict[int, FormHit] = {}

        def add(rows, match: str, score_of) -> None:
            for n, lg, kind, form, fkey in rows:
                new = FormHit(n, lg, kind, form, match, score_of(form, fkey))
                old = hits.get(n)
                if old is None or rank(new) < rank(old):
                    hits[n] = new

        sel = "SELECT n, lang, kind, form, key FROM forms"
        add(self.db.execute(f"{sel} WHERE key = ?{where_lang} LIMIT 200", (key, *extra)),
            "exact", lambda form, _k: 100.0 if form == query.strip() else 99.0)
        add(self.db.execute(f"{sel} WHERE stem = ?{where_lang} LIMIT 200", (stem, *extra)), "plural",
            lambda _f, _k: 95.0)
        for hit in hits.values():
            if hit.match in ("exact", "plural"):
                hit.match = match_label(query, hit.form)
        if not hits and len(key) >= 2:
            add(self.db.execute(f"{sel} WHERE key >= ? AND key < ?{where_lang} ORDER BY length(key) LIMIT ?",
                                (key, key + "\U0010ffff", *extra, limit * 4)),
                "prefix", lambda _f, k: 80.0 + 10.0 * len(key) / max(len(k), 1))
        if not hits and len(key) >= 4:
            add(self._fuzzy_rows(key, where_lang, extra), "typo", lambda _f, k: _similarity(key, k))
            hits = {n: h for n, h in hits.items() if h.match != "typo" or h.score >= 75}
        ranked = sorted(hits.values(), key=lambda h: (*rank(h), len(h.form)))
        return ranked[:limit]

    def _fuzzy_rows(self, key: str, where_lang: str, extra: tuple) -> list:
        """Forms sharing what a typo leaves intact, as substrings. Several words: all words
        but one, plus one half of that one (one edit leaves one half intact). One word:
        one of two halves (one edit) or of three thirds (two edits). Trigram matching
        needs pieces of 3 characters or more."""
        words = [w for w in key.split() if len(w) >= 3]
        queries = []
        if len(words) >= 2:
            for i, word in enumerate(words):
                others = [_phrase(w) for k, w in enumerate(words) if k != i]
                half = len(word) // 2
                if half >= 3:
                    others.append(f"({_phrase(word[:half])} OR {_phrase(word[half:])})")
                queries.append(" AND ".join(others))
        else:
            for parts in (2, 3):
                size = len(key) // parts
                if size >= 3:
                    queries += [_phrase(key[i * size:(i + 1) * size if i < parts - 1 else len(key)])
                                for i in range(parts)]
        rowids: set[int] = set()
        for q in dict.fromkeys(queries):
            rowids.update(r for (r,) in self.db.execute("SELECT rowid FROM grams WHERE grams MATCH ? LIMIT 500", (q,)))
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        return self.db.execute(f"SELECT n, lang, kind, form, key FROM forms WHERE rowid IN ({marks}){where_lang}",
                               (*rowids, *extra)).fetchall()


    def related(self, query: str, lang: str | None = None, limit: int = 3) -> list[FormHit]:
        """Forms that share most words with ``query``, in either language, words compared as
        cognates (same first five letters: minerais/minerals, critiques/critical): what to
        suggest when nothing matched. ``minerais critiques`` finds ``critical minerals``."""
        words = [w for w in fold(query).split() if len(w) >= 4]
        if not words:
            return []
        rowids: set[int] = set()
        for w in words:
            rowids.update(r for (r,) in self.db.execute("SELECT rowid FROM grams WHERE grams MATCH ? LIMIT 2000",
                                                        (_phrase(w[:5]),)))
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        where_lang = " AND lang = ?" if lang else ""
        rows = self.db.execute(f"SELECT n, lang, kind, form, key FROM forms WHERE rowid IN ({marks}){where_lang}",
                               (*rowids, *((lang,) if lang else ()))).fetchall()
        best: dict[int, FormHit] = {}
        for n, lg, kind, form, fkey in rows:
            score = 100.0 * _word_dice(words, [w for w in fkey.split() if len(w) >= 3])
            if score >= 50 and (n not in best or score > best[n].score):
                best[n] = FormHit(n, lg, kind, form, "related", score)
        return sorted(best.values(), key=lambda h: (*rank(h), len(h.form)))[:limit]


def _cognates(a: str, b: str) -> bool:
    if a == b:
        return True
    k = min(5, len(a), len(b))
    return k >= 4 and a[:k] == b[:k]


def _word_dice(query: list[str], form: list[str]) -> float:
    if not form:
        return 0.0
    hits_q = sum(any(_cognates(q, f) for f in form) for q in query)
    hits_f = sum(any(_cognates(f, q) for q in query) for f in form)
    return (hits_q + hits_f) / (len(query) + len(form))


def match_label(query: str, form: str) -> str:
    """What differs between a query and the form it matched: exact, case, accents, hyphen,
    elision or plural (the first that explains the difference)."""
    from unidecode import unidecode

    q, f = " ".join(query.split()), form
    if q == f:
        return "exact"
    if q.casefold() == f.casefold():
        return "case"
    if unidecode(q).casefold() == unidecode(f).casefold():
        return "accents"
    if fold(q) == fold(f):
        if "'" in q + f or "’" in q + f:
            return "elision"
        return "hyphen" if "-" in q + f else "spacing"
    return "plural"


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_KINDS = {"preferred": 0, "variant": 1, "forbidden": 2}


def rank(hit: FormHit) -> tuple:
    """Sort key: higher score, then preferred before variant before forbidden, French first."""
    return -hit.score, _KINDS.get(hit.kind, 3), hit.lang != "fr"


def _similarity(query: str, key: str) -> float:
    """Edit-distance similarity of the query with the key, or with its best word window."""
    best = fuzz.ratio(query, key)
    words, width = key.split(), len(query.split())
    if len(words) > width:
        best = max(best, max(fuzz.ratio(query, " ".join(words[i:i + width])) for i in range(len(words) - width + 1)) - 5)
    return best * 0.9


def _stored_signature(target: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT v FROM meta WHERE k = 'signature'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None
