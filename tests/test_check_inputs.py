"""termkit check without a glossary (numbers and segments only) and malformed SGML, through the CLI."""

from __future__ import annotations

from conftest import termkit


def test_check_without_a_glossary_checks_numbers_and_says_what_it_skipped(tmp_path, models, parse_cache):
    (tmp_path / "a.fr.txt").write_text("Le prix est de 3,07 milliards de dollars.\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("The price is $3.7 billion.\n", encoding="utf-8")
    proc = termkit("check", tmp_path / "a.fr.txt", tmp_path / "a.en.txt", "--models", models.resolve(), cwd=tmp_path,
                   env={"TERMKIT_CACHE_DIR": str(parse_cache)})
    assert proc.returncode == 1 and "[number]" in proc.stdout and "3,07 milliards" in proc.stdout
    assert proc.stderr.count("\n") == 1 and "no glossary found" in proc.stderr and "terminology" in proc.stderr


def test_malformed_sgml_is_exit_2_with_line_and_column(tmp_path, models):
    src = tmp_path / "src.fr.sgm"
    src.write_text('<srcset setid="x" srclang="fr">\n<doc docid="d1">\n<seg id="1">Un.</seg>\n'
                   '<seg id="2">Deux.\n<seg id="3">Trois.</seg>\n</doc>\n</srcset>\n', encoding="utf-8")
    ref = tmp_path / "ref.en.sgm"
    ref.write_text('<refset setid="x" srclang="fr" trglang="en">\n<doc docid="d1">\n<seg id="1">One.</seg>\n'
                   '<seg id="2">Two.</seg>\n<seg id="3">Three.</seg>\n</doc>\n</refset>\n', encoding="utf-8")
    proc = termkit("check", src, ref, "--models", models.resolve(), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"termkit: error: {src}:4:1: <seg> opened here is not closed before the next "
                                   "<seg> (add </seg>)")
    unclosed = tmp_path / "doc.fr.sgm"
    unclosed.write_text('<srcset>\n<doc docid="d1">\n<seg id="1">Un.</seg>\n</srcset>\n', encoding="utf-8")
    proc = termkit("parse", unclosed, "--models", models)
    assert proc.returncode == 2 and f"{unclosed}:" in proc.stderr and "</doc>" in proc.stderr
