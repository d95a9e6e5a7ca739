"""Editors' images: sizes, dimensions, no EXIF (GPS), deterministic bytes, the markup that shows them,
og:image and the credits page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import build, copy_fixture, tree_digest
from PIL import Image as PilImage
from PIL import ImageDraw
from sitedata import images
from sitedata.images import ImageProblem, Measured, Pictures, encode, measure
from sitedata.models import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def camera_jpeg(width: int = 2400, height: int = 1600, orientation: int = 1) -> bytes:
    """A photo as a phone writes it: EXIF with camera, GPS position, an orientation, and a comment."""
    picture = PilImage.new("RGB", (width, height), (40, 90, 140))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, width // 3, height // 2), fill=(230, 120, 20))  # top left: finds a wrong turn
    draw.ellipse((width // 2, height // 3, width - 10, height - 10), fill=(250, 250, 250))
    exif = PilImage.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    exif[0x0110] = "Telefon X"  # Model
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 56.0, 55.3), 3: "E", 4: (11.0, 2.0, 9.1)})
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90, exif=exif, comment=b"Aufgenommen in Gotha")
    return out.getvalue()


def assert_no_metadata(data: bytes) -> None:
    with PilImage.open(io.BytesIO(data)) as picture:
        assert not picture.getexif(), "EXIF left in the published file"
        assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & picture.info.keys(), picture.info.keys()
    assert b"Gotha" not in data and b"Telefon" not in data and b"Exif\x00\x00" not in data


def test_the_test_photo_carries_gps_and_camera():
    with PilImage.open(io.BytesIO(camera_jpeg())) as picture:
        exif = picture.getexif()
        assert exif[0x0110] == "Telefon X" and exif.get_ifd(GPS_IFD)[1] == "N"
        assert picture.info["comment"] == b"Aufgenommen in Gotha"


@pytest.mark.parametrize("fmt", ["WEBP", "JPEG", "PNG"])
def test_a_derivative_has_its_width_the_aspect_and_no_exif(fmt):
    data = camera_jpeg()
    made = encode(data, 960, fmt)
    with PilImage.open(io.BytesIO(made)) as picture:
        assert picture.format == fmt
        assert picture.size == (960, 640)
    assert_no_metadata(made)
    assert encode(data, 960, fmt) == made, "same input, same bytes"


def test_a_photo_taken_on_its_side_is_published_upright():
    data = camera_jpeg(2400, 1600, orientation=6)  # stored landscape, shown rotated by 90°
    assert measure_bytes(data).width == 1600 and measure_bytes(data).height == 2400
    with PilImage.open(io.BytesIO(encode(data, 480, "JPEG"))) as picture:
        assert picture.size == (480, 720)
        # The orange block at the stored top left is at the top right once turned clockwise.
        red, _, blue = picture.convert("RGB").getpixel((470, 10))
        assert red > 180 and blue < 100


def measure_bytes(data: bytes, suffix: str = ".jpg", tmp: Path | None = None) -> Measured:
    path = (tmp or Path("/tmp")) / f"test-images-{len(data)}{suffix}"
    path.write_bytes(data)
    try:
        return measure(path, f"images/{path.name}")
    finally:
        path.unlink()


def test_sizes_are_two_or_three_and_never_enlarged():
    assert images.widths(2400) == [480, 960, 1600]
    assert images.widths(1200) == [480, 960, 1200]
    assert images.widths(1000) == [480, 1000]  # 960 is within 10 % of the source: left out
    assert images.widths(800) == [480, 800]


def test_pictures_plan_webp_and_fallback_with_dimensions(tmp_path):
    measured = measure_bytes(camera_jpeg(), tmp=tmp_path)
    image = Image(src=measured.src, alt="Ein Testbild", credit="Foto: Test")
    picture = Pictures({measured.src: measured}).of(image)
    assert [(r.width, r.height, r.format) for r in picture.webp] == [
        (480, 320, "WEBP"),
        (960, 640, "WEBP"),
        (1600, 1067, "WEBP"),
    ]
    assert [r.format for r in picture.fallback] == ["JPEG"] * 3
    assert (picture.width, picture.height) == (1600, 1067)
    assert picture.src.width == 960
    assert all(r.path.startswith("bilder/") for r in picture.webp + picture.fallback)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: camera_jpeg(640, 480), "Bild ist zu klein (640 × 480 Pixel)"),
        (lambda: _png(8200, 5000), "Bild hat zu viele Pixel (8200 × 5000 Pixel)"),
        (lambda: b"kein Bild", "Datei ist kein lesbares Bild"),
    ],
)
def test_an_unfit_image_is_refused_in_german(make, message, tmp_path):
    with pytest.raises(ImageProblem) as refused:
        measure_bytes(make(), ".png", tmp_path)
    assert refused.value.message == message
    assert refused.value.expected


def test_too_many_bytes_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 10_000)
    with pytest.raises(ImageProblem, match="Bilddatei ist zu groß"):
        measure_bytes(camera_jpeg(), tmp=tmp_path)


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    PilImage.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("svg", "size"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600px"></svg>', (1200, 600)),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>', (300, 150)),
    ],
)
def test_svg_keeps_its_size_and_passes_through(svg, size, tmp_path):
    measured = measure_bytes(svg, ".svg", tmp_path)
    assert (measured.width, measured.height) == size
    picture = Pictures({measured.src: measured}).of(Image(src=measured.src, alt="Eine Grafik", credit="Grafik: Test"))
    assert picture.svg and picture.src.path == measured.src and (picture.width, picture.height) == size


def test_svg_without_size_is_refused(tmp_path):
    with pytest.raises(ImageProblem, match="SVG-Bild ohne Größenangabe"):
        measure_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="100%"></svg>', ".svg", tmp_path)


# --- a whole site ------------------------------------------------------------------------------

NEWS = "content/news/2026-10-01-meldung.md"


def site_with_photo(tmp_path: Path) -> Path:
    """The minimal network with a phone photo (GPS in its EXIF) on its news item, an SVG on its node
    and a share image."""
    site = copy_fixture("minimal", tmp_path / "site")
    (site / "content/images").mkdir()
    (site / "content/images/foto.jpg").write_bytes(camera_jpeg())
    (site / "content/images/plan.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 900 450"><rect width="900" height="450" fill="#0b4f8a"/></svg>'
    )
    share = io.BytesIO()
    PilImage.new("RGB", (1200, 630), (11, 79, 138)).save(share, "PNG")
    (site / "content/images/teilen.png").write_bytes(share.getvalue())
    news = site / NEWS
    news.write_text(
        news.read_text(encoding="utf-8").replace(
            "courses: [kurs]\n",
            "courses: [kurs]\nimage:\n  src: images/foto.jpg\n  alt: Ein Kreis und ein Rechteck\n"
            "  caption: Beim Seminar\n  credit: 'Foto: Büro Mitte'\n",
        ),
        encoding="utf-8",
    )
    with (site / "data/nodes/mitte.yml").open("a", encoding="utf-8") as node:
        node.write("image:\n  src: images/plan.svg\n  alt: Ein blaues Rechteck\n  credit: 'Grafik: Büro Mitte'\n")
    with (site / "data/network.yml").open("a", encoding="utf-8") as network:
        network.write("share_image:\n  src: images/teilen.png\n  alt: Blaue Fläche\n  credit: 'Grafik: Büro Mitte'\n")
    return site


@pytest.mark.slow
def test_a_site_publishes_sizes_markup_og_image_and_credits(tmp_path):
    site = site_with_photo(tmp_path)
    output = tmp_path / "output"
    result = build(site, output, "--cache", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr

    # Three widths in WebP and JPEG, with their sizes, none with the photo's EXIF; the upload's own
    # path is re-encoded without it too.
    derived = sorted(path.name for path in (output / "bilder").iterdir() if path.name.startswith("foto-"))
    assert [re.sub(r"-[0-9a-f]{8}-", "-", name) for name in derived] == [
        "foto-1600.jpg", "foto-1600.webp", "foto-480.jpg", "foto-480.webp", "foto-960.jpg", "foto-960.webp",
    ]  # fmt: skip
    for name in derived:
        with PilImage.open(output / "bilder" / name) as picture:
            width = int(re.search(r"-(\d+)\.", name).group(1))
            assert picture.size == (width, round(1600 * width / 2400))
    for path in [*(output / "bilder").iterdir(), output / "images/foto.jpg", output / "images/teilen.png"]:
        assert_no_metadata(path.read_bytes())
    assert (output / "images/plan.svg").read_bytes() == (site / "content/images/plan.svg").read_bytes()

    news = (output / "aktuelles/neues-seminar-zu-wasserstoff/index.html").read_text(encoding="utf-8")
    lead = re.search(r'<figure class="picture">(.*?)</figure>', news, re.S).group(1)
    assert re.search(
        r'<source type="image/webp" srcset="/bilder/foto-\w+-480\.webp 480w, [^"]+960w, [^"]+1600w" sizes="', lead
    )
    assert 'width="1600" height="1067" alt="Ein Kreis und ein Rechteck"' in lead
    assert 'loading="lazy"' not in lead, "the lead picture at the top is not lazy"
    assert "Beim Seminar" in lead and '<span class="credit">Foto: Büro Mitte</span>' in lead
    assert re.search(r'<meta property="og:image" content="https://[^"]+/bilder/foto-\w+-1600\.jpg">', news)

    # Every <img> everywhere has width and height; list thumbnails are lazy.
    for page in output.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            assert re.search(r'width="\d+" height="\d+"', tag) and ' alt="' in tag, (page, tag)
    listing = (output / "aktuelles/index.html").read_text(encoding="utf-8")
    assert re.search(r'<img class="news-thumb" src="/bilder/foto-\w+-960\.jpg"[^>]* loading="lazy">', listing)
    # The credit goes with the thumbnail too, not only with the picture on the news page.
    assert re.search(r'loading="lazy"></picture><figcaption class="credit">Foto: Büro Mitte</figcaption>', listing)

    # Other pages share the network's image; a node's SVG is shown as it is but never shared.
    node = (output / "bueros/mitte/index.html").read_text(encoding="utf-8")
    assert '<img src="/images/plan.svg" width="900" height="450" alt="Ein blaues Rechteck">' in node
    for page in (node, (output / "index.html").read_text(encoding="utf-8")):
        assert re.search(r'<meta property="og:image" content="https://[^"]+/bilder/teilen-\w+-1200\.png">', page)
        assert '<meta property="og:image:alt" content="Blaue Fläche">' in page

    credits = (output / "bildnachweis/index.html").read_text(encoding="utf-8")
    assert "Foto: Büro Mitte" in credits and credits.count("Grafik: Büro Mitte") == 2
    assert '<a href="/aktuelles/neues-seminar-zu-wasserstoff/">Neues Seminar zu Wasserstoff</a>' in credits
    assert '<a href="/bueros/mitte/">' in credits
    assert 'href="/bildnachweis/">Bildnachweis</a>' in node, "linked from the footer"

    # Byte for byte the same from an empty cache: the encoding is deterministic.
    again = tmp_path / "again"
    assert build(site, again, "--cache", str(tmp_path / "cache-2")).returncode == 0
    skipped = ("pagefind/",)
    assert {k: v for k, v in tree_digest(again).items() if not k.startswith(skipped)} == {
        k: v for k, v in tree_digest(output).items() if not k.startswith(skipped)
    }
