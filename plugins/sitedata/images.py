"""Pictures: measured and checked with the project, published as resized copies without metadata.

An editor's image (a news item's, a node's, the network's share image) is checked when the
project is validated: readable, large enough, not too large in pixels or bytes. The site then
shows it as a <picture> of two or three widths in WebP with a JPEG or PNG fallback, each file
re-encoded by Pillow from the pixels alone, so no EXIF (camera, GPS position), XMP or comment of
the upload is ever published. Every other raster file under images/ (an image in a Markdown
text) is published the same way at its own size and path. SVG is published as it is.

Encoding is deterministic (the same file gives the same bytes) and slow enough to matter (seconds
per photo), so each source's files are kept in the build's cache (``buildcache.Folders``).
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PilImage
from PIL import ImageOps, UnidentifiedImageError

from .buildcache import Folders, key
from .models import Image
from .problems import FileProblem

# The widest a picture is shown (the content column at twice the pixel density), and smaller
# steps for phones and list thumbnails.
WIDTHS = (480, 960, 1600)
MIN_WIDTH, MIN_HEIGHT = 800, 400
MAX_PIXELS = 40_000_000
MAX_BYTES = 15_000_000
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
DERIVED_FOLDER = "bilder"  # beside images/, so no derived name can meet an editor's file
QUALITY = {"WEBP": 80, "JPEG": 82}
MIME = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png", "SVG": "image/svg+xml"}
EXTENSION = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}


@dataclass(frozen=True)
class Measured:
    """What the source file is: its kind, upright size (after its EXIF orientation) and contents' hash."""

    src: str
    kind: str  # "JPEG", "PNG", "WEBP" or "SVG"
    width: int
    height: int
    alpha: bool
    digest: str


class ImageProblem(FileProblem):
    """A picture that cannot be published."""


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB".replace(".", ",")


def measure(path: Path, src: str, display_limits: bool = True) -> Measured:
    """Read the header of an editor's image; raise ``ImageProblem`` for one the site cannot show well."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ImageProblem(
            f"Bilddatei ist zu groß ({_megabytes(len(data))})",
            f"höchstens {_megabytes(MAX_BYTES)}; das Bild vorher verkleinern, z. B. auf 2400 Pixel Breite",
        )
    digest = hashlib.sha256(data).hexdigest()
    if src.lower().endswith(".svg"):
        width, height = _svg_size(data)
        return Measured(src, "SVG", width, height, True, digest)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PilImage.DecompressionBombWarning)
            with PilImage.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                orientation = image.getexif().get(0x0112, 1)
                alpha = image.has_transparency_data
    except (PilImage.DecompressionBombError, PilImage.DecompressionBombWarning):
        raise _too_many_pixels(None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageProblem("Datei ist kein lesbares Bild", "ein JPEG-, PNG- oder WebP-Bild (oder SVG)") from None
    if kind not in ("JPEG", "PNG", "WEBP"):
        raise ImageProblem(f"Bildformat {kind} wird nicht unterstützt", "ein JPEG-, PNG- oder WebP-Bild (oder SVG)")
    if orientation in (5, 6, 7, 8):  # taken on its side: shown turned upright
        width, height = height, width
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(f"{width} × {height}")
    if display_limits and (width < MIN_WIDTH or height < MIN_HEIGHT):
        raise ImageProblem(
            f"Bild ist zu klein ({width} × {height} Pixel)",
            f"mindestens {MIN_WIDTH} × {MIN_HEIGHT} Pixel (Breite × Höhe), damit es auch auf großen Bildschirmen scharf ist",
        )
    return Measured(src, kind, width, height, alpha, digest)


def _too_many_pixels(size: str | None) -> ImageProblem:
    shown = f" ({size} Pixel)" if size else ""
    return ImageProblem(
        f"Bild hat zu viele Pixel{shown}",
        f"höchstens {MAX_PIXELS // 1_000_000} Megapixel; das Bild vorher verkleinern, z. B. auf 2400 Pixel Breite",
    )


_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


def _svg_size(data: bytes) -> tuple[int, int]:
    """width/height of the <svg> element (in pixels), else its viewBox; only the root is read."""
    if b"<!ENTITY" in data:
        raise ImageProblem("SVG-Datei enthält Entity-Definitionen", "eine SVG-Datei ohne <!ENTITY …>")
    try:
        _, root = next(ET.iterparse(io.BytesIO(data), events=("start",)))
    except (ET.ParseError, StopIteration):
        raise ImageProblem("SVG-Datei ist kein lesbares XML", "eine gültige SVG-Datei") from None
    if not root.tag.endswith("svg"):
        raise ImageProblem("Datei ist kein SVG-Bild", "eine SVG-Datei mit <svg> als äußerem Element")
    width, height = (_LENGTH.match(root.get(name) or "") for name in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        box_width, box_height = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        box_width = box_height = 0
    if box_width <= 0 or box_height <= 0:
        raise ImageProblem("SVG-Bild ohne Größenangabe", "width und height in Pixeln oder viewBox am <svg>-Element")
    return round(box_width), round(box_height)


# --- what the pages show ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    """One published file of a picture."""

    path: str  # in the output, e.g. "bilder/eroeffnung-1a2b3c4d-960.webp"
    width: int
    height: int
    format: str  # "WEBP", "JPEG", "PNG" or "SVG"

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class Picture:
    """An editor's image as the templates show it: the model's alt, caption and credit, and its files."""

    image: Image
    width: int  # of the largest file: <img width height> keep the layout from jumping
    height: int
    webp: tuple[Rendition, ...]  # narrowest first; empty for SVG
    fallback: tuple[Rendition, ...]  # JPEG or PNG (or the SVG itself), narrowest first

    @property
    def svg(self) -> bool:
        return not self.webp

    @property
    def src(self) -> Rendition:
        """The file of <img src>, for browsers without srcset: the second width (960 px at most)."""
        return self.fallback[min(1, len(self.fallback) - 1)]

    @property
    def largest(self) -> Rendition:
        return self.fallback[-1]


def widths(width: int) -> list[int]:
    """Two or three widths up to the source's own (never enlarged); a step within 10 % of the next is left out."""
    top = min(width, WIDTHS[-1])
    return [step for step in WIDTHS if step < top * 0.9] + [top]


def plan(measured: Measured) -> tuple[tuple[Rendition, ...], tuple[Rendition, ...]]:
    """The files a picture is published as, WebP and fallback (no pixels are read: the sizes follow
    from the source's)."""
    if measured.kind == "SVG":
        return (), (Rendition(measured.src, measured.width, measured.height, "SVG"),)
    stem = Path(measured.src).stem
    fallback = "PNG" if measured.kind == "PNG" or measured.alpha else "JPEG"
    made: dict[str, list[Rendition]] = {"WEBP": [], fallback: []}
    for step in widths(measured.width):
        height = max(1, round(measured.height * step / measured.width))
        for fmt, renditions in made.items():
            name = f"{DERIVED_FOLDER}/{stem}-{measured.digest[:8]}-{step}.{EXTENSION[fmt]}"
            renditions.append(Rendition(name, step, height, fmt))
    return tuple(made["WEBP"]), tuple(made[fallback])


@dataclass(frozen=True)
class Share:
    """og:image of a page: a raster file (share previews do not show SVG)."""

    rendition: Rendition
    alt: str


class Pictures:
    """Every picture of the project, for the templates (``pictures`` in their context)."""

    def __init__(self, measured: dict[str, Measured], default: Image | None = None) -> None:
        self.measured = measured
        self._files = {src: plan(found) for src, found in sorted(measured.items())}
        self.default = self._own_share(default)

    def of(self, image: Image) -> Picture:
        webp, fallback = self._files[image.src]
        return Picture(image, fallback[-1].width, fallback[-1].height, webp, fallback)

    def share(self, image: Image | None = None) -> Share | None:
        """og:image: the page's own image if it is a raster image, else the network's share image."""
        return self._own_share(image) or self.default

    def _own_share(self, image: Image | None) -> Share | None:
        if image is None or self.of(image).svg:
            return None
        return Share(self.of(image).largest, image.alt)

    def files(self) -> dict[str, tuple[str, int, str]]:
        """Every derived file: output path -> (source, width, format)."""
        return {
            rendition.path: (src, rendition.width, rendition.format)
            for src, (webp, fallback) in self._files.items()
            for rendition in (*webp, *fallback)
            if rendition.format != "SVG"
        }


# --- publishing --------------------------------------------------------------------------------


def encode(data: bytes, width: int | None, fmt: str) -> bytes:
    """The image in ``data`` turned upright, resized to ``width`` (None: its own size) and encoded
    as ``fmt`` from its pixels and colour profile alone: no EXIF, XMP or comment is carried over."""
    return _render(data, [(width, fmt)])[width, fmt]


Spec = tuple[int | None, str]  # (width or None for the source's own, format)


def _render(data: bytes, specs: Iterable[Spec]) -> dict[Spec, bytes]:
    """Every wanted file of one source, decoding it once and resizing it once per width."""
    with PilImage.open(io.BytesIO(data)) as source:
        upright = ImageOps.exif_transpose(source)
        icc = source.info.get("icc_profile")
        transparency = source.info.get("transparency")
    made: dict[Spec, bytes] = {}
    resized: dict[tuple[int | None, str], PilImage.Image] = {}
    for width, fmt in specs:
        options: dict = {"icc_profile": icc} if icc else {}
        if fmt == "PNG" and width is None and upright.mode in ("1", "L", "P", "RGB", "RGBA"):
            # A PNG at its own size keeps its colours as they are (a palette stays a palette).
            image = upright
            if transparency is not None:
                options["transparency"] = transparency
        else:
            mode = "RGBA" if upright.has_transparency_data and fmt != "JPEG" else "RGB"
            image = resized.get((width, mode))
            if image is None:
                image = upright.convert(mode)
                if width is not None and width != image.width:
                    height = max(1, round(image.height * width / image.width))
                    image = image.resize((width, height), PilImage.Resampling.LANCZOS, reducing_gap=3.0)
                resized[width, mode] = image
        clean = image.copy()
        clean.info = {}  # what Pillow would otherwise write back (JPEG comment, XMP)
        if fmt == "WEBP":
            options.update(quality=QUALITY["WEBP"], method=6)
        elif fmt == "JPEG":
            options.update(quality=QUALITY["JPEG"], optimize=True, progressive=True)
        out = io.BytesIO()
        clean.save(out, fmt, **options)
        made[width, fmt] = out.getvalue()
    return made


def write_pictures(
    output: Path, content_dir: Path, pictures: Pictures, rasters: Iterable[str], cache: Folders | None = None
) -> None:
    """Write every picture's files, and each raster file under images/ re-encoded at its own path.

    Encoding takes seconds per photo (WebP at its best compression, a few widths), so each
    source's files are kept in the build's cache under a key of its bytes and what is made of it.
    """
    jobs: dict[str, dict[str, Spec]] = {}  # source -> {output path: spec}
    for target, (src, width, fmt) in pictures.files().items():
        jobs.setdefault(src, {})[target] = (width, fmt)
    for src in rasters:
        jobs.setdefault(src, {})[src] = (None, {".png": "PNG", ".webp": "WEBP"}.get(Path(src).suffix.lower(), "JPEG"))
    used = []
    for src, targets in sorted(jobs.items()):
        data = (content_dir / src).read_bytes()
        specs = sorted(set(targets.values()), key=repr)
        if cache is None:
            made = _render(data, specs)
        else:
            entry_key = key("pictures", data, repr(specs))
            used.append(entry_key)
            made = _cached(cache, entry_key, data, specs)
        for target, spec in sorted(targets.items()):
            path = output / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(made[spec])
    if cache is not None:
        cache.keep_only(used)


def _name(spec: Spec) -> str:
    return f"{spec[0] or 'original'}.{spec[1].lower()}"


def _cached(cache: Folders, entry_key: str, data: bytes, specs: list[Spec]) -> dict[Spec, bytes]:
    entry = cache.get(entry_key)
    if entry is None:
        made = _render(data, specs)

        def fill(folder: Path) -> None:
            folder.mkdir(parents=True)
            for spec, content in made.items():
                (folder / _name(spec)).write_bytes(content)

        cache.put(entry_key, fill)
        return made
    return {spec: (entry / _name(spec)).read_bytes() for spec in specs}


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER_SUFFIXES)
