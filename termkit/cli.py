"""The ``termkit`` command line: a thin click layer over the library.

Exit codes: 0 success, 1 findings (checks), 2 usage or input error,
3 internal error (rerun with ``--debug`` for the traceback), 130 interrupted.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from termkit import __version__
from termkit.errors import TermkitError
from termkit.progress import MODES

MODELS_HELP = (
    "Stanza resources directory with French models. "
    "Default: $TERMKIT_STANZA_DIR, then $STANZA_RESOURCES_DIR, then ~/stanza_resources."
)


class TermkitGroup(click.Group):
    """The top command group: a :class:`TermkitError` anywhere below becomes one line on stderr
    and its exit code (2: usage or input error), also when the CLI runs in-process (CliRunner)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TermkitError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"termkit: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=TermkitGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="termkit")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """termkit: French->English terminology and translation memory.

    \b
    Examples:
      termkit parse seeds/*.fr.txt -o seeds.conllu
      termkit parse newstest.fr.sgm --format json -o parsed.json
      termkit extract seeds/*.fr.txt --top 40 --format json
      termkit glossary build --fr seeds/*.fr.txt --en seeds/*.en.txt -o glossaries/c5.fr-en.tsv
      termkit export glossaries/c5-critical-minerals.fr-en.tsv --format tbx2 -o c5.tbx
      termkit import IATE_export.tbx -o glossaries/iate.fr-en.tsv
      termkit tm build seeds/c5-summit-trump-central-asia.{fr,en}.txt -o tmx/c5.tmx
      termkit setup                       # download the French Stanza models (online)
      termkit cache info
    """


def nlp_options(func: Callable | None = None, *, only_with: str | None = None) -> Callable:
    """Options shared by the commands that parse French text. With ``only_with`` (a parameter's
    name), the parser is made only when that option is given (``parser=None`` otherwise): a
    command that parses only on request does not need the models to start."""
    if func is None:
        return functools.partial(nlp_options, only_with=only_with)

    @click.option("--models", metavar="DIR", help=MODELS_HELP)
    @click.option("--cache-dir", metavar="DIR", help="Parse cache directory. Default: $TERMKIT_CACHE_DIR or ~/.cache/termkit.")
    @click.option("--no-cache", is_flag=True, help="Neither read nor write the parse cache.")
    @click.option("--gpu", is_flag=True, help="Run Stanza on the GPU (exit 2 when PyTorch sees no CUDA device).")
    @click.option("--workers", type=click.IntRange(min=1), metavar="N",
                  help="Parse in N worker processes, each with its own Stanza pipeline (default: the machine's "
                       "cores). The output is the same with any N.")
    @click.option("--progress", "progress_mode", type=click.Choice(MODES), default="auto", show_default=True,
                  help="Progress on stderr: auto (a live line on a terminal), text, json (one object per line), none.")
    @click.option("--cluster", metavar="ADDRESS", envvar="TERMKIT_CLUSTER",
                  help="Parse on a running Dask cluster, e.g. tcp://10.0.0.5:8786 (or $TERMKIT_CLUSTER).")
    @click.option("-q", "--quiet", is_flag=True, help="No progress output (same as --progress none).")
    @functools.wraps(func)
    def wrapper(*args, models, cache_dir, no_cache, gpu, workers, cluster, progress_mode, quiet, **kwargs):
        from termkit.nlp import Parser, default_cache_dir
        from termkit.scale import default_workers, stanza_backend

        if only_with and not kwargs.get(only_with):
            return func(*args, parser=None, quiet="none" if quiet else progress_mode, **kwargs)
        cache = None if no_cache else (cache_dir or default_cache_dir())
        parser = Parser.from_options(models, cache_dir=cache, use_gpu=gpu, backend=functools.partial(
            stanza_backend, workers=workers or default_workers(), cluster=cluster, use_gpu=gpu))
        return func(*args, parser=parser, quiet="none" if quiet else progress_mode, **kwargs)

    return wrapper


@contextlib.contextmanager
def progress_bar(total: int, label: str, mode: str | bool) -> Iterator[Callable[..., None] | None]:
    """Progress on stderr (see :mod:`termkit.progress`) over ``total`` characters of work."""
    from termkit.progress import Progress

    with Progress(total, label, "none" if mode is True else ("auto" if mode is False else mode)) as progress:
        yield progress.advance


def total_chars(docs) -> int:
    """The characters of text in ``docs`` (the unit of progress)."""
    return sum(len(d.text) for d in docs)


@contextlib.contextmanager
def open_output(path: str, binary: bool = False) -> Iterator:
    """stdout for ``-``, else an atomic write (nothing half-written on failure)."""
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
    else:
        from termkit.fsutil import atomic_write

        with atomic_write(path, "wb" if binary else "w") as fh:
            yield fh


def report_format(func: Callable) -> Callable:
    """``--format text|json`` for a command's report, with ``--json`` kept as an alias."""

    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                  help="Report as text (stderr) or JSON (stdout).")
    @click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
    @functools.wraps(func)
    def wrapper(*args, fmt, as_json, **kwargs):
        return func(*args, fmt="json" if as_json else fmt, **kwargs)

    return wrapper


class GreedyOption(click.Option):
    """An option that takes every following value up to the next option: ``--fr a.txt b.txt``.
    The values are spread out by :class:`GreedyCommand` before click parses (no private API)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["multiple"] = True
        super().__init__(*args, **kwargs)


class GreedyCommand(click.Command):
    """A command whose :class:`GreedyOption` options take several values: ``--fr a b --en c d``
    is read as ``--fr a --fr b --en c --en d``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        greedy = {name for p in self.params if isinstance(p, GreedyOption) for name in p.opts}
        out: list[str] = []
        current, taken = None, 0
        for arg in args:
            if arg.startswith("-") and arg != "-":
                current, taken = (arg, 0) if arg in greedy else (None, 0)
                out.append(arg)
            elif current is not None:
                out += [current, arg] if taken else [arg]
                taken += 1
            else:
                out.append(arg)
        return super().parse_args(ctx, out)


@cli.command(short_help="Parse French text with Stanza (CoNLL-U or JSON).")
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
    from termkit.nlp.formats import write_stream
    from termkit.sources import read_all

    docs = read_all(list(files))
    with progress_bar(total_chars(docs), "Parsing", quiet) as update, open_output(output) as out:
        write_stream(docs, parser.iter_sentences(docs, progress=update), out, fmt,
                     parser.fingerprint if fmt == "json" else None)


@cli.command(short_help="Extract ranked names and terms from French text.")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-o", "--output", default="-", metavar="OUT", help="Output file (default: stdout). Written atomically.")
@click.option("--format", "fmt", type=click.Choice(["text", "tsv", "json"]),
              help="text: a table for reading; tsv/json: every field. Default: text on a terminal, else tsv.")
@click.option("--top", type=click.IntRange(min=1), help="Keep the N most probable candidates.")
@click.option("--all", "keep_all", is_flag=True, help="Keep every candidate, not only those the ranker keeps.")
@click.option("--min-freq", type=click.IntRange(min=1), default=1, show_default=True, help="Drop rarer candidates.")
@click.option("--ranker", metavar="MODEL",
              help="Ranker model file (default: $TERMKIT_RANKER, else the project model .termkit/ranker.json, "
                   "else the shipped model of --profile).")
@click.option("--profile", type=click.Choice(["news", "specialised"]), default="news", show_default=True,
              help="news: names and terms a news translator fixes; specialised: ACTER-style terms of a technical "
                   "field (wind energy, law).")
@nlp_options
def extract(files: tuple[str, ...], output: str, fmt: str | None, top: int | None, keep_all: bool, min_freq: int,
            ranker: str | None, profile: str, parser, quiet: bool) -> None:
    """Extract names and terms from French documents, ranked by the probability that they
    belong in a glossary.

    Names of people, organisations and places (Stanza NER joined with proper-noun runs,
    whole official names), transliterated names, and technical terms (lemma-based POS
    patterns). A learned ranker (gradient-boosted trees over frequency, termhood against
    general French, nesting, spread, NER votes, shape and context) gives each candidate a
    probability; by default the candidates whose probability reaches the model's threshold
    are kept. Variants are grouped under one candidate: inflection, case and accents,
    hyphenation, transliteration (Kirghizstan / Kirghizistan), acronym and expansion,
    short names (Trump / Donald Trump), elision.

    \b
    Examples:
      termkit extract seeds/*.fr.txt                     # the kept candidates, a table on a terminal
      termkit extract seeds/*.fr.txt --format json -o candidates.json
      termkit extract seeds/*.fr.txt --all -o all.tsv    # every candidate, with its probability
      termkit extract newstest.fr.sgm --top 100 --min-freq 2
      termkit extract wind-turbines.fr.txt --profile specialised
    """
    from termkit.extract import ExtractOptions, extract_from_stream
    from termkit.extract.formats import write_candidates
    from termkit.extract.ranker import choose_model
    from termkit.sources import read_all

    fmt = fmt or ("text" if output == "-" and sys.stdout.isatty() else "tsv")
    choice = choose_model(ranker, profile)
    for note in choice.notes:
        click.echo(f"termkit: {note}", err=True)
    docs = read_all(list(files))
    options = ExtractOptions(top=top, keep_all=keep_all, min_freq=min_freq, ranker=choice.model, profile=profile)
    with progress_bar(total_chars(docs), "Parsing", quiet) as update:
        cands = extract_from_stream(docs, parser.iter_sentences(docs, progress=update), options)
    with open_output(output) as out:
        write_candidates(cands, out, fmt)


@cli.group(short_help="Train the term ranker from annotated texts or reviews.")
def ranker() -> None:
    """The learned ranker that decides which candidates `extract` and `glossary build` keep."""


@ranker.command("train", cls=GreedyCommand, short_help="Train a ranker from annotated texts, a gold table or a team's reviews.")
@click.option("--train", "train_dirs", multiple=True, metavar="DIR",
              help="Annotated folder: texts (texts/*.txt or ACTER's annotated/texts) and a term list "
                   "(terms.tsv, one per line, or ACTER's *_terms_nes.tsv). Repeatable.")
@click.option("--valid", "valid_dir", metavar="DIR", help="Annotated folder on which to choose the threshold.")
@click.option("--gold", "gold_table", metavar="TSV",
              help="A gold table of names and terms per document (columns doc, fr; half to pick one with --half), "
                   "with the documents in --texts (e.g. WMT SGML): one training set per document.")
@click.option("--half", help="With --gold: train on the rows of this half only (e.g. tune).")
@click.option("--glossary", "glossaries", multiple=True, metavar="GLOSSARY",
              help="A reviewed TSV glossary: approved rows are terms, rejected rows are not. Needs --texts. "
                   "Without --train or --gold, adapts the shipped model of --profile into the project model.")
@click.option("--texts", cls=GreedyOption, metavar="FILE...", help="The source texts of --glossary or --gold.")
@click.option("--profile", type=click.Choice(["news", "specialised"]), default="news", show_default=True,
              help="The profile the model is for (recorded in the file; --glossary adapts this profile's model).")
@click.option("-o", "--output", metavar="MODEL",
              help="Model file to write (JSON). Default with --glossary alone: the project model .termkit/ranker.json.")
@click.option("--licence", default="", metavar="TEXT",
              help="Licence of the training data, carried in the model file (a model is derived from its data).")
@report_format
@nlp_options
def ranker_train(train_dirs, valid_dir, gold_table, half, glossaries, texts, profile, output, licence, fmt, parser,
                 quiet) -> None:
    """Train the term ranker (gradient-boosted trees, LightGBM) and choose its thresholds.

    From ACTER-style folders (texts plus the list of their terms), from a gold table of names
    and terms per document, or from a reviewed glossary's decisions with the texts it was built
    from. The F1 threshold (what `extract` keeps) maximises F1 on --valid, else out of fold;
    with a gold table a second, review threshold is chosen out of fold for recall (what
    `glossary build` keeps). With --glossary alone the team's decisions adapt the shipped model
    of --profile into the project model, .termkit/ranker.json, which `extract` and
    `glossary build` then use (and say so). At least 20 approved and 20 rejected decisions.

    \b
    Examples:
      termkit ranker train --glossary glossaries/*.tsv --texts articles/*.fr.txt     # the project model
      termkit ranker train --gold bench/data/news_gold.tsv --half tune --texts newstest.fr.sgm --profile news \\
          -o termkit/extract/models/ranker-news.json
      termkit ranker train --train acter/fr/corp --train acter/fr/wind --valid acter/fr/equi --profile specialised \\
          -o termkit/extract/models/ranker-specialised.json
    """
    import json

    from termkit.extract.ranker import PROJECT_MODEL
    from termkit.extract.training import Source, acter_folder, train_from_gold_table, train_from_sources
    from termkit.glossary.decisions import glossary_decisions
    from termkit.glossary.learn import adapt_project_ranker

    if not train_dirs and not glossaries and not gold_table:
        raise click.UsageError("give --train DIR, --gold TSV --texts FILE..., or --glossary GLOSSARY --texts FILE...")
    if (glossaries or gold_table) and not texts:
        raise click.UsageError("--glossary and --gold need the texts they were made from: --texts FILE...")
    adapting = bool(glossaries) and not train_dirs and not gold_table
    output = output or (PROJECT_MODEL if adapting else None)
    if not output:
        raise click.UsageError("give the model file to write: -o MODEL")
    sources = [Source(Path(d).name, *acter_folder(d)) for d in train_dirs]
    if not adapting:
        sources += [Source(g, list(texts), *glossary_decisions(g)) for g in glossaries]
    valid = Source(Path(valid_dir).name, *acter_folder(valid_dir)) if valid_dir else None
    all_texts = [t for s in [*sources, *([valid] if valid else [])] for t in s.texts]
    all_texts += list(texts) if gold_table else list(texts) * len(glossaries) if adapting else []  # once a glossary
    with progress_bar(sum(Path(t).stat().st_size for t in all_texts), "Parsing", quiet) as update:
        if adapting:  # the project model, as the review page trains it
            model = adapt_project_ranker(glossaries, texts, parser, profile, update)
        elif gold_table:
            model = train_from_gold_table(gold_table, list(texts), parser, half, {"profile": profile}, update)
        else:
            model = train_from_sources(sources, valid, parser, update)
    model.meta.setdefault("profile", profile)
    if licence:
        model.meta["licence"] = licence
    model.save(output)
    summary = {"output": output, "threshold": model.threshold, **model.meta}
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, default=str))
    else:
        click.echo(f"{output}: {len(model.trees)} trees over {len(model.feature_names)} features, threshold "
                   f"{model.threshold} (chosen on {model.meta['threshold_chosen_on']}); "
                   f"{model.meta['positives']} positives, {model.meta['negatives']} negatives", err=True)


@cli.group(short_help="Train the confidence model of English equivalents.")
def equivalents() -> None:
    """The confidence model that decides whether `glossary build` proposes an English or abstains."""


@equivalents.command("train", cls=GreedyCommand, short_help="Train the equivalents model from a gold table or reviews.")
@click.option("--gold", "gold_tables", multiple=True, metavar="TSV",
              help="A gold table of concepts with their English (columns doc, fr, en, kind; | between right "
                   "forms; half to pick one with --half): one training set over the documents it names. Repeatable.")
@click.option("--half", help="With --gold: the rows of this half only (e.g. tune).")
@click.option("--glossary", "glossaries", multiple=True, metavar="GLOSSARY",
              help="A reviewed TSV glossary: approved English (and its variants) is right, any other option wrong. "
                   "Its articles are the --fr/--en documents no gold table names. Repeatable.")
@click.option("--fr", "fr_files", cls=GreedyOption, required=True, metavar="FILE...", help="French documents.")
@click.option("--en", "en_files", cls=GreedyOption, required=True, metavar="FILE...",
              help="Their English versions (paired by id, else by order).")
@click.option("-o", "--output", metavar="MODEL",
              help="Model file to write (JSON). Default: the project model .termkit/equivalents.json, which "
                   "`glossary build` then uses (and says so).")
@click.option("--precision", type=click.FloatRange(0.5, 1.0), default=0.97, show_default=True,
              help="Precision the abstention thresholds aim at (out of document).")
@report_format
@nlp_options
def equivalents_train(gold_tables, half, glossaries, fr_files, en_files, output, precision, fmt, parser,
                      quiet) -> None:
    """Train the confidence model of English equivalents and choose its abstention thresholds.

    Every English option the finder gives a known concept is labelled right or wrong, from a
    gold table or from a team's reviewed glossaries (approved English is right; English a
    reviewer edited away or forbade is wrong). A logistic model is fitted on the options'
    features, and the thresholds (names, terms) are chosen out of document for --precision.
    At least 20 right and 20 wrong options, else exit 2.

    \b
    Examples:
      termkit equivalents train --glossary glossaries/*.tsv --fr articles/*.fr.txt --en articles/*.en.txt
      termkit equivalents train --gold bench/data/equiv_gold.tsv --half tune \\
          --glossary glossaries/c5-critical-minerals.fr-en.tsv \\
          --fr newstest2014-dev-fren-src.fr.sgm seeds/*.fr.txt --en newstest2014-dev-fren-ref.en.sgm seeds/*.en.txt \\
          -o termkit/glossary/models/equivalents.json
    """
    import json

    from termkit.glossary.equivalents.training import PROJECT_MODEL, train_from_sets, training_sets
    from termkit.glossary.learn import equivalents_summary, write_equivalents
    from termkit.sources import read_all

    if half and not gold_tables:
        raise click.UsageError("--half picks rows of a --gold table: give --gold TSV")
    fr_groups, en_docs = [read_all([f]) for f in fr_files], read_all(list(en_files))
    output = output or PROJECT_MODEL
    with progress_bar(sum(total_chars(g) for g in fr_groups), "Parsing", quiet) as update:
        sets = training_sets(fr_groups, en_docs, parser, gold_tables, half, glossaries, update)
    model = train_from_sets(sets, precision=precision, notes={"command": " ".join(["termkit", *sys.argv[1:]])})
    write_equivalents(model, output)
    summary = equivalents_summary(model, output)
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False))
    else:
        click.echo(f"{output}: thresholds {model.threshold} (names), {model.term_threshold} (terms); "
                   f"{summary['options']} options of {summary['concepts']} concepts, {summary['right_options']} right "
                   f"({summary['trained_on']})", err=True)


@cli.command(short_help="Sentence-align a French article with its English version.")
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


@cli.group(short_help="Build and maintain FR->EN glossaries.")
def glossary() -> None:
    """Build and maintain FR->EN glossaries (glossaries/NAME.fr-en.tsv)."""


@glossary.command("build", cls=GreedyCommand, short_help="Build or update a glossary from French and English articles.")
@click.option("--fr", "fr_files", cls=GreedyOption, required=True, metavar="FILE...", help="French source documents.")
@click.option("--en", "en_files", cls=GreedyOption, metavar="FILE...", help="Their English versions, same order.")
@click.option("-o", "--output", required=True, metavar="GLOSSARY", help="TSV glossary to create or update.")
@click.option("--top", type=click.IntRange(min=1),
              help="Consider the N most probable candidates (default: those the ranker keeps, as extract does).")
@click.option("--ranker", metavar="MODEL",
              help="Ranker model file (default: $TERMKIT_RANKER, else the project model .termkit/ranker.json, "
                   "else the shipped model of --profile).")
@click.option("--profile", type=click.Choice(["news", "specialised"]), default="news", show_default=True,
              help="news: names and terms a news translator fixes; specialised: ACTER-style terms of a technical field.")
@click.option("--subject", default="", help="Subject field written on new concepts.")
@click.option("-g", "--glossary", "other_files", multiple=True, metavar="FILE",
              help="Another glossary (TSV, TBX, CSV) whose concepts are not proposed again. Repeatable; "
                   "every TSV under ./glossaries and beside -o is read anyway.")
@click.option("--reference", "references", multiple=True, metavar="FILE",
              help="A reference termbase (TBX, TSV, CSV: an IATE export, a client's termbase): a candidate found "
                   "there takes its English and forbidden forms. Repeatable.")
@report_format
@nlp_options
def glossary_build(fr_files, en_files, output, top, ranker, profile, subject, other_files, references, fmt, parser,
                   quiet) -> None:
    """Build or update a reviewable FR->EN glossary from French documents and their English versions.

    New concepts are added with status "candidate", the English found automatically (word
    alignment of the aligned sentences, co-occurrence, identical names, CLDR reference names,
    transliteration rules), a confidence (0-1) and the evidence. Below the confidence
    threshold the English stays empty and en_suggestions ranks up to three options for the
    reviewer. Concepts already in the project's other glossaries (every TSV under ./glossaries
    and beside -o, plus -g files) are not proposed again. An existing glossary is merged,
    never overwritten: rows already there (approved or edited) stay exactly as they are. The
    write is atomic and locked against concurrent builds.

    Exit 2, with nothing written, when an English file is French (--fr and --en swapped). An
    English file unrelated to its French gives a warning naming the pair, and nothing is
    learnt from it.

    \b
    Examples:
      termkit glossary build --fr seeds/*.fr.txt --en seeds/*.en.txt -o glossaries/c5.fr-en.tsv
      termkit glossary build --fr news.fr.sgm --en news.en.sgm -o glossaries/news.fr-en.tsv --top 300
      termkit glossary build --fr a.fr.txt --en a.en.txt -o glossaries/new.fr-en.tsv -g client.tbx
      termkit glossary build --fr new-article.fr.txt -o glossaries/new.fr-en.tsv --reference IATE_export.tbx
    """
    import json

    from termkit.extract.ranker import choose_model
    from termkit.glossary.build import BuildOptions, build_into, project_glossaries
    from termkit.glossary.equivalents.training import project_model
    from termkit.glossary.termbase import check_reference
    from termkit.sources import read_all

    choice = choose_model(ranker, profile)
    for note in choice.notes:
        click.echo(f"termkit: {note}", err=True)
    for path in references:  # before the parse: a reference without French fails at once
        check_reference(path)
    fr_docs = read_all(list(fr_files))
    en_docs = read_all(list(en_files)) if en_files else []
    project_equivalents = project_model()
    if project_equivalents:
        click.echo(f"termkit: English confidence from the project model {project_equivalents} "
                   "(termkit equivalents train)", err=True)
    options = BuildOptions(top=top, subject=subject, ranker=choice.model, profile=profile,
                           equivalents_model=project_equivalents,
                           other_glossaries=[g for g in project_glossaries(output, other_files)
                                             if Path(g).resolve() not in {Path(r).resolve() for r in references}],
                           references=references)
    with progress_bar(total_chars(fr_docs), "Parsing", quiet) as update:
        total, report = build_into(output, fr_docs, en_docs, parser, options, update)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if fmt == "json":
        click.echo(json.dumps({"output": output, **report.to_dict(), "total": total}, ensure_ascii=False))
    else:
        click.echo(f"{output}: {report.kept} kept, {report.added} added ({report.with_english} with English"
                   + (f", {report.from_references} from references" if references else "")
                   + f"), {report.known} already known, {report.elsewhere} in other glossaries; {total} concepts",
                   err=True)
        from termkit.safetext import for_terminal

        for k in report.known_elsewhere[:10]:
            click.echo(for_terminal(f"  known: {k['fr']} -> {k['en'] or '(no English)'} [{k['status']}] "
                                    f"{k['source']}"), err=True)
        if len(report.known_elsewhere) > 10:
            click.echo(f"  ... {len(report.known_elsewhere) - 10} more known concepts (see --format json)", err=True)
        for c in report.reference_conflicts[:20]:
            click.echo(for_terminal(f"  reference conflict: {c['fr']}: " + " / ".join(
                f"{e} ({s})" for e, s in zip(c["english"], c["sources"]))), err=True)
        _echo_merge_details(report)


def _echo_merge_details(report) -> None:
    from termkit.safetext import for_terminal

    for c in report.conflicts[:20]:
        click.echo(for_terminal(f"  conflict: {c.format()}"), err=True)
    if len(report.conflicts) > 20:
        click.echo(f"  ... {len(report.conflicts) - 20} more conflicts (see --format json)", err=True)
    for a, b in report.renamed[:20]:
        click.echo(for_terminal(f"  renamed id: {a} -> {b} (taken already)"), err=True)
    if len(report.renamed) > 20:
        click.echo(f"  ... {len(report.renamed) - 20} more renamed ids (see --format json)", err=True)


@glossary.command("approve", short_help="Approve concepts by id.")
@click.argument("glossary_path", metavar="GLOSSARY")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
def glossary_approve(glossary_path: str, ids: tuple[str, ...]) -> None:
    """Mark concepts approved (the TSV is rewritten atomically; other rows keep their bytes).

    \b
    Examples:
      termkit glossary approve glossaries/c5.fr-en.tsv terres-rares minerais-essentiels
    """
    from termkit.review import approve

    for change in approve(glossary_path, list(ids)):
        click.echo(f"{change.id}: {change.before.get('status', 'approved')} -> approved", err=True)


@glossary.command("reject", short_help="Reject concepts by id (never proposed again).")
@click.argument("glossary_path", metavar="GLOSSARY")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
def glossary_reject(glossary_path: str, ids: tuple[str, ...]) -> None:
    """Mark concepts rejected: they stay in the file, so `glossary build` never proposes their
    French forms again, and `termkit ranker train --glossary` learns from them.

    \b
    Examples:
      termkit glossary reject glossaries/c5.fr-en.tsv moitie-de-l-uranium-mondial
    """
    from termkit.review import reject

    for change in reject(glossary_path, list(ids)):
        click.echo(f"{change.id}: {change.before.get('status', 'rejected')} -> rejected", err=True)


@glossary.command("set", short_help="Edit one concept: English, French, variants, forbidden forms, type, note...")
@click.argument("glossary_path", metavar="GLOSSARY")
@click.argument("concept_id", metavar="ID")
@click.option("--en", help="The preferred English term (the old one stays an admitted variant).")
@click.option("--fr", help="The French canonical form (the old one stays a French variant).")
@click.option("--add-variant", multiple=True, metavar="FORM", help="Admit an English variant. Repeatable.")
@click.option("--remove-variant", multiple=True, metavar="FORM", help="Drop an English or French variant. Repeatable.")
@click.option("--forbid", multiple=True, metavar="FORM", help="Mark an English form forbidden. Repeatable.")
@click.option("--type", "ctype", type=click.Choice(["PER", "ORG", "LOC", "MISC", "TERM"], case_sensitive=False),
              help="The concept's type.")
@click.option("--pos", help="Part of speech (noun, properNoun, adjective, verb, adverb, other).")
@click.option("--subject", help="Subject field.")
@click.option("--definition", help="Replace the definition.")
@click.option("--note", help="Replace the note.")
@click.option("--status", type=click.Choice(["candidate", "approved", "rejected"]))
@click.option("--merge-into", metavar="ID", help="Merge this concept into another: its forms become the other's variants.")
@click.option("--split-off", metavar="FORM", help="Make one of its French variants a concept of its own.")
@report_format
def glossary_set(glossary_path, concept_id, en, fr, add_variant, remove_variant, forbid, ctype, pos, subject,
                 definition, note, status, merge_into, split_off, fmt) -> None:
    """Edit one concept of a TSV glossary: atomically, all or nothing, other rows untouched.
    The same rules as the review page: a form is one line and one term (no ' | ').

    \b
    Examples:
      termkit glossary set glossaries/c5.fr-en.tsv kazakhstan --forbid Kazakstan --note "CLDR form"
      termkit glossary set glossaries/c5.fr-en.tsv route-de-la-soie --en "Silk Road" --status approved
      termkit glossary set glossaries/c5.fr-en.tsv tau-ken-samruk --type ORG
      termkit glossary set glossaries/c5.fr-en.tsv kirghizstan --merge-into kirghizistan
    """
    import json

    from termkit.review import set_fields

    changes = set_fields(glossary_path, concept_id, en, add_variant, remove_variant, forbid, note, status, fr=fr,
                         type=ctype, pos=pos, subject=subject, definition=definition, merge=merge_into,
                         split=split_off)
    if fmt == "json":
        click.echo(json.dumps([{"id": c.id, "before": c.before, "after": c.after} for c in changes],
                              ensure_ascii=False))
        return
    from termkit.safetext import for_terminal

    for change in changes:
        for key in change.after:
            click.echo(for_terminal(f"{change.id}: {key}: {change.before.get(key)!r} -> {change.after[key]!r}"),
                       err=True)


@glossary.command("stats", short_help="Counts by status and type.")
@click.argument("glossary_path", metavar="GLOSSARY")
@report_format
def glossary_stats(glossary_path: str, fmt: str) -> None:
    """Count a glossary's concepts by status and type, and how many are reviewed.

    \b
    Examples:
      termkit glossary stats glossaries/c5-critical-minerals.fr-en.tsv --format json
    """
    import dataclasses
    import json

    from termkit.review import stats

    result = stats(glossary_path)
    click.echo(json.dumps(dataclasses.asdict(result)) if fmt == "json" else result.format())


@glossary.command("merge", short_help="Merge two glossaries into a third, conflicts listed.")
@click.argument("first", metavar="A.tsv")
@click.argument("second", metavar="B.tsv")
@click.option("-o", "--output", required=True, metavar="C.tsv", help="The merged glossary (written atomically).")
@report_format
def glossary_merge(first: str, second: str, output: str, fmt: str) -> None:
    """Merge B into A as C: every concept of A, then those of B whose French A lacks. A French
    term in both with another English is a conflict: listed, A's kept, nothing dropped silently.

    \b
    Examples:
      termkit glossary merge glossaries/a.fr-en.tsv glossaries/b.fr-en.tsv -o glossaries/ab.fr-en.tsv
    """
    import json

    from termkit.review import merge_files

    report = merge_files(first, second, output)
    if fmt == "json":
        click.echo(json.dumps({"output": output, **report.to_dict()}, ensure_ascii=False))
    else:
        click.echo(f"{output}: {report.kept} from {first}, {report.added} added from {second}, {report.known} "
                   f"already there; {len(report.conflicts)} conflicts", err=True)
        _echo_merge_details(report)


@cli.group(short_help="The offline FR->EN word lexicon behind French-only term suggestions.")
def lexicon() -> None:
    """The offline FR->EN word lexicon (termkit/data/lexicon.fr-en.tsv) from which French-only
    glossary builds suggest English for terms."""


@lexicon.command("build", short_help="Build the FR->EN word lexicon from FreeDict, USE neighbours and cognates.")
@click.option("-o", "--output", default="termkit/data/lexicon.fr-en.tsv", show_default=True, metavar="TSV",
              help="The lexicon file to write (atomically).")
@click.option("--fr-words", type=click.IntRange(min=100), default=50_000, show_default=True,
              help="wordfreq's most frequent French words to find English neighbours for.")
@click.option("--en-words", type=click.IntRange(min=100), default=40_000, show_default=True,
              help="wordfreq's most frequent English words to search.")
@click.option("--source", "sources", multiple=True, type=click.Choice(["freedict", "use", "cognate"]),
              help="Use only these sources (default: all three).")
@click.option("--freedict", default="/usr/share/dictd/freedict-fra-eng", show_default=True, metavar="BASE",
              help="FreeDict fra-eng dictionary: BASE.index and BASE.dict.dz (Debian dict-freedict-fra-eng).")
def lexicon_build(output: str, fr_words: int, en_words: int, sources: tuple[str, ...], freedict: str) -> None:
    """Build the FR->EN word lexicon: FreeDict fra-eng (GPL), multilingual USE nearest neighbours
    between wordfreq's French and English vocabularies, and cognates. A few minutes on 2 cores.

    \b
    Example:
      apt-get install dict-freedict-fra-eng
      termkit lexicon build -o termkit/data/lexicon.fr-en.tsv
    """
    from termkit.glossary.lexicon import SOURCES, build_lexicon

    report = build_lexicon(output, fr_words, en_words, sources or SOURCES, Path(freedict))
    found = ", ".join(f"{name} {n}" for name, n in report.by_source.items())
    click.echo(f"{output}: {report.rows} rows for {report.french_words} French words ({found} pairs), "
               f"{report.seconds:.0f} s", err=True)


@cli.command(cls=GreedyCommand, short_help="Review a glossary in a local web page.")
@click.argument("glossary_path", metavar="GLOSSARY.tsv")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback has no authentication: a warning says so.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0: any free port.")
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@click.option("--texts", cls=GreedyOption, metavar="FILE...",
              help="The French texts the glossary was built from: the page can then train the project ranker "
                   "(.termkit/ranker.json) from the reviews, as `termkit ranker train --glossary` does.")
@click.option("--en", "en_texts", cls=GreedyOption, metavar="FILE...",
              help="With --texts: their English versions; the page then also trains the project equivalents "
                   "model (.termkit/equivalents.json).")
@nlp_options(only_with="texts")
def review(glossary_path: str, host: str, port: int, no_browser: bool, texts: tuple[str, ...] | None,
           en_texts: tuple[str, ...] | None, parser, quiet) -> None:
    """Review a TSV glossary in a local web page: approve, reject, edit the English, add or
    remove variants, forbid forms, write notes; keyboard j/k, a, r, e, u.

    Every change is written at once, atomically, under the glossary's lock, and touches only
    its row. Two tabs or a build at the same time never lose a change: a stale edit is refused
    and the page shows the row as it now is. With --texts, a "Learn from these reviews" button
    trains the project models (in .termkit/ of the folder the server runs in) from the decisions.

    \b
    Examples:
      termkit review glossaries/c5-critical-minerals.fr-en.tsv
      termkit review glossaries/news.fr-en.tsv --port 0 --no-browser
      termkit review glossaries/c5-critical-minerals.fr-en.tsv --texts seeds/*.fr.txt --en seeds/*.en.txt
    """
    from termkit.glossary.learn import LearnSetup
    from termkit.review.server import serve

    if en_texts and not texts:
        raise click.UsageError("--en goes with --texts: give the French texts too")
    learn = LearnSetup(list(texts), parser, list(en_texts or ())) if texts else None
    serve(glossary_path, host, port, not no_browser, echo=lambda m: click.echo(m, err=True), learn=learn)


@cli.command("export", short_help="Export a glossary as TBX v3, TBX v2 or CSV for CAT tools.")
@click.argument("glossary_path", metavar="GLOSSARY")
@click.option("--format", "--to", "fmt", type=click.Choice(["tbx", "tbx2", "csv", "tsv"]), required=True,
              help="tbx: TBX v3 TBX-Basic; tbx2: TBX v2 TBX-Basic (OmegaT, MultiTerm, memoQ); csv: memoQ/Phrase.")
@click.option("-o", "--output", default="-", metavar="OUT", help="File to write (atomically). Default: stdout.")
@click.option("--locale", "locales", multiple=True, metavar="CODE",
              help="Language code to write, e.g. --locale fr-FR --locale en-GB (default: fr, en).")
@click.option("--cat-tool", type=click.Choice(["omegat", "multiterm", "memoq", "phrase"]), default="omegat",
              show_default=True,
              help="tbx2: the CAT tool that reads the file. OmegaT ignores administrativeStatus, so forbidden English "
                   "forms go into a note there instead of being offered as translations.")
@click.option("--numeric-ids", is_flag=True, help="tbx2: entry ids c1, c2, ... as MultiTerm numbers them.")
@click.option("--include-candidates", is_flag=True,
              help="Also export concepts still under review, marked as candidates (never rejected ones).")
def export_cmd(glossary_path: str, fmt: str, output: str, locales: tuple[str, ...], cat_tool: str,
               numeric_ids: bool, include_candidates: bool) -> None:
    """Export a glossary (TSV, TBX, CSV) as TBX v3, TBX v2 or CSV for CAT tools.

    Only approved concepts go out, unless --include-candidates (each then marked
    `termkit-status: candidate` in TBX, in the status column in CSV). Rejected ones never do.

    \b
    Examples:
      termkit export glossaries/c5-critical-minerals.fr-en.tsv --format tbx -o c5.tbx
      termkit export glossaries/c5-critical-minerals.fr-en.tsv --format tbx2 --locale fr-FR --locale en-US -o c5.tbx
      termkit export glossaries/c5-critical-minerals.fr-en.tsv --format tbx2 --cat-tool multiterm --numeric-ids -o mt.tbx
      termkit export glossaries/c5-critical-minerals.fr-en.tsv --format csv | head
    """
    import itertools

    from termkit.glossary.formats import FormatOptions, get_format, iter_concepts

    options = FormatOptions.with_locales(locales, numeric_ids=numeric_ids, cat_tool=cat_tool)
    allowed = {"approved", "candidate"} if include_candidates else {"approved"}
    wanted = (c for c in iter_concepts(glossary_path) if c.status in allowed)
    first = next(wanted, None)  # a file that cannot be read fails before anything is written, also to stdout
    concepts = itertools.chain([first] if first else [], wanted)
    with open_output(output, binary=True) as out:
        get_format(fmt).write(concepts, out, options)


@cli.command("import", short_help="Import a termbase (TBX, CSV, TMX) into a TSV glossary.")
@click.argument("source", metavar="FILE")
@click.option("-o", "--output", required=True, metavar="GLOSSARY", help="TSV glossary to create or merge into.")
@click.option("--from", "input_format", type=click.Choice(["tbx", "tbx2", "csv", "tmx", "tsv"]),
              help="Format of FILE (default: from its extension and root element).")
@click.option("--replace", is_flag=True, help="Overwrite GLOSSARY instead of merging into it.")
@report_format
def import_cmd(source: str, output: str, input_format: str | None, replace: bool, fmt: str) -> None:
    """Import a termbase (TBX v2/v3 incl. IATE, CSV, TMX) into a termkit TSV glossary.

    French and English are kept (any regional code: fr-FR, en-GB); entries without a
    French term are skipped, and so are TMX units longer than a term. Large files stream:
    memory stays bounded. Imported concepts are "approved" (a TMX gives "candidate" pairs
    to review). An existing GLOSSARY is merged into, never overwritten (unless --replace):
    its rows stay as they are, new concepts are appended, a French term already there with
    another English is reported as a conflict, and renamed ids are reported.

    \b
    Examples:
      termkit import IATE_export.tbx -o glossaries/iate.fr-en.tsv
      termkit import client-termbase.csv -o glossaries/client.fr-en.tsv --format json
      termkit import tmx/c5-summit-trump-central-asia.tmx -o glossaries/c5-tm.fr-en.tsv
    """
    import json

    from termkit.fsutil import locked
    from termkit.glossary.formats import import_glossary

    with locked(output):
        report = import_glossary(source, output, input_format, replace=replace)
    if fmt == "json":
        click.echo(json.dumps({"output": output, **report.to_dict()}, ensure_ascii=False))
    else:
        skipped = f", {report.known} already there" if report.known else ""
        long = f", {report.skipped_long} units longer than a term skipped" if report.skipped_long else ""
        click.echo(f"{output}: {report.added} concepts {'written' if replace else 'added'} "
                   f"({report.with_english} with English){skipped}{long}; "
                   f"{len(report.conflicts)} conflicts, {len(report.renamed)} renamed ids", err=True)
        _echo_merge_details(report)


@cli.group(short_help="Translation memory (TMX) from aligned articles.")
def tm() -> None:
    """Translation memory (TMX) from aligned FR/EN articles."""


@tm.command("build")
@click.argument("files", nargs=-1, required=True, metavar="SRC TGT...")
@click.option("-o", "--output", required=True, metavar="TMX", help="TMX file to write (atomically), e.g. tmx/NAME.tmx.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Align article pairs in N processes (default: the machine's cores); same output with any N.")
@report_format
def tm_build(files: tuple[str, ...], output: str, quiet: bool, workers: int | None, fmt: str) -> None:
    """Build a TMX 1.4b translation memory from French articles and their English versions.

    Files come in pairs, SRC TGT [SRC TGT ...]: plain texts are sentence-aligned; WMT
    SGML pairs (same docids and seg ids) give one unit per segment. Each unit notes its
    document and segment or sentence numbers.

    \b
    Examples:
      termkit tm build seeds/c5-summit-trump-central-asia.fr.txt seeds/c5-summit-trump-central-asia.en.txt -o tmx/c5.tmx
      termkit tm build newstest2014-fren-src.fr.sgm newstest2014-fren-ref.en.sgm -o tmx/newstest.tmx
    """
    from termkit.align.memory import build_tm, pair_files
    from termkit.scale import default_workers
    from termkit.tm import write_tmx

    pairs = pair_files(list(files))
    with progress_bar(sum(len(fr.text) for fr, _ in pairs), "Aligning", quiet) as update:
        units = build_tm(pairs, progress=update, workers=workers or default_workers())
    write_tmx(units, output)
    if fmt == "json":
        import json

        click.echo(json.dumps({"output": output, "units": len(units), "pairs": len(pairs)}))
    else:
        click.echo(f"{output}: {len(units)} translation units from {len(pairs)} article pair(s)", err=True)


@cli.command(short_help="Look a term up in the glossaries, French or English.")
@click.argument("query", required=False)
@click.option("-g", "--glossary", "glossaries", multiple=True, metavar="FILE",
              help="Glossary to search besides those under glossaries/ (TSV, TBX v2/v3, CSV). Repeatable.")
@click.option("--lang", "lang", type=click.Choice(["fr", "en", "auto"]), default="auto", show_default=True,
              help="Language of the query.")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True, help="Most concepts shown.")
@click.option("--include-candidates", is_flag=True, help="Also show concepts still under review, marked CANDIDATE.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--cache-dir", metavar="DIR", help="Where indexes go. Default: $TERMKIT_CACHE_DIR or ~/.cache/termkit.")
def lookup(query: str | None, glossaries: tuple[str, ...], lang: str, limit: int, include_candidates: bool,
           fmt: str, cache_dir: str | None) -> None:
    """Look a term up in the project's glossaries: French or English, any form.

    Finds preferred terms, variants, acronyms and forbidden forms, inflected (terre rare),
    without accents or case (kirghizistan), with typos (Kirgizistan) and by prefix. The
    first call indexes each glossary (SQLite, refreshed when the file changes).
    Without QUERY, reads one query per line from stdin (interactive or piped; JSON
    output is then one object per line). Exit 1 when a single QUERY finds nothing; exit 2
    when a line of stdin is not UTF-8 (that line is skipped, the others answered).

    \b
    Examples:
      termkit lookup Kirghizistan
      termkit lookup "terre rare" --format json
      termkit lookup EXIM --lang en
      termkit lookup kirgiz -g ~/termbases/iate.tbx --limit 10
      printf 'Tokaïev\\nterres rares\\n' | termkit lookup --format json
    """
    import json

    from termkit.lookup import Lookup, default_glossaries, format_result, format_suggestions
    from termkit.safetext import for_terminal

    files = default_glossaries() + list(glossaries)
    if not files:
        raise click.UsageError("no glossaries: run inside a project with glossaries/, or pass --glossary FILE")
    finder = Lookup(files, cache_dir, include_candidates=include_candidates)
    color = fmt == "text" and sys.stdout.isatty()

    def answer(q: str) -> int:
        language = None if lang == "auto" else lang
        results = finder.find(q, language, limit)
        nearest = [] if results else finder.suggest(q, language)
        if fmt == "json":
            click.echo(json.dumps({"query": q, "results": [r.to_dict() for r in results],
                                   "suggestions": [r.to_dict() for r in nearest]}, ensure_ascii=False,
                                  indent=None if query is None else 1))
        elif results:
            click.echo("\n".join(format_result(r, click.style if color else (lambda t, **_: t)) for r in results))
        elif nearest:
            click.echo(format_suggestions(q, nearest))
        else:
            click.echo(f"{for_terminal(q)}: not found in {len(files)} glossar{'y' if len(files) == 1 else 'ies'}")
        return 0 if results else 1

    if query is not None:
        sys.exit(answer(query))
    interactive = sys.stdin.isatty()
    bad, number = 0, 0
    while True:
        if interactive:
            click.echo("lookup> ", nl=False, err=True)
        raw = sys.stdin.buffer.readline()
        if not raw:
            break
        number += 1
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            bad += 1
            click.echo(f"termkit: error: <stdin>:{number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); skipped "
                       "(convert the input to UTF-8, e.g. iconv -f cp1252 -t utf-8)", err=True)
            continue
        if line.strip():
            answer(line.strip())
            sys.stdout.flush()
    if bad:
        sys.exit(2)


@cli.command(short_help="Check translations: terms, names, numbers, consistency.")
@click.argument("files", nargs=-1, required=True, metavar="SRC TGT... | BILINGUAL...")
@click.option("-g", "--glossary", "glossaries", multiple=True, metavar="FILE",
              help="Glossary (TSV, TBX, CSV); repeatable. Default: every file under glossaries/.")
@click.option("--reference", "references", multiple=True, metavar="FILE",
              help="Reference translation, one per translation file: adds BLEU, chrF and TER (sacrebleu).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "sarif", "html", "xlsx"]), default="text",
              show_default=True, help="html: one self-contained page; xlsx: a spreadsheet (needs termkit[report]). "
                                      "Both need -o FILE.")
@click.option("-o", "--output", default="-", metavar="OUT", help="Report file (default: stdout). Written atomically.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding reaches this severity (with --compare: a new finding).")
@click.option("--compare", "compare_with", metavar="OLD.json",
              help="A previous --format json report: count the findings new, fixed and unchanged since (on stderr, "
                   "and in json/html/xlsx); only new findings fail.")
@click.option("--include-candidates", is_flag=True,
              help="Also check concepts still under review: their findings are info at most, never failing a build.")
@nlp_options
def check(files, glossaries, references, fmt, output, fail_on, compare_with, include_candidates, parser, quiet) -> None:
    """Check translated articles: terminology, forbidden forms, names, consistency, numbers.

    Inputs: French source and English translation as SRC TGT pairs (plain text, aligned
    here, or WMT SGML with the same docids), or bilingual TMX/XLIFF/PO files. Only
    approved glossary concepts are enforced. Exit 0 clean, 1 findings at or above
    --fail-on, 2 usage or input error.

    \b
    Examples:
      termkit check seeds/c5-summit-trump-central-asia.fr.txt seeds/c5-summit-trump-central-asia.en.txt
      termkit check article.fr.txt article.en.txt --format sarif -o termkit.sarif
      termkit check src.fr.sgm mt.en.sgm --reference ref.en.sgm --format json
      termkit check job.xlf -g glossaries/client.tbx --fail-on warning --format junit -o report.xml
      termkit check article.fr.txt article.en.txt --format html -o report.html
      termkit check article.fr.txt article.en.txt --format json --compare main.json -o pr.json
    """
    from termkit.check import read_inputs, run_checks, score_against
    from termkit.check.compare import compare_findings, load_json_report
    from termkit.check.model import severity_rank
    from termkit.check.report import BINARY_FORMATS, FILE_FORMATS, write_report
    from termkit.glossary.formats import iter_concepts
    from termkit.lookup import default_glossaries

    if fmt in FILE_FORMATS and output == "-":
        raise TermkitError(f"--format {fmt} writes a file, not stdout", f"give -o report.{fmt}")
    if fmt == "xlsx":
        from termkit.check.report_xlsx import require_openpyxl

        require_openpyxl()
    old = load_json_report(compare_with) if compare_with else None
    files_g = default_glossaries() + list(glossaries)
    concepts = [c for g in files_g for c in iter_concepts(g)]
    docs = read_inputs(list(files))
    if not files_g:
        click.echo("termkit: no glossary found (no glossaries/ folder, no -g): terminology, names, forbidden forms "
                   "and consistency skipped; numbers, number formats, missing and untranslated segments checked",
                   err=True)
    with progress_bar(sum(len(d.fr_text) for d in docs), "Parsing", quiet) as update:
        report = run_checks(docs, concepts, parser, progress=update, include_candidates=include_candidates)
    if references:
        report.scores = score_against(docs, list(references))
    comparison = compare_findings(old, report.findings, compare_with) if old is not None else None
    by_id: dict = {}
    for c in concepts:
        by_id.setdefault(c.id, c)
    with open_output(output, binary=fmt in BINARY_FORMATS) as out:
        write_report(report, out, fmt, color=output == "-" and fmt == "text" and sys.stdout.isatty(),
                     concepts=by_id, comparison=comparison)
    failing = report.failing(fail_on)
    if comparison is not None:
        click.echo(comparison.summary(), err=True)
        failing = [f for f in comparison.new(report.findings) if severity_rank(f.severity) >= severity_rank(fail_on)]
    if failing:
        sys.exit(1)


@cli.command(short_help="Download the French Stanza models (online).")
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


@cli.group(short_help="Inspect or clear the parse cache.")
def cache() -> None:
    """Inspect or clear the parse cache."""


@cache.command("info")
@click.option("--cache-dir", metavar="DIR", help="Default: $TERMKIT_CACHE_DIR or ~/.cache/termkit.")
@report_format
def cache_info_cmd(cache_dir: str | None, fmt: str) -> None:
    """Show where the parse cache is and how big it is."""
    from termkit.nlp import cache_info, default_cache_dir

    info = cache_info(cache_dir or default_cache_dir())
    if fmt == "json":
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
    import signal

    def terminated(_signum, _frame):  # a SIGTERM ends the run like Ctrl-C: no half-written file, no orphans
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminated)
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = (["--debug"] if debug else []) + [a for a in args if a != "--debug"]  # accepted anywhere
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
