"""The benchmark's synthetic site is valid, builds and is generated deterministically.

No timing assertions here: speed goals live in `invoke bench`, never in unit tests.
"""

from __future__ import annotations

import sys

import pytest
from conftest import REPO, build, invoke, tree_digest

sys.path.insert(0, str(REPO))

from benchmarks.budget import COUNTED, code_lines, counted
from benchmarks.series import series_site
from benchmarks.synthetic import generate

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)


def test_synthetic_site_checks_and_builds(tmp_path):
    made = generate(tmp_path / "site", news=20, courses=5)
    assert len(made.news) == 20 and len(made.courses) == 5

    checked = invoke("check", "--root", str(made.network))
    assert checked.returncode == 0, checked.stderr
    assert "Kurse und Termine 5, Meldungen 20" in checked.stdout

    built = build(made.network, tmp_path / "output")
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "output" / "aktuelles").glob("*/index.html"))) == 20
    assert len(list((made.plain / "content").glob("*.md"))) == 20


def test_generation_is_deterministic(tmp_path):
    generate(tmp_path / "a", news=20, courses=5)
    generate(tmp_path / "b", news=20, courses=5)
    first, second = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert first == second
    assert any(name.startswith("plain/content/") for name in first)


def test_long_series_site_checks_and_builds(tmp_path):
    site = series_site(tmp_path / "site", 1_005)  # two runs: the first one full
    built = build(site, tmp_path / "output")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "output" / "kurse" / "kurs" / "index.html").read_text(encoding="utf-8")
    assert page.count('<section class="run-detail" id="durchfuehrung-reihe-') == 2
    assert 'id="durchfuehrung-reihe-2-termin-1005"' in page


def test_the_code_budget_counts_code_only_and_finds_every_unit_it_lists():
    source = '''"""Module docstring."""

# a comment
def f(x):
    """Docstring
    over two lines."""
    y = x + 1  # code with a comment

    return y
'''
    assert code_lines(source) == 3  # def, y = ..., return
    rows = counted()  # a renamed function would raise here, not shrink the figure
    assert len(rows) == sum(len(names) or 1 for names in COUNTED.values())
    assert all(lines > 0 for _, lines in rows)


def test_real_site_benchmark_times_rebuilds_that_show_the_edit(tmp_path):
    from benchmarks import real_site

    report = real_site.run(1, tmp_path)
    assert len(report.splitlines()) == 4, report  # the heading and three figures
    # The edit was built: a rebuild that changed nothing would time the wrong thing.
    for output in (tmp_path / "warm" / "output", tmp_path / "preview"):
        pages = [p.read_text(encoding="utf-8") for p in (output / "aktuelles").rglob("index.html")]
        assert any("Nachtrag: Die Anmeldung ist bis Ende des Monats möglich." in page for page in pages), output
