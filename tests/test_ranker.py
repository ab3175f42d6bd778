"""The learned ranker: training (real LightGBM), numpy scoring equal to LightGBM's, the shipped
model, and bad models and bad training data through the real CLI."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEED_GLOSSARY, SEEDS, termkit

from termkit.errors import TermkitError
from termkit.extract import ExtractOptions, extract_terms
from termkit.extract.ranker import load_model, read_model, shipped_model_path
from termkit.extract.training import Annotated, _booster, _examples, feature_names, train
from termkit.glossary import read_tsv
from termkit.textnorm import fold


@pytest.fixture(scope="module")
def seed_sets(seed_docs):
    """Each seed article an annotated set: the reviewed seed glossary's approved French forms are its terms."""
    gold = {f.lower() for c in read_tsv(SEED_GLOSSARY) if c.status == "approved" for f in c.fr_forms()}
    return [Annotated(d.id, extract_terms([d], ExtractOptions(ranker=None, keep_all=True)), gold) for d in seed_docs]


def test_numpy_scoring_equals_lightgbm(seed_sets):
    names = feature_names(seed_sets)
    booster = _booster(seed_sets, names, rounds=40)
    from termkit.extract.ranker import RankerModel, trees_from_lightgbm
    from termkit.extract.training import _matrix

    model = RankerModel(names, 1, trees_from_lightgbm(booster.dump_model()), 0.5)
    x, _ = _matrix(seed_sets, names)
    assert abs(model.probabilities(x) - booster.predict(x)).max() < 1e-9


def test_the_features_module_names_what_the_extractor_computes_and_the_shipped_model_reads(seed_sets):
    from termkit.extract.features import FEATURE_VERSION
    from termkit.extract.features import feature_names as registered

    assert feature_names(seed_sets) == registered()
    shipped = load_model(shipped_model_path())
    assert shipped.feature_names == registered() and shipped.feature_version == FEATURE_VERSION


def test_training_examples_weigh_the_written_forms_the_evaluation_counts(seed_sets):
    # keeping a candidate keeps all its written forms: a negative weighs its forms, a
    # positive its gold forms, and a positive's other forms come back as a negative row
    cands = seed_sets[0].candidates
    multi = [c for c in cands if len({v.form.lower() for v in c.variants}) > 1]
    assert len(multi) >= 4
    # gold: one form of every other multi-form candidate, and the first candidate's canonical form
    gold = {c.variants[-1].form.lower() for c in multi[::2]} | {cands[0].canonical.lower()}
    s = Annotated("seeds", cands, gold)
    names = feature_names([s])
    x, y, w = _examples([s], names)
    n = len(cands)
    forms = [{v.form.lower() for v in c.variants} for c in cands]
    right = [{f for f in fs if fold(f) in {fold(g) for g in gold}} for fs in forms]
    mixed = [k for k in range(n) if s.labels[k] and forms[k] - right[k]]
    assert mixed and any(len(f) > 1 for f, y_ in zip(forms, s.labels) if not y_)
    assert len(y) == n + len(mixed) and list(y[:n]) == s.labels and not y[n:].any()
    for k in range(n):
        assert w[k] == (max(1, len(right[k])) if s.labels[k] else len(forms[k]))
    assert list(w[n:]) == [len(forms[k] - right[k]) for k in mixed]
    assert (x[n:] == x[mixed]).all()


@pytest.mark.slow
def test_training_picks_a_threshold_out_of_fold_and_ranks_gold_first(seed_sets):
    model = train(seed_sets)
    assert 0.0 < model.threshold < 1.0 and model.meta["threshold_chosen_on"].startswith("out-of-fold")
    cands = seed_sets[0].candidates
    model.score(cands)
    gold = [c.probability for c, y in zip(cands, seed_sets[0].labels) if y]
    other = [c.probability for c, y in zip(cands, seed_sets[0].labels) if not y]
    assert sum(gold) / len(gold) > 2 * sum(other) / len(other)


def test_shipped_models_are_small_licensed_and_the_news_one_used_by_default(seed_docs):
    specialised = load_model(shipped_model_path("specialised"))
    assert "CC BY-NC-SA" in specialised.meta["licence"] and specialised.meta["threshold_chosen_on"] == "equi"
    assert set(specialised.meta["trained_on"]) == {"corp", "wind"}
    path = shipped_model_path()
    assert path.is_file() and path.stat().st_size < 20_000_000
    model = load_model()
    assert model.meta["profile"] == "news" and "WMT14" in model.meta["licence"]
    kept = extract_terms(seed_docs)
    every = extract_terms(seed_docs, ExtractOptions(keep_all=True))
    probable = [p for p in every if p.probability >= model.threshold]
    assert kept and probable
    for c in kept:  # probable, or the whole name that a probable part stands for
        assert c.probability >= model.threshold or (
            c.type != "TERM" and any(c.canonical in p.inside for p in probable)), c.canonical
    assert len(every) > len(kept) and every[len(kept) + 5].probability is not None


@pytest.mark.slow
def test_cli_train_then_extract_with_the_model(tmp_path, models, parse_cache):
    train_dir = tmp_path / "seeds-annotated"
    (train_dir / "texts").mkdir(parents=True)
    for p in SEEDS.glob("*.fr.txt"):
        shutil.copy(p, train_dir / "texts" / p.name.replace(".fr.txt", ".txt"))
    approved = sorted({f for c in read_tsv(SEED_GLOSSARY) if c.status == "approved" for f in c.fr_forms()})
    (train_dir / "terms.tsv").write_text("\n".join(approved) + "\n", encoding="utf-8")
    model = tmp_path / "ranker.json"
    env = {"TERMKIT_CACHE_DIR": str(parse_cache)}
    proc = termkit("ranker", "train", "--train", train_dir, "-o", model, "--models", models, "--format", "json",
                   "--licence", "seeds: MIT", env=env)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["positives"] >= 10 and summary["licence"] == "seeds: MIT"
    assert read_model(model).meta["trained_on"] == ["seeds-annotated"]
    out = termkit("extract", *sorted(SEEDS.glob("*.fr.txt")), "--models", models, "--ranker", model,
                  "--format", "json", env=env)
    assert out.returncode == 0, out.stderr
    cands = json.loads(out.stdout)["candidates"]
    assert cands and all(c["probability"] >= read_model(model).threshold for c in cands)
    assert "features" not in cands[0]


def test_cli_train_refuses_term_lists_that_do_not_match_the_texts(tmp_path, models, parse_cache):
    bad = tmp_path / "mismatch"
    (bad / "texts").mkdir(parents=True)
    shutil.copy(next(SEEDS.glob("*.fr.txt")), bad / "texts" / "a.txt")
    (bad / "terms.tsv").write_text("wind turbine\nrotor blade\n", encoding="utf-8")
    proc = termkit("ranker", "train", "--train", bad, "-o", tmp_path / "m.json", "--models", models,
                   env={"TERMKIT_CACHE_DIR": str(parse_cache)})
    assert proc.returncode == 2 and "annotated terms" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and not (tmp_path / "m.json").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = termkit("ranker", "train", "--train", empty, "-o", tmp_path / "m.json", "--models", models)
    assert proc.returncode == 2 and "holds no .txt texts" in proc.stderr


def test_bad_model_files_are_one_line_errors(tmp_path, models, parse_cache):
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{not json", encoding="utf-8")
    old = tmp_path / "old.json"
    data = json.loads(shipped_model_path().read_text(encoding="utf-8"))
    data["feature_version"] = 0
    old.write_text(json.dumps(data), encoding="utf-8")
    for path, words in ((corrupt, "unreadable"), (old, "incompatible"), (tmp_path / "missing.json", "no such file")):
        with pytest.raises(TermkitError, match=words):
            read_model(path)
        proc = termkit("extract", next(SEEDS.glob("*.fr.txt")), "--models", models, "--ranker", path,
                       env={"TERMKIT_CACHE_DIR": str(parse_cache)})
        assert proc.returncode == 2, proc.stderr
        line = proc.stderr.strip()
        assert str(path) in line and "termkit ranker train" in line and len(line.splitlines()) == 1
