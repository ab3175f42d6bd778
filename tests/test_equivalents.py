"""The equivalents package: option sources and features by name, a model that records its
feature version, and `termkit equivalents train` from a team's reviewed glossary."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED_GLOSSARY

from termkit.cli import cli
from termkit.errors import TermkitError
from termkit.extract.model import TERM, Candidate, Variant
from termkit.glossary.equivalents import FEATURE_VERSION, FEATURES, EquivalentFinder
from termkit.glossary.equivalents.confidence import MODEL_PATH, ConfidenceModel, default_model, read_model
from termkit.glossary.equivalents.features import REGISTRY, feature
from termkit.glossary.equivalents.sources import SOURCES
from termkit.glossary.equivalents.training import glossary_concepts, is_right, read_gold_table
from termkit.textnorm import en_key

SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.fr.txt"))
SEEDS_EN = [p.replace(".fr.txt", ".en.txt") for p in SEEDS]


def _cand(text: str, ctype: str = TERM) -> Candidate:
    return Candidate(text, text, ctype, 1, 1, 0.0, [Variant(text, 1, "canonical")], words=len(text.split()))


def test_the_shipped_model_names_only_registered_features_and_their_version():
    model = default_model()
    assert model.feature_version == FEATURE_VERSION
    assert set(model.features) == set(FEATURES) == set(REGISTRY)
    assert model.notes["command"].startswith("termkit equivalents train")  # retrained by a command, not a script
    assert all(REGISTRY[f].doc for f in FEATURES)


def test_a_model_of_other_features_fails_loudly(tmp_path):
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    renamed = tmp_path / "renamed.json"
    renamed.write_text(json.dumps({**data, "features": ["mystery", *data["features"][1:]]}), encoding="utf-8")
    with pytest.raises(TermkitError, match="mystery") as exc:
        read_model(renamed)
    assert str(renamed) in exc.value.message and "equivalents train" in exc.value.fix
    old = tmp_path / "old.json"
    old.write_text(json.dumps({k: v for k, v in data.items() if k != "feature_version"}), encoding="utf-8")
    with pytest.raises(TermkitError, match="feature version none"):
        read_model(old)
    short = tmp_path / "short.json"
    short.write_text(json.dumps({**data, "features": data["features"][:-1], "weights": data["weights"][:-1],
                                 "means": data["means"][:-1], "scales": data["scales"][:-1]}), encoding="utf-8")
    with pytest.raises(TermkitError, match="missing"):
        read_model(short)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({**data, "weights": data["weights"][:-1]}), encoding="utf-8")
    with pytest.raises(TermkitError, match="damaged"):
        read_model(damaged)
    # a feature missing from an option is an error, never a silent 0
    model = ConfidenceModel(**data)
    with pytest.raises(KeyError):
        model.probability({"align": 1.0})


def test_sources_and_features_are_registered_by_name_once():
    assert list(SOURCES) == ["alignment", "cooccurrence", "identical", "lexicon", "reference", "transliteration"]
    with pytest.raises(TermkitError, match="unknown option source dictionary"):
        EquivalentFinder([], sources=["alignment", "dictionary"])
    with pytest.raises(ValueError, match="twice"):
        feature("align", "again")


def test_a_finder_without_the_alignment_source_finds_no_aligned_option():
    pairs = [("Les terres rares sont essentielles.", "Rare earths are essential."),
             ("Les terres rares viennent de Chine.", "Rare earths come from China."),
             ("La Chine exporte des terres rares.", "China exports rare earths.")]
    cand = _cand("terres rares")
    full = {o.en: o.methods for o in EquivalentFinder(pairs).options(cand)[0]}
    assert "rare earths" in full and any("alignment" in m for m in full.values())
    only_cooc = EquivalentFinder(pairs, sources=["cooccurrence"]).options(cand)[0]
    assert only_cooc and all(o.methods == {"cooccurrence"} for o in only_cooc)


def test_the_lexicon_source_finds_a_composed_rendering_the_english_writes():
    pairs = [("Les ventes de voitures ont baissé en mai.", "Car sales fell in May."),
             ("Les ventes de voitures neuves reculent.", "New car sales are down.")]
    opts = EquivalentFinder(pairs, sources=["lexicon"]).options(_cand("ventes de voitures"))[0]
    assert [o.en.lower() for o in opts] == ["car sales"] and opts[0].methods == {"lexicon"}
    # a name gets nothing from the word lexicon
    pairs.append(("Renault a vendu des voitures.", "Renault sold cars."))
    name_opts = EquivalentFinder(pairs, sources=["lexicon"]).options(_cand("Renault", "ORG"))[0]
    assert not any("lexicon" in o.methods for o in name_opts)


def test_one_english_key():
    assert en_key("Rare Earths") == en_key("rare earth")
    assert en_key("supplies") == en_key("supply")
    assert en_key("U.S.") == en_key("US") and en_key("Moody's") == en_key("Moody")
    assert is_right("critical minerals", ["Critical mineral"]) and not is_right("minerals", ["critical minerals"])


def test_a_gold_table_is_read_by_half_and_a_bad_row_is_one_line(tmp_path):
    table = tmp_path / "gold.tsv"
    table.write_text("# guidelines\ndoc\thalf\tfr\ten\tkind\nd1\ttune\tterres rares\trare earths\tterm\n"
                     "d2\treport\tONU\tUN|United Nations\tname\n", encoding="utf-8")
    assert [(g.fr, g.en) for g in read_gold_table(table, "report")] == [("ONU", ["UN", "United Nations"])]
    with pytest.raises(TermkitError, match="no row of half 'dev'") as exc:
        read_gold_table(table, "dev")
    assert "report, tune" in exc.value.fix
    table.write_text("# a comment\ndoc\tfr\ten\tkind\nd1\tterres rares\trare earths\tthing\n", encoding="utf-8")
    with pytest.raises(TermkitError, match="malformed") as exc:
        read_gold_table(table)
    assert f"{table}:3" in str(exc.value)  # the file's own line number
    table.write_bytes(b"doc\tfr\ten\tkind\n\xff\xfe\n")
    with pytest.raises(TermkitError, match="UTF-8"):
        read_gold_table(table)


def test_a_reviewed_glossary_gives_its_approved_english_as_right():
    gold = glossary_concepts([str(SEED_GLOSSARY)], "seeds")
    assert gold and all(g.en[0] for g in gold)
    by_fr = {g.fr: g for g in gold}
    assert "terres rares" in by_fr or any("terres rares" in g.fr for g in gold)


@pytest.mark.slow
def test_equivalents_train_from_a_reviewed_glossary_makes_the_project_model(tmp_path, parse_cache, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_GLOSSARY, tmp_path / "seed.tsv")
    result = CliRunner().invoke(cli, ["equivalents", "train", "--glossary", "seed.tsv", "--fr", *SEEDS, "--en", *SEEDS_EN,
                                      "--cache-dir", str(parse_cache), "--progress", "none", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["output"] == ".termkit/equivalents.json" and summary["concepts"] >= 40
    model = read_model(tmp_path / ".termkit" / "equivalents.json")
    assert model.feature_version == FEATURE_VERSION and 0.5 <= model.term_threshold <= 1.0
    assert "seed.tsv" in model.notes["trained_on"]
    # glossary build then uses it, and says so
    built = CliRunner().invoke(cli, ["glossary", "build", "--fr", SEEDS[0], "--en", SEEDS_EN[0], "-o", "new.tsv",
                                     "--cache-dir", str(parse_cache), "--progress", "none"])
    assert built.exit_code == 0, built.output
    assert "project model .termkit/equivalents.json" in built.stderr


def test_equivalents_train_refuses_bad_input_before_the_parse(tmp_path):
    # each case fails in a second: nothing is parsed, nothing written
    empty = tmp_path / "empty.tsv"
    empty.write_text(SEED_GLOSSARY.read_text(encoding="utf-8").replace("\tapproved\t", "\tcandidate\t"),
                     encoding="utf-8")
    runs = {
        "no approved": ["--glossary", str(empty), "--fr", *SEEDS, "--en", *SEEDS_EN],
        "two French documents": ["--glossary", str(SEED_GLOSSARY), "--fr", SEEDS[0], SEEDS[0], "--en", *SEEDS_EN[:1] * 2],
        "--half picks rows": ["--half", "tune", "--glossary", str(SEED_GLOSSARY), "--fr", *SEEDS, "--en", *SEEDS_EN],
    }
    for expected, args in runs.items():
        result = CliRunner().invoke(cli, ["equivalents", "train", *args, "-o", str(tmp_path / "m.json"), "--no-cache"])
        assert result.exit_code == 2 and expected in result.stderr, (expected, result.output)
        errors = [ln for ln in result.stderr.splitlines() if ln.lower().startswith(("error", "termkit"))]
        assert len(errors) == 1 and not (tmp_path / "m.json").exists(), result.stderr


@pytest.mark.slow
def test_equivalents_train_with_too_few_decisions_is_exit_2(tmp_path, parse_cache):
    lines = SEED_GLOSSARY.read_text(encoding="utf-8").splitlines()
    header = next(n for n, ln in enumerate(lines) if not ln.startswith("#"))
    small = tmp_path / "small.tsv"
    small.write_text("\n".join(lines[:header + 4]) + "\n", encoding="utf-8")  # three concepts
    result = CliRunner().invoke(cli, ["equivalents", "train", "--glossary", str(small), "--fr", *SEEDS,
                                      "--en", *SEEDS_EN, "-o", str(tmp_path / "m.json"),
                                      "--cache-dir", str(parse_cache), "--progress", "none"])
    assert result.exit_code == 2
    assert "too few decisions" in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert not (tmp_path / "m.json").exists()
