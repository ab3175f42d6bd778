"""Model resolution: order, errors that say where termkit looked and how to fix it."""

from __future__ import annotations

import pytest
from conftest import termkit

from termkit.errors import ModelsNotFoundError
from termkit.nlp.models import fingerprint, locate_models, resolve_models


def test_resolution_order(tmp_path, models):
    env = {"TERMKIT_STANZA_DIR": "/a", "STANZA_RESOURCES_DIR": "/b", "HOME": "/home/x"}
    assert locate_models("/opt", env).origin == "--models"
    assert str(locate_models(None, env).path) == "/a"
    assert locate_models(None, {"STANZA_RESOURCES_DIR": "/b"}).origin == "STANZA_RESOURCES_DIR"
    assert str(locate_models(None, {"HOME": "/home/x"}).path) == "/home/x/stanza_resources"
    assert resolve_models(None, {"TERMKIT_STANZA_DIR": str(models)}).path == models


def test_missing_directory_and_incomplete_models(tmp_path, models):
    with pytest.raises(ModelsNotFoundError, match="no such directory"):
        resolve_models(tmp_path / "nowhere")
    partial = tmp_path / "partial"
    (partial / "fr" / "tokenize").mkdir(parents=True)
    (partial / "fr" / "tokenize" / "x.pt").write_bytes(b"0")
    (partial / "resources.json").write_text('{"fr": {}}')
    with pytest.raises(ModelsNotFoundError, match="missing mwt, pos, lemma, ner"):
        resolve_models(partial)
    (partial / "resources.json").write_text('{"de": {}}')
    with pytest.raises(ModelsNotFoundError, match="no 'fr' entry"):
        resolve_models(partial)


def test_cli_without_models_exits_2_with_one_line(tmp_path):
    env = {"TERMKIT_STANZA_DIR": None, "STANZA_RESOURCES_DIR": None, "HOME": str(tmp_path)}  # None: unset
    f = tmp_path / "a.txt"
    f.write_text("Bonjour.", encoding="utf-8")
    proc = termkit("parse", f, env=env)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(tmp_path / "stanza_resources") in lines[0]
    assert "termkit setup" in lines[0] and "--models" in lines[0] and "TERMKIT_STANZA_DIR" in lines[0]
    assert "Traceback" not in proc.stderr


def test_fingerprint_changes_with_model_content(tmp_path, models):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(models, copy)
    assert fingerprint(copy) == fingerprint(models)
    with (copy / "fr" / "lemma").glob("*.pt").__next__().open("ab") as fh:
        fh.write(b"\0")
    assert fingerprint(copy) != fingerprint(models)
