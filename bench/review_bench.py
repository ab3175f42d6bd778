"""`termkit review` on a 10,000-concept glossary: page load, round trip per action, and 100
approvals by keyboard in a real browser (Debian's Chromium through Selenium).

The glossary is bench/synth.py's synthetic termbase, every concept a candidate with a
confidence. Each action is a real POST to the real server (uvicorn), which writes the TSV
atomically under the glossary lock before answering. Also measured, to choose the server: the
same store behind Flask + waitress, on the same actions.

    python bench/review_bench.py [--concepts 10000] [--actions 300] [--json bench/results/review.json]

Targets (issue 15): first page load < 1 s; per action p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import synthetic_concepts  # noqa: E402

from termkit.glossary import write_tsv  # noqa: E402
from termkit.review.server import ReviewStore, row_version  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def token_of(page: str) -> str:
    return page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]


def actions(url: str, token: str, path: Path, n: int) -> list[float]:
    """Approve ``n`` concepts one after the other; the milliseconds of each round trip."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    times = []
    for line in lines[:n]:
        cid = line.split("\t", 1)[0]
        body = json.dumps({"op": "status", "value": "approved", "version": row_version(line)}).encode()
        req = urllib.request.Request(f"{url}api/concept/{cid}", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "X-CSRF-Token": token})
        t0 = time.perf_counter()
        urllib.request.urlopen(req, timeout=10).read()
        times.append(1000 * (time.perf_counter() - t0))
    return times


def pct(values: list[float], q: float) -> float:
    return round(sorted(values)[min(len(values) - 1, int(q * len(values)))], 1)


def flask_server(path: Path, port: int):
    """The same store behind Flask + waitress (for the choice of server only)."""
    from flask import Flask, jsonify, request
    from waitress import serve

    store = ReviewStore(path)
    app = Flask("review-bench")

    @app.post("/api/concept/<path:cid>")
    def change(cid):
        body = request.get_json()
        concept, version = store.apply(cid, body["version"], body)
        return jsonify({"id": concept.id, "version": version})

    thread = threading.Thread(target=serve, args=(app,), kwargs={"host": "127.0.0.1", "port": port, "threads": 4},
                              daemon=True)
    thread.start()
    return thread


def keyboard(url: str, approvals: int) -> float:
    """Seconds for ``approvals`` approvals by keyboard in Chromium, each waited for."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    tmp = tempfile.mkdtemp()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        done = 0
        t0 = time.perf_counter()
        while done < approvals:
            driver.get(url + "?status=candidate")
            base = int(driver.find_element("id", "reviewed").text)
            for k in range(min(50, approvals - done)):
                ActionChains(driver).send_keys("a").perform()
                end = time.monotonic() + 10
                while int(driver.find_element("id", "reviewed").text) < base + k + 1:
                    if time.monotonic() > end:
                        raise RuntimeError("an approval was not saved")
                    time.sleep(0.005)
                done += 1
        return time.perf_counter() - t0
    finally:
        driver.quit()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--concepts", type=int, default=10_000)
    ap.add_argument("--actions", type=int, default=300)
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "review.json"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.fr-en.tsv"
        write_tsv((replace(c, status="candidate", evidence=f"cooccurrence (0.{k % 100:02d}): synthetic")
                   for k, c in enumerate(synthetic_concepts(args.concepts))), path)
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        proc = subprocess.Popen([sys.executable, "-m", "termkit", "review", str(path), "--port", str(port),
                                 "--no-browser"], stderr=subprocess.DEVNULL)
        try:
            wait_up(url)
            loads = []
            for _ in range(5):
                t0 = time.perf_counter()
                page = urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
                loads.append(1000 * (time.perf_counter() - t0))
            token = token_of(page)
            starlette = actions(url, token, path, args.actions)
            seconds = keyboard(url, 100)
        finally:
            proc.terminate()
            proc.wait()
        flask_path = Path(tmp) / "flask.fr-en.tsv"
        flask_path.write_bytes(path.read_bytes())
        fport = free_port()
        flask_server(flask_path, fport)
        time.sleep(0.5)
        flask = actions(f"http://127.0.0.1:{fport}/", "", flask_path, args.actions)
    result = {
        "concepts": args.concepts,
        "first_page_load_ms": {"first": round(loads[0], 1), "median": round(statistics.median(loads), 1)},
        "action_ms_starlette_uvicorn": {"p50": pct(starlette, 0.5), "p95": pct(starlette, 0.95),
                                         "n": len(starlette)},
        "action_ms_flask_waitress": {"p50": pct(flask, 0.5), "p95": pct(flask, 0.95), "n": len(flask)},
        "keyboard_100_approvals_s": round(seconds, 2),
        "targets": {"first_page_load_ms": 1000, "action_p95_ms": 100},
    }
    Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
