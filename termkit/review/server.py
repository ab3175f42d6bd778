"""`termkit review GLOSSARY.tsv`: a local web page to review a glossary (Starlette + uvicorn).

Server-rendered HTML with a little plain JavaScript; every asset ships in the package
(no CDN). Safe defaults: it binds 127.0.0.1, checks the Host header (against DNS
rebinding), requires a per-server CSRF token on every change, escapes everything that comes
from the data, forbids framing (``frame-ancestors 'none'``, ``X-Frame-Options``) and MIME
sniffing, caps request bodies at 1 MB, answers 400 to any malformed query or body, and writes
only the glossary named on the command line.

Every change goes through :mod:`termkit.glossary.edit`, as the CLI's do: checked first, then
written atomically under the glossary's lock (taken off the event loop, with a timeout: a
glossary another process holds answers 503), touching only its rows. Each row has a version
(a hash of its line in the file); a change sent with an old version (another tab, a
`glossary build` meanwhile) is refused with 409 and the row as it is now, which the page shows.

Started with the texts the glossary was built from (``termkit review G --texts ...``), the page
can also train the project models from its decisions (``POST /api/learn``, the same library
call as ``termkit ranker train --glossary``, :func:`termkit.glossary.learn.learn_from_reviews`):
off the event loop, one training at a time (another request meanwhile answers 409).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termkit.errors import InputError, TermkitError
from termkit.fsutil import GlossaryBusy
from termkit.glossary.edit import TYPES, EditError, Op, StaleEdit, edit_concepts, row_version
from termkit.glossary.formats.tsv import TsvDocument
from termkit.glossary.model import STATUSES, Concept
from termkit.textnorm import mark_parts

if TYPE_CHECKING:  # annotations only: the module is imported lazily where it runs
    from starlette.applications import Starlette

    from termkit.glossary.learn import LearnSetup

PAGE_SIZE = 50
MAX_BODY = 1 << 20  # bytes in one request body
LOCK_TIMEOUT = 5.0  # seconds a change waits for another process's lock before answering 503
_CONFIDENCE = re.compile(r"\((\d\.\d+)\)")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def confidence(c: Concept) -> float:
    """The confidence the builder gave the English: its ``confidence`` field, else the one
    that older builds wrote inside the evidence ("cooccurrence (0.62): ..."); 0 when none."""
    if c.confidence is not None:
        return c.confidence
    m = _CONFIDENCE.search(c.evidence)
    return float(m.group(1)) if m else 0.0


@dataclass
class Snapshot:
    """The glossary as last read, for the page: its lines, concepts and the file's signature
    (device, inode, mtime, size and a hash of its bytes: a change that keeps mtime and size is seen)."""

    doc: TsvDocument
    concepts: list[Concept]
    signature: tuple

    def version(self, concept_id: str) -> str:
        """The version of a row as last read."""
        return row_version(self.doc.lines[self.doc.ids[concept_id]])


UNDO_FIELDS = ("en", "en_variants", "en_forbidden", "status", "note", "type", "fr", "fr_variants", "subject",
               "definition", "pos")
MAX_UNDO = 10_000  # changes the server remembers for undo


class ReviewStore:
    """The one glossary a review server may change. The page reads a snapshot, re-read whenever
    the file changes; every change re-reads the file under its lock (never a cached copy).

    Undo (``restore``) puts back only what this server itself changed: each change records the
    row's fields before it, under the row's new version, and a restore must name that version
    and send exactly those fields. Nothing else can be written through it."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)
        self._snap: Snapshot | None = None
        self._mutex = threading.Lock()
        self._undo: dict[tuple[str, str], dict] = {}
        self.snapshot()  # a bad glossary fails at start, with its line

    def undo_fields(self, concept_id: str, version: str) -> dict | None:
        """The fields a row had before the change that left it at ``version`` (what undo restores)."""
        return self._undo.get((concept_id, version))

    def _remember(self, before: dict[str, Concept], result) -> None:
        for cid, concept in before.items():
            if cid in result.versions:
                if len(self._undo) >= MAX_UNDO:
                    self._undo.pop(next(iter(self._undo)))
                self._undo[(cid, result.versions[cid])] = {k: getattr(concept, k) for k in UNDO_FIELDS}

    def _check_restore(self, cid: str, version: str, ops: list[Op]) -> None:
        for op in ops:
            if op.op == "restore" and self._undo.get((cid, version)) != op.value:
                raise EditError("nothing to undo with these fields at this version of the row",
                                "undo only the changes made in this page, newest first", "request")

    def _signature(self) -> tuple:
        try:
            st = os.stat(self.path)
            with open(self.path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
        except FileNotFoundError:
            raise InputError(self.path, "no such file", "check the path: was it moved or deleted?") from None
        except OSError as exc:
            raise InputError(self.path, exc.strerror or str(exc), "check the path and its permissions") from None
        return st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size, digest

    def snapshot(self) -> Snapshot:
        """The glossary, re-read if the file changed on disk."""
        from termkit.sources import check_regular

        check_regular(self.path)
        with self._mutex:
            sig = self._signature()
            if self._snap is None or self._snap.signature != sig:
                doc = TsvDocument.read(self.path)
                self._snap = Snapshot(doc, doc.concepts(), sig)
            return self._snap

    def version(self, concept_id: str) -> str:
        """The current version of a row."""
        return self.snapshot().version(concept_id)

    def apply(self, concept_id: str, version: str, action: Any) -> tuple[Concept, str]:
        """Apply one action (the page's JSON: ``{"op", "value"}``, or ``{"ops": [...]}`` for several,
        all or nothing) to one concept if its row is still at ``version``.

        Returns the concept and its new version; raises :class:`StaleEdit` when the row
        changed meanwhile, :class:`InputError` for an unknown id or a bad action (nothing is
        written then), :class:`GlossaryBusy` when another process holds the lock too long.
        """
        if isinstance(action, dict) and "ops" in action:  # several changes to one row, all or nothing
            if not isinstance(action["ops"], list) or not action["ops"]:
                raise EditError("ops must be a non-empty list of changes", "send {\"ops\": [{\"op\": ...}]}",
                                "request")
            ops = [Op.from_dict(a) for a in action["ops"]]
        else:
            ops = [Op.from_dict(action)]
        self._check_restore(concept_id, version, ops)
        result = edit_concepts(self.path, {concept_id: ops}, {concept_id: version}, timeout=LOCK_TIMEOUT)
        if not any(o.op == "restore" for o in ops):  # an undo is not itself undone
            self._remember(result.before, result)
        merge = next((o for o in ops if o.op == "merge"), None)
        target = str(merge.value).strip() if merge else concept_id
        return next(c for c in result.concepts if c.id == target), result.versions[target]

    def apply_many(self, items: Any) -> list[tuple[Concept, str]]:
        """Apply one action to each of several concepts, all or nothing (bulk approve, reject, undo).
        ``items``: a list of ``{"id", "version", "op", "value" | "fields"}``."""
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            raise EditError("items must be a non-empty list of changes", "send {\"items\": [{\"id\": ...}]}", "request")
        ops: dict[str, list[Op]] = {}
        versions: dict[str, str] = {}
        for item in items:
            cid = item.get("id")
            if not isinstance(cid, str):
                raise EditError("each change needs the concept's id", "send its id", "request")
            op = Op.from_dict(item)
            if op.op in ("merge", "split"):
                raise EditError(f"{op.op} is not a bulk action", "merge or split one concept at a time", "request")
            ops.setdefault(cid, []).append(op)
            versions[cid] = str(item.get("version", ""))
        for cid, cid_ops in ops.items():
            self._check_restore(cid, versions[cid], cid_ops)
        result = edit_concepts(self.path, ops, versions, timeout=LOCK_TIMEOUT)
        if not any(o.op == "restore" for cid_ops in ops.values() for o in cid_ops):
            self._remember(result.before, result)
        return [(c, result.versions[c.id]) for c in result.concepts]


def concept_json(c: Concept, version: str) -> dict:
    """What the page needs of a concept."""
    return {"id": c.id, "fr": c.fr, "fr_variants": c.fr_variants, "en": c.en, "en_variants": c.en_variants,
            "en_forbidden": c.en_forbidden, "type": c.type, "status": c.status, "note": c.note,
            "subject": c.subject, "definition": c.definition, "pos": c.pos,
            "evidence": c.evidence, "confidence": confidence(c), "version": version}


def _asset(name: str) -> str:
    return (resources.files("termkit.review") / name).read_text(encoding="utf-8")


@dataclass
class Filters:
    """The page's query: status, type, text, least confidence, page; checked (400 otherwise)."""

    status: str = "candidate"
    type: str = ""
    q: str = ""
    min: float = 0.0
    page: int = 1

    @classmethod
    def parse(cls, params: dict) -> Filters:
        """Filters from query parameters; raises :class:`InputError` naming the bad one. A decimal
        comma (``0,5``) is read as a decimal point."""
        status = params.get("status", "candidate")
        if status and status not in STATUSES:
            raise InputError("query", f"status {status!r} is not one of {', '.join(STATUSES)}", "pick one in the list")
        ctype = params.get("type", "")
        if ctype and ctype not in TYPES:
            raise InputError("query", f"type {ctype!r} is not one of {', '.join(TYPES)}", "pick one in the list")
        raw_min = (params.get("min", "") or "0").strip().replace(",", ".")
        try:
            least = float(raw_min)
        except ValueError:
            raise InputError("query", f"confidence {params.get('min')!r} is not a number", "type e.g. 0.5") from None
        if not 0 <= least <= 1:
            raise InputError("query", f"confidence {least} is not between 0 and 1", "type e.g. 0.5")
        try:
            page = int(params.get("page", "1") or 1)
        except ValueError:
            raise InputError("query", f"page {params.get('page')!r} is not a number", "use the pager links") from None
        return cls(status, ctype, params.get("q", "").strip(), least, max(1, page))

    def query(self, page: int) -> str:
        """The query string of another page with the same filters."""
        from urllib.parse import urlencode

        return urlencode({"status": self.status, "type": self.type, "q": self.q, "min": self.min or "", "page": page})

    def keep(self, c: Concept) -> bool:
        """Whether concept ``c`` is shown."""
        text = self.q.lower()
        return ((not self.status or c.status == self.status) and (not self.type or c.type == self.type)
                and confidence(c) >= self.min
                and (not text or text in " ".join([c.fr, c.en, *c.fr_variants, *c.en_variants]).lower()))


@dataclass
class Card:
    """What the template shows of one concept."""

    concept: Concept
    version: str
    fields: str
    confidence: float
    suggestions: list[tuple[str, str]]
    contexts: list[tuple[list[tuple[str, bool]], list[tuple[str, bool]]]]
    type_options: tuple[str, ...]


def _card(c: Concept, version: str) -> Card:
    suggestions = [(sug.split(" (")[0], sug[len(sug.split(" (")[0]):].strip()) for sug in c.en_suggestions]
    contexts = [(mark_parts(x, c.fr_forms()), mark_parts(en, c.en_forms()) if en else [])
                for x, en in zip(c.contexts[:3], [*c.en_contexts, *[""] * 3])]
    return Card(c, version, json.dumps({k: getattr(c, k) for k in UNDO_FIELDS}, ensure_ascii=False), confidence(c),
                suggestions, contexts, TYPES if c.type in TYPES else (c.type, *TYPES))


@functools.lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("termkit.review", "templates"), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("page.html.j2")


def render_page(store: ReviewStore, params: dict, token: str, learn_outputs: Sequence[str] = ()) -> str:
    """The review page (a Jinja2 template, autoescaped): filters, progress, bulk actions, one
    card per concept of the current page; with ``learn_outputs`` (the model files a training
    writes), the "Learn from these reviews" control."""
    f = Filters.parse(params)
    snap = store.snapshot()
    order = {cid: k for k, cid in enumerate(snap.doc.ids)}
    rows = sorted((c for c in snap.concepts if f.keep(c)), key=lambda c: (-confidence(c), order[c.id]))
    pages = (len(rows) + PAGE_SIZE - 1) // PAGE_SIZE or 1
    page = min(f.page, pages)
    shown = rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return _template().render(
        title=Path(store.path).name, path=store.path, token=token, statuses=STATUSES, types=TYPES, filters=f,
        min=params.get("min", ""), reviewed=sum(c.status != "candidate" for c in snap.concepts),
        total_concepts=len(snap.concepts), matching=len(rows), page=page, pages=pages,
        cards=[_card(c, snap.version(c.id)) for c in shown],
        prev_query=f.query(page - 1), next_query=f.query(page + 1),
        learn_outputs=list(learn_outputs))


async def read_json(request) -> Any:
    """The request's JSON body, at most :data:`MAX_BODY` bytes; raises :class:`BadRequest`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise BadRequest(413, f"request body over {MAX_BODY} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadRequest(413, f"request body over {MAX_BODY} bytes")
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise BadRequest(400, "the request body is not JSON") from None


class BadRequest(Exception):
    """A request refused before it reaches the glossary: its status code and one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def host_allowed(host_header: str, allowed_hosts: set[str] | None) -> bool:
    """Whether a Host header names one of ``allowed_hosts`` (any port; ``[::1]`` as ``::1``).
    Written here rather than Starlette's TrustedHostMiddleware, which cuts ``[::1]:8765`` at the first colon."""
    if allowed_hosts is None:
        return True
    host = host_header.strip()
    name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
    return name in allowed_hosts


def make_app(path: str | os.PathLike, allowed_hosts: set[str] | None = None, token: str | None = None,
             learn: LearnSetup | None = None) -> Starlette:
    """The Starlette application reviewing the glossary at ``path``; with ``learn`` (the texts it
    was built from), the page can train the project models from its decisions."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    store = ReviewStore(path)
    csrf = token or secrets.token_urlsafe(24)
    training = threading.Lock()  # one training at a time
    learn_outputs = list(learn.outputs().values()) if learn else []

    class Guard:
        """Every response: the security headers; every request: the Host check."""

        def __init__(self, app) -> None:
            self.app = app

        async def __call__(self, scope, receive, send) -> None:
            if scope["type"] != "http":
                await self.app(scope, receive, send)
                return
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}

            async def secured(message) -> None:
                if message["type"] == "http.response.start":
                    message.setdefault("headers", [])
                    present = {k.lower() for k, _ in message["headers"]}
                    message["headers"] += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                                           if k.lower().encode() not in present]
                await send(message)

            if not host_allowed(headers.get("host", ""), allowed_hosts):
                await PlainTextResponse("bad Host header", status_code=400)(scope, receive, secured)
                return
            await self.app(scope, receive, secured)

    def error(status: int, message: str, **extra) -> JSONResponse:
        return JSONResponse({"error": message, **extra}, status_code=status)

    async def page(request):
        try:
            body = await run_in_threadpool(render_page, store, dict(request.query_params), csrf, learn_outputs)
        except TermkitError as exc:
            return PlainTextResponse(f"termkit: {exc}\n", status_code=400)
        return HTMLResponse(body)

    async def asset(request):
        name = request.path_params["name"]
        if name not in ("review.js", "review.css"):
            return PlainTextResponse("not found", status_code=404)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response(_asset(name), media_type=kind)

    async def checked_body(request) -> dict:
        """The JSON object a change sends, after the CSRF check; raises :class:`BadRequest`."""
        if not secrets.compare_digest(request.headers.get("x-csrf-token", ""), csrf):
            raise BadRequest(403, "missing or wrong CSRF token: reload the page")
        body = await read_json(request)
        if not isinstance(body, dict):
            raise BadRequest(400, "the request body must be a JSON object")
        return body

    async def guarded(request, work):
        try:
            body = await checked_body(request)
            answer = await run_in_threadpool(work, body)
        except BadRequest as exc:
            return error(exc.status, str(exc))
        except StaleEdit as stale:
            return error(409, "this row changed since the page was loaded (another tab or a build): it now reads "
                              "as shown; redo your change if it still applies",
                         concept=concept_json(stale.concept, stale.version))
        except GlossaryBusy as exc:
            return error(503, f"glossary busy: {exc}")
        except TermkitError as exc:
            return error(400, str(exc))
        try:  # the change is written; the counts are a courtesy (another process may have broken the file since)
            snap = await run_in_threadpool(store.snapshot)
            counts: dict[str, int | None] = {"reviewed": sum(c.status != "candidate" for c in snap.concepts), "total": len(snap.concepts)}
        except TermkitError:
            counts = {"reviewed": None, "total": None}
        return JSONResponse({**answer, **counts})

    async def change(request):
        cid = request.path_params["cid"]

        def work(body: dict) -> dict:
            concept, version = store.apply(cid, str(body.get("version", "")), body)
            return {"concept": concept_json(concept, version), "undo": store.undo_fields(cid, version)}

        return await guarded(request, work)

    async def bulk(request):
        def work(body: dict) -> dict:
            done = store.apply_many(body.get("items"))
            return {"concepts": [concept_json(c, v) for c, v in done],
                    "undo": [{"id": c.id, "fields": store.undo_fields(c.id, v)} for c, v in done]}

        return await guarded(request, work)

    async def learn_route(request):
        from termkit.glossary.learn import learn_from_reviews

        if learn is None:
            return error(404, "this server was started without the glossary's texts: restart it with "
                              "termkit review GLOSSARY --texts FILE... to learn from the reviews")
        try:
            await checked_body(request)  # nothing to read in it: the token and the size are what count
        except BadRequest as exc:
            return error(exc.status, str(exc))
        if not training.acquire(blocking=False):
            return error(409, "a training is already running: wait for its result")
        try:
            report = await run_in_threadpool(learn_from_reviews, store.path, learn)
        finally:
            training.release()
        answer = report.to_json()
        if not report.written:  # nothing written: the first reason is the answer's one line
            return error(400, next(o.error for o in report.outcomes), **answer)
        return JSONResponse(answer)

    routes = [Route("/", page), Route("/static/{name}", asset),
              Route("/api/concept/{cid:path}", change, methods=["POST"]),
              Route("/api/bulk", bulk, methods=["POST"]),
              Route("/api/learn", learn_route, methods=["POST"])]
    return Starlette(routes=routes, middleware=[Middleware(Guard)])


def serve(path: str, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True,
          echo=print, learn: LearnSetup | None = None) -> None:
    """Run the review server until Ctrl-C. The port is bound before anything is printed: a
    port in use is an error (exit 2) that names it. ``learn``: see :func:`make_app`."""
    import socket

    import uvicorn

    loopback = host in ("127.0.0.1", "localhost", "::1")
    allowed = {"127.0.0.1", "localhost", "::1"} if loopback else None
    app = make_app(path, allowed, learn=learn)  # a missing or bad glossary fails here, with its line
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise TermkitError(f"cannot listen on {host}:{port}: {(exc.strerror or str(exc)).lower()}",
                           "pick another port with --port, or --port 0 for any free one") from None
    port = sock.getsockname()[1]
    if not loopback:
        echo(f"termkit: warning: serving on {host} with no authentication: anyone who can reach it can change "
             f"{path}")
    url = f"http://{'127.0.0.1' if loopback else host}:{port}/"
    echo(f"Reviewing {path} at {url} (Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
