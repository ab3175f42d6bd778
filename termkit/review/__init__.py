"""Reviewing a glossary: approve, reject and edit concepts in its TSV file, from the CLI or
the local review page (:mod:`termkit.review.server`).

Both go through one edit module, :mod:`termkit.glossary.edit`: every value is checked before
anything changes, the file is rewritten atomically under the glossary's lock, and only the
changed rows are re-serialised: row order and every untouched row stay byte for byte, so a
git diff shows exactly the reviewed rows.

    >>> from termkit.review import approve, set_fields, stats
    >>> approve("glossaries/c5.fr-en.tsv", ["terres-rares"])            # doctest: +SKIP
    >>> set_fields("glossaries/c5.fr-en.tsv", "kazakhstan", forbid=["Kazakstan"])  # doctest: +SKIP
"""

from termkit.glossary.edit import (
    Change,
    GlossaryStats,
    Op,
    approve,
    edit,
    edit_concepts,
    merge_files,
    reject,
    set_fields,
    stats,
)

__all__ = ["Change", "GlossaryStats", "Op", "approve", "edit", "edit_concepts", "merge_files", "reject",
           "set_fields", "stats"]
