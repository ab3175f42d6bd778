"""`termkit review` in a real browser (Debian's Chromium through Selenium) against the real server:
keyboard approve/reject/edit/undo, two tabs on one row, the TSV on disk after each action,
escaping, CSRF and the Host check."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from termkit.glossary import Concept, read_tsv, write_tsv

CONCEPTS = [
    Concept("route-de-la-soie", "route de la soie", "ancient Silk", type="TERM", evidence="cooccurrence (0.90): x",
            fr_variants=["routes de la soie"],
            contexts=["doc: l'ancienne route de la soie reliait l'Est et l'Ouest"],
            en_contexts=["the ancient Silk Road linked East and West"]),
    Concept("aimants", "aimants", "last", type="TERM", evidence="cooccurrence (0.80): x"),
    Concept("terres-rares", "terres rares", "rare earths", type="TERM", evidence="cooccurrence (0.70): x"),
    Concept("xss", "<script>document.title='pwned'</script>", "<b>bold</b>", type="TERM",
            evidence="cooccurrence (0.60): <img src=x onerror=alert(1)>"),
    Concept("kazakhstan", "Kazakhstan", "Kazakhstan", type="LOC", status="approved", evidence="reference (1.00): CLDR"),
    Concept("chaines", "chaînes d'approvisionnement", "", type="TERM", evidence="alignment, aligned in 1 of 2",
            confidence=0.41, en_suggestions=["supply chains (0.41: alignment, aligned in 1 of 2, USE 0.79)",
                                             "recent weeks (0.05: cooccurrence, in 1 of 2 English sentence(s))"]),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    path = tmp_path / "g.fr-en.tsv"
    write_tsv([Concept(**c.__dict__) for c in CONCEPTS], path)
    port = free_port()
    # a subprocess: the review server must serve in another process while the test (and a browser) use it
    proc = subprocess.Popen([sys.executable, "-m", "termkit", "review", str(path), "--port", str(port),
                             "--no-browser"], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("review server did not start: " + proc.stderr.read())
    yield url, path
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def wait_for(check, timeout=30.0):  # generous: a loaded 2-core machine is slow, and a pass returns at once
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def row(path, cid):
    return read_tsv(path).by_id()[cid]


def press(driver, key):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


@pytest.mark.browser
def test_keyboard_review_writes_the_tsv_row_by_row(server, browser):
    url, path = server
    browser.get(url)
    cards = browser.find_elements("css selector", "article.concept")
    assert [c.get_attribute("data-id") for c in cards] == ["route-de-la-soie", "aimants", "terres-rares", "xss", "chaines"]
    # everything from the data is text: the script did not run, the markup shows as written
    assert browser.title.startswith("Review") and "<script>" in cards[3].find_element("css selector", ".fr").text
    assert cards[3].find_element("css selector", ".en").text == "<b>bold</b>"
    before = path.read_bytes().split(b"\n")
    press(browser, "a")
    wait_for(lambda: row(path, "route-de-la-soie").status == "approved")
    after = path.read_bytes().split(b"\n")
    assert [k for k, (a, b) in enumerate(zip(before, after)) if a != b] == [1]  # only that row changed
    # a quick reviewer: each key acts on the next row at once, without waiting for the save
    press(browser, "r")
    press(browser, "a")
    wait_for(lambda: row(path, "aimants").status == "rejected" and row(path, "terres-rares").status == "approved")
    wait_for(lambda: browser.find_element("id", "reviewed").text == "4")
    press(browser, "u")  # undo the last decision, then the one before
    press(browser, "u")
    wait_for(lambda: row(path, "aimants").status == "candidate" and row(path, "terres-rares").status == "candidate")
    current = lambda: browser.find_element("css selector", "article.current").get_attribute("data-id")  # noqa: E731
    assert current() == "xss"
    press(browser, "k")
    assert current() == "terres-rares"
    press(browser, "j")
    assert current() == "xss"
    press(browser, "k")
    press(browser, "k")
    press(browser, "e")
    field = browser.switch_to.active_element
    assert field.get_attribute("name") == "en"
    field.send_keys("magnets\n")
    wait_for(lambda: row(path, "aimants").en == "magnets")
    assert row(path, "aimants").en_variants == ["last"]  # the old English stays a variant, for the reviewer
    # the lock leaves nothing behind; the new file is in place a moment before the lock goes
    wait_for(lambda: not list(path.parent.glob("*.lock")))


@pytest.mark.browser
def test_two_tabs_never_lose_a_change(server, browser):
    url, path = server
    browser.get(url)
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(url)
    second = browser.current_window_handle
    browser.switch_to.window(first)
    browser.find_element("css selector", "#c-terres-rares header").click()
    browser.find_element("css selector", "#c-terres-rares .approve").click()
    wait_for(lambda: row(path, "terres-rares").status == "approved")
    browser.switch_to.window(second)  # this tab still shows the old version of the row
    browser.find_element("css selector", "#c-terres-rares header").click()
    browser.find_element("css selector", "#c-terres-rares .reject").click()
    message = wait_for(lambda: browser.find_element("id", "message").text)
    assert "changed since the page was loaded" in message
    assert row(path, "terres-rares").status == "approved"  # the first tab's change stands
    card = browser.find_element("css selector", "#c-terres-rares")
    assert card.find_element("css selector", ".status").text.lower() == "approved"  # the page shows what happened
    card.find_element("css selector", ".reject").click()  # now on the current version: accepted
    wait_for(lambda: row(path, "terres-rares").status == "rejected")


def test_csrf_and_host_are_checked(server):
    url, path = server
    before = path.read_bytes()
    req = urllib.request.Request(url + "api/concept/aimants", data=b'{"op": "status", "value": "approved"}',
                                 headers={"Content-Type": "application/json"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=5)
    assert err.value.code == 403
    req = urllib.request.Request(url, headers={"Host": "attacker.example:80"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=5)
    assert err.value.code == 400
    assert path.read_bytes() == before


def test_non_loopback_host_warns_that_there_is_no_authentication(tmp_path):
    path = tmp_path / "g.tsv"
    shutil.copy(Path(__file__).parent.parent / "glossaries" / "c5-critical-minerals.fr-en.tsv", path)
    # a subprocess: `termkit review` serves until killed, and the warning is read from its stderr pipe
    proc = subprocess.Popen([sys.executable, "-m", "termkit", "review", str(path), "--host", "0.0.0.0",
                             "--port", str(free_port()), "--no-browser"], stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
    finally:
        proc.kill()  # it may still be starting: the warning is all this test needs
        proc.wait(timeout=10)
    assert "no authentication" in line


@pytest.mark.browser
def test_contexts_beside_their_english_and_merge_and_split(server, browser):
    url, path = server
    browser.get(url)
    card = browser.find_element("css selector", "#c-route-de-la-soie")
    assert "the ancient Silk Road linked East and West" in card.find_element("css selector", ".ctx-en").text
    assert card.find_element("css selector", ".ctx-fr mark").text == "route de la soie"
    assert card.find_element("css selector", ".ctx-en mark").text == "ancient Silk"
    # split a French variant off into its own concept, right below
    from selenium.webdriver.support.ui import Select

    Select(card.find_element("css selector", "form.restructure select")).select_by_visible_text("routes de la soie")
    card.find_element("css selector", "form.restructure button").click()
    wait_for(lambda: "routes-de-la-soie" in read_tsv(path).by_id())
    ids = [c.id for c in read_tsv(path)]
    assert ids[ids.index("route-de-la-soie") + 1] == "routes-de-la-soie"
    assert row(path, "route-de-la-soie").fr_variants == []
    # merge one concept into another: its row goes, its forms join the other
    wait_for(lambda: browser.find_elements("css selector", "#c-routes-de-la-soie"))
    browser.find_element("css selector", "#c-routes-de-la-soie header").click()
    other = browser.find_element("css selector", "#c-routes-de-la-soie")
    other.find_element("css selector", "form.restructure input[name=merge]").send_keys("route-de-la-soie")
    other.find_element("css selector", "form.restructure button").click()
    wait_for(lambda: "routes-de-la-soie" not in read_tsv(path).by_id())
    assert "routes de la soie" in row(path, "route-de-la-soie").fr_variants


@pytest.mark.browser
def test_a_suggestion_becomes_the_english_in_one_click(server, browser):
    url, path = server
    browser.get(url)
    card = browser.find_element("css selector", "#c-chaines")
    assert card.find_element("css selector", ".en").text == "(no English)"
    assert card.find_element("css selector", ".conf").text == "0.41"  # the confidence field, not the evidence
    card.find_element("css selector", "header").click()
    buttons = card.find_elements("css selector", "ol.suggestions button.use")
    assert [b.text for b in buttons] == ["supply chains", "recent weeks"]
    buttons[0].click()
    wait_for(lambda: row(path, "chaines").en == "supply chains")
    assert row(path, "chaines").status == "candidate"  # approving stays the reviewer's decision


def test_saving_from_the_page_keeps_a_note_with_line_breaks(tmp_path, browser):
    path = tmp_path / "n.fr-en.tsv"
    write_tsv([Concept("plaque", "plaque", "plate", note="line one\nline two", type="TERM", evidence="x")], path)
    port = free_port()
    # a subprocess: the review server must serve in another process while a browser uses it
    proc = subprocess.Popen([sys.executable, "-m", "termkit", "review", str(path), "--port", str(port), "--no-browser"],
                            stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(lambda: _up(url))
        browser.get(url)
        card = browser.find_element("css selector", "#c-plaque")
        card.find_element("css selector", "header").click()
        card.find_element("css selector", ".edit-btn").click()
        field = card.find_element("css selector", "form.edit input[name=en]")
        field.clear()
        field.send_keys("plaque\n")  # Enter saves the form
        wait_for(lambda: row(path, "plaque").en == "plaque")
        assert row(path, "plaque").note == "line one\nline two"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _up(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1).read()
        return True
    except (urllib.error.URLError, ConnectionError):
        return False


# "Learn from these reviews": the project models trained from the page (POST /api/learn), through
# the real app (Starlette's TestClient), the real parser (the shared parse cache) and LightGBM.

SEED_TEXTS = sorted(str(p) for p in (Path(__file__).parent.parent / "seeds").glob("*.fr.txt"))
SEED_EN = sorted(str(p) for p in (Path(__file__).parent.parent / "seeds").glob("*.en.txt"))


def learn_client(glossary, learn):
    from starlette.testclient import TestClient

    from termkit.review.server import make_app

    return TestClient(make_app(glossary, {"testserver"}, token="t", learn=learn))


def seed_copy(tmp_path) -> Path:
    path = tmp_path / "c5.fr-en.tsv"
    shutil.copy(Path(__file__).parent.parent / "glossaries" / "c5-critical-minerals.fr-en.tsv", path)
    return path


def test_without_texts_the_page_has_no_learn_control_and_the_endpoint_is_404(tmp_path):
    with learn_client(seed_copy(tmp_path), None) as client:
        assert 'id="learn"' not in client.get("/").text
        answer = client.post("/api/learn", json={}, headers={"X-CSRF-Token": "t"})
    assert answer.status_code == 404 and "--texts" in answer.json()["error"]


def test_english_texts_without_the_french_is_a_usage_error(tmp_path):
    from conftest import termkit

    proc = termkit("review", seed_copy(tmp_path), "--no-browser", "--en", *SEED_EN)
    assert proc.returncode == 2 and "--en goes with --texts" in proc.stderr


def test_learning_needs_the_csrf_token_and_a_json_object(tmp_path, parser):
    from termkit.glossary.learn import LearnSetup

    with learn_client(seed_copy(tmp_path), LearnSetup(SEED_TEXTS, parser, root=tmp_path)) as client:
        page = client.get("/").text
        assert 'id="learn"' in page and ".termkit/ranker.json" in page and "equivalents" not in page
        assert client.post("/api/learn", json={}).status_code == 403
        assert client.post("/api/learn", json={}, headers={"X-CSRF-Token": "wrong"}).status_code == 403
        answer = client.post("/api/learn", content=b"[1]", headers={"X-CSRF-Token": "t"})
        assert answer.status_code == 400 and "JSON object" in answer.json()["error"]
        big = client.post("/api/learn", content=b" " * ((1 << 20) + 1), headers={"X-CSRF-Token": "t"})
        assert big.status_code == 413
    assert not (tmp_path / ".termkit").exists()


@pytest.mark.slow
def test_learning_from_a_glossary_without_rejections_is_400_with_the_clis_line(tmp_path, parser):
    from termkit.glossary.learn import LearnSetup

    glossary = seed_copy(tmp_path)
    assert not any(c.status == "rejected" for c in read_tsv(glossary))  # the seed: approved rows only
    with learn_client(glossary, LearnSetup(SEED_TEXTS, parser, root=tmp_path)) as client:
        answer = client.post("/api/learn", json={}, headers={"X-CSRF-Token": "t"})
    assert answer.status_code == 400
    data = answer.json()
    assert " approved and 0 rejected decisions" in data["error"] and "\n" not in data["error"]
    assert data["written"] == [] and data["models"]["ranker"]["error"] == data["error"]
    assert not (tmp_path / ".termkit").exists()
    # with the English too, each model has its own outcome: the equivalents model learns from the approved English
    with learn_client(glossary, LearnSetup(SEED_TEXTS, parser, SEED_EN, root=tmp_path)) as client:
        answer = client.post("/api/learn", json={}, headers={"X-CSRF-Token": "t"})
    assert answer.status_code == 200, answer.text
    models = answer.json()["models"]
    assert not models["ranker"]["written"] and " 0 rejected" in models["ranker"]["error"]
    assert models["equivalents"]["written"] and (tmp_path / ".termkit" / "equivalents.json").is_file()
    assert not (tmp_path / ".termkit" / "ranker.json").exists()


@pytest.mark.slow
def test_learning_from_enough_decisions_writes_both_project_models(tmp_path, parser, seed_docs):
    from termkit.extract import ExtractOptions, extract_terms
    from termkit.extract.ranker import load_model
    from termkit.glossary.equivalents.confidence import read_model
    from termkit.glossary.learn import LearnSetup
    from termkit.textnorm import fold

    glossary = seed_copy(tmp_path)
    approved = {fold(f) for c in read_tsv(glossary) for f in c.fr_forms()}
    ranked = extract_terms(seed_docs, ExtractOptions(keep_all=True))
    unlikely = [c for c in reversed(ranked) if not {fold(v.form) for v in c.variants} & approved][:25]
    concepts = list(read_tsv(glossary)) + [Concept(f"no-{k}", c.canonical, status="rejected")
                                           for k, c in enumerate(unlikely)]
    write_tsv(concepts, glossary)
    with learn_client(glossary, LearnSetup(SEED_TEXTS, parser, SEED_EN, root=tmp_path)) as client:
        assert ".termkit/equivalents.json" in client.get("/").text
        answer = client.post("/api/learn", json={}, headers={"X-CSRF-Token": "t"})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    ranker, equivalents = data["models"]["ranker"], data["models"]["equivalents"]
    assert ranker["written"] and ranker["approved"] >= 20 and ranker["rejected"] >= 20 and ranker["adapts"] == "news"
    assert equivalents["written"] and equivalents["concepts"] >= 20
    assert data["written"] == [str(tmp_path / ".termkit" / "ranker.json"), str(tmp_path / ".termkit" / "equivalents.json")]
    model = load_model(tmp_path / ".termkit" / "ranker.json")
    assert model.meta["profile"] == "project" and model.threshold == ranker["threshold"]
    assert read_model(tmp_path / ".termkit" / "equivalents.json").threshold == equivalents["threshold_names"]
    assert not list((tmp_path / ".termkit").glob(".*.tmp"))  # written atomically: no temporary left


@pytest.mark.browser
@pytest.mark.slow
def test_the_learn_button_shows_the_training_then_its_outcome(tmp_path, browser, parse_cache):
    glossary = seed_copy(tmp_path)
    port = free_port()
    # a subprocess: the CLI's own wiring (--texts), serving while a browser clicks; the models go in its folder
    proc = subprocess.Popen([sys.executable, "-m", "termkit", "review", str(glossary), "--port", str(port),
                             "--no-browser", "--cache-dir", str(parse_cache), "--workers", "1",
                             "--texts", *SEED_TEXTS], stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent.parent),
                                                                              os.environ.get("PYTHONPATH", "")])})
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(lambda: _up(url))
        browser.get(url)
        browser.find_element("id", "learn").click()
        status = browser.find_element("id", "learn-status")
        assert status.text.startswith("Training") or "rejected" in status.text
        wait_for(lambda: "rejected decisions" in status.text, timeout=120)
        assert status.get_attribute("class") == "error" and "at least 20 of each" in status.text
        assert browser.find_element("id", "learn").is_enabled()
        assert not (tmp_path / ".termkit").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_a_second_learning_request_while_one_runs_is_409(tmp_path, models):
    import threading
    import time

    from termkit.glossary.learn import LearnSetup
    from termkit.nlp import Parser, resolve_models

    # a parser without a cache: the first training parses the seeds for real (tens of seconds),
    # so the second request certainly arrives while it runs
    cold = Parser(resolve_models(models), cache_dir=None)
    answers: list = []
    with learn_client(seed_copy(tmp_path), LearnSetup(SEED_TEXTS, cold, SEED_EN, root=tmp_path)) as client:
        first = threading.Thread(target=lambda: answers.append(
            client.post("/api/learn", json={}, headers={"X-CSRF-Token": "t"})))
        first.start()
        time.sleep(1.0)
        assert first.is_alive()  # still parsing
        second = client.post("/api/learn", json={}, headers={"X-CSRF-Token": "t"})
        first.join()
    assert second.status_code == 409 and "running" in second.json()["error"].lower(), second.text
    assert answers and answers[0].status_code == 200  # the first one is not disturbed
