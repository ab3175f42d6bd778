"""Reviewing from the command line: approve, reject, set, stats, merge; untouched rows keep their
bytes; reviewed-only by default in export, lookup and check. Real files, real CLI."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEED_GLOSSARY, termkit

from termkit.glossary import Concept, Glossary, read_tsv, write_tsv
from termkit.glossary.build import merge

CANDIDATES = [
    Concept("moitie-de-l-uranium-mondial", "moitié de l'uranium mondial", "Asia has large", type="TERM"),
    Concept("ancienne-route", "ancienne route commerciale", "ancient Silk", type="TERM"),
    Concept("chasseurs-bombardiers", "chasseurs bombardiers", "fighter-bombers", type="TERM"),
]


@pytest.fixture()
def project(tmp_path):
    gdir = tmp_path / "glossaries"
    gdir.mkdir()
    target = gdir / "g.fr-en.tsv"
    shutil.copy(SEED_GLOSSARY, target)
    g = read_tsv(target)
    write_tsv([*g.concepts, *CANDIDATES], target)
    return tmp_path


def lines(path):
    return path.read_bytes().split(b"\n")


def test_approve_reject_set_touch_only_their_rows(project):
    target = project / "glossaries" / "g.fr-en.tsv"
    before = lines(target)
    assert termkit("glossary", "approve", target, "chasseurs-bombardiers").returncode == 0
    assert termkit("glossary", "reject", target, "moitie-de-l-uranium-mondial").returncode == 0
    proc = termkit("glossary", "set", target, "ancienne-route", "--en", "old trade route", "--forbid", "ancient Silk",
                   "--note", "the historic trade routes", "--status", "approved")
    assert proc.returncode == 0 and "en: 'ancient Silk' -> 'old trade route'" in proc.stderr
    after = lines(target)
    changed = [k for k, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and len(changed) == 3  # the three rows, nothing else
    g = read_tsv(target).by_id()
    assert g["chasseurs-bombardiers"].status == "approved" and g["moitie-de-l-uranium-mondial"].status == "rejected"
    route = g["ancienne-route"]
    assert (route.en, route.en_forbidden, route.en_variants, route.status) == ("old trade route", ["ancient Silk"], [],
                                                                              "approved")
    assert not list(project.rglob("*.lock"))


def test_unknown_id_is_exit_2_and_nothing_written(project):
    target = project / "glossaries" / "g.fr-en.tsv"
    before = target.read_bytes()
    proc = termkit("glossary", "approve", target, "chasseurs-bombardiers", "no-such-id")
    assert proc.returncode == 2 and "no concept with id 'no-such-id'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and target.read_bytes() == before


def test_stats_and_merge(project, tmp_path):
    target = project / "glossaries" / "g.fr-en.tsv"
    data = json.loads(termkit("glossary", "stats", target, "--format", "json").stdout)
    assert data["total"] == 88 and data["by_status"] == {"approved": 85, "candidate": 3} and data["reviewed"] == 85
    other = tmp_path / "b.tsv"
    write_tsv([Concept("kazakhstan", "Kazakhstan", "Republic of Kazakhstan", type="LOC", status="approved"),
               Concept("lithium", "lithium", "lithium", status="approved")], other)
    out = tmp_path / "c.tsv"
    proc = termkit("glossary", "merge", target, other, "-o", out, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["added"] == 1 and [c["fr"] for c in report["conflicts"]] == ["Kazakhstan"]
    assert len(read_tsv(out)) == 89


def test_rejected_forms_are_never_proposed_again():
    existing = Glossary([Concept("route-de-la-soie", "route de la soie", "ancient Silk", status="rejected")])
    merged, report = merge(existing, [Concept("route-de-la-soie", "Route de la soie", "Silk Road")])
    assert len(merged) == 1 and report.known == 1 and report.added == 0


def test_reviewed_only_by_default_in_export_lookup_and_check(project, models, parse_cache):
    target = project / "glossaries" / "g.fr-en.tsv"
    env = {"TERMKIT_CACHE_DIR": str(project / "cache")}
    csv = termkit("export", target, "--format", "csv", env=env).stdout
    assert "ancienne route commerciale" not in csv and "Kazakhstan" in csv
    with_candidates = termkit("export", target, "--format", "tbx2", "--include-candidates", env=env).stdout
    assert "ancienne route commerciale" in with_candidates and "termkit-status: candidate" in with_candidates
    found = termkit("lookup", "moitié de l'uranium mondial", cwd=project, env=env)
    assert "Asia has large" not in found.stdout
    shown = termkit("lookup", "chasseurs bombardiers", "--include-candidates", cwd=project, env=env)
    assert shown.returncode == 0 and "CANDIDATE, not reviewed" in shown.stdout
    fr = project / "a.fr.txt"
    en = project / "a.en.txt"
    fr.write_text("Les chasseurs bombardiers sont arrivés au Kazakhstan.\n", encoding="utf-8")
    en.write_text("The war planes arrived in Kazakhstan.\n", encoding="utf-8")
    check = ["check", fr, en, "--models", models.resolve(), "--cache-dir", parse_cache, "--fail-on", "warning"]
    plain = termkit(*check, "--format", "json", cwd=project, env=env)
    assert plain.returncode == 0, plain.stdout
    loose = termkit(*check, "--include-candidates", "--format", "json", cwd=project, env=env)
    findings = json.loads(loose.stdout)["findings"]
    assert loose.returncode == 0 and findings and all(f["severity"] == "info" for f in findings)
    assert any("chasseurs bombardiers" in f["message"] for f in findings)
