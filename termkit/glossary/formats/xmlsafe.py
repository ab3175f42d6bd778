"""Streaming XML reading that refuses entity tricks and never touches the network."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from termkit.errors import InputError
from termkit.sources import check_regular


def local(tag) -> str:
    """Local name of an element tag (``{ns}termSec`` -> ``termSec``); '' for comments/PIs."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


ENTITY_REFUSED = ("remove the DOCTYPE's internal subset; termkit refuses entity declarations (entity-expansion "
                  "and external-entity attacks)")


def refuse_entity_declarations(path: str) -> None:
    """Refuse an XML file whose prolog declares entities (general or parameter), before any
    parser sees it: billion laughs, quadratic blowup and XXE all need a declaration."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return  # the reader reports it with the path
    if b"<!ENTITY" in head or b"<!ENTITY".decode().encode("utf-16-le") in head:
        line = head[:head.find(b"<!ENTITY")].count(b"\n") + 1 if b"<!ENTITY" in head else None
        raise InputError(path, "declares XML entities in its DOCTYPE", ENTITY_REFUSED, line=line)


def _check_document(path: str, root: etree._Element, root_names: set[str], fix: str) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (list(dtd.entities()) or list(dtd.iterelements())):
        raise InputError(path, "declares XML entities or elements in its DOCTYPE", ENTITY_REFUSED)
    if local(root.tag) not in root_names:
        raise InputError(path, f"root element is <{local(root.tag)}>, not "
                         + " or ".join(f"<{r}>" for r in sorted(root_names)), fix, line=root.sourceline)


def iter_elements(path: str, tags: set[str], root_names: set[str], fix: str) -> Iterator[etree._Element]:
    """Yield each complete element whose local name is in ``tags``, then free it.

    The root element must be one of ``root_names``. DTDs are never loaded, entities
    never expanded and nothing is fetched; a document that declares entities is refused
    (billion laughs, external entities). Errors become :class:`InputError` with the line.
    """
    check_regular(path)
    try:
        source = open(path, "rb")  # noqa: SIM115 (closed below, also when the caller stops early)
    except IsADirectoryError:
        raise InputError(path, "is a directory", "pass a file") from None
    except FileNotFoundError:
        raise InputError(path, "no such file", "check the path") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc), "check the path and its permissions") from None
    refuse_entity_declarations(path)
    with source:
        context = etree.iterparse(
            source, events=("end",), tag=[f"{{*}}{t}" for t in tags], resolve_entities=False, load_dtd=False,
            no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
        )
        checked = False
        try:
            for _, elem in context:
                if not checked:
                    _check_document(path, elem.getroottree().getroot(), root_names, fix)
                    checked = True
                yield elem
                elem.clear(keep_tail=False)
                parent = elem.getparent()
                if parent is not None:
                    while elem.getprevious() is not None:
                        del parent[0]
            if not checked:
                _check_document(path, context.root, root_names, fix)
        except etree.XMLSyntaxError as exc:
            line, column = exc.position if exc.position and exc.position[0] > 0 else (None, None)
            msg = exc.msg or str(exc)
            if "empty" in msg.lower() or "Start tag expected" in msg or "no element found" in msg:
                raise InputError(path, "is empty or not XML", fix) from None
            if "ntity" in msg:
                fix = "termkit does not expand XML entities; replace them with the characters they stand for"
            raise InputError(path, f"malformed XML: {msg}", fix, line=line, column=column) from None


def text_of(elem: etree._Element) -> str:
    """All the text inside ``elem`` (inline markup flattened), whitespace collapsed."""
    return " ".join("".join(elem.itertext()).split())
