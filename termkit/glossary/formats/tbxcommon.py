"""What TBX v2 and v3 share: mapping a concept to terms with TBX-Basic data categories and back.

A concept becomes one entry: French terms (preferred, then admitted variants) and
English terms (preferred, admitted variants, deprecated forbidden forms), each with
``administrativeStatus``, ``termType`` and ``partOfSpeech``; the subject field,
definition and note at concept level; source contexts on the French preferred term.
What TBX-Basic has no category for (named-entity type, review status, evidence) is kept
in concept-level notes ``termkit-type: PER`` etc., so that a round trip is lossless; so are
the builder's ``termkit-confidence: 0.93`` and ``termkit-en_suggestions``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree
from lxml.builder import ElementMaker

from termkit.glossary.formats.base import LANGS
from termkit.glossary.formats.xmlsafe import local, text_of
from termkit.glossary.model import STATUSES, Concept, normalize_pos
from termkit.textnorm import is_acronym

NOTE_PREFIX = "termkit-"
MACHINE_FIELDS = ("id", "type", "status", "pos", "evidence", "confidence", "en_suggestions")
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


@dataclass
class Term:
    """One term of an entry in one language, with TBX-Basic term-level data categories."""

    text: str
    status: str = "admitted"  # preferred | admitted | deprecated | superseded
    term_type: str = ""  # fullForm | acronym | variant | ...
    pos: str = ""
    contexts: list[str] = field(default_factory=list)


@dataclass
class Entry:
    """A format-neutral TBX entry (conceptEntry / termEntry)."""

    id: str
    subject: str = ""
    definition: str = ""
    notes: list[str] = field(default_factory=list)
    langs: dict[str, list[Term]] = field(default_factory=dict)


def xml_id(concept_id: str) -> str:
    """A valid XML ID (NCName) for a concept id; termkit ids already are."""
    if _NCNAME.match(concept_id):
        return concept_id
    return "c-" + (re.sub(r"[^\w.\-]", "-", concept_id) or "x")


FORBIDDEN_NOTE = "forbidden English (do not use): "


# Characters XML 1.0 cannot hold (C0 controls but tab and line ends, U+FFFE, U+FFFF, lone surrogates).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(concept: Concept) -> Concept:
    """A copy of ``concept`` without the characters XML cannot hold (a vertical tab, a form feed,
    a NUL from a pasted cell): the rest of each value is written as it is."""
    def clean(v):
        return _XML_INVALID.sub("", v) if isinstance(v, str) else [clean(x) for x in v] if isinstance(v, list) else v

    return dataclasses.replace(concept, **{f.name: clean(getattr(concept, f.name)) for f in dataclasses.fields(concept)})


def concept_to_entry(concept: Concept, tbx_pos: set[str], entry_id: str | None = None,
                     forbidden_as_terms: bool = True) -> Entry:
    """The entry written for ``concept``; ``tbx_pos``: the parts of speech the dialect allows;
    ``forbidden_as_terms=False``: forbidden English forms in a note, terms without status.
    Characters XML cannot hold are left out (:func:`xml_safe`)."""
    concept = xml_safe(concept)
    pos = concept.pos if concept.pos in tbx_pos else ("noun" if concept.pos == "properNoun" else "other")
    fr = [Term(concept.fr, "preferred", "fullForm", pos, list(concept.contexts))]
    fr += [Term(v, "admitted", "acronym" if is_acronym(v) else "variant", pos) for v in concept.fr_variants
           if v != concept.fr]
    en = [Term(concept.en, "preferred", "fullForm", pos, list(concept.en_contexts))] if concept.en else []
    en += [Term(v, "admitted", "acronym" if is_acronym(v) else "variant", pos) for v in concept.en_variants
           if v != concept.en]
    notes = [concept.note] if concept.note else []
    if forbidden_as_terms:
        en += [Term(v, "deprecated", "acronym" if is_acronym(v) else "variant", pos) for v in concept.en_forbidden]
    else:
        if concept.en_forbidden:
            notes.append(FORBIDDEN_NOTE + " | ".join(concept.en_forbidden))
        for term in fr + en:
            term.status = ""  # order says which is preferred: the first
    eid = entry_id or xml_id(concept.id)
    machine = {"id": concept.id if eid != concept.id else "", "type": concept.type, "status": concept.status,
               "pos": concept.pos if pos != concept.pos else "", "evidence": concept.evidence,
               "confidence": "" if concept.confidence is None else f"{concept.confidence:.2f}",
               "en_suggestions": " | ".join(concept.en_suggestions)}
    notes += [f"{NOTE_PREFIX}{k}: {v}" for k, v in machine.items() if v]
    return Entry(eid, concept.subject, concept.definition, notes, {"fr": fr, "en": en})


_STATUS_WORDS = {"preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated",
                 "superseded": "superseded", "standardized": "preferred", "legal": "preferred",
                 "regulated": "preferred", "forbidden": "deprecated", "obsolete": "superseded"}


def normalize_status(value: str) -> str:
    """``preferredTerm-admn-sts`` -> ``preferred``; unknown values count as admitted."""
    word = value.strip().split("Term")[0].split("-")[0].lower()
    return _STATUS_WORDS.get(word, "admitted")


def entry_to_concept(entry: Entry) -> Concept | None:
    """The concept an entry holds, or None when it has no French term."""
    fr_terms, en_terms = entry.langs.get("fr", []), entry.langs.get("en", [])
    if not fr_terms:
        return None
    machine: dict[str, str] = {}
    notes = []
    for note in entry.notes:
        key, sep, value = note.partition(": ")
        if sep and key.startswith(NOTE_PREFIX) and key[len(NOTE_PREFIX):] in MACHINE_FIELDS:
            machine[key[len(NOTE_PREFIX):]] = value.strip()
        elif note.startswith(FORBIDDEN_NOTE):
            en_terms = en_terms + [Term(v.strip(), "deprecated") for v in note[len(FORBIDDEN_NOTE):].split(" | ")
                                   if v.strip()]
        else:
            notes.append(note)

    def pick(terms: list[Term]) -> Term | None:
        usable = [t for t in terms if t.status not in ("deprecated", "superseded")]
        return next((t for t in usable if t.status == "preferred"), usable[0] if usable else None)

    fr = pick(fr_terms) or fr_terms[0]
    en = pick(en_terms)
    pos = machine.get("pos") or normalize_pos(fr.pos)
    status = machine.get("status", "approved")
    return Concept(
        id=machine.get("id") or entry.id,
        fr=fr.text,
        en=en.text if en else "",
        fr_variants=_unique(t.text for t in fr_terms if t is not fr),
        en_variants=_unique(t.text for t in en_terms if t is not en and t.status not in ("deprecated", "superseded")),
        en_forbidden=_unique(t.text for t in en_terms if t.status in ("deprecated", "superseded")),
        type=machine.get("type") or ("MISC" if pos == "properNoun" else "TERM"),
        pos=pos,
        subject=entry.subject,
        definition=entry.definition,
        status=status if status in STATUSES else "approved",
        note=" / ".join(notes),
        evidence=machine.get("evidence", ""),
        confidence=_float(machine.get("confidence", "")),
        en_suggestions=[s.strip() for s in machine.get("en_suggestions", "").split(" | ") if s.strip()],
        contexts=list(fr.contexts),
        en_contexts=list(en.contexts) if en else [],
    )


def _unique(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out


def _lang(elem: etree._Element) -> str:
    code = elem.get("{http://www.w3.org/XML/1998/namespace}lang") or elem.get("lang") or ""
    return code.split("-")[0].split("_")[0].lower()


def _descrip(elem: etree._Element, entry: Entry | None, term: Term | None) -> None:
    """Fold a descrip/admin/note/termNote (or its *Grp) into the entry or term."""
    name = local(elem.tag)
    if name.endswith("Grp"):
        for child in elem:
            _descrip(child, entry, term)
        return
    kind, value = elem.get("type", ""), text_of(elem)
    if not value:
        return
    if term is not None:
        if kind == "administrativeStatus":
            term.status = normalize_status(value)
        elif kind == "termType":
            term.term_type = value
        elif kind == "partOfSpeech":
            term.pos = value
        elif kind == "context":
            term.contexts.append(value)
    elif entry is not None:
        if kind == "subjectField":
            entry.subject = value if not entry.subject else f"{entry.subject}; {value}"
        elif kind == "definition" and not entry.definition:
            entry.definition = value
        elif name == "note":
            entry.notes.append(value)


def element_to_entry(elem: etree._Element) -> Entry:
    """Read a v2 ``termEntry`` or v3 ``conceptEntry`` element (any namespace, any dialect)."""
    entry = Entry(id=elem.get("id", ""))
    for child in elem:
        name = local(child.tag)
        if name in ("langSet", "langSec"):
            lang = _lang(child)
            if lang not in LANGS:
                continue
            terms = entry.langs.setdefault(lang, [])
            for sub in child:
                sname = local(sub.tag)
                if sname in ("tig", "ntig", "termSec"):
                    term = Term("", status="")
                    for part in sub.iter():
                        pname = local(part.tag)
                        if pname == "term" and not term.text:
                            term.text = text_of(part)
                        elif pname in ("termNote", "descrip") and part.get("type"):
                            _descrip(part, None, term)
                    term.status = term.status or "admitted"
                    if term.text:
                        terms.append(term)
                elif sname in ("descrip", "descripGrp"):  # a langSec-level definition
                    _descrip(sub, entry, None)
        elif name in ("descrip", "descripGrp", "note", "adminGrp"):
            _descrip(child, entry, None)
    return entry


def entry_to_element(entry: Entry, term_container: str, lang_container: str, entry_tag: str,
                     locales: dict[str, str]) -> etree._Element:
    """Build the XML element of an entry, without namespace (it inherits the root's default)."""
    E = ElementMaker()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = E(entry_tag, id=entry.id)
    if entry.subject:
        root.append(E("descrip", entry.subject, type="subjectField"))
    if entry.definition:
        root.append(E("descrip", entry.definition, type="definition"))
    for note in entry.notes:
        root.append(E("note", note))
    for lang in LANGS:
        terms = entry.langs.get(lang) or []
        if not terms:
            continue
        ls = E(lang_container, **{xml_lang: locales.get(lang, lang)})
        for term in terms:
            t = E(term_container, E("term", term.text))
            if term.pos:
                t.append(E("termNote", term.pos, type="partOfSpeech"))
            if term.term_type:
                t.append(E("termNote", term.term_type, type="termType"))
            if term.status:
                t.append(E("termNote", f"{term.status}Term-admn-sts", type="administrativeStatus"))
            for ctx in term.contexts:
                t.append(E("descrip", ctx, type="context"))
            ls.append(t)
        root.append(ls)
    return root


def write_document(fh: BinaryIO, head: str, entries: Iterable[etree._Element], tail: str) -> None:
    """Stream a TBX document: header text, one serialized entry at a time, closing text."""
    fh.write(head.encode("utf-8"))
    for elem in entries:
        fh.write(etree.tostring(elem, encoding="utf-8", pretty_print=True))
    fh.write(tail.encode("utf-8"))


def _float(value: str) -> float | None:
    try:
        v = float(value)
    except ValueError:
        return None
    return v if 0.0 <= v <= 1.0 else None
