"""The network's look from data/: logo file and colours, checked at build time.

Colours are checked against the theme's backgrounds for WCAG 2.1 AA (4.5:1 for text), in light
and dark mode; the site gets them as CSS custom properties in a generated stylesheet (a static
file: the Content-Security-Policy allows no inline style). The logo is an SVG file shown as an
image; it is refused when it could run a script or load anything from elsewhere, were it opened
on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .network_model import ColourPair, Colours, Network
from .problems import FileProblem
from .yamlsource import Loc

MIN_CONTRAST = 4.5  # WCAG 2.1 AA, success criterion 1.4.3, normal text
MAX_LOGO_BYTES = 100 * 1024
LOGO_HEIGHT = 48  # CSS pixels in the header; the width follows the logo's viewBox
STYLESHEET = "theme/css/identity.css"  # beside site.css, so publishing gives it a hashed name too
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


@dataclass(frozen=True)
class Mode:
    """What the network's colours stand on in one colour scheme (the values of theme/static/css/site.css)."""

    name: str
    backgrounds: dict[str, str]  # text colour on these: page, header/footer/boxes, and text on buttons
    fix_towards: str  # mixing a colour towards this raises its contrast on the backgrounds


LIGHT = Mode(
    "hellen Modus",
    {"Seitenhintergrund": "#ffffff", "Kopf- und Fußbereich": "#f3f6f9", "Schrift auf Schaltflächen": "#ffffff"},
    "#000000",
)
DARK = Mode(
    "dunklen Modus",
    {"Seitenhintergrund": "#11161c", "Kopf- und Fußbereich": "#1c232b", "Schrift auf Schaltflächen": "#0b1520"},
    "#ffffff",
)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it (sRGB, linearised)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(colour: str, towards: str, share: float) -> str:
    mixed = (round(a + (b - a) * share) for a, b in zip(_rgb(colour), _rgb(towards), strict=True))
    return "#" + "".join(f"{value:02x}" for value in mixed)


def readable_variant(colour: str, mode: Mode) -> str:
    """The nearest colour of the same hue, mixed towards black (light) or white (dark), that passes."""
    for step in range(1, 21):
        candidate = _mix(colour, mode.fix_towards, step / 20)
        if all(contrast(candidate, bg) >= MIN_CONTRAST for bg in mode.backgrounds.values()):
            return candidate
    return mode.fix_towards


def _german(number: float) -> str:
    """One decimal, rounded down: 4.46:1 shows as 4,4:1, never as the 4,5:1 it misses."""
    return f"{math.floor(number * 10) / 10:.1f}".replace(".", ",")


def colour_problems(colours: Colours | None) -> list[tuple[Loc, str, str]]:
    """(where in network.yml, message, what to write instead) for each colour too weak on a background."""
    if colours is None:
        return []
    found = []
    pairs: list[tuple[Loc, ColourPair, Mode]] = [
        (("colours",), colours, LIGHT),
        (("colours", "dark_mode"), colours.dark_mode, DARK),
    ]
    for base, pair, mode in pairs:
        for key in ("primary", "accent"):
            value = getattr(pair, key)
            weakest = min(mode.backgrounds.items(), key=lambda item: contrast(value, item[1]))
            ratio = contrast(value, weakest[1])
            if ratio < MIN_CONTRAST:
                direction = "dunklere" if mode is LIGHT else "hellere"
                found.append(
                    (
                        (*base, key),
                        f"Farbe „{value}“ ist im {mode.name} nicht lesbar: Kontrast zu {weakest[0]} "
                        f"({weakest[1]}) nur {_german(ratio)}:1, nötig sind {_german(MIN_CONTRAST)}:1 (WCAG AA)",
                        f"eine {direction} Farbe, z. B. „{readable_variant(value, mode)}“",
                    )
                )
    return found


def stylesheet(colours: Colours) -> str:
    """The theme's colour properties from data; loaded after site.css, so these values win."""
    dark = colours.dark_mode
    return (
        "/* Farben aus data/network.yml (colours), beim Build erzeugt und auf Kontrast geprüft. */\n"
        f":root {{ --accent: {colours.primary.lower()}; --accent-dark: {colours.accent.lower()}; }}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f"  :root {{ --accent: {dark.primary.lower()}; --accent-dark: {dark.accent.lower()}; }}\n"
        "}\n"
    )


@dataclass(frozen=True)
class Logo:
    source: Path
    url: str  # relative to the site root
    width: int
    height: int


class LogoProblem(FileProblem):
    """A logo that cannot be shown."""


_EXPECTED_SVG = 'eine SVG-Datei (Text-XML mit <svg viewBox="…">) ohne Skripte und ohne Verweise nach außen'


def read_logo(data_dir: Path, relative: str) -> Logo:
    """The logo's file checked and measured; raises ``LogoProblem`` (German) when it cannot be shown."""
    path = data_dir / relative
    if not path.is_file():
        raise LogoProblem(f"Logodatei „{relative}“ nicht gefunden", "eine SVG-Datei unter data/identity/")
    raw = path.read_bytes()
    if len(raw) > MAX_LOGO_BYTES:
        raise LogoProblem(
            f"Logodatei ist zu groß ({len(raw) // 1024} KiB)",
            f"höchstens {MAX_LOGO_BYTES // 1024} KiB (SVG vereinfachen)",
        )
    # No DTD, no entities, nothing fetched: a logo is plain markup.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        raise LogoProblem(f"Logodatei ist kein gültiges XML ({error.msg})", _EXPECTED_SVG) from None
    if root.tag != f"{SVG}svg":
        raise LogoProblem("Logodatei ist keine SVG-Grafik", _EXPECTED_SVG)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in ("script", "foreignObject") or any(name.lower().startswith("on") for name in element.attrib):
            raise LogoProblem(f"Logodatei enthält ein Skript oder eingebettetes HTML (<{local}>)", _EXPECTED_SVG)
        for name in ("href", XLINK_HREF):
            target = element.get(name)
            if target is not None and not target.startswith("#"):
                raise LogoProblem(f"Logodatei verweist auf „{target}“", _EXPECTED_SVG)
    try:
        _, _, width, height = (float(part) for part in root.get("viewBox", "").replace(",", " ").split())
    except ValueError:
        width = height = 0
    if width <= 0 or height <= 0:
        raise LogoProblem("Logodatei hat kein gültiges viewBox-Attribut", 'z. B. <svg viewBox="0 0 240 64" …>')
    return Logo(path, f"theme/identity/{path.name}", round(LOGO_HEIGHT * width / height), LOGO_HEIGHT)


def logo_problems(network: Network, data_dir: Path) -> list[tuple[Loc, str, str]]:
    if network.logo is None:
        return []
    try:
        read_logo(data_dir, network.logo)
    except LogoProblem as problem:
        return [(("logo",), problem.message, problem.expected)]
    return []


def write_files(network: Network, data_dir: Path, output: Path) -> None:
    """The logo as it is, and the colours' stylesheet, into the site (before Pelican copies the theme)."""
    if network.logo:
        logo = read_logo(data_dir, network.logo)
        (output / logo.url).parent.mkdir(parents=True, exist_ok=True)
        (output / logo.url).write_bytes(logo.source.read_bytes())
    if network.colours:
        (output / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
        (output / STYLESHEET).write_text(stylesheet(network.colours), encoding="utf-8")
