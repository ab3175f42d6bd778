"""The fixed split of the WMT14 dev half by document, used by every bench and gold file here.

The docids sorted, alternately tune (0, 2, 4...) and report (1, 3, 5...). The tune half may be
read while improving termkit; the report half decides nothing and gives the figures.
"""

from __future__ import annotations

from collections.abc import Iterable


def half_of(doc_ids: Iterable[str]) -> dict[str, str]:
    """Each document's half: ``tune`` or ``report``."""
    return {doc: ("tune" if k % 2 == 0 else "report") for k, doc in enumerate(sorted(set(doc_ids)))}
