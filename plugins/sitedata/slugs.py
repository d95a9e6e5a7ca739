"""URL slugs that read as German: "Größe für Bürger" -> "groesse-fuer-buerger"."""

from __future__ import annotations

import functools

from slugify import slugify as _slugify

# python-slugify transliterates with unidecode, which drops the umlaut's "e" (ä -> a);
# German spelling wants the digraphs, so they are replaced first.
GERMAN_REPLACEMENTS = [
    ["Ä", "Ae"],
    ["Ö", "Oe"],
    ["Ü", "Ue"],
    ["ä", "ae"],
    ["ö", "oe"],
    ["ü", "ue"],
    ["ß", "ss"],
    ["ẞ", "SS"],
]
MAX_LENGTH = 80


@functools.lru_cache(maxsize=16384)  # each news title is slugified twice: by the checks and by the reader
def slugify(text: str) -> str:
    return _slugify(text, replacements=GERMAN_REPLACEMENTS, max_length=MAX_LENGTH, word_boundary=True) or "seite"
