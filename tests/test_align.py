"""Sentence alignment: the seeds, planted merges, WMT documents, anchors and the CLI."""

from __future__ import annotations

import json

from conftest import SEEDS, SHARED, WMT_REF, WMT_SRC, termkit
from lxml import etree

from termkit.align import AlignOptions, align, align_texts, split_sentences
from termkit.align.anchors import anchors, glossary_matcher
from termkit.align.words import _cognate, _cognate_keys
from termkit.sources import read_documents

C5_FR = SEEDS / "c5-summit-trump-central-asia.fr.txt"
C5_EN = SEEDS / "c5-summit-trump-central-asia.en.txt"


def test_anchors_meet_across_languages():
    fr = anchors("Le Kazakhstan a expédié 3,07 milliards de dollars ; 410 000 tonnes ; l'Ouzbékistan.")
    en = anchors("Kazakhstan shipped $3.07 billion; 410,000 tonnes; Uzbekistan.")
    for shared in ("#3", "#7", "#410"):
        assert shared in fr and shared in en
    assert len(fr & en) >= 5


def test_glossary_concepts_are_anchors_shared_by_a_sentence_and_its_translation():
    keys = glossary_matcher({"terres-rares": ["terres rares", "rare earths"], "ble": ["blé", "wheat"], "ue": ["UE", "EU"]})
    fr, en = "Les Terres rares coûtent cher.", "Rare earths are expensive."
    assert keys(fr) == keys(en) == {"terres-rares"}
    assert keys("Le blé de l'UE.") == {"ble"}  # forms under three characters are not matched
    assert keys("Le blétier.") == set()  # whole words only
    assert "=terres-rares" in anchors(fr, keys(fr)) & anchors(en, keys(en))


def test_cognate_prior_of_the_word_aligner():
    words = ["devaluation", "devaluations", "biometrie", "biometric", "kirghizstan", "krgzstan", "maison", "house",
             "g7", "ukraine"]
    keys = dict(zip(words, _cognate_keys(words)))
    assert _cognate(keys["devaluation"], keys["devaluations"])  # same first four letters
    assert _cognate(keys["biometrie"], keys["biometric"])
    assert _cognate(keys["kirghizstan"], keys["krgzstan"])  # same first letter and consonant skeleton
    assert _cognate(keys["g7"], keys["g7"])  # identical, however short
    assert not _cognate(keys["maison"], keys["house"]) and not _cognate(keys["g7"], keys["ukraine"])


def test_split_sentences_keeps_offsets_and_lines():
    text = "Titre sans point\nM. Dupont a payé 3,07 milliards. Il est parti."
    units = split_sentences(text, "fr")
    assert [u.text for u in units] == ["Titre sans point", "M. Dupont a payé 3,07 milliards.", "Il est parti."]
    assert all(text[u.start : u.end] == u.text for u in units)


def test_seed_articles_align_one_to_one_where_they_should():
    fr, en, links = align_texts(C5_FR.read_text(encoding="utf-8"), C5_EN.read_text(encoding="utf-8"))
    assert len(links) >= 38
    by_fr = {i: link for link in links for i in link.src}
    # the Tokayev sentence and the Export-Import Bank sentence land on their translations
    tok = next(i for i, u in enumerate(fr) if "Kassym-Jomart Tokayev, a également" in u.text)
    assert any("Kassym-Jomart Tokayev also took part" in en[j].text for j in by_fr[tok].tgt)
    exim = next(i for i, u in enumerate(fr) if "Export-Import Bank pour" in u.text)
    assert any("Export-Import Bank for financing" in en[j].text for j in by_fr[exim].tgt)


def test_planted_merges_give_2_1_and_1_2_links():
    src = read_documents(str(WMT_SRC))[1]
    ref = {d.id: d for d in read_documents(str(WMT_REF))}[src.id]
    fr = [src.text[s.start : s.end] for s in src.segments]
    en = [ref.text[s.start : s.end] for s in ref.segments]
    fr_m = [fr[0] + " " + fr[1]] + fr[2:]
    en_m = en[:3] + [en[3] + " " + en[4]] + en[5:]
    links = align(fr_m, en_m)
    assert (links[0].src, links[0].tgt) == ((0,), (0, 1))
    assert any(link.src == (2, 3) and link.tgt == (3,) for link in links)
    plain = align(fr_m, en_m, AlignOptions(anchor_weight=0))
    assert len(plain) >= 1  # plain Gale-Church still runs


def test_added_sentence_gives_a_0_1_link():
    fr = [f"Le gisement numéro {k} contient {k * 1000 + 7} tonnes de tungstène selon Tau-Ken Samruk." for k in range(1, 9)]
    en = [f"Deposit number {k} holds {k * 1000 + 7} tonnes of tungsten, according to Tau-Ken Samruk." for k in range(1, 9)]
    en.insert(4, "Analysts in London were not convinced by these optimistic statements from the company.")
    links = align(fr, en)
    assert ((), (4,)) in [(link.src, link.tgt) for link in links]
    assert sum(len(link.src) == len(link.tgt) == 1 for link in links) == 8


def test_cli_align_formats(tmp_path):
    base = ["align", C5_FR, C5_EN]
    proc = termkit(*base, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["links"] and {"fr", "en", "cost", "fr_text", "en_text"} <= set(data["links"][0])
    tsv = termkit(*base).stdout.splitlines()
    assert tsv[0] == "fr_ids\ten_ids\tcost\tfr\ten" and tsv[1].startswith("1\t1\t")
    out = tmp_path / "c5.tmx"
    assert termkit(*base, "--format", "tmx", "-o", out).returncode == 0
    dtd = etree.DTD(str(SHARED / "schemas" / "tmx" / "tmx14.dtd"))
    tree = etree.parse(str(out), etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    assert tree.getroot().find("header").get("srclang") == "fr"
    assert len(tree.getroot().findall("body/tu")) >= 38
    proc = termkit("align", WMT_SRC, WMT_REF)
    assert proc.returncode == 2 and "holds 88 documents" in proc.stderr and len(proc.stderr.splitlines()) == 1
