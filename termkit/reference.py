"""Reference FR->EN names: countries and territories, and cities, from CLDR (via babel;
time-zone exemplar cities: Tachkent -> Tashkent, Douchanbé -> Dushanbe); places CLDR lacks
(``termkit/data/places.tsv``: Pékin -> Beijing, La Haye -> The Hague); the states, provinces and
counties of English-speaking countries from ISO 3166-2 (pycountry: Caroline du Sud -> South
Carolina); and organisations and institutions with their acronyms (``termkit/data/organisations.tsv``:
Otan -> NATO, Maison Blanche -> White House, Organisation mondiale de la santé -> World Health
Organization). Every name carries its source."""

from __future__ import annotations

from functools import lru_cache

from termkit.textnorm import fold, graphical_variants, skeleton
from termkit.wordlists import read_table

# Countries whose ISO 3166-2 subdivision names are English (elsewhere they are the local names).
ENGLISH_SUBDIVISIONS = ("US", "CA", "AU", "GB", "IE", "NZ", "IN", "ZA")


@lru_cache(maxsize=1)
def reference_names() -> dict[str, tuple[str, str]]:
    """{folded French name: (English name, source)}."""
    from babel import Locale

    fr, en = Locale("fr"), Locale("en")
    names: dict[str, tuple[str, str]] = {}
    for row in read_table("places"):  # curated: before CLDR (West Africa, where CLDR says Western Africa)
        names.setdefault(fold(row["fr"]), (row["en"], f"place: {row['source']}"))
    for code, fr_name in fr.territories.items():  # countries, and regions of the world (002 Afrique)
        if code in en.territories and code not in ("ZZ", "001"):
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
    for key, value in subdivision_names().items():
        names.setdefault(key, value)
    for key, value in organisation_names().items():
        names.setdefault(key, value)
    return names


@lru_cache(maxsize=1)
def subdivision_names() -> dict[str, tuple[str, str]]:
    """{folded French name: (English name, source)} of the ISO 3166-2 subdivisions of
    English-speaking countries whose French name differs (Caroline du Sud -> South Carolina)."""
    import gettext

    import pycountry

    french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    names: dict[str, tuple[str, str]] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code in ENGLISH_SUBDIVISIONS:
            fr_name = french.gettext(sub.name)
            if fr_name != sub.name:
                names.setdefault(fold(fr_name), (sub.name, f"ISO 3166-2 {sub.code}"))
    return names


@lru_cache(maxsize=1)
def organisation_names() -> dict[str, tuple[str, str]]:
    """{folded French name or acronym: (English name or acronym, source)} of the
    international organisations in ``data/organisations.tsv``: a French acronym gives the
    English acronym (OTAN -> NATO), a full name the full name."""
    names: dict[str, tuple[str, str]] = {}
    for fr, fr_short, en, en_short in _organisations():
        source = f"organisation: {en}" + (f" ({en_short})" if en_short else "")
        if fold(fr).startswith("la ") and fold(fr[3:]) not in names:
            names.setdefault(fold(fr[3:]), (en, source))
        names.setdefault(fold(fr), (en, source))
        if fr_short:
            names.setdefault(fold(fr_short), (en_short or en, source))
    return names


@lru_cache(maxsize=1)
def _organisations() -> list[tuple[str, str, str, str]]:
    return [(r["fr"], r["fr_short"], r["en"], r["en_short"]) for r in read_table("organisations")]


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


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Folded names that are places in any language, for typing a name rather than translating
    it: termkit's reference places (CLDR, ``places.tsv``, ISO 3166-2 of English-speaking
    countries), the cities of the IANA time-zone database (New York, Sydney, Damascus), and the
    ISO 3166-1 countries and the ISO 3166-2 subdivisions of every country in their own spelling
    (pycountry: West Midlands, Latakia)."""
    import zoneinfo

    import pycountry

    names = {k for k in reference_names() if k not in organisation_names()}
    names |= {fold(z.rsplit("/", 1)[-1].replace("_", " ")) for z in zoneinfo.available_timezones() if "/" in z}
    for country in pycountry.countries:
        names |= {fold(getattr(country, a)) for a in ("name", "common_name", "official_name")
                  if getattr(country, a, None)}
    names |= {fold(sub.name) for sub in pycountry.subdivisions}
    return frozenset(names)
