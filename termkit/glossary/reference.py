"""Reference FR->EN names: countries and territories, and cities, from CLDR (via babel;
time-zone exemplar cities: Tachkent -> Tashkent, Douchanbé -> Dushanbe), and international
organisations with their acronyms (``data/organisations.tsv``: Otan -> NATO, Organisation
mondiale de la santé -> World Health Organization)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from termkit.textnorm import fold, graphical_variants, skeleton

ORGANISATIONS = Path(__file__).parent / "data" / "organisations.tsv"


@lru_cache(maxsize=1)
def reference_names() -> dict[str, tuple[str, str]]:
    """{folded French name: (English name, source)}."""
    from babel import Locale

    fr, en = Locale("fr"), Locale("en")
    names: dict[str, tuple[str, str]] = {}
    for code, fr_name in fr.territories.items():
        if code.isalpha() and code in en.territories:
            names.setdefault(fold(fr_name), (en.territories[code], f"CLDR territory {code}"))
    for zone, info in fr.time_zones.items():
        city = info.get("city")
        if city:
            en_city = en.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            names.setdefault(fold(city), (en_city, f"CLDR city {zone}"))
    # "du Caire", "au Caire": running text contracts the article of Le Caire
    for key, value in list(names.items()):
        head, _, rest = key.partition(" ")
        if head in ("le", "la", "les") and rest:
            names.setdefault(rest, value)
    for key, value in organisation_names().items():
        names.setdefault(key, value)
    return names


@lru_cache(maxsize=1)
def organisation_names() -> dict[str, tuple[str, str]]:
    """{folded French name or acronym: (English name or acronym, source)} of the
    international organisations in ``data/organisations.tsv``: a French acronym gives the
    English acronym (OTAN -> NATO), a full name the full name."""
    names: dict[str, tuple[str, str]] = {}
    for fr, fr_short, en, en_short in _organisations():
        source = f"organisation: {en}" + (f" ({en_short})" if en_short else "")
        names.setdefault(fold(fr), (en, source))
        if fr_short:
            names.setdefault(fold(fr_short), (en_short or en, source))
    return names


@lru_cache(maxsize=1)
def _organisations() -> list[tuple[str, str, str, str]]:
    lines = [ln for ln in ORGANISATIONS.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [tuple((ln.split("\t") + ["", "", ""])[:4]) for ln in lines[1:]]


@lru_cache(maxsize=1)
def _by_skeleton() -> dict[str, list[str]]:
    acronyms = {fold(row[1]) for row in _organisations() if row[1]}
    index: dict[str, list[str]] = {}
    for key in reference_names():
        if key not in acronyms:  # an acronym matches exactly: OMS is not OMM
            index.setdefault(" ".join(skeleton(w) for w in key.split()), []).append(key)
    return index


def lookup(name: str) -> tuple[str, str] | None:
    """English reference name of a French name (a CLDR country or city, an international
    organisation), allowing spelling variants (Kirghizistan); an acronym matches exactly."""
    key = fold(name)
    names = reference_names()
    if key in names:
        return names[key]
    for other in _by_skeleton().get(" ".join(skeleton(w) for w in key.split()), []):
        if all(graphical_variants(a, b) for a, b in zip(key.split(), other.split())):
            en, source = names[other]
            return en, f"{source} (as {other})"
    return None
