"""Editor scaffolds write valid files and never overwrite anything."""

from __future__ import annotations

import pytest
from conftest import copy_fixture, invoke
from PIL import Image

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)


def test_scaffolds_are_valid_and_never_overwrite(tmp_path):
    site = copy_fixture("minimal", tmp_path / "site")
    commands = [
        ["new-article", "Größe zählt: „Neue“ Meldung", "--date", "2026-11-01"],
        ["new-course", "Wasserstoff: Grundlagen & Praxis"],
        [
            "new-node",
            "Süd",
            "--host",
            "traeger",
            "--district",
            "Kreis Süd",
            "--postcode",
            "12346",
            "--lat",
            "50.5",
            "--lon",
            "11.2",
        ],
        ["new-venue", "Tagungshaus Süd", "--postcode", "12346", "--city", "Südheim", "--street", "Am Markt 1"],
    ]
    created = [
        site / "content/news/2026-11-01-groesse-zaehlt-neue-meldung.md",
        site / "data/courses/wasserstoff-grundlagen-praxis.yml",
        site / "data/nodes/sued.yml",
        site / "data/venues/tagungshaus-sued.yml",
    ]
    for command, path in zip(commands, created, strict=True):
        result = invoke(*command, "--root", str(site))
        assert result.returncode == 0, result.stderr
        assert path.is_file()
    check = invoke("check", "--root", str(site))
    assert check.returncode == 0, check.stderr
    # The commented series in the course scaffold is valid once its „# “ are removed, instead of sessions.
    course = created[1].read_text(encoding="utf-8")
    sessions = course[course.index("    sessions:\n") :]
    as_series = course.replace(sessions, "").replace("    # series:", "    series:").replace("    #   ", "      ")
    created[1].write_text(as_series, encoding="utf-8")
    check = invoke("check", "--root", str(site))
    assert check.returncode == 0, check.stderr
    assert "      rhythm: monatlich\n" in as_series
    # The commented image block in the news scaffold is valid once its „# “ are removed and the file is there.
    (site / "content/images").mkdir(exist_ok=True)
    Image.new("RGB", (1200, 800), "steelblue").save(site / "content/images/dateiname.jpg")
    news = created[0].read_text(encoding="utf-8")
    with_image = news.replace("# image:", "image:").replace("#   ", "  ")
    assert "\nimage:\n  src: images/dateiname.jpg\n" in with_image
    created[0].write_text(with_image, encoding="utf-8")
    check = invoke("check", "--root", str(site))
    assert check.returncode == 0, check.stderr

    for command, path in zip(commands, created, strict=True):
        path.write_text(path.read_text(encoding="utf-8") + "# eigene Arbeit\n", encoding="utf-8")
        before = path.read_bytes()
        result = invoke(*command, "--root", str(site))
        assert result.returncode == 1
        assert "gibt es schon – nichts überschrieben" in result.stderr
        assert path.read_bytes() == before


def test_schema_references_resolve_in_a_networks_own_repository(tmp_path):
    """A network's repository holds only content/ and data/; `invoke schemas --root` gives it the
    schemas/ folder its files' `$schema=` lines (relative, like the scaffolds') point to."""
    site = copy_fixture("minimal", tmp_path / "site")
    assert invoke("schemas", "--root", str(site)).returncode == 0
    assert invoke("new-course", "Neuer Kurs", "--root", str(site)).returncode == 0
    course = site / "data/courses/neuer-kurs.yml"
    reference = next(line for line in course.read_text(encoding="utf-8").splitlines() if "$schema=" in line)
    target = (course.parent / reference.split("$schema=", 1)[1].strip()).resolve()
    assert target == (site / "schemas/course.schema.json").resolve()
    assert target.is_file()
