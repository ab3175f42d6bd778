"""Numbers, amounts, percentages and dates, with French -> English conventions.

French ``3,07 milliards de dollars`` is English ``$3.07 billion``; ``410 000 tonnes`` is
``410,000 tonnes``; ``70 %`` is ``70%``; ``6 novembre`` is ``November 6``. Each number
of the French segment is read as a value (with its scale) and must be found in the
English segment; English written with French conventions (``3,07``, ``410 000``,
``70 %``) is reported too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from text_to_num import alpha2digit

from termkit.check.model import Finding, Segment

FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"]
FR_SCALE = {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "md": 1e9,
            "mds": 1e9, "mrd": 1e9, "billion": 1e12, "billions": 1e12, "k": 1e3, "m": 1e6}
EN_SCALE = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "billions": 1e9,
            "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "k": 1e3}
EN_WORDS = {w: k for k, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                        "ten", "eleven", "twelve"])}
EN_WORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12})
# Quantities English says in a word: a decade (10 years), a fortnight (15 days in French, 14 in
# English), twice/double (2 times), a century.
EN_IDIOMS = {"decade": (10,), "fortnight": (14, 15), "twice": (2,), "double": (2,), "doubled": (2,),
             "triple": (3,), "tripled": (3,), "century": (100,)}
# between 120 and 150 million, $10-11 billion: the first number of a range takes the scale of the second
EN_RANGE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:-|–|to|and)\s*[$€£]?\d+(?:\.\d+)?[ \u00a0-]?"
                      r"(thousand|millions?|billions?|trillion|bn|tn|mn)\b", re.I)
# 9/11 (month/day), years written short or glued: FY2015, Q1/15, '15
EN_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
EN_GLUED_YEAR = re.compile(r"(?<=[A-Za-z])((?:19|20)\d{2})\b|(?<=[/'’])(\d{2})\b")

_SP = r"[ \u00a0\u202f]"
# French: 410 000 / 3,07 / 1.500 (thousands with dot) / 70 ; optional scale word
FR_NUM = re.compile(rf"(?<![\w,.])(\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:\.\d{{3}})+(?!,\d)|\d+(?:,\d+)?)"
                    rf"(?:{_SP}?(mille|millions?|milliards?|billions?|mds?|mrd|M(?=[$€£]))\b)?"
                    rf"(?:{_SP}?(%|pour{_SP}?cent))?", re.I)
# 12 ans et demi = 12.5; 12 ans trois quarts = 12.75
FR_FRACTION = re.compile(rf"^(?:{_SP}\w+)?{_SP}(et{_SP}demie?|et{_SP}quart|trois{_SP}quarts)\b", re.I)
FR_FRACTIONS = {"demi": 0.5, "demie": 0.5, "quart": 0.25, "quarts": 0.75}
# années 80 = 1980s
FR_DECADE = re.compile(rf"\bannées{_SP}(?:19)?([1-9]0)\b", re.I)
EN_DECADE = re.compile(r"(?:\b19|['’]|\b)([1-9]0)['’]?s\b")
# a metric quantity may be converted: 15 m = 50ft, 148 kg = 327 pounds
FR_UNIT = re.compile(rf"^{_SP}?(?:de{_SP}|d'|d’)?(km|m|cm|kg|t|tonnes?|mètres?{_SP}cubes|m3|m³|mètres?|kilomètres?|"
                     rf"centimètres?|kilos?|kilogrammes?|litres?|l|hectares?|ha|°C|degrés)\b", re.I)
CONVERSIONS = {"km": (0.621371,), "kilomètre": (0.621371,), "m": (3.28084, 1.09361), "mètre": (3.28084, 1.09361),
               "cm": (0.393701,), "centimètre": (0.393701,), "kg": (2.20462,), "kilo": (2.20462,),
               "kilogramme": (2.20462,), "t": (1.10231,), "tonne": (1.10231,), "m3": (35.3147,),
               "mètres cubes": (35.3147,), "litre": (0.264172, 1.05669), "l": (0.264172, 1.05669),
               "hectare": (2.47105,), "ha": (2.47105,)}
CONVERSION_TOLERANCE = 0.08
_HALF = re.compile(r"\b(\d+|[a-z]+)[- ]and[- ]a[- ]half\b", re.I)
EN_NUM = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?)"
                    r"(?:[ \u00a0-]?(thousand|millions?|billions?|trillion|bn|tn|mn|m|b|k)\b)?(?:\s?(%|per ?cent))?", re.I)
FR_DATE = re.compile(r"\b(1er|\d{1,2})(?:" + _SP + r")(" + "|".join(FR_MONTHS) + r")\b", re.I)
_EN_MONTH = r"(" + "|".join(EN_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
EN_DATE = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+" + _EN_MONTH + r"|" + _EN_MONTH
                     + r"\s+(\d{1,2})(?:st|nd|rd|th)?)\b", re.I)
# times (21h30, 9 h) and ordinals (2e, 1er, 21ème) are not compared: English rewrites them (9.30pm, second)
FR_SKIP = re.compile(rf"\b\d{{1,2}}{_SP}?h(?:{_SP}?\d{{2}})?\b|\b\d+(?:e|er|re|ème|eme|è)\b"
                     rf"|(?:\bà|\bvers|\bdès|\bavant|\baprès|\bjusqu['’]à|\bde|\bentre){_SP}+\d{{1,2}}{_SP}?heures?"
                     rf"(?:{_SP}?\d{{2}})?\b|\b\d{{1,2}}{_SP}?heures?{_SP}?\d{{2}}\b", re.I)
# de 4,2 à 4,5 milliards, entre 3 et 5 M$: the first number of a range takes the scale of the second
FR_RANGE = re.compile(rf"\b(?:de|entre){_SP}+(\d+(?:,\d+)?){_SP}*(?:à|et|-){_SP}*\d+(?:,\d+)?{_SP}?"
                      rf"(millions?|milliards?|billions?|mds?|M(?=[$€£]))", re.I)
# "de1 000": a number glued to the word before it (a typo) is read as written
FR_GLUED = re.compile(r"\b(de|à|et|le|la|les|des|du|sur|pour|en|au|aux)(?=\d)", re.I)
# A number glued to letters is part of a name or an abbreviation that English often says in a
# word: 33T (LPs), 4x4 (an SUV), 3D, 4G, 2CV. Glued to a unit of measure (10km, 15m) it is a
# quantity as usual; "1er", "2e" and "21h" are skipped above.
FR_CODE = re.compile(r"[^\W\d_]+")
# units as written (case counts: 33t is tonnes, 33T a record)
FR_GLUED_UNITS = {"km", "Km", "KM", "m", "cm", "mm", "kg", "Kg", "g", "mg", "t", "l", "L", "cl", "ml", "mL", "ha",
                  "m²", "km²", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh", "k", "h", "H", "min", "an", "ans",
                  "mois", "jours"}
FRENCH_STYLE_IN_EN = [
    (re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d,])"), "thousands separated by spaces", "use commas: 410,000"),
    (re.compile(r"(?<![\d,.])\d+,\d{1,2}(?![\d,])"), "decimal comma", "use a decimal point: 3.07"),
    (re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?[ \u00a0]%"), "space before %", "write 70%"),
]


@dataclass(frozen=True)
class Quantity:
    """A number as a value, with 'percent' or 'date' kinds kept apart from plain numbers."""

    kind: str
    value: float
    text: str
    unit: str = ""

    @property
    def key(self) -> tuple[str, float]:
        return self.kind, round(self.value, 6)


def _fr_value(digits: str) -> float:
    d = re.sub(_SP, "", digits)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", d):
        d = d.replace(".", "")
    return float(d.replace(",", "."))


def french_quantities(text: str) -> list[Quantity]:
    """Numbers, amounts, percentages and dates of a French segment."""
    text = FR_GLUED.sub(r"\1 ", text)
    out, taken = [], [m.span() for m in FR_SKIP.finditer(text)]
    range_scale = {m.start(1): FR_SCALE[m.group(2).lower()] for m in FR_RANGE.finditer(text)}
    for m in FR_DATE.finditer(text):
        day = 1 if m.group(1).lower() == "1er" else int(m.group(1))
        out.append(Quantity("date", (FR_MONTHS.index(m.group(2).lower()) + 1) * 100 + day, m.group(0)))
        taken.append(m.span(1))
    for m in FR_DECADE.finditer(text):
        out.append(Quantity("decade", int(m.group(1)), m.group(0)))
        taken.append(m.span(1))
    for m in FR_NUM.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _fr_value(m.group(1)) * FR_SCALE.get((m.group(2) or "").lower(), range_scale.get(m.start(1), 1))
        rest = text[m.end():m.end() + 40]
        fraction = FR_FRACTION.match(rest)
        if fraction and not m.group(2) and not m.group(3):
            value += FR_FRACTIONS[fraction.group(1).split()[-1].lower()]
        unit = FR_UNIT.match(rest) if not m.group(3) else None
        glued = FR_CODE.match(text, m.end()) if not (m.group(2) or m.group(3)) else None
        if glued and glued.group(0) not in FR_GLUED_UNITS:
            word = re.match(r"\w*", text[m.end():])
            assert word is not None  # \w* matches at the start of any text, if only the empty string
            token = m.group(0).strip() + word.group(0)
            out.append(Quantity("code", value, token))
            continue
        out.append(Quantity("percent" if m.group(3) else "number", value, m.group(0).strip(),
                            _unit_name(unit.group(1)) if unit else ""))
    return out


def _unit_name(unit: str) -> str:
    u = re.sub(r"[ \u00a0\u202f]+", " ", unit)
    if u in ("m³", "m3") or u.lower().startswith("mètres cubes") or u.lower().startswith("mètre cube"):
        return "m3"
    u = u.lower()
    return u[:-1] if u.endswith("s") and len(u) > 2 else u


def english_quantities(text: str) -> list[Quantity]:
    """Numbers, amounts, percentages, dates and decades of an English segment; numbers written
    in words count too (sixty, one million, eight-and-a-half)."""
    text = _HALF.sub(lambda m: f"{whole + 0.5:g}" if (whole := _word_value(m.group(1))) is not None
                     else m.group(0), text)
    text = _words_to_digits(text)
    out, taken = [], []
    range_scale = {m.start(1): EN_SCALE[m.group(2).lower()] for m in EN_RANGE.finditer(text)}
    for m in EN_DECADE.finditer(text):
        out.append(Quantity("decade", int(m.group(1)), m.group(0)))
    for m in EN_DATE.finditer(text):
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        index = next(k for k, name in enumerate(EN_MONTHS) if name.startswith(month.lower()[:3]))
        out.append(Quantity("date", (index + 1) * 100 + int(day), m.group(0)))
        taken.append(m.span())
    for m in EN_NUM.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        scale = (m.group(2) or "").lower()
        if scale in ("m", "b", "k") and text[max(0, m.start() - 1):m.start()] not in ("$", "€", "£"):
            scale = ""
        value = float(re.sub(r"[, \u00a0\u202f]", "", m.group(1))) * EN_SCALE.get(scale, range_scale.get(m.start(1), 1))
        out.append(Quantity("percent" if m.group(3) else "number", value, m.group(0).strip()))
    for m in re.finditer(r"\b(" + "|".join(EN_WORDS) + r")\b", text, re.I):
        out.append(Quantity("number", EN_WORDS[m.group(1).lower()], m.group(0)))
    for m in re.finditer(r"\b(" + "|".join(EN_IDIOMS) + r")s?\b", text, re.I):
        out += [Quantity("number", v, m.group(0)) for v in EN_IDIOMS[m.group(1).lower()]]
    for m in EN_SLASH_DATE.finditer(text):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append(Quantity("date", month * 100 + day, m.group(0)))
    for m in EN_GLUED_YEAR.finditer(text):
        if m.group(1):
            out.append(Quantity("number", int(m.group(1)), m.group(0)))
        else:
            out += [Quantity("number", 2000 + int(m.group(2)), m.group(0)),
                    Quantity("number", 1900 + int(m.group(2)), m.group(0))]
    return out


_DIGIT_SCALE = re.compile(r"(\d[\d., \u00a0\u202f]*[ \u00a0-]?(?:thousand|million|billion|trillion)s?\b)", re.I)


def _words_to_digits(text: str) -> str:
    """English numbers in words as digits (text2num), leaving "3.07 billion" as written."""
    parts = _DIGIT_SCALE.split(text)
    return "".join(p if k % 2 else alpha2digit(p, "en", threshold=0) for k, p in enumerate(parts))


def _word_value(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    digits = alpha2digit(word, "en", threshold=0)
    return float(digits) if digits.isdigit() else None


def check_numbers(seg: Segment) -> list[Finding]:
    """French quantities missing from the English segment, and French conventions in English."""
    if not seg.tgt.strip():
        return []
    findings = []
    english = english_quantities(seg.tgt)
    have = Counter(q.key for q in english)
    plain = Counter(q.value for q in english)
    plain.update(q.value % 100 for q in english if q.kind == "date")  # the day of "September 6 and 7"
    for q in french_quantities(seg.src):
        if q.kind == "code":  # 33T, 4x4: a name or abbreviation, compared as a plain number
            if plain[q.value] > 0:
                plain[q.value] -= 1
            else:
                findings.append(Finding("number", "info", seg.doc, seg.id,
                                        f"{q.text!r} is not in the translation as a number (a name or "
                                        f"abbreviation, which English may say in a word)", q.text, "", "",
                                        seg.tgt_line))
            continue
        if have[q.key] > 0:
            have[q.key] -= 1
            continue
        if q.kind == "number" and plain[q.value] > 0:  # e.g. a day number read as a plain number
            plain[q.value] -= 1
            continue
        if q.kind == "date" and _date_in_parts(q, english):
            continue
        if q.unit in CONVERSIONS and any(abs(v - q.value * f) <= CONVERSION_TOLERANCE * q.value * f
                                         for f in CONVERSIONS[q.unit] for v in plain if v):
            continue
        findings.append(Finding("number", "error", seg.doc, seg.id,
                                f"{q.text!r} ({_show(q)}) is not in the translation", q.text, "", _show(q),
                                seg.tgt_line))
    for pattern, what, fix in FRENCH_STYLE_IN_EN:
        for m in pattern.finditer(seg.tgt):
            findings.append(Finding("number-format", "warning", seg.doc, seg.id,
                                    f"{m.group(0)!r}: French number convention ({what}) in English", "", m.group(0),
                                    fix, seg.tgt_line))
    return findings


def _date_in_parts(q: Quantity, english: list[Quantity]) -> bool:
    """A date whose month and day are both in the English, apart: "September 6 and 7"."""
    month, day = int(q.value) // 100, int(q.value) % 100
    months = {int(e.value) // 100 for e in english if e.kind == "date"}
    return month in months and any(e.kind == "number" and e.value == day for e in english)


def _show(q: Quantity) -> str:
    if q.kind == "decade":
        return f"the {int(q.value)}s"
    if q.kind == "date":
        return f"{EN_MONTHS[int(q.value) // 100 - 1].capitalize()} {int(q.value) % 100}"
    v = q.value
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if v >= scale and v % (scale / 1000) == 0:
            return f"{v / scale:g} {word}" + ("%" if q.kind == "percent" else "")
    return f"{v:,.10g}" + ("%" if q.kind == "percent" else "")
