"""termkit check reports for people: the HTML page (escaping, CSP, filters in Chromium), the
xlsx spreadsheet (read back with openpyxl), and --compare against a previous JSON report
(new / fixed / unchanged, exit codes on new findings only). Bad input: exit 2, one line."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_GLOSSARY, SEEDS, models_dir
from lxml import html as lxml_html

from termkit.check.compare import compare_findings, finding_key, load_json_report
from termkit.check.model import CheckReport, Finding, Score
from termkit.check.report_html import render_html
from termkit.cli import main
from termkit.errors import InputError
from termkit.glossary import Concept, read_tsv, write_tsv
from termkit.textnorm import mark_parts

SEED = "c5-summit-trump-central-asia"
OTHER = "critical-minerals-washington-central-asia"
FR, EN = SEEDS / f"{SEED}.fr.txt", SEEDS / f"{SEED}.en.txt"
FR2, EN2 = SEEDS / f"{OTHER}.fr.txt", SEEDS / f"{OTHER}.en.txt"
SCRIPT = "<script>document.title='pwned'</script>"
IMG = "\"'><img src=x onerror=\"document.title='pwned'\">"
HYPERLINK = '=HYPERLINK("http://evil.invalid/x","rare earths")'
PLANTS = {"A": ("Kyrgyzstan", "Kirghizia"),               # a forbidden form (error)
          "B": ("Kazakhstan, Uzbekistan", "Kazakstan, Uzbekistan"),  # a forbidden form of the hostile concept
          "C": ("Tokayev", "Tokayef")}                    # a misspelt name (error)


def cli(*args) -> tuple[int, str, str]:
    """Run ``termkit`` in this process (click's CliRunner streams) through the real ``main``:
    exit code, stdout, stderr."""
    with CliRunner().isolation() as (out, err, _):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code
        sys.stdout.flush()
        sys.stderr.flush()
    return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A folder with no glossaries/ above it (so only -g counts), a hostile glossary, and the
    environment of the in-process CLI (models, a parse cache shared by the module's runs)."""
    root = tmp_path_factory.mktemp("reports")
    concepts = read_tsv(SEED_GLOSSARY).concepts
    for c in concepts:
        if c.id == "kazakhstan":  # glossary text is hostile input too
            c.en_forbidden += [SCRIPT, IMG]
            c.note = "<b>note</b> " + IMG
        if c.id == "terres-rares":  # a spreadsheet formula as the approved English
            c.en, c.en_variants = HYPERLINK, []
    write_tsv(concepts, root / "hostile.fr-en.tsv")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        mp.setenv("TERMKIT_STANZA_DIR", str(models_dir()))
        mp.setenv("TERMKIT_CACHE_DIR", str(root / "cache"))
        yield root


def english(work: Path, name: str, plants: str, prefix: str = "", source: Path = EN) -> Path:
    """A copy of the seed translation with the planted errors ``plants`` (letters of PLANTS)."""
    text = source.read_text(encoding="utf-8")
    for key in plants:
        old, new = PLANTS[key]
        assert old in text
        text = text.replace(old, new, 1)
    out = work / name / source.name
    out.parent.mkdir(exist_ok=True)
    out.write_text(prefix + text, encoding="utf-8")
    return out


def check(work: Path, *args) -> tuple[int, str, str]:
    return cli("check", *args, "-g", work / "hostile.fr-en.tsv", "-q", "--workers", "1")


@pytest.fixture(scope="module")
def two_docs(work):
    """The planted seed article and the clean second article: the JSON report, the HTML page."""
    bad = english(work, "ab", "AB")
    args = (FR, bad, FR2, EN2, "--reference", EN, "--reference", EN2)
    code, out, err = check(work, *args, "--format", "json")
    assert code == 1, err
    code, _, err = check(work, *args, "--format", "html", "-o", work / "report.html")
    assert code == 1 and err == "", err
    return json.loads(out), work / "report.html"


def marked(article) -> str:
    """The marked text of a finding's English side."""
    return " ".join(m.text_content() for m in article.xpath(".//p[@class='en']/mark"))


def forms(article, kind: str) -> list[str]:
    """The concept's approved or forbidden forms shown with a finding."""
    return [s.text for s in article.xpath(f".//dd[@class='{kind}']/span")]


# --- HTML -------------------------------------------------------------------------------------

def test_html_report_summary_findings_and_concepts(two_docs):
    data, path = two_docs
    page = lxml_html.fromstring(path.read_bytes())
    findings = page.xpath("//article[@data-check]")
    assert len(findings) == len(data["findings"]) > 5
    assert {a.get("data-doc") for a in findings} == {SEED, OTHER}
    for sev in ("error", "warning", "info"):
        row = page.xpath(f"//table[@id='by-severity']//tr[@data-severity='{sev}']/td")[0]
        assert int(row.text) == data["summary"].get(sev, 0)
    for check_name in {f["check"] for f in data["findings"]}:
        row = page.xpath(f"//table[@id='by-check']//tr[@data-check='{check_name}']/td")[0]
        assert int(row.text) == sum(f["check"] == check_name for f in data["findings"])
    scores = {r.get("data-score"): float(r.xpath("td[@class='count']")[0].text)
              for r in page.xpath("//table[@id='scores']//tr")}
    assert scores == {s["name"]: s["score"] for s in data["scores"]} and set(scores) == {"BLEU", "chrF2", "TER"}
    # the forbidden form marked in the English, beside the French; the concept's forms and the suggestion
    kirghizia = next(a for a in findings if a.get("data-check") == "forbidden"
                     and "Kirghizia" in marked(a))
    assert "Kirghizstan" in kirghizia.xpath(".//p[@class='fr']")[0].text_content()
    assert forms(kirghizia, "approved") == ["Kyrgyzstan"]
    assert "Kirghizia" in forms(kirghizia, "forbidden")
    assert kirghizia.xpath(".//p[@class='suggestion']/strong")[0].text == "Kyrgyzstan"
    # self-contained: no external resource of any kind
    assert not page.xpath("//*[@src or @href] | //link | //iframe | //object | //embed | //img")


def test_html_report_escapes_hostile_glossary_and_segments(two_docs):
    _, path = two_docs
    page = lxml_html.fromstring(path.read_bytes())
    kazakstan = next(a for a in page.xpath("//article[@data-check]") if marked(a) == "Kazakstan")
    forbidden = forms(kazakstan, "forbidden")
    assert SCRIPT in forbidden and IMG in forbidden  # shown as text
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and "pwned" not in scripts[0].text
    assert not page.xpath("//img | //b | //*[@onerror]")


def test_html_escaping_and_csp_of_a_hand_made_report():
    f = Finding("forbidden", "error", 'd"><script>x()</script>', "1", IMG, "", "Kazakstan", SCRIPT, 2, "kz",
                "Le <i>Kazakhstan</i>", "The Kazakstan " + SCRIPT)
    concepts = {"kz": Concept("kz", "Kazakhstan", "Kazakhstan", en_forbidden=[SCRIPT, IMG], note=IMG)}
    text = render_html(CheckReport([f], 1, 1, scores=[Score("BLEU", 1.0, SCRIPT)]), concepts)
    page = lxml_html.fromstring(text)
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and not page.xpath("//img | //i | //*[@onerror]")
    assert page.xpath("//article")[0].get("data-doc") == f.doc
    assert SCRIPT in page.xpath("//p[@class='en']")[0].text_content()
    assert IMG in page.xpath("//p[@class='message']")[0].text
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
    style = page.xpath("//style")[0].text
    style_digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and f"style-src 'sha256-{style_digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_mark_parts_marks_every_occurrence_ignoring_case_and_spacing():
    assert mark_parts("The  Kazakstan and\nkazakstan.", ["Kazakstan"]) == [
        ("The ", False), ("Kazakstan", True), (" and ", False), ("kazakstan", True), (".", False)]
    assert mark_parts("rare   earth metals", ["rare earth"]) == [("rare earth", True), (" metals", False)]
    assert mark_parts("no span here", [""]) == [("no span here", False)]


# --- the filters in Chromium ---------------------------------------------------------------------

def test_html_filters_work_in_chromium_from_a_file(two_docs, browser):
    from selenium.webdriver.support.select import Select

    data, path = two_docs
    browser.get(path.as_uri())
    assert browser.title == "termkit check report"  # the hostile glossary did not rename the page

    def visible():
        return [a for a in browser.find_elements("css selector", "article.finding") if a.is_displayed()]

    def shown():
        return browser.find_element("id", "shown").text

    total = len(data["findings"])
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert 0 < len(errors) < total
    assert len(visible()) == total and shown() == f"{total} of {total} finding(s) shown"
    Select(browser.find_element("id", "filter-severity")).select_by_value("error")
    assert len(visible()) == len(errors) and shown() == f"{len(errors)} of {total} finding(s) shown"
    assert {a.get_attribute("data-severity") for a in visible()} == {"error"}
    # and the document: the other article has no error, its section disappears with its findings
    Select(browser.find_element("id", "filter-doc")).select_by_value(OTHER)
    other_errors = [f for f in errors if f["doc"] == OTHER]
    assert len(visible()) == len(other_errors)
    section = browser.find_element("css selector", f"section.doc[data-doc='{OTHER}']")
    assert section.is_displayed() == bool(other_errors)
    assert browser.find_element("id", "none").is_displayed() == (not other_errors)
    Select(browser.find_element("id", "filter-severity")).select_by_value("")
    assert len(visible()) == sum(f["doc"] == OTHER for f in data["findings"])
    Select(browser.find_element("id", "filter-doc")).select_by_value("")
    checks = {f["check"] for f in data["findings"]}
    check_name = "forbidden" if "forbidden" in checks else min(checks)
    Select(browser.find_element("id", "filter-check")).select_by_value(check_name)
    assert len(visible()) == sum(f["check"] == check_name for f in data["findings"])
    # the hostile forms show as text, and the page's script ran under its CSP without a violation
    assert SCRIPT in browser.find_element("tag name", "main").text
    assert not browser.find_elements("css selector", "main img")
    assert browser.title == "termkit check report"
    log = [e["message"] for e in browser.get_log("browser")]
    assert not [m for m in log if "Content Security Policy" in m or "SEVERE" in m], log


# --- xlsx --------------------------------------------------------------------------------------

def test_xlsx_report_read_back(work, two_docs):
    import openpyxl  # in the test extra

    from termkit.check.report_xlsx import COLUMNS

    data, _ = two_docs
    out = work / "report.xlsx"
    code, stdout, err = check(work, FR, english(work, "ab", "AB"), FR2, EN2, "--format", "xlsx", "-o", out)
    assert code == 1 and stdout == "" and err == ""
    ws = openpyxl.load_workbook(out)["findings"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == COLUMNS == ("document", "segment", "check", "severity", "source", "target", "marked spans",
                                  "concept", "suggestion", "status", "comment")
    assert len(rows) - 1 == len(data["findings"])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:K{len(rows)}"
    assert ws["E2"].alignment.wrap_text and ws["F2"].alignment.wrap_text
    assert all(r[9] is None and r[10] is None for r in rows[1:])  # status and comment are the reviser's
    kirghizia = next(r for r in rows[1:] if r[2] == "forbidden" and "Kirghizia" in r[6])
    assert kirghizia[0] == SEED and kirghizia[8] == "Kyrgyzstan" and "Kirghizia" in kirghizia[5]
    assert kirghizia[6] == "EN: Kirghizia" and kirghizia[7].startswith("kirghizstan: Kirghizstan = Kyrgyzstan")
    # the glossary's formula is text: a leading apostrophe, a string cell, no formula anywhere
    links = [row[8] for row in ws.iter_rows(min_row=2) if row[2].value == "terminology"
             and "HYPERLINK" in str(row[8].value)]
    assert links and all(c.value == "'" + HYPERLINK and c.data_type == "s" for c in links)
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f" or str(c.value).startswith(("=", "+", "-", "@"))]


def test_xlsx_without_openpyxl_exits_2_with_the_extra_to_install(work, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    out = work / "none.xlsx"
    code, _, err = check(work, FR, EN, "--format", "xlsx", "-o", out)
    assert code == 2 and not out.exists()
    assert len(err.strip().splitlines()) == 1 and "pip install 'termkit[report]'" in err


# --- bad output ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_html_and_xlsx_need_a_file(work, fmt):
    code, stdout, err = check(work, FR, EN, "--format", fmt)
    assert code == 2 and stdout == "" and len(err.strip().splitlines()) == 1 and "-o" in err


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_unwritable_output_exits_2_in_one_line(work, fmt):
    blocker = work / "a-file"
    blocker.write_text("x")
    code, _, err = check(work, FR, EN, "--format", fmt, "-o", blocker / f"report.{fmt}")
    assert code == 2 and len(err.strip().splitlines()) == 1 and str(blocker / f"report.{fmt}") in err
    assert blocker.read_text() == "x"


def test_a_failed_write_leaves_the_previous_report_whole(work, monkeypatch):
    from termkit.check import report_html

    previous = work / "kept.html"
    previous.write_text("<p>previous report</p>")

    def half(report, out, concepts=None, comparison=None):
        out.write("<!DOCTYPE html><html><body>half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_html, "write_html", half)
    code, _, err = check(work, FR, EN, "--format", "html", "-o", previous)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "no space left" in err
    assert previous.read_text() == "<p>previous report</p>"
    assert not [p for p in work.iterdir() if p.name.startswith(".kept.html")]


# --- --compare ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def old_report(work):
    """The JSON report of the seed article with plants A and B."""
    path = work / "old.json"
    code, _, err = check(work, FR, english(work, "old", "AB"), "--format", "json", "-o", path)
    assert code == 1, err
    return path


def test_compare_a_new_error_fails_and_is_counted(work, old_report):
    code, out, err = check(work, FR, english(work, "abc", "ABC"), "--format", "json", "--compare", old_report)
    data = json.loads(out)
    old = json.loads(old_report.read_text())
    assert data["compare"]["new"] == 1 and data["compare"]["fixed"] == 0
    assert data["compare"]["unchanged"] == len(old["findings"]) == len(data["findings"]) - 1
    new = [f for f in data["findings"] if f["change"] == "new"]
    assert [f["check"] for f in new] == ["name"] and "Tokayef" in new[0]["target_span"]
    assert code == 1 and f"compared with {old_report}: 1 new, 0 fixed, {len(old['findings'])} unchanged" in err


def test_compare_old_errors_do_not_fail_and_fixed_ones_are_counted(work, old_report):
    plain_code, _, _ = check(work, FR, english(work, "a", "A"))
    assert plain_code == 1  # the error of plant A is still there...
    code, out, err = check(work, FR, english(work, "a", "A"), "--compare", old_report)
    assert code == 0, err  # ...but it is not new
    old = json.loads(old_report.read_text())
    assert f"compared with {old_report}: 0 new, 1 fixed, {len(old['findings']) - 1} unchanged" in err
    _, out, _ = check(work, FR, english(work, "a", "A"), "--format", "json", "--compare", old_report)
    fixed = json.loads(out)["compare"]["fixed_findings"]
    assert [(f["check"], f["target_span"]) for f in fixed] == [("forbidden", "Kazakstan")]


def test_compare_an_inserted_segment_does_not_make_findings_new(work, old_report, tmp_path):
    fr = tmp_path / FR.name  # the same document id, one sentence more at the top
    fr.write_text("Une phrase ajoutée au début de l'article.\n" + FR.read_text(encoding="utf-8"), encoding="utf-8")
    en = english(work, "inserted", "AB", prefix="A sentence added at the top of the article.\n")
    code, out, err = check(work, fr, en, "--format", "json", "--compare", old_report)
    data, old = json.loads(out), json.loads(old_report.read_text())
    assert code == 0, err
    assert (data["compare"]["new"], data["compare"]["fixed"]) == (0, 0)
    assert data["compare"]["unchanged"] == len(old["findings"])
    moved = {(f["check"], f["target_span"]): f["segment"] for f in data["findings"]}
    before = {(f["check"], f["target_span"]): f["segment"] for f in old["findings"]}
    assert moved.keys() == before.keys() and moved != before  # the segment numbers did change


@pytest.mark.parametrize("content", ['{"findings": []}', "not json at all", '{"tool": "termkit", "findings": [1]}',
                                     '[{"check": "name"}]', None])
def test_compare_with_a_file_that_is_not_a_termkit_report_exits_2_naming_it(work, content):
    path = work / "other.json"
    if content is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(content)
    code, stdout, err = check(work, FR, EN, "--compare", path)
    assert code == 2 and stdout == "" and len(err.strip().splitlines()) == 1 and str(path) in err


def test_compare_findings_pairs_by_what_the_finding_is_about():
    def f(seg, span, check="forbidden", src="Le Kazakhstan."):
        return Finding(check, "error", "d", seg, "m", "", span, "", None, "", src, "The " + span)

    old = [f("1", "Kazakstan"), f("2", "Kazakstan", src="Au Kazakhstan."), f("3", "Kirghizia")]
    new = [f("5", "Kazakstan", src="Au Kazakhstan."), f("7", "Tokayef", "name"), f("6", "Kirghizia")]
    comparison = compare_findings(old, new, "old.json")
    assert comparison.changes == ["unchanged", "new", "unchanged"]
    assert [x.source_text for x in comparison.fixed] == ["Le Kazakhstan."]  # the one of the other sentence
    assert comparison.counts() == {"new": 1, "fixed": 1, "unchanged": 2}
    assert finding_key(f("1", "KAZAKSTAN")) == finding_key(f("9", "kazakstan"))


def test_load_json_report_round_trip(tmp_path):
    from termkit.check.report import write_report

    report = CheckReport([Finding("number", "error", "d", "3", "m", "3,07", "", "3.07", 4, "", "fr", "en")], 1, 3)
    buf = io.StringIO()
    write_report(report, buf, "json")
    (tmp_path / "r.json").write_text(buf.getvalue())
    assert load_json_report(tmp_path / "r.json") == report.findings
    (tmp_path / "bad.json").write_text('{"tool": "other", "findings": []}')
    with pytest.raises(InputError, match="bad.json"):
        load_json_report(tmp_path / "bad.json")


def test_mark_parts_marks_several_forms_longest_first():
    assert mark_parts("les terres rares et la terre", ["terre", "terres rares"]) == [
        ("les ", False), ("terres rares", True), (" et la ", False), ("terre", True)]
