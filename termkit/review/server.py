"""`termkit review GLOSSARY.tsv`: a local web page to review a glossary (Starlette + uvicorn).

Server-rendered HTML with a little plain JavaScript; every asset ships in the package
(no CDN). Safe defaults: it binds 127.0.0.1, checks the Host header (against DNS
rebinding), requires a per-server CSRF token on every change, escapes everything that comes
from the data, and writes only the glossary named on the command line.

Every change is a row-level edit (:mod:`termkit.review.store`): atomic, under the glossary's
lock, untouched rows byte for byte. Each row has a version (a hash of its line in the file);
a change sent with an old version (another tab, a `glossary build` meanwhile) is refused
with 409 and the row as it is now, which the page shows.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import secrets
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from termkit.errors import InputError

if TYPE_CHECKING:  # annotations only: the module is imported lazily where it runs
    from starlette.applications import Starlette
from termkit.fsutil import atomic_write, locked
from termkit.glossary.formats.tsv import COLUMNS, format_row, read_tsv
from termkit.glossary.model import STATUSES, Concept
from termkit.review.store import rows_of

PAGE_SIZE = 50
_CONFIDENCE = re.compile(r"\((\d\.\d+)\)")


def confidence(c: Concept) -> float:
    """The confidence the builder gave the English: its ``confidence`` field, else the one
    that older builds wrote inside the evidence ("cooccurrence (0.62): ..."); 0 when none."""
    if c.confidence is not None:
        return c.confidence
    m = _CONFIDENCE.search(c.evidence)
    return float(m.group(1)) if m else 0.0


def row_version(line: str) -> str:
    """The version of a row: a short hash of its line in the file."""
    return hashlib.sha256(line.rstrip("\n").encode("utf-8")).hexdigest()[:12]


@dataclass
class Snapshot:
    """The glossary as last read: lines, header, concepts, where each id is, and the file's signature."""

    lines: list[str]
    header: list[str]
    concepts: list[Concept]
    line_of: dict[str, int]
    signature: tuple[int, int]


class ReviewStore:
    """The one glossary a review server may change, read again whenever the file changes."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)
        self._snap: Snapshot | None = None
        self._mutex = threading.Lock()
        self.snapshot()  # a bad glossary fails at start, with its line

    def _signature(self) -> tuple[int, int]:
        st = os.stat(self.path)
        return st.st_mtime_ns, st.st_size

    def snapshot(self) -> Snapshot:
        """The glossary, re-read if the file changed on disk."""
        sig = self._signature()
        if self._snap is None or self._snap.signature != sig:
            concepts = read_tsv(self.path).concepts
            lines, header, line_of = rows_of(self.path)
            self._snap = Snapshot(lines, header, concepts, line_of, sig)
        return self._snap

    def version(self, concept_id: str) -> str:
        """The current version of a row."""
        snap = self.snapshot()
        return row_version(snap.lines[snap.line_of[concept_id]])

    def apply(self, concept_id: str, version: str, action: dict) -> tuple[Concept, str]:
        """Apply one action to one concept if its row is still at ``version``.

        Returns the concept and its new version; raises :class:`StaleEdit` when the row
        changed meanwhile, :class:`InputError` for an unknown id or a bad action.
        """
        with self._mutex, locked(self.path):
            snap = self.snapshot()
            if concept_id not in snap.line_of:
                raise InputError(self.path, f"no concept with id {concept_id!r}", "reload the page")
            k = snap.line_of[concept_id]
            if row_version(snap.lines[k]) != version:
                concept = next(c for c in snap.concepts if c.id == concept_id)
                raise StaleEdit(concept, row_version(snap.lines[k]))
            concept = next(c for c in snap.concepts if c.id == concept_id)
            if action.get("op") in ("merge", "split"):
                return self._restructure(snap, k, concept, action)
            _act(concept, action)
            if any(getattr(concept, col) for col in COLUMNS if col not in snap.header):
                raise InputError(self.path, f"the file has no column for {action.get('op')!r}",
                                 "add the column to the header, or edit with `termkit glossary set`")
            snap.lines[k] = format_row(concept, snap.header)
            with atomic_write(self.path, "w") as fh:
                fh.write("".join(snap.lines))
            snap.signature = self._signature()
            return concept, row_version(snap.lines[k])


    def _restructure(self, snap: Snapshot, k: int, concept: Concept, action: dict) -> tuple[Concept, str]:
        """Merge a concept into another (its row goes, its forms join the other as variants), or
        split a French variant off into a new candidate concept right below it."""
        value = str(action.get("value", "")).strip()
        if action["op"] == "merge":
            if value not in snap.line_of or value == concept.id:
                raise InputError(self.path, f"no other concept with id {value!r} to merge into", "give its id")
            target = next(c for c in snap.concepts if c.id == value)
            target.fr_variants += [f for f in concept.fr_forms() if f not in target.fr_forms()]
            target.en_variants += [f for f in concept.en_forms() if f not in target.en_forms()]
            target.en_forbidden += [f for f in concept.en_forbidden if f not in target.en_forbidden]
            target.contexts += [x for x in concept.contexts if x not in target.contexts][: max(0, 3 - len(target.contexts))]
            if concept.note:
                target.note = " / ".join(x for x in (target.note, concept.note) if x)
            snap.lines[snap.line_of[value]] = format_row(target, snap.header)
            del snap.lines[k]
            result = target
        else:
            if value not in concept.fr_variants:
                raise InputError(self.path, f"{value!r} is not a French variant of {concept.id!r}", "pick one")
            concept.fr_variants = [v for v in concept.fr_variants if v != value]
            from termkit.glossary.model import concept_id

            new_id, n = concept_id(value), 2
            while new_id in snap.line_of:
                new_id, n = f"{concept_id(value)}-{n}", n + 1
            new = Concept(new_id, value, type=concept.type, pos=concept.pos, subject=concept.subject,
                          status="candidate", evidence=f"split from {concept.id}")
            snap.lines[k] = format_row(concept, snap.header)
            snap.lines.insert(k + 1, format_row(new, snap.header))
            result = concept
        with atomic_write(self.path, "w") as fh:
            fh.write("".join(snap.lines))
        self._snap = None  # row positions changed: read the file again
        return result, self.version(result.id)


class StaleEdit(Exception):
    """A change sent for a row that changed since the page read it."""

    def __init__(self, concept: Concept, version: str) -> None:
        super().__init__(concept.id)
        self.concept = concept
        self.version = version


def _act(c: Concept, action: dict) -> None:
    op = action.get("op")
    value = str(action.get("value", "")).strip()
    if op == "status" and value in STATUSES:
        c.status = value
    elif op == "en":
        if c.en and c.en != value and c.en not in c.en_variants:
            c.en_variants.insert(0, c.en)
        c.en = value
        c.en_variants = [v for v in c.en_variants if v != value]
    elif op == "add_variant" and value:
        if value not in c.en_variants and value != c.en:
            c.en_variants.append(value)
    elif op == "remove_variant":
        c.en_variants = [v for v in c.en_variants if v != value]
    elif op == "forbid" and value:
        c.en_variants = [v for v in c.en_variants if v != value]
        if value not in c.en_forbidden:
            c.en_forbidden.append(value)
    elif op == "note":
        c.note = value
    elif op == "restore":  # undo: the fields as they were
        for key in ("en", "en_variants", "en_forbidden", "status", "note"):
            if key in action.get("fields", {}):
                setattr(c, key, action["fields"][key])
    else:
        raise InputError("request", f"unknown action {op!r}", "use status, en, add_variant, remove_variant, "
                         "forbid, note or restore")
    if " | " in value or "\t" in value or "\n" in value:
        raise InputError("request", "a form may not hold ' | ', a tab or a line break", "edit it out")


def concept_json(c: Concept, version: str) -> dict:
    """What the page needs of a concept."""
    return {"id": c.id, "fr": c.fr, "fr_variants": c.fr_variants, "en": c.en, "en_variants": c.en_variants,
            "en_forbidden": c.en_forbidden, "type": c.type, "status": c.status, "note": c.note,
            "evidence": c.evidence, "confidence": confidence(c), "version": version}


def _asset(name: str) -> str:
    return (resources.files("termkit.review") / name).read_text(encoding="utf-8")


def _highlight(sentence: str, forms: list[str]) -> str:
    out = html.escape(sentence)
    for f in sorted({f for f in forms if f}, key=len, reverse=True):
        out = re.sub(re.escape(html.escape(f)), lambda m: f"<mark>{m.group(0)}</mark>", out, count=1, flags=re.I)
    return out


def render_page(store: ReviewStore, params: dict, token: str) -> str:
    """The review page: filters, progress, one card per concept of the current page."""
    snap = store.snapshot()
    status = params.get("status", "candidate")
    ctype = params.get("type", "")
    text = params.get("q", "").strip().lower()
    min_conf = float(params.get("min", 0) or 0)
    page = max(1, int(params.get("page", 1) or 1))
    rows = [c for c in snap.concepts
            if (not status or c.status == status) and (not ctype or c.type == ctype)
            and confidence(c) >= min_conf
            and (not text or text in " ".join([c.fr, c.en, *c.fr_variants, *c.en_variants]).lower())]
    rows.sort(key=lambda c: (-confidence(c), snap.line_of[c.id]))
    total = len(rows)
    shown = rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    reviewed = sum(c.status != "candidate" for c in snap.concepts)
    e = html.escape
    cards = []
    for c in shown:
        version = row_version(snap.lines[snap.line_of[c.id]])
        contexts = "".join(
            f"<li><span class='ctx-fr'>{_highlight(x, c.fr_forms())}</span>"
            + (f"<span class='ctx-en'>{_highlight(en, c.en_forms())}</span>" if en else "") + "</li>"
            for x, en in zip(c.contexts[:3], [*c.en_contexts, *[""] * 3]))
        variants = "".join(f'<li>{e(v)} <button class="rm" data-value="{e(v)}" title="remove">×</button></li>'
                           for v in c.en_variants)
        forbidden = "".join(f"<li>{e(v)}</li>" for v in c.en_forbidden)
        suggestions = "".join(
            f'<li><button type="button" class="use" data-value="{e(sug.split(" (")[0])}" '
            f'title="use this English">{e(sug.split(" (")[0])}</button> {e(sug[len(sug.split(" (")[0]):])}</li>'
            for sug in c.en_suggestions)
        suggested = f'<h4>Suggestions</h4><ol class="suggestions">{suggestions}</ol>' if suggestions else ""
        cards.append(f'''
<article class="concept status-{e(c.status)}" id="c-{e(c.id)}" data-id="{e(c.id)}" data-version="{version}" tabindex="-1">
  <header><span class="type">{e(c.type)}</span> <span class="fr">{e(c.fr)}</span>
    <span class="arrow">→</span> <span class="en">{e(c.en) or '<em>(no English)</em>'}</span>
    <span class="status">{e(c.status)}</span> <span class="conf">{confidence(c):.2f}</span></header>
  <div class="body">
    <p class="frv">French forms: {e(' | '.join(c.fr_forms()))}</p>
    <div class="cols"><div><h4>English variants</h4><ul class="variants">{variants}</ul></div>
      <div><h4>Forbidden</h4><ul class="forbidden">{forbidden}</ul></div></div>
    {suggested}
    <ol class="contexts">{contexts}</ol>
    <p class="evidence">{e(c.evidence)}</p>
    <p class="note">{e(c.note)}</p>
    <form class="edit" autocomplete="off">
      <label>English <input name="en" value="{e(c.en)}"></label>
      <label>Add variant <input name="add_variant"></label>
      <label>Forbid <input name="forbid"></label>
      <label>Note <input name="note" value="{e(c.note)}"></label>
      <button type="submit">Save</button>
    </form>
    <form class="restructure" autocomplete="off">
      <label>Merge into id <input name="merge"></label>
      <label>Split off French variant <select name="split"><option></option>{"".join(
          f'<option>{e(v)}</option>' for v in c.fr_variants)}</select></label>
      <button type="submit">Apply</button>
    </form>
    <p class="actions"><button class="approve">Approve (a)</button> <button class="reject">Reject (r)</button>
      <button class="edit-btn">Edit (e)</button> <button class="undo">Undo (u)</button></p>
  </div>
</article>''')
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE or 1
    options = "".join(f'<option value="{s}"{" selected" if s == status else ""}>{s}</option>'
                      for s in ("", *STATUSES))
    types = "".join(f'<option value="{t}"{" selected" if t == ctype else ""}>{t}</option>'
                    for t in ("", "PER", "ORG", "LOC", "MISC", "TERM"))
    return _asset("page.html").format(
        title=e(Path(store.path).name), path=e(store.path), token=token, reviewed=reviewed,
        total_concepts=len(snap.concepts), shown=len(shown), matching=total, page=page, pages=pages,
        status_options=options, type_options=types, q=e(params.get("q", "")), min=e(str(params.get("min", ""))),
        cards="".join(cards) or "<p class='empty'>Nothing to review with these filters.</p>",
        prev=page - 1, next=page + 1, prev_hidden="" if page > 1 else " hidden",
        next_hidden="" if page < pages else " hidden", status=e(status), type=e(ctype))


def make_app(path: str | os.PathLike, allowed_hosts: set[str] | None = None, token: str | None = None) -> Starlette:
    """The Starlette application reviewing the glossary at ``path``."""
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    store = ReviewStore(path)
    csrf = token or secrets.token_urlsafe(24)

    def host_ok(request) -> bool:
        if allowed_hosts is None:
            return True
        return request.headers.get("host", "").rsplit(":", 1)[0].strip("[]") in allowed_hosts

    async def page(request):
        if not host_ok(request):
            return PlainTextResponse("bad Host header", status_code=400)
        return HTMLResponse(render_page(store, dict(request.query_params), csrf),
                            headers={"Cache-Control": "no-store", "Content-Security-Policy":
                                     "default-src 'self'; style-src 'self'; script-src 'self'"})

    async def asset(request):
        name = request.path_params["name"]
        if name not in ("review.js", "review.css"):
            return PlainTextResponse("not found", status_code=404)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response(_asset(name), media_type=kind)

    async def change(request):
        if not host_ok(request):
            return PlainTextResponse("bad Host header", status_code=400)
        if not secrets.compare_digest(request.headers.get("x-csrf-token", ""), csrf):
            return JSONResponse({"error": "missing or wrong CSRF token: reload the page"}, status_code=403)
        try:
            body = await request.json()
            concept, version = store.apply(request.path_params["cid"], str(body.get("version", "")), body)
        except StaleEdit as stale:
            return JSONResponse({"error": "this row changed since the page was loaded (another tab or a build): "
                                          "it now reads as shown; redo your change if it still applies",
                                 "concept": concept_json(stale.concept, stale.version)}, status_code=409)
        except (InputError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        snap = store.snapshot()
        reviewed = sum(c.status != "candidate" for c in snap.concepts)
        return JSONResponse({"concept": concept_json(concept, version), "reviewed": reviewed,
                             "total": len(snap.concepts)})

    routes = [Route("/", page), Route("/static/{name}", asset),
              Route("/api/concept/{cid:path}", change, methods=["POST"])]
    return Starlette(routes=routes)


def serve(path: str, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True,
          echo=print) -> None:
    """Run the review server until Ctrl-C."""
    import socket

    import uvicorn

    loopback = host in ("127.0.0.1", "localhost", "::1")
    allowed = {"127.0.0.1", "localhost", "::1"} if loopback else None
    if not loopback:
        echo(f"termkit: warning: serving on {host} with no authentication: anyone who can reach it can change "
             f"{path}")
    if port == 0:
        with socket.socket() as s:
            s.bind((host, 0))
            port = s.getsockname()[1]
    app = make_app(path, allowed)
    url = f"http://{'127.0.0.1' if loopback else host}:{port}/"
    echo(f"Reviewing {path} at {url} (Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
