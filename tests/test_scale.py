"""Several worker processes: the same bytes as one process, a dead worker fails the run cleanly,
--gpu without CUDA is a one-line error. Real Stanza pipelines in real processes."""

from __future__ import annotations

import contextlib
import io
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, WMT_SRC, termkit

from termkit.nlp.formats import write_stream
from termkit.sources import read_documents


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


@pytest.mark.slow
def test_two_workers_write_the_same_bytes_as_one_process(parser, models, tmp_path):
    docs = read_documents(str(WMT_SRC))
    one = io.StringIO()
    write_stream(docs, parser.iter_sentences(docs), one, "conllu")  # the session's parser: one process
    out = tmp_path / "two.conllu"
    proc = termkit("parse", WMT_SRC, "--models", models, "--no-cache", "--workers", "2", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == one.getvalue()


def test_tm_build_is_the_same_with_any_number_of_workers(tmp_path):
    pairs = []
    for fr in sorted(SEEDS.glob("*.fr.txt")):
        pairs += [fr, fr.with_name(fr.name.replace(".fr.txt", ".en.txt"))]
    one, two = tmp_path / "one.tmx", tmp_path / "two.tmx"
    assert termkit("tm", "build", *pairs, "-o", one, "--workers", "1").returncode == 0
    assert termkit("tm", "build", *pairs, "-o", two, "--workers", "2").returncode == 0
    strip = lambda p: [line for line in p.read_text(encoding="utf-8").splitlines() if "creationdate" not in line]  # noqa
    assert strip(one) == strip(two)


def test_a_worker_killed_mid_run_fails_the_run_with_one_line_and_no_output(models, tmp_path):
    out = tmp_path / "out.conllu"
    # a subprocess: the point is a worker process killed mid-run, found among the run's own children
    proc = subprocess.Popen([sys.executable, "-m", "termkit", "parse", str(WMT_SRC), "--models", str(models),
                             "--no-cache", "--workers", "2", "-q", "-o", str(out)], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(children(proc.pid)) < 2:
        time.sleep(0.2)
    time.sleep(3)  # the workers are loading or parsing
    workers = children(proc.pid)
    assert workers, "no worker processes started"
    for pid in workers:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"spawn_main" in cmd:
            import os

            os.kill(pid, signal.SIGKILL)
            break
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 2, err
    assert "a parse worker died while parsing" in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob(".out.conllu.*"))


def test_gpu_without_cuda_is_a_one_line_error(models):
    proc = termkit("parse", next(SEEDS.glob("*.fr.txt")), "--models", models, "--gpu")
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("termkit: error: --gpu: PyTorch sees no CUDA device")
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def local_cluster():
    """A real Dask cluster on this machine: a scheduler and two worker processes."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()


@pytest.mark.slow
def test_a_cluster_run_gives_the_same_parse_candidates_and_glossary(local_cluster, parser, models, tmp_path,
                                                                  parse_cache):
    docs = read_documents(str(WMT_SRC))
    one = io.StringIO()
    write_stream(docs, parser.iter_sentences(docs), one, "conllu")
    out = tmp_path / "cluster.conllu"
    proc = termkit("parse", WMT_SRC, "--models", models, "--no-cache", "--cluster", local_cluster, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == one.getvalue()
    seeds = sorted(SEEDS.glob("*.fr.txt"))
    english = [p.with_name(p.name.replace(".fr.txt", ".en.txt")) for p in seeds]
    results = {}
    for label, extra in (("one", ["--workers", "1", "--cache-dir", parse_cache]),
                         ("cluster", ["--cluster", local_cluster, "--no-cache"])):
        cands = termkit("extract", *seeds, "--models", models, "--all", "--format", "json", *extra)
        assert cands.returncode == 0, cands.stderr
        (tmp_path / label).mkdir()  # apart: a build skips the concepts of the glossaries beside it
        glossary = tmp_path / label / "g.tsv"
        built = termkit("glossary", "build", "--fr", *seeds, "--en", *english, "-o", glossary, "--models", models,
                        *extra)
        assert built.returncode == 0, built.stderr
        results[label] = (cands.stdout, glossary.read_bytes())
    assert results["one"] == results["cluster"]


@pytest.mark.slow
def test_an_unreachable_cluster_is_exit_2_within_30_seconds(models, tmp_path):
    t0 = time.monotonic()
    proc = termkit("parse", next(SEEDS.glob("*.fr.txt")), "--models", models, "--no-cache", "--cluster",
                   "tcp://127.0.0.1:9", "-o", tmp_path / "x.conllu")
    assert time.monotonic() - t0 < 30
    assert proc.returncode == 2 and "cannot reach the cluster at tcp://127.0.0.1:9" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.conllu").exists()
