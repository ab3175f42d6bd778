"""Reading source documents: plain-text articles and WMT-style SGML.

Every reader returns :class:`SourceDocument` objects whose ``text`` is what gets
parsed; character offsets everywhere in termkit refer to that text.

* ``.txt`` (or anything that is not SGML): UTF-8 with or without a BOM (UTF-16
  with a BOM is accepted too); CRLF and CR line ends become LF. One document per
  file, its id the file name without ``.txt``.
* WMT SGML (``<srcset>/<refset>`` with ``<doc docid=...><seg id=...>``): one
  document per ``<doc>``; segments are joined with a blank line so that each
  starts a new paragraph (and so a new sentence) for the parser. The SGML is read
  with regular expressions, never by an XML parser: no entity is expanded beyond
  the five XML ones and numeric character references, nothing is fetched.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from termkit.errors import InputError
from termkit.fsutil import file_kind

SGML_SUFFIXES = {".sgm", ".sgml"}
_DOC_RE = re.compile(r"<doc\b([^>]*)>(.*?)</doc\s*>", re.DOTALL | re.IGNORECASE)
_SEG_RE = re.compile(r"<seg\b([^>]*)>(.*?)</seg\s*>", re.DOTALL | re.IGNORECASE)
_ATTR_RE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ENTITY_RE = re.compile(r"&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_SGML_START_RE = re.compile(r"\s*<(srcset|refset|tstset|doc)\b", re.IGNORECASE)


@dataclass
class Segment:
    """A segment (``<seg>``) of an SGML document, located in the document text."""

    id: str
    start: int
    end: int


@dataclass
class SourceDocument:
    """A document to parse: its id, its text, where it came from, its segments."""

    id: str
    text: str
    source: str = "<string>"
    segments: list[Segment] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    def segment_at(self, offset: int) -> Segment | None:
        """The segment that holds character ``offset``, if the document has segments."""
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg
        return None


def decode_text(data: bytes, path: str, newlines: bool = True) -> str:
    """Decode file bytes as UTF-8 (BOM optional, or UTF-16 with BOM), normalising line ends
    (unless ``newlines=False``: a CSV reader sees a CR inside a quoted cell as it is).

    Raises :class:`InputError` naming the line and column of the first bad byte.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 ({exc.reason})", "re-save it as UTF-8") from None
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError(
                path,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8",
                line=line,
                column=column,
            ) from None
    if "\x00" in text:
        raise InputError(path, "looks like a binary file (it holds NUL bytes)", "pass a UTF-8 text or SGML file")
    return text.replace("\r\n", "\n").replace("\r", "\n") if newlines else text


def check_regular(path: str) -> None:
    """Raise :class:`InputError` when ``path`` exists and is not a regular file (a FIFO, a device,
    a socket), following symlinks: reading one would hang or never end."""
    kind = file_kind(path)
    if kind and kind != "a directory":
        raise InputError(path, f"is {kind}, not a regular file", "pass a regular file, or - to read stdin")


def read_bytes(path: str) -> bytes:
    """Read a file's bytes (``-`` is stdin), turning OS errors into :class:`InputError`."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise InputError(path, "is a directory", f"pass the files inside it, e.g. {path.rstrip('/')}/*.txt")
    check_regular(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file", "check the path") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc), "check the path and its permissions") from None


def read_documents(path: str) -> list[SourceDocument]:
    """Read the documents of one file (``-`` for stdin): plain text or WMT SGML."""
    name = "<stdin>" if path == "-" else path
    text = decode_text(read_bytes(path), name)
    if not text.strip():
        raise InputError(name, "is empty", "pass a file with some text in it")
    if Path(path).suffix.lower() in SGML_SUFFIXES or _SGML_START_RE.match(text):
        return parse_sgml(text, name)
    doc_id = "stdin" if path == "-" else _doc_id_from_path(path)
    return [SourceDocument(id=doc_id, text=text, source=name)]


INPUT_SUFFIXES = (".txt", ".sgm", ".sgml")


def expand_inputs(paths: list[str]) -> list[str]:
    """Files to read: a folder stands for every .txt/.sgm/.sgml file below it, a glob pattern
    (``news/**/*.fr.txt``, quoted so the shell leaves it) for the files it matches, in sorted order."""
    import glob

    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            files = sorted(str(f) for f in p.rglob("*") if f.suffix.lower() in INPUT_SUFFIXES and f.is_file())
            if not files:
                raise InputError(path, "is a directory with no .txt, .sgm or .sgml file in it",
                                 "pass the folder that holds the articles, or the files themselves")
            out += files
        elif path != "-" and not p.exists() and any(ch in path for ch in "*?["):
            files = sorted(glob.glob(path, recursive=True))
            if not files:
                raise InputError(path, "matches no file", "check the pattern")
            out += files
        else:
            out.append(path)
    return out


def read_all(paths: list[str]) -> list[SourceDocument]:
    """Read every file in ``paths`` (folders and glob patterns expanded, see
    :func:`expand_inputs`); document ids are made unique across files."""
    docs: list[SourceDocument] = []
    seen: dict[str, int] = {}
    for path in expand_inputs(paths):
        for doc in read_documents(path):
            n = seen.get(doc.id, 0)
            seen[doc.id] = n + 1
            if n:
                doc.id = f"{doc.id}#{n + 1}"
            docs.append(doc)
    return docs


_TAG_RE = re.compile(r"<(/?)(doc|seg)\b[^>]*>", re.IGNORECASE)


def check_sgml_nesting(text: str, source: str) -> None:
    """Refuse SGML whose ``<doc>``/``<seg>`` elements are not closed in order (an unclosed
    ``<seg>`` would swallow the next segment), naming the line and column of the culprit."""
    stack: list[tuple[str, int]] = []

    def where(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    for m in _TAG_RE.finditer(text):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if not closing:
            if any(open_name == name for open_name, _ in stack) or (name == "doc" and stack):
                open_name, at = stack[-1]
                line, col = where(at)
                raise InputError(source, f"<{open_name}> opened here is not closed before the next <{name}>",
                                 f"add </{open_name}>", line=line, column=col)
            stack.append((name, m.start()))
        else:
            if not stack or stack[-1][0] != name:
                line, col = where(m.start())
                expected = f"</{stack[-1][0]}>" if stack else "nothing"
                raise InputError(source, f"</{name}> where {expected} was expected", "fix the nesting of the tags",
                                 line=line, column=col)
            stack.pop()
    if stack:
        open_name, at = stack[-1]
        line, col = where(at)
        raise InputError(source, f"<{open_name}> is never closed", f"add the missing </{open_name}>", line=line,
                         column=col)


def parse_sgml(text: str, source: str = "<string>") -> list[SourceDocument]:
    """Parse WMT-style SGML (``<doc docid=...><seg id=...>...</seg></doc>``) into documents.
    Malformed nesting (an unclosed ``<seg>`` or ``<doc>``) raises :class:`InputError`."""
    check_sgml_nesting(text, source)
    docs: list[SourceDocument] = []
    for n, match in enumerate(_DOC_RE.finditer(text), start=1):
        attrs = _attrs(match.group(1))
        doc_id = attrs.get("docid") or attrs.get("id") or f"doc{n}"
        docs.append(_sgml_document(doc_id, match.group(2), attrs, source, text, match.start(2)))
    if not docs:
        opened = re.search(r"<doc\b", text, re.IGNORECASE)
        if opened:
            line = text.count("\n", 0, opened.start()) + 1
            raise InputError(source, "<doc> is never closed", "add the missing </doc>", line=line)
        if _SEG_RE.search(text):
            docs.append(_sgml_document(_doc_id_from_path(source), text, {}, source, text, 0))
        else:
            raise InputError(source, "SGML without <doc> or <seg> elements", "pass WMT-style SGML or a .txt file")
    return docs


def _sgml_document(doc_id: str, body: str, attrs: dict, source: str, full: str, base: int) -> SourceDocument:
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for k, seg in enumerate(_SEG_RE.finditer(body), start=1):
        seg_text = " ".join(_unescape(seg.group(2)).split())
        if not seg_text:
            continue
        if parts:
            offset += 2  # the "\n\n" separator
        seg_id = _attrs(seg.group(1)).get("id") or str(k)
        segments.append(Segment(seg_id, offset, offset + len(seg_text)))
        parts.append(seg_text)
        offset += len(seg_text)
    if not parts:
        line = full.count("\n", 0, base) + 1
        raise InputError(source, f"document {doc_id!r} has no non-empty <seg>", "remove it or add segments", line=line)
    return SourceDocument(id=doc_id, text="\n\n".join(parts), source=source, segments=segments, attrs=attrs)


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR_RE.finditer(raw)}


def _unescape(text: str) -> str:
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)


def _doc_id_from_path(path: str) -> str:
    name = Path(path).name
    for suffix in (".txt", ".sgm", ".sgml"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name
