"""Write /admin/: the page, the generated config.yml and the pinned Decap CMS bundle from node_modules.

Written when the network names its repository (``cms:`` in data/network.yml: the GitHub, GitLab
or Gitea backend needs the page in production) or when ``invoke cms`` builds against its local
proxy (CMS_LOCAL_BACKEND); a site without either gets no /admin/ at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sitedata.network_model import Network

from .config import config_text

ASSETS = Path(__file__).with_name("assets")
DECAP = Path(__file__).resolve().parents[3] / "node_modules" / "decap-cms" / "dist"
FOLDER = "admin"


class MissingBundle(RuntimeError):
    pass


def bundle_files() -> list[Path]:
    """decap-cms.js, the chunks it loads from its own folder, their WebAssembly and its licence notes."""
    if not (DECAP / "decap-cms.js").is_file():
        raise MissingBundle(
            f"{DECAP / 'decap-cms.js'} fehlt – bitte `npm ci` ausführen (Decap CMS ist in package-lock.json festgelegt)."
        )
    return sorted(
        path
        for path in DECAP.iterdir()
        if path.name == "decap-cms.js" or path.name.endswith((".decap-cms.js", ".wasm", "decap-cms.js.LICENSE.txt"))
    )


def write_admin(output: Path, network: Network, local_backend: str | None) -> bool:
    if not (network.cms or local_backend):
        return False
    admin = output / FOLDER
    (admin / "decap").mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "vorschau.js"):
        shutil.copyfile(ASSETS / name, admin / name)
    (admin / "config.yml").write_text(config_text(network, local_backend), encoding="utf-8")
    for path in bundle_files():
        shutil.copyfile(path, admin / "decap" / path.name)
    return True
