"""Parsing with the real French Stanza models: seed sentences, offsets, SGML, cache, CLI."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SEEDS, termkit

from termkit.nlp import Parser, resolve_models
from termkit.sources import SourceDocument, parse_sgml


def _find(doc, *forms):
    """Index pairs (sentence, word position) where the word forms occur in sequence."""
    for s in doc.sentences:
        words = s.words
        for i in range(len(words) - len(forms) + 1):
            if all(words[i + k].text == f for k, f in enumerate(forms)):
                return s, words[i : i + len(forms)]
    raise AssertionError(f"{forms} not found in {doc.id}")


def test_seed_terres_rares_and_kazakhstan(seed_docs):
    doc = next(d for d in seed_docs if d.id.startswith("critical-minerals"))
    _, (terres, rares) = _find(doc, "terres", "rares")
    assert (terres.lemma, terres.upos, rares.lemma, rares.upos) == ("terre", "NOUN", "rare", "ADJ")
    sent, (kaz,) = _find(doc, "Kazakhstan")
    assert kaz.upos == "PROPN"
    assert any(e.type == "LOC" and e.text == "Kazakhstan" for e in sent.entities)
    assert kaz.ner.endswith("-LOC")


def test_offsets_point_into_the_text(seed_docs):
    for doc in seed_docs:
        assert doc.sentences
        for s in doc.sentences:
            assert doc.text[s.start : s.end] == s.text
            for t in s.tokens:
                assert doc.text[t.start : t.end] == t.text
            for e in s.entities:
                assert doc.text[e.start : e.end] == e.text


def test_multiword_tokens_are_expanded(seed_docs):
    doc = seed_docs[0]
    du = next(t for s in doc.sentences for t in s.tokens if t.text == "du")
    assert [w.text for w in du.words] == ["de", "le"]


def test_title_line_is_its_own_sentence(seed_docs):
    doc = next(d for d in seed_docs if d.id.startswith("critical-minerals"))
    assert doc.sentences[0].text.endswith("diversifier ses approvisionnements")


def test_sgml_segments_are_sentence_boundaries(parser):
    [doc] = parse_sgml(
        '<doc docid="x"><seg id="1">Titre sans point</seg><seg id="2">Le Kirghizstan exporte. '
        "Le Tadjikistan aussi.</seg></doc>"
    )
    [parsed] = parser.parse([doc])
    assert [(s.segment, s.text) for s in parsed.sentences] == [
        ("1", "Titre sans point"),
        ("2", "Le Kirghizstan exporte."),
        ("2", "Le Tadjikistan aussi."),
    ]


def test_cache_hit_does_not_run_stanza(models, tmp_path):
    docs = [SourceDocument(f"d{i}", f"Le président Tokaïev a visité Tachkent le {i} mai.") for i in range(5)]
    first = Parser(resolve_models(models), cache_dir=tmp_path)
    out1 = first.parse(docs)
    assert first.stanza_calls == 1  # five documents, one bulk call
    second = Parser(resolve_models(models), cache_dir=tmp_path)
    out2 = second.parse(docs)
    assert second.stanza_calls == 0 and not second.backend.loaded
    assert [d.to_dict() for d in out1] == [d.to_dict() for d in out2]
    changed = second.parse([SourceDocument("d9", "Le Kazakhstan exporte de l'uranium.")])
    assert second.stanza_calls == 1 and changed[0].sentences


def test_no_cache_dir_means_no_cache(models):
    p = Parser(resolve_models(models), cache_dir=None)
    assert p.cache is None


def _run(args, **kw):
    env = {"TERMKIT_STANZA_DIR": str(ROOT.parent / "shared" / "models" / "stanza_resources"), **kw.pop("env", {})}
    return termkit(*args, env=env, **kw)


def test_cli_parse_conllu_json_and_stdin(models, tmp_path, parse_cache):
    cache = ["--cache-dir", str(parse_cache), "--models", str(models)]
    seeds = sorted(str(p) for p in SEEDS.glob("*.fr.txt"))
    out = tmp_path / "seeds.conllu"
    proc = _run(["parse", *seeds, *cache, "-o", str(out)])
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("# newdoc id = ") for line in lines) == 2
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert rows and all(len(r) == 10 for r in rows)
    assert any(r[1] == "Kirghizistan" and r[3] == "PROPN" for r in rows)
    assert any(r[0].count("-") == 1 and r[1] == "aux" for r in rows)  # multi-word token range line

    proc = _run(["parse", "-", "--format", "json", *cache], input="Les terres rares du Kazakhstan.")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    [doc] = data["documents"]
    assert doc["id"] == "stdin" and len(data["models"]) == 64
    lemmas = [w["lemma"] for t in doc["sentences"][0]["tokens"] for w in t["words"]]
    assert lemmas[:2] == ["le", "terre"]


def test_cli_warm_cache_never_imports_stanza(models, tmp_path, parse_cache):
    cache = parse_cache  # warmed by the first run below, if not by an earlier one
    seed = str(SEEDS / "c5-summit-trump-central-asia.fr.txt")
    args = ["parse", seed, "--models", str(models), "--cache-dir", str(cache), "-o", str(tmp_path / "o.conllu")]
    assert _run(args).returncode == 0
    code = (
        f"import sys\nfrom termkit.cli import main\ntry:\n    main({args!r})\nexcept SystemExit as e:\n"
        "    print(e.code, 'stanza' in sys.modules, 'torch' in sys.modules)"
    )
    # a subprocess: the point is what a fresh interpreter imports (this one has Stanza loaded already)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.split() == ["0", "False", "False"], proc.stderr


def test_cli_bad_input_keeps_previous_output(models, tmp_path):
    out = tmp_path / "keep.conllu"
    out.write_text("previous", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    proc = _run(["parse", str(SEEDS / "c5-summit-trump-central-asia.fr.txt"), str(bad), "-o", str(out), "--no-cache"])
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"termkit: error: {bad}:1:4: not valid UTF-8")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "previous"


def test_cache_commands(tmp_path):
    cache = tmp_path / "c"
    proc = _run(["cache", "info", "--cache-dir", str(cache), "--json"])
    assert json.loads(proc.stdout)["entries"] == 0
    (cache / "parse" / "v1-x" / "ab").mkdir(parents=True)
    (cache / "parse" / "v1-x" / "ab" / "abc.json").write_text("{}")
    assert json.loads(_run(["cache", "info", "--cache-dir", str(cache), "--json"]).stdout)["entries"] == 1
    proc = _run(["cache", "clear", "--cache-dir", str(cache)])
    assert proc.returncode == 0 and "removed 1" in proc.stdout
    assert not (cache / "parse").exists()
