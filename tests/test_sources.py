"""Reading .txt and WMT SGML sources: encodings, line ends, segments, bad input."""

from __future__ import annotations

import pytest
from conftest import SEEDS, WMT_REF, WMT_SRC

from termkit.errors import InputError
from termkit.sources import parse_sgml, read_all, read_documents


def test_bom_and_crlf_are_normalised(tmp_path):
    f = tmp_path / "article.txt"
    f.write_bytes(b"\xef\xbb\xbfLes terres rares.\r\nLe Kazakhstan.\rFin.")
    [doc] = read_documents(str(f))
    assert doc.id == "article"
    assert doc.text == "Les terres rares.\nLe Kazakhstan.\nFin."


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Tokaïev à Astana".encode("utf-16"))
    assert read_documents(str(f))[0].text == "Tokaïev à Astana"


def test_latin1_is_refused_with_line_and_column(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("première ligne\nle Kirghizstan élu".encode("latin-1"))
    with pytest.raises(InputError) as err:
        read_documents(str(f))
    assert err.value.line == 1 and err.value.column == 6  # the byte of "è" in "première"
    assert "UTF-8" in str(err.value) and "iconv" in str(err.value)


@pytest.mark.parametrize(
    "content, expected",
    [(b"", "is empty"), (b"  \n\n", "is empty"), (b"PK\x03\x04\x00\x00binary", "binary")],
)
def test_empty_and_binary_files(tmp_path, content, expected):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        read_documents(str(f))


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_documents(str(tmp_path))
    with pytest.raises(InputError, match="no such file"):
        read_documents(str(tmp_path / "nope.txt"))


def test_sgml_documents_and_segments():
    sgml = (
        '<srcset setid="t" srclang="any">\n<doc docid="d1" origlang="fr">\n'
        '<seg id="1">Titre sans point</seg>\n<seg id="2">S&amp;P a &lt;dit&gt; &#233;t&#xe9; ; AT&T reste.</seg>\n'
        '</doc>\n<doc docid="d2" origlang="en"><seg id="7">Deux.</seg></doc>\n</srcset>'
    )
    d1, d2 = parse_sgml(sgml)
    assert (d1.id, d1.attrs["origlang"], d2.id) == ("d1", "fr", "d2")
    assert d1.text == "Titre sans point\n\nS&P a <dit> été ; AT&T reste."
    assert [(s.id, d1.text[s.start:s.end]) for s in d1.segments] == [
        ("1", "Titre sans point"),
        ("2", "S&P a <dit> été ; AT&T reste."),
    ]
    assert d2.segments[0].id == "7"


def test_sgml_entities_are_never_expanded_beyond_xml_ones():
    [doc] = parse_sgml('<doc docid="x"><seg id="1">&xxe; &lol9; ok</seg></doc>')
    assert doc.text == "&xxe; &lol9; ok"


def test_unclosed_sgml_doc_names_the_line(tmp_path):
    f = tmp_path / "bad.sgm"
    f.write_text('<srcset>\n\n<doc docid="a">\n<seg id="1">x</seg>\n', encoding="utf-8")
    with pytest.raises(InputError, match="never closed") as err:
        read_documents(str(f))
    assert err.value.line == 3


def test_real_wmt_files():
    src, ref = read_documents(str(WMT_SRC)), read_documents(str(WMT_REF))
    assert len(src) == len(ref) == 88
    assert sum(len(d.segments) for d in src) == sum(len(d.segments) for d in ref) == 1554
    assert sum(d.attrs.get("origlang") == "fr" for d in src) == 57
    assert [d.id for d in src] == [d.id for d in ref]
    assert any("S&P" in d.text for d in ref)


def test_duplicate_ids_across_files_are_made_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for sub in "ab":
        (tmp_path / sub / "x.txt").write_text("Bonjour.", encoding="utf-8")
    docs = read_all([str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")])
    assert [d.id for d in docs] == ["x", "x#2"]


def test_seeds_index_matches_files():
    import hashlib

    rows = (SEEDS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == 4
    for row in rows:
        name, original, sha, lang, _title = row.split("\t")
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == sha
        assert name.endswith(f".{lang}.txt")
        if lang == "fr":  # the French seeds are ../shared's, byte for byte
            assert (SEEDS.parent.parent / "shared" / "seeds" / original).read_bytes() == (SEEDS / name).read_bytes()
        else:
            assert (SEEDS / name.replace(".en.", ".fr.")).is_file()


def test_folders_and_glob_patterns_stand_for_their_files(tmp_path):
    from termkit.sources import read_all

    (tmp_path / "a" / "b").mkdir(parents=True)
    for k, sub in enumerate(["a", "a/b", "a/b"]):
        (tmp_path / sub / f"doc{k}.fr.txt").write_text(f"Texte {k}.\n", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.id for d in read_all([str(tmp_path / "a")])] == ["doc1.fr", "doc2.fr", "doc0.fr"]  # sorted by path
    assert [d.id for d in read_all([str(tmp_path / "a" / "**" / "doc[12].fr.txt")])] == ["doc1.fr", "doc2.fr"]
    with pytest.raises(InputError, match="matches no file"):
        read_all([str(tmp_path / "*.sgm")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt, .sgm or .sgml file"):
        read_all([str(tmp_path / "empty")])
