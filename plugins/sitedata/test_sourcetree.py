"""The source tree's check and the static-file guard (sourcetree.py), and readable messages."""

from __future__ import annotations

import os
from pathlib import Path

from sitedata.problems import Problem
from sitedata.sourcetree import SourceTree, foreign_static


def site(tmp_path: Path) -> tuple[Path, Path]:
    for folder in ("content/news", "content/images/fotos", "data/nodes", "data/courses"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "data/network.yml").write_text("name: x\n")
    (tmp_path / "content/images/fotos/a.jpg").write_bytes(b"jpg")
    return tmp_path / "content", tmp_path / "data"


def checked(content: Path, data: Path) -> dict[str, str]:
    tree = SourceTree(content, data, ["images"], lambda path: path.relative_to(content.parent).as_posix())
    return {problem.path: problem.message for problem in tree.problems}


def test_a_plain_site_passes(tmp_path):
    assert checked(*site(tmp_path)) == {}


def test_links_special_files_and_strays_are_refused_anywhere(tmp_path):
    content, data = site(tmp_path)
    (content / "images/fotos/plan.jpg").symlink_to("/etc/passwd")
    (content / "images/ordner").symlink_to("/etc")
    os.mkfifo(data / "nodes/nord.yml")
    (data / "kurse").mkdir()
    (content / ".versteckt").symlink_to("/etc")  # hidden: neither read nor published
    found = checked(content, data)
    assert set(found) == {"content/images/fotos/plan.jpg", "content/images/ordner", "data/nodes/nord.yml", "data/kurse"}
    assert "symbolische Verknüpfung" in found["content/images/ordner"]
    assert "FIFO" in found["data/nodes/nord.yml"]


def test_a_static_file_outside_content_or_behind_a_link_is_foreign(tmp_path):
    content, _ = site(tmp_path)
    (content / "images/link.jpg").symlink_to(content / "images/fotos/a.jpg")
    assert foreign_static(content / "images/fotos/a.jpg", content) is None
    assert foreign_static(Path("images/fotos/a.jpg"), content) is None
    assert "außerhalb" in foreign_static(content / "../../../etc/passwd", content)
    assert "Verknüpfung" in foreign_static(content / "images/link.jpg", content)


def test_messages_shorten_long_values_and_show_invisible_characters():
    line = str(Problem("data/x.yml", 3, "kind", f"„{'e' * 400_000}“ ist nicht vorgesehen", "„Seminar\u200b“"))
    assert line == f"data/x.yml:3: kind: „{'e' * 60}…“ ist nicht vorgesehen — erwartet: „Seminar«U+200B»“"


def test_region_outlines_in_data_map_are_known_but_links_there_are_not(tmp_path):
    content, data = site(tmp_path)
    (data / "map").mkdir()
    (data / "map/region.geojson").write_text("{}")
    (data / "map/README.md").write_text("Quelle")
    assert checked(content, data) == {}
    (data / "map/fremd.geojson").symlink_to("/etc/passwd")
    assert set(checked(content, data)) == {"data/map/fremd.geojson"}
