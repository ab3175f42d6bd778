"""Shared fixtures: the real French Stanza models from ../shared (or $TERMKIT_STANZA_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
WMT_SRC = SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-src.fr.sgm"
WMT_REF = SHARED / "data" / "wmt14-fr-en" / "newstest2014-dev-fren-ref.en.sgm"


# Read once, when pytest starts in the repository: a relative TERMKIT_STANZA_DIR
# (../shared/...) stays right for tests that change the working folder.
_STANZA_DIR = Path(os.environ.get("TERMKIT_STANZA_DIR") or SHARED / "models" / "stanza_resources").resolve()
os.environ["TERMKIT_STANZA_DIR"] = str(_STANZA_DIR)


def models_dir() -> Path:
    """The Stanza resources dir the tests use; tests fail (not skip) when it is absent."""
    path = _STANZA_DIR
    if not (path / "resources.json").is_file():
        pytest.fail(f"French Stanza models not found at {path}: set TERMKIT_STANZA_DIR or put ../shared beside the repo")
    return path


@pytest.fixture(scope="session")
def models() -> Path:
    return models_dir()


@pytest.fixture(scope="session")
def parse_cache(request, tmp_path_factory) -> Path:
    """The parse cache the tests share, kept between runs in pytest's cache folder
    (``.pytest_cache/d/parse-cache``; ``pytest --cache-clear`` empties it). Entries are kept
    under the models' fingerprint (:class:`termkit.nlp.ParseCache`), so other models never
    read them. A fresh folder when the cache plugin is off (``-p no:cacheprovider``).
    Tests whose point is a cold cache use their own ``tmp_path``."""
    cache = getattr(request.config, "cache", None)
    return cache.mkdir("parse-cache") if cache is not None else tmp_path_factory.mktemp("parse-cache")


@pytest.fixture(scope="session")
def parser(models, parse_cache):
    from termkit.nlp import Parser, resolve_models

    return Parser(resolve_models(models), cache_dir=parse_cache)


@pytest.fixture(scope="session")
def seed_docs(parser):
    from termkit.sources import read_all

    return parser.parse(read_all(sorted(str(p) for p in SEEDS.glob("*.fr.txt"))))


SEED_GLOSSARY = ROOT / "glossaries" / "c5-critical-minerals.fr-en.tsv"
SCHEMAS = SHARED / "schemas"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


def termkit(*args, input: str | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run the ``termkit`` CLI in this process as ``python -m termkit`` would (through
    :func:`termkit.cli.main`: ``--debug`` anywhere, one-line errors, exit codes 2/3/130), with
    click's CliRunner streams, stdin from ``input``, ``env`` over os.environ (a None value unsets)
    and ``cwd`` (default: the repository) as the working folder; returns a CompletedProcess (text,
    stdout and stderr apart). Tests whose point is a separate process use subprocess themselves."""
    import signal
    import subprocess
    import sys

    from click.testing import CliRunner

    from termkit.cli import main

    argv = [str(a) for a in args]
    sigterm = signal.getsignal(signal.SIGTERM)  # main() installs its own SIGTERM handler
    before = os.getcwd()
    os.chdir(cwd or ROOT)  # not contextlib.chdir: Python 3.10 is supported
    try:
        with CliRunner().isolation(input=input, env=env) as (out, err, _):
            try:
                main(argv)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                for stream in (sys.stdout, sys.stderr):
                    if not stream.closed:
                        stream.flush()
    finally:
        os.chdir(before)
        signal.signal(signal.SIGTERM, sigterm)
    return subprocess.CompletedProcess(["termkit", *argv], code, out.getvalue().decode(), err.getvalue().decode())


def omegat_jar() -> Path:
    """OmegaT's jar (Debian package ``omegat``, installed by .ci/run); fails in CI when missing."""
    if not OMEGAT_JAR.is_file():
        if os.environ.get("CI"):
            pytest.fail("OmegaT is not installed: .ci/run must apt-get install omegat")
        pytest.skip("OmegaT not installed (apt-get install omegat)")
    return OMEGAT_JAR


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture()
def browser(tmp_path):
    """Debian's headless Chromium through Selenium (installed by .ci/run; fails in CI when missing),
    with the page's console log kept for the tests that read it."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run must apt-get install chromium chromium-driver")
        pytest.skip("Chromium not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chrome'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()
