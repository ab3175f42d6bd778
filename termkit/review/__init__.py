"""Reviewing a glossary: approve, reject and edit concepts in its TSV file.

Every change rewrites the file atomically under the glossary's lock, re-serialising only
the rows that changed: row order and every untouched row stay byte for byte, so a git diff
shows exactly the reviewed rows.

    >>> from termkit.review import approve, set_fields, stats
    >>> approve("glossaries/c5.fr-en.tsv", ["terres-rares"])            # doctest: +SKIP
    >>> set_fields("glossaries/c5.fr-en.tsv", "kazakhstan", forbid=["Kazakstan"])  # doctest: +SKIP
"""

from termkit.review.store import (
    Change,
    GlossaryStats,
    approve,
    edit,
    merge_files,
    reject,
    set_fields,
    stats,
)

__all__ = ["Change", "GlossaryStats", "approve", "edit", "merge_files", "reject", "set_fields", "stats"]
