"""The ``termkit`` command line: a thin click layer over the library.

Exit codes: 0 success, 1 findings (checks), 2 usage or input error,
3 internal error (rerun with ``--debug`` for the traceback), 130 interrupted.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from typing import Callable, Iterator

import click

from termkit import __version__
from termkit.errors import TermkitError

MODELS_HELP = (
    "Stanza resources directory with French models. "
    "Default: $TERMKIT_STANZA_DIR, then $STANZA_RESOURCES_DIR, then ~/stanza_resources."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="termkit")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """termkit: French->English terminology and translation memory.

    \b
    Examples:
      termkit parse seeds/*.fr.txt -o seeds.conllu
      termkit parse newstest.fr.sgm --format json -o parsed.json
      termkit extract seeds/*.fr.txt --top 40 --format json
      termkit setup                       # download the French Stanza models (online)
      termkit cache info
    """


def nlp_options(func: Callable) -> Callable:
    """Options shared by the commands that parse French text."""

    @click.option("--models", metavar="DIR", help=MODELS_HELP)
    @click.option("--cache-dir", metavar="DIR", help="Parse cache directory. Default: $TERMKIT_CACHE_DIR or ~/.cache/termkit.")
    @click.option("--no-cache", is_flag=True, help="Neither read nor write the parse cache.")
    @click.option("--gpu", is_flag=True, help="Run Stanza on the GPU (when PyTorch sees one).")
    @click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
    @functools.wraps(func)
    def wrapper(*args, models, cache_dir, no_cache, gpu, quiet, **kwargs):
        from termkit.nlp import Parser, default_cache_dir

        cache = None if no_cache else (cache_dir or default_cache_dir())
        parser = Parser.from_options(models, cache_dir=cache, use_gpu=gpu)
        return func(*args, parser=parser, quiet=quiet, **kwargs)

    return wrapper


@contextlib.contextmanager
def progress_bar(total: int, label: str, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A click progress bar on stderr, or None when quiet, not a TTY, or a single item."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


@contextlib.contextmanager
def open_output(path: str, binary: bool = False) -> Iterator:
    """stdout for ``-``, else an atomic write (nothing half-written on failure)."""
    if path == "-":
        yield click.get_binary_stream("stdout") if binary else click.get_text_stream("stdout")
    else:
        from termkit.fsutil import atomic_write

        with atomic_write(path, "wb" if binary else "w") as fh:
            yield fh


class GreedyOption(click.Option):
    """An option that takes every following value up to the next option: ``--fr a.txt b.txt``."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["multiple"] = True
        super().__init__(*args, **kwargs)

    def add_to_parser(self, parser, ctx):
        result = super().add_to_parser(parser, ctx)
        for name in self.opts:
            opt = parser._long_opt.get(name) or parser._short_opt.get(name)
            if opt is None:
                continue
            original = opt.process

            def process(value, state, original=original):
                original(value, state)
                while state.rargs and not state.rargs[0].startswith("-"):
                    original(state.rargs.pop(0), state)

            opt.process = process
        return result


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--format", "fmt", type=click.Choice(["conllu", "json"]), default="conllu", show_default=True)
@click.option("-o", "--output", default="-", metavar="OUT", help="Output file (default: stdout). Written atomically.")
@nlp_options
def parse(files: tuple[str, ...], fmt: str, output: str, parser, quiet: bool) -> None:
    """Parse French documents: sentences, tokens, lemmas, UPOS, features, NER spans, offsets.

    FILE is UTF-8 text (BOM and CRLF accepted), WMT-style SGML (<doc docid><seg id>),
    or - for stdin. Parses are cached: the same text with the same models is parsed once.

    \b
    Examples:
      termkit parse seeds/*.fr.txt
      termkit parse article.txt --format json -o article.json
      cat article.txt | termkit parse - --models ../shared/models/stanza_resources
    """
    from termkit.nlp.formats import write_parsed
    from termkit.sources import read_all

    docs = read_all(list(files))
    with progress_bar(len(docs), "Parsing", quiet) as update:
        parsed = parser.parse(docs, progress=update)
    with open_output(output) as out:
        write_parsed(parsed, out, fmt, parser.fingerprint if fmt == "json" else None)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-o", "--output", default="-", metavar="OUT", help="Output file (default: stdout). Written atomically.")
@click.option("--format", "fmt", type=click.Choice(["tsv", "json"]), default="tsv", show_default=True)
@click.option("--top", type=click.IntRange(min=1), help="Keep the N best candidates.")
@click.option("--min-freq", type=click.IntRange(min=1), default=1, show_default=True, help="Drop rarer candidates.")
@nlp_options
def extract(files: tuple[str, ...], output: str, fmt: str, top: int | None, min_freq: int, parser, quiet: bool) -> None:
    """Extract ranked term candidates from French documents.

    Names of people, organisations and places (Stanza NER joined with proper-noun runs),
    transliterated names, and technical terms (lemma-based POS patterns, C-value, and
    specificity against general French from wordfreq). Variants are grouped under one
    candidate: inflection, case and accents, hyphenation, spelling/transliteration
    (Kirghizstan / Kirghizistan), acronym and expansion (ONU / Organisation des Nations
    unies), short names (Trump / Donald Trump), elision (l'uranium / uranium).

    \b
    Examples:
      termkit extract seeds/*.fr.txt --top 40
      termkit extract seeds/*.fr.txt --format json -o candidates.json
      termkit extract newstest.fr.sgm --min-freq 2 -o terms.tsv
    """
    from termkit.extract import ExtractOptions, extract_terms
    from termkit.extract.formats import write_candidates
    from termkit.sources import read_all

    docs = read_all(list(files))
    with progress_bar(len(docs), "Parsing", quiet) as update:
        parsed = parser.parse(docs, progress=update)
    cands = extract_terms(parsed, ExtractOptions(top=top, min_freq=min_freq))
    with open_output(output) as out:
        write_candidates(cands, out, fmt)


@cli.command()
@click.argument("src", metavar="SRC")
@click.argument("tgt", metavar="TGT")
@click.option("-o", "--output", default="-", metavar="OUT", help="Output file (default: stdout). Written atomically.")
@click.option("--format", "fmt", type=click.Choice(["tsv", "json", "tmx"]), default="tsv", show_default=True)
def align(src: str, tgt: str, output: str, fmt: str) -> None:
    """Sentence-align a French article (SRC) with its English translation (TGT).

    Gale-Church length model plus anchors (numbers, names, cognates); links 1-1, 1-2, 2-1,
    1-0, 0-1 (and 2-2, 3-1, 1-3). Paragraphs and sentences need not line up.

    \b
    Examples:
      termkit align seeds/c5-summit-trump-central-asia.fr.txt seeds/c5-summit-trump-central-asia.en.txt
      termkit align article.fr.txt article.en.txt --format json -o links.json
      termkit align article.fr.txt article.en.txt --format tmx -o tmx/article.tmx
    """
    from termkit.align import align_texts
    from termkit.align.formats import write_alignment
    from termkit.errors import InputError
    from termkit.sources import read_documents

    fr, en = (_single_document(read_documents(path), path, InputError) for path in (src, tgt))
    fr_units, en_units, links = align_texts(fr.text, en.text)
    with open_output(output, binary=fmt == "tmx") as out:
        write_alignment(fr_units, en_units, links, out, fmt, doc_id=fr.id)


def _single_document(docs, path, error):
    if len(docs) != 1:
        raise error(path, f"holds {len(docs)} documents; align takes one article per file",
                    "split the SGML into one file per <doc>")
    return docs[0]


@cli.group()
def glossary() -> None:
    """Build and maintain FR->EN glossaries (glossaries/NAME.fr-en.tsv)."""


@glossary.command("build")
@click.option("--fr", "fr_files", cls=GreedyOption, required=True, metavar="FILE...", help="French source documents.")
@click.option("--en", "en_files", cls=GreedyOption, metavar="FILE...", help="Their English versions, same order.")
@click.option("-o", "--output", required=True, metavar="GLOSSARY", help="TSV glossary to create or update.")
@click.option("--top", type=click.IntRange(min=1), default=150, show_default=True, help="Candidates considered.")
@click.option("--subject", default="", help="Subject field written on new concepts.")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
@nlp_options
def glossary_build(fr_files, en_files, output, top, subject, as_json, parser, quiet) -> None:
    """Build or update a reviewable FR->EN glossary from French documents and their English versions.

    New concepts are added with status "candidate" and the English found automatically
    (CLDR reference names, identical names, transliteration rules, co-occurrence over aligned
    sentences), with the evidence. An existing glossary is merged, never overwritten: rows
    already there (approved or edited) stay exactly as they are. The write is atomic and
    locked against concurrent builds.

    \b
    Examples:
      termkit glossary build --fr seeds/*.fr.txt --en seeds/*.en.txt -o glossaries/c5.fr-en.tsv
      termkit glossary build --fr news.fr.sgm --en news.en.sgm -o glossaries/news.fr-en.tsv --top 300
    """
    from pathlib import Path

    from termkit.glossary import BuildOptions, Glossary, build_glossary, read_tsv, write_tsv
    from termkit.glossary.build import locked, pair_documents
    from termkit.sources import read_all

    fr_docs = read_all(list(fr_files))
    en_docs = read_all(list(en_files)) if en_files else []
    order = pair_documents(fr_docs, en_docs) if en_docs else []
    with progress_bar(len(fr_docs), "Parsing", quiet) as update:
        parsed = parser.parse(fr_docs, progress=update)
    en_texts = [en_docs[k].text for k in order] if en_docs else None
    with locked(output):
        existing = read_tsv(output) if Path(output).exists() else Glossary(path=output)
        result, report = build_glossary(parsed, en_texts, existing, BuildOptions(top=top, subject=subject))
        write_tsv(result, output)
    if as_json:
        import json

        click.echo(json.dumps({"output": output, "kept": report.kept, "added": report.added, "known": report.known,
                               "with_english": report.with_english, "total": len(result)}))
    else:
        click.echo(f"{output}: {report.kept} kept, {report.added} added ({report.with_english} with English), "
                   f"{report.known} already known; {len(result)} concepts", err=True)


@cli.command()
@click.option("--models", metavar="DIR", help="Where to put the models. " + MODELS_HELP)
def setup(models: str | None) -> None:
    """Download the official French Stanza models (needs network access).

    \b
    Examples:
      termkit setup
      termkit setup --models ~/models/stanza
    """
    from termkit.nlp import download_models

    loc = download_models(models)
    click.echo(f"French Stanza models ready in {loc.path}")


@cli.group()
def cache() -> None:
    """Inspect or clear the parse cache."""


@cache.command("info")
@click.option("--cache-dir", metavar="DIR", help="Default: $TERMKIT_CACHE_DIR or ~/.cache/termkit.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def cache_info_cmd(cache_dir: str | None, as_json: bool) -> None:
    """Show where the parse cache is and how big it is."""
    from termkit.nlp import cache_info, default_cache_dir

    info = cache_info(cache_dir or default_cache_dir())
    if as_json:
        import json

        click.echo(json.dumps({"path": str(info.path), "entries": info.entries, "bytes": info.bytes}))
    else:
        click.echo(f"{info.path}: {info.entries} parsed texts, {info.bytes / 1e6:.1f} MB")


@cache.command("clear")
@click.option("--cache-dir", metavar="DIR", help="Default: $TERMKIT_CACHE_DIR or ~/.cache/termkit.")
def cache_clear_cmd(cache_dir: str | None) -> None:
    """Delete every cached parse."""
    from termkit.nlp import clear_cache, default_cache_dir

    info = clear_cache(cache_dir or default_cache_dir())
    click.echo(f"removed {info.entries} parsed texts from {info.path}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning errors into one line and a meaningful exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        rv = cli.main(args=args, prog_name="termkit", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("termkit: interrupted", err=True)
        sys.exit(130)
    except TermkitError as exc:
        if debug:
            raise
        click.echo(f"termkit: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # a bug: one line unless --debug
        if debug:
            raise
        click.echo(f"termkit: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)", err=True)
        sys.exit(3)
    sys.exit(rv if isinstance(rv, int) else 0)
