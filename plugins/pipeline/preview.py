"""The editors' preview (``invoke serve``): the output folder on a local port, rebuilt on every change.

The browser follows the builds by itself: every page the preview serves gets one script tag,
added on the way out (the files in the output folder stay exactly what ``invoke build`` writes),
that asks the server once a second which build is current and reloads the page when it is
another. (Polling rather than Server-Sent Events: an open event stream per tab would use up the
browser's six connections to the preview.) While the last build failed, every page is the list of
problems, as ``invoke check`` prints it, until an edit fixes them. The script is a file of the
preview server, so the site's own Content-Security-Policy, sent here too, allows it as it is.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import signal
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

# The preview server's own addresses; a site's own files below /__vorschau/ would be hidden by them.
PREFIX = "/__vorschau/"
STATE, SCRIPT, STYLE = PREFIX + "stand.json", PREFIX + "neu-laden.js", PREFIX + "vorschau.css"
ASSETS = Path(__file__).with_name("preview_assets")


class BuildState:
    """The latest build: a fresh ``version`` for each (after a restart too, so open tabs reload),
    and its problems (``None`` when it succeeded). Read by the server's threads as one tuple."""

    def __init__(self) -> None:
        self.current: tuple[str, str | None] = (uuid.uuid4().hex, None)

    def update(self, problems: str | None) -> None:
        self.current = (uuid.uuid4().hex, problems)


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, state: BuildState, headers: Callable[[str], Mapping[str, str]], **kwargs) -> None:
        self.state, self.site_headers = state, headers
        super().__init__(*args, **kwargs)  # handles the request: the attributes must be there before

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.site_headers(urlsplit(self.path).path).items():
            self.send_header(name, value)
        # Revalidate every file on each reload: an edited stylesheet shows at once.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == STATE:
            self._send(200, "application/json", json.dumps({"version": self.state.current[0]}).encode())
        elif path in (SCRIPT, STYLE):
            kind = "text/javascript" if path == SCRIPT else "text/css"
            self._send(200, f"{kind}; charset=utf-8", (ASSETS / path.removeprefix(PREFIX)).read_bytes())
        elif (page := self._page(path)) is not None:
            version, problems = self.state.current
            if problems is not None:
                self._send(500, "text/html; charset=utf-8", problem_page(problems, version).encode())
            else:
                self._send(200, "text/html; charset=utf-8", with_reload(page.read_bytes(), version))
        else:
            super().do_GET()

    def _page(self, path: str) -> Path | None:
        """The HTML file a request for ``path`` shows; while a build failed, any page address."""
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            return file
        return file if self.state.current[1] is not None and path.endswith(("/", ".html")) else None

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _reload_tag(version: str) -> bytes:
    return f'<script src="{SCRIPT}" data-version="{version}" defer></script>'.encode()


def with_reload(page: bytes, version: str) -> bytes:
    """The page with the reload script at the end of its ``<head>``."""
    head_end = page.find(b"</head>")
    return page if head_end < 0 else page[:head_end] + _reload_tag(version) + page[head_end:]


def problem_page(problems: str, version: str) -> str:
    """The page shown instead of every page while the build fails: the problems as ``invoke check`` prints them."""
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Vorschau: Die Website kann nicht gebaut werden</title>\n"
        f'<link rel="stylesheet" href="{STYLE}">\n{_reload_tag(version).decode()}\n</head>\n<body>\n<main>\n'
        "<h1>Die Website kann nicht gebaut werden</h1>\n"
        "<p>Bitte korrigieren Sie diese Stellen und speichern Sie die Datei. "
        "Sobald alles in Ordnung ist, erscheint hier wieder die Seite.</p>\n"
        f'<pre class="problems">{html.escape(problems)}</pre>\n</main>\n</body>\n</html>\n'
    )


def serve(
    output: Path,
    watched: Iterable[Path],
    rebuild: Callable[[], str | None],
    host: str,
    port: int,
    headers: Mapping[str, str] | Callable[[str], Mapping[str, str]] | None = None,
    also: Iterable[tuple[str, str]] = (),
    before_restart: Callable[[], None] = lambda: None,
) -> None:
    """Build, serve ``output`` and rebuild whenever a file below ``watched`` changes, until Ctrl+C.

    ``rebuild`` returns ``None`` when the build succeeded, else the problems to show. Rebuilds run
    in this process (imports and compiled templates are reused, so a rebuild of a site of the
    usual size takes well under a second); an edited ``.py`` file (plugin code, the settings)
    restarts the whole command instead, so that no module is half old. ``headers`` go with every
    response (the published site's, so that the preview obeys the same policy), or a function of
    the path that returns them (/admin/ has rules of its own). ``also``: (label, path) pairs
    printed with the address, e.g. the web editor's. ``before_restart``: stops what the command
    started beside the preview (decap-server), which the restarted command starts again.
    """
    from watchfiles import watch

    # Ctrl+C (SIGINT) stops the preview however it was started: a process started as a background
    # job, or by one, inherits SIGINT ignored, and Python then installs no KeyboardInterrupt for it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    state = BuildState()
    state.update(rebuild())
    output.mkdir(parents=True, exist_ok=True)
    # ``directory`` is resolved per request: an output swapped in by a rebuild is served at once.
    if not callable(headers):
        headers = functools.partial(lambda fixed, path: fixed, dict(headers or {}))
    handler = functools.partial(_PreviewHandler, directory=str(output), state=state, headers=headers)
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://{host}:{server.server_address[1]}/"
    try:
        # Inside the try: a flush runs pending signal handlers, so a Ctrl+C that comes as soon as
        # the address is shown raises here.
        for label, path in also:
            print(f"{label}: {base}{path}", flush=True)
        print(f"Vorschau: {base} (Strg+C beendet)", flush=True)
        for changes in watch(*watched):
            if any(path.endswith(".py") for _, path in changes):
                server.server_close()
                before_restart()
                os.execv(sys.executable, [sys.executable, *sys.argv])
            state.update(rebuild())
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
