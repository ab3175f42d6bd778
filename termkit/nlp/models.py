"""Finding French Stanza models, fingerprinting them, and downloading them.

Resolution order (first one set wins): the ``--models DIR`` option,
``TERMKIT_STANZA_DIR``, ``STANZA_RESOURCES_DIR``, Stanza's default directory
(``~/stanza_resources``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from termkit.errors import ModelsNotFoundError, TermkitError

LANG = "fr"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "ner")
ENV_VARS = ("TERMKIT_STANZA_DIR", "STANZA_RESOURCES_DIR")


@dataclass(frozen=True)
class ModelsLocation:
    """A Stanza resources directory and where its path came from (option, env var, default)."""

    path: Path
    origin: str


def default_stanza_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Stanza's own default resources directory (without importing Stanza)."""
    env = os.environ if environ is None else environ
    home = env.get("HOME") or str(Path.home())
    return Path(home) / "stanza_resources"


def locate_models(option: str | os.PathLike | None = None, environ: Mapping[str, str] | None = None) -> ModelsLocation:
    """Pick the resources directory by the resolution order, without checking it."""
    env = os.environ if environ is None else environ
    if option:
        return ModelsLocation(Path(option), "--models")
    for var in ENV_VARS:
        if env.get(var):
            return ModelsLocation(Path(env[var]), var)
    return ModelsLocation(default_stanza_dir(env), "Stanza's default directory")


def resolve_models(option: str | os.PathLike | None = None, environ: Mapping[str, str] | None = None) -> ModelsLocation:
    """Locate the resources directory and check that it holds French models.

    Raises :class:`ModelsNotFoundError` with one line saying where it looked
    and how to fix it.
    """
    loc = locate_models(option, environ)
    problem = _check_french_models(loc.path)
    if problem:
        raise ModelsNotFoundError(
            f"no French Stanza models in {loc.path} (from {loc.origin}: {problem})",
            "fix: run `termkit setup` to download them, or point --models / TERMKIT_STANZA_DIR "
            "at a Stanza resources directory that has French models",
        )
    return loc


def _check_french_models(path: Path) -> str | None:
    if not path.is_dir():
        return "no such directory"
    resources = path / "resources.json"
    if not resources.is_file():
        return "no resources.json"
    try:
        data = json.loads(resources.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "resources.json is unreadable"
    if LANG not in data:
        return "resources.json has no 'fr' entry"
    missing = [p for p in PROCESSORS if not any((path / LANG / p).glob("*.pt"))]
    if missing:
        return "missing " + ", ".join(missing)
    return None


def fingerprint(path: Path) -> str:
    """A hash of the French model files (contents), resources.json and the Stanza version.

    Two runs with the same fingerprint produce the same parse for the same text.
    """
    h = hashlib.sha256()
    h.update(f"stanza={_stanza_version()};processors={','.join(PROCESSORS)}\n".encode())
    h.update((path / "resources.json").read_bytes())
    for model in sorted((path / LANG).rglob("*.pt")):
        h.update(str(model.relative_to(path)).encode())
        with model.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _stanza_version() -> str:
    try:
        return metadata.version("stanza")
    except metadata.PackageNotFoundError:
        return "unknown"


def download_models(target: str | os.PathLike | None = None) -> ModelsLocation:
    """Download the official French Stanza models (tokenize, mwt, pos, lemma, ner) with ``stanza.download``."""
    loc = locate_models(target)
    import stanza  # heavy import, only here

    try:
        stanza.download(LANG, model_dir=str(loc.path), processors=",".join(PROCESSORS), logging_level="WARN")
    except Exception as exc:  # network or hub errors: report in one line
        raise TermkitError(
            f"could not download French Stanza models into {loc.path}: {exc}",
            "check the network connection, or copy a Stanza resources directory there by hand",
        ) from None
    return resolve_models(loc.path)
