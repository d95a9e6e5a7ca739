"""Headless Debian Chromium and a loopback server for the built site (tests, screenshots, page weight).

Nothing here downloads a browser: Playwright drives /usr/bin/chromium.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags that let Chromium start as root without a network or a desktop session.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() or shutil.which(CHROMIUM) is not None


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".pf_meta": "application/octet-stream",
    }

    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port, optionally with response headers; yields the base URL."""
    handler_class = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# One representative page per page type (paths of the ANeTT site), for screenshots and page weight.
PAGE_TYPES = {
    "home": "",
    "catalogue": "kurse/",
    "course": "kurse/hochvolt-grundlagen-elektromobilitaet/",
    "month": "kurse/monat/2027-03/",
    "nodes": "qti-knoten/",
    "node": "qti-knoten/gotha/",
    "news": "aktuelles/",
    "article": "aktuelles/erster-qti-knoten-in-gotha-eroeffnet/",
    "article+pic": "aktuelles/weiterbildung-2027-beispielprogramm-fuer-die-qti-knoten/",
    "topic": "themen/wasserstoff/",
    "search": "suche/",
}
SCREENSHOT_PAGES = ("home", "catalogue", "course", "node", "article")


def screenshots(site: Path, target: Path) -> list[Path]:
    """Desktop (1366 px) and phone (390 px) screenshots of the main page types."""
    written = []
    target.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, chromium() as browser:
        for width, device in ((1366, "desktop"), (390, "phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name in SCREENSHOT_PAGES:
                page.goto(base + PAGE_TYPES[name], wait_until="networkidle")
                written.append(target / f"{name}-{device}.png")
                page.screenshot(path=str(written[-1]), full_page=True)
            page.close()
    return written


def page_weight(site: Path) -> str:
    """Bytes and requests of a first visit per page type, as a table (target: ≤ 50 KiB without images)."""
    rows = []
    with serve(site) as base, chromium() as browser:
        for name, path in PAGE_TYPES.items():
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            loaded: list[tuple[str, int]] = []
            # Routing every request also turns the HTTP cache off: each page is a first visit.
            context.route("**/*", lambda route: route.continue_())
            page = context.new_page()
            page.on("requestfinished", functools.partial(_record_request, loaded))
            page.goto(base + path, wait_until="networkidle")
            context.close()
            images = sum(size for kind, size in loaded if kind == "image")
            rows.append((name, len(loaded), sum(size for _, size in loaded) - images, images))
    lines = [f"{'page type':<12} {'requests':>8} {'KiB w/o images':>15} {'KiB images':>11}  target ≤ 50 KiB"]
    for name, count, text_bytes, image_bytes in rows:
        verdict = "ok" if text_bytes <= 50 * 1024 else "OVER"
        lines.append(f"{name:<12} {count:>8} {text_bytes / 1024:>15.1f} {image_bytes / 1024:>11.1f}  {verdict}")
    return "\n".join(lines)


def _record_request(loaded: list[tuple[str, int]], request) -> None:  # request: a Playwright Request
    response = request.response()
    loaded.append((request.resource_type, len(response.body()) if response else 0))
