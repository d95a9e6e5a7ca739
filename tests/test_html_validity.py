"""Every generated HTML file passes the Nu Html Checker (vnu) with zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import REPO
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.parametrize("site_name", site_data.sites("real_site", "itas_site", "molewa_site", "synthetic_site"))
def test_every_page_is_valid_html(site_name, request):
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("vnu.jar and java are required: run `invoke tools` (CI installs java)")
    site = request.getfixturevalue(site_name)
    pages = sorted(str(p) for p in site.output.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 10
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(done.stderr)["messages"]
    errors = [
        f"{m['url'].rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
