"""Colour contrast as WCAG defines it, the theme's backgrounds as site.css has them, and the logo check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .identity import DARK, LIGHT, LogoProblem, colour_problems, contrast, read_logo, readable_variant, stylesheet
from .network_model import Colours

SITE_CSS = Path(__file__).parents[2] / "theme" / "static" / "css" / "site.css"
GOOD = {"primary": "#0b4f8a", "accent": "#083a66", "dark_mode": {"primary": "#8cc4ff", "accent": "#b5d9ff"}}


def test_contrast_matches_the_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    # #767676 is the lightest grey that passes AA on white (4.54:1), #777777 fails (4.48:1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < 4.5


def test_the_checked_backgrounds_are_the_themes():
    """The check guards the colours site.css really shows: its light and dark :root values."""
    css = SITE_CSS.read_text(encoding="utf-8")
    light_root = css[: css.index("*, *::before")]
    dark_root = css[css.index("@media (prefers-color-scheme: dark)") :]
    for mode, block in ((LIGHT, light_root), (DARK, dark_root)):
        declared = dict(re.findall(r"--(bg|surface):\s*(#[0-9a-f]{6})", block))
        assert mode.backgrounds["Seitenhintergrund"] == declared["bg"]
        assert mode.backgrounds["Kopf- und Fußbereich"] == declared["surface"]
    assert "color: #0b1520" in dark_root  # text on buttons in dark mode
    assert re.search(r"\.button \{[^}]*color: #fff;", css)  # and in light mode


def test_good_colours_pass_and_each_weak_one_is_named_with_a_readable_proposal():
    assert colour_problems(Colours.model_validate(GOOD)) == []
    weak = {**GOOD, "accent": "#6699cc", "dark_mode": {"primary": "#335577", "accent": "#b5d9ff"}}
    found = colour_problems(Colours.model_validate(weak))
    assert [loc for loc, _, _ in found] == [("colours", "accent"), ("colours", "dark_mode", "primary")]
    for (_, message, expected), mode in zip(found, (LIGHT, DARK), strict=True):
        assert "nicht lesbar" in message and "4,5:1" in message
        proposal = re.search(r"„(#[0-9a-f]{6})“", expected).group(1)
        assert all(contrast(proposal, bg) >= 4.5 for bg in mode.backgrounds.values())


def test_a_readable_variant_keeps_a_readable_colour_near():
    assert readable_variant("#7fb2e5", LIGHT) != "#000000"
    assert readable_variant("#335577", DARK) != "#ffffff"


def test_stylesheet_sets_both_modes():
    css = stylesheet(Colours.model_validate(GOOD))
    assert ":root { --accent: #0b4f8a; --accent-dark: #083a66; }" in css
    assert "@media (prefers-color-scheme: dark)" in css and "--accent: #8cc4ff;" in css


def _logo(tmp_path: Path, svg: str) -> Path:
    (tmp_path / "identity").mkdir(exist_ok=True)
    (tmp_path / "identity" / "logo.svg").write_text(svg, encoding="utf-8")
    return tmp_path


def test_logo_is_measured_from_its_viewbox(tmp_path):
    logo = read_logo(
        _logo(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"/>'), "identity/logo.svg"
    )
    assert (logo.width, logo.height, logo.url) == (192, 48, "theme/identity/logo.svg")


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><script>x()</script></svg>', "Skript"),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" onload="x()"/>', "Skript"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 9 9">'
            '<image xlink:href="https://tracker.example/p.png"/></svg>',
            "verweist auf „https://tracker.example/p.png“",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><use href="other.svg#a"/></svg>', "verweist"),
        ('<svg xmlns="http://www.w3.org/2000/svg"/>', "kein gültiges viewBox"),
        ("<html/>", "keine SVG-Grafik"),
        ('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">&x;</svg>', ""),
        ("<svg", "kein gültiges XML"),
    ],
)
def test_a_logo_that_could_run_or_load_something_is_refused(tmp_path, svg, message):
    site = _logo(tmp_path, svg)
    try:
        read_logo(site, "identity/logo.svg")
    except LogoProblem as problem:
        assert message in problem.message
    else:
        assert "ENTITY" in svg  # an unresolved entity leaves text only: harmless, and shown as such
