"""French -> English spelling of names romanised from Cyrillic and Central Asian languages.

French romanisation writes the sounds for a French reader (ou, ch, tch, dj, ï);
English usage writes u, sh, ch, j, y: Tokaïev -> Tokayev, Tachkent -> Tashkent,
Douchanbé -> Dushanbe, Djalalabad -> Jalalabad, Ouzbek -> Uzbek.
"""

from __future__ import annotations

import re

_RULES = [
    (r"tch", "ch"), (r"ch", "sh"), (r"dj", "j"), (r"ou", "u"),
    (r"(?<=[aeiouy])ïe", "ye"), (r"(?<=[aeiouy])ï", "y"), (r"ï", "i"), (r"ë", "e"),
    (r"ié", "ie"), (r"[éèê]", "e"), (r"(?<=[aeiou])ie(?=v)", "ye"),
]


def transliterate(name: str) -> str:
    """Apply the French->English romanisation rules word by word, keeping capitals."""
    out = []
    for word in re.split(r"(\W+)", name):
        if not word or not word[0].isalpha():
            out.append(word)
            continue
        w = word.lower()
        for pattern, repl in _RULES:
            w = re.sub(pattern, repl, w)
        out.append(w[:1].upper() + w[1:] if word[:1].isupper() else w)
    return "".join(out)
