"""Reference FR->EN names from CLDR (via babel): countries and territories, and cities
(time-zone exemplar cities: Tachkent -> Tashkent, Douchanbé -> Dushanbe)."""

from __future__ import annotations

from functools import lru_cache

from termkit.textnorm import fold, graphical_variants, skeleton


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
    return names


@lru_cache(maxsize=1)
def _by_skeleton() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for key in reference_names():
        index.setdefault(" ".join(skeleton(w) for w in key.split()), []).append(key)
    return index


def lookup(name: str) -> tuple[str, str] | None:
    """English reference name of a French name, allowing spelling variants (Kirghizistan)."""
    key = fold(name)
    names = reference_names()
    if key in names:
        return names[key]
    for other in _by_skeleton().get(" ".join(skeleton(w) for w in key.split()), []):
        if all(graphical_variants(a, b) for a, b in zip(key.split(), other.split())):
            en, source = names[other]
            return en, f"{source} (as {other})"
    return None
