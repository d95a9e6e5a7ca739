from pathlib import Path

from sitedata.folders import files_below


def test_files_below_sorts_as_pathlib_and_skips_top_level_folders(tmp_path: Path):
    for name in ("a-b/x.html", "a/x.html", "a/b/y.html", "a/z.txt", "skip/x.html", "deep/skip/x.html", "top.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    pathlib_order = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.html"))]
    assert files_below(tmp_path, ".html") == pathlib_order
    assert files_below(tmp_path, ".html", {"skip"}) == [n for n in pathlib_order if not n.startswith("skip/")]
    assert "deep/skip/x.html" in files_below(tmp_path, ".html", {"skip"})  # only folders directly below
    assert files_below(tmp_path) == [
        p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*")) if p.is_file()
    ]
