"""Shared helpers: run the real command-line tasks and build sites into temporary folders."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
TODAY = "2026-11-22"  # the builds' "today", so upcoming/past never depends on the clock

sys.path.insert(0, str(REPO / "plugins"))


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run ``invoke <args>`` as editors do, in a fresh process (``env``: extra environment variables)."""
    done = subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return Result(done.returncode, done.stdout, done.stderr)


def build(root: Path | None, output: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    args = ["build", "--output", str(output), "--today", TODAY, *extra]
    if root is not None:
        args += ["--root", str(root)]
    return invoke(*args, env=env)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the SHA-256 of its bytes, and every folder (empty ones too)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "/"
        for path in sorted(folder.rglob("*"))
    }


def copy_fixture(name: str, target: Path) -> Path:
    shutil.copytree(FIXTURES / name, target)
    return target


@dataclass
class BuiltSite:
    root: Path
    output: Path

    def page(self, url: str) -> str:
        path = self.output / url.strip("/") / "index.html" if not url.endswith(".html") else self.output / url
        return path.read_text(encoding="utf-8")


def _built(tmp_path_factory: pytest.TempPathFactory, root: Path | None, name: str) -> BuiltSite:
    output = tmp_path_factory.mktemp(name) / "output"
    result = build(root, output)
    assert result.returncode == 0, result.stderr
    return BuiltSite(root or REPO, output)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that builds the real site is about its data/ and content/: marker ``content``
    (tests that pick the real site by parameter mark it with support.real_site.sites)."""
    for item in items:
        if "real_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.content)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _built(tmp_path_factory, None, "real")


@pytest.fixture(scope="session")
def itas_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _built(tmp_path_factory, FIXTURES / "itas", "itas")


@pytest.fixture(scope="session")
def molewa_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _built(tmp_path_factory, FIXTURES / "molewa", "molewa")


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The benchmark's generated network, large enough that offices and topics have more news than their pages show."""
    sys.path.insert(0, str(REPO))
    from benchmarks.synthetic import generate

    made = generate(tmp_path_factory.mktemp("synthetic") / "site", news=80, courses=30)
    return _built(tmp_path_factory, made.network, "synthetic")
