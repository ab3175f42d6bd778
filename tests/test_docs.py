"""The documentation: README short and its links alive, and the figures of docs/benchmarks.md and
the README generated from bench/results/*.json (bench/make_docs.py), so that they cannot drift."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


@pytest.fixture
def make_docs():
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "bench" / "make_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_figures_match_bench_results(make_docs, capsys):
    assert make_docs.main(["--check"]) == 0, capsys.readouterr().err


def test_readme_is_at_most_300_lines():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 300


def test_every_docs_page_the_readme_links_to_exists():
    links = re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)(?:#[^)]*)?\)", README.read_text(encoding="utf-8"))
    docs_links = [link for link in links if link.startswith("docs/")]
    assert docs_links, "the README links to no docs/ page"
    missing = [link for link in links if not (ROOT / link).is_file()]
    assert not missing, missing


def test_pages_in_docs_link_to_pages_that_exist():
    missing = []
    for page in (ROOT / "docs").glob("*.md"):
        for link in re.findall(r"\]\(([\w./-]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / link).is_file():
                missing.append(f"{page.name}: {link}")
    assert not missing, missing


def test_missing_results_read_not_measured_yet(make_docs, tmp_path, monkeypatch):
    monkeypatch.setattr(make_docs, "RESULTS", tmp_path)
    for name in make_docs.SECTIONS:
        assert "not measured yet" in make_docs.section(name).lower(), name
    glance = make_docs.glance()
    assert glance.count("not measured yet") == 5


def test_check_mode_names_the_stale_file(make_docs, tmp_path, monkeypatch, capsys):
    readme, bench = tmp_path / "README.md", tmp_path / "benchmarks.md"
    readme.write_text(README.read_text(encoding="utf-8"), encoding="utf-8")
    bench.write_text((ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(make_docs, "README", readme)
    monkeypatch.setattr(make_docs, "BENCHMARKS", bench)
    assert make_docs.main(["--check"]) == 0
    readme.write_text(readme.read_text(encoding="utf-8").replace("<!-- figures:start -->",
                                                                 "<!-- figures:start -->\nhand-edited"),
                      encoding="utf-8")
    assert make_docs.main(["--check"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(readme) in err
    assert make_docs.main([]) == 0 and make_docs.main(["--check"]) == 0
