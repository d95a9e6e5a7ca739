"""Production post-processing of a finished build: cache-busting names and pre-compressed copies.

Both steps are deterministic (names from content hashes, gzip without timestamps), so two
publishes of the same commit upload nothing new.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli

# Stylesheets and scripts of the theme get content-hashed names, so a browser or proxy that
# cached an old version can never pair it with new pages, however long it caches.
HASHED_ASSETS = ("theme/css/*.css", "theme/js/*.js")
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".ics", ".txt", ".svg"}
MIN_BYTES = 256  # smaller files gain nothing from compression


def cache_bust(site: Path) -> dict[str, str]:
    """Rename hashed assets to ``name.<hash>.ext`` and rewrite references in HTML; returns old → new paths."""
    renamed = {}
    for pattern in HASHED_ASSETS:
        for path in sorted(site.glob(pattern)):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            new = path.with_name(f"{path.stem}.{digest}{path.suffix}")
            path.rename(new)
            renamed[path.relative_to(site).as_posix()] = new.relative_to(site).as_posix()
    if renamed:
        reference = re.compile("|".join(re.escape("/" + old) + r'(?=["\'])' for old in renamed))
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            updated = reference.sub(lambda m: "/" + renamed[m.group(0)[1:]], text)
            if updated != text:
                # A new file, never a rewrite: pages may be hard links into the build's page cache.
                page.write_text(updated, encoding="utf-8")
    return renamed


def precompress(site: Path) -> int:
    """Write ``.gz`` and ``.br`` beside every text file that shrinks; returns how many files got copies."""
    count = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file() or path.stat().st_size < MIN_BYTES:
            continue
        data = path.read_bytes()
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        br = brotli.compress(data, quality=11)
        if len(gz) < len(data):
            path.with_name(path.name + ".gz").write_bytes(gz)
            path.with_name(path.name + ".br").write_bytes(br)
            count += 1
    return count


def listing(site: Path) -> str:
    """What uploading ``site`` brings to an empty server: files and size per folder, then in all."""
    from babel.numbers import format_decimal

    def line(name: str, count: int, size: int) -> str:
        files = f"{format_decimal(count, locale='de_DE')} {'Datei' if count == 1 else 'Dateien'}"
        return f"  {name:<24} {files:>14} {format_decimal(-(-size // 1000), locale='de_DE'):>9} kB"

    entries: dict[str, list[int]] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            parts = path.relative_to(site).parts
            entry = entries.setdefault(parts[0] + "/" if len(parts) > 1 else "(Hauptordner)", [0, 0])
            entry[0] += 1
            entry[1] += path.stat().st_size
    total = [sum(count for count, _ in entries.values()), sum(size for _, size in entries.values())]
    return "\n".join([*(line(name, *entry) for name, entry in sorted(entries.items())), line("zusammen", *total)])
