"""invoke publish: hashed asset names, pre-compressed copies, deterministic, and an rsync dry run."""

from __future__ import annotations

import gzip
import os
import re
import shutil

import brotli
import pytest
from conftest import REPO, invoke, tree_digest
from support import real_site as site_data

from deploy.publish import cache_bust, precompress

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)


def _processed(real_site, folder):
    shutil.copytree(real_site.output, folder)
    return cache_bust(folder), precompress(folder)


def test_assets_get_hashed_names_and_every_reference_follows(real_site, tmp_path):
    renamed, _ = _processed(real_site, tmp_path / "dist")
    # the theme's and, if network.yml has colours, the network's
    network = site_data.project(real_site.root).network
    stylesheets = ("theme/css/site.css", *(["theme/css/identity.css"] if network.colours else []))
    scripts = ("theme/js/catalogue-filter.js", "theme/js/copy-address.js", "theme/js/search.js")
    assert set(renamed) == {*stylesheets, *scripts}
    for old, new in renamed.items():
        assert not (tmp_path / "dist" / old).exists() and (tmp_path / "dist" / new).is_file()
    pages = list((tmp_path / "dist").rglob("*.html"))
    for stylesheet in stylesheets:
        assert all(f"/{stylesheet}" not in page.read_text(encoding="utf-8") for page in pages)
        assert all(renamed[stylesheet] in page.read_text(encoding="utf-8") for page in pages)


def test_compressed_copies_decompress_to_the_original_and_publishing_is_deterministic(real_site, tmp_path):
    _processed(real_site, tmp_path / "a")
    _processed(real_site, tmp_path / "b")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    page = tmp_path / "a" / "index.html"
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == page.read_bytes()
    calendar = tmp_path / "a" / "kalender" / "alle.ics"
    assert calendar.with_name("alle.ics.gz").is_file()


@pytest.mark.content  # publishes the repository's own site
def test_publish_dry_run_changes_nothing(tmp_path):
    if shutil.which("rsync") is None:
        if os.environ.get("CI"):
            pytest.fail("rsync is required in CI (.ci/run installs it)")
        pytest.skip("rsync is not installed")
    target = tmp_path / "server"
    target.mkdir()
    result = invoke("publish", "--target", f"{target}/", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "index.html" in result.stdout and "Probelauf – nichts hochgeladen" in result.stdout
    assert list(target.iterdir()) == []
    assert (REPO / "dist" / "index.html.gz").is_file()


@pytest.mark.content  # publishes the repository's own site
def test_publish_dry_run_without_a_target_builds_and_lists_what_would_be_uploaded():
    result = invoke("publish", "--dry-run", env={"DEPLOY_TARGET": ""})
    assert result.returncode == 0, result.stderr
    assert "Probelauf – hochgeladen würde dist/:" in result.stdout
    assert re.search(r"^  kurse/ +[\d.]+ Dateien +[\d.]+ kB$", result.stdout, re.MULTILINE)
    total = re.search(r"^  zusammen +([\d.]+) Dateien", result.stdout, re.MULTILINE)
    assert int(total.group(1).replace(".", "")) == sum(1 for path in (REPO / "dist").rglob("*") if path.is_file())
    assert "nichts hochgeladen" in result.stdout
