"""The editors' preview (``invoke serve``): the output folder on a local port, rebuilt on every change.

The browser follows the builds by itself: every page the preview serves gets one script tag,
added on the way out (the files in the output folder stay exactly what ``invoke build`` writes),
that listens to a Server-Sent Events stream and reloads the page when another build is there.
While the last build failed, every page is the list of problems, as ``invoke check`` prints it,
until an edit fixes them. The script is a file of the preview server, so the site's own
Content-Security-Policy, sent here too, allows it as it is.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

# The preview's own files: a folder name no site uses (it would be served, never overwritten).
PREFIX = "/__vorschau/"
EVENTS, SCRIPT, STYLE = PREFIX + "ereignisse", PREFIX + "neu-laden.js", PREFIX + "vorschau.css"
ASSETS = Path(__file__).with_name("preview_assets")
KEEPALIVE_SECONDS = 20  # a comment line this often finds a closed tab, so its thread ends


class BuildState:
    """The latest build: a fresh ``version`` for each, and its problems (``None`` when it succeeded)."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.version = uuid.uuid4().hex  # new after a restart too, so open tabs reload
        self.problems: str | None = None

    def update(self, problems: str | None) -> None:
        with self.changed:
            self.version, self.problems = uuid.uuid4().hex, problems
            self.changed.notify_all()


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, state: BuildState, headers: Mapping[str, str], **kwargs) -> None:
        self.state, self.site_headers = state, headers
        super().__init__(*args, **kwargs)  # handles the request: the attributes must be there before

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.site_headers.items():
            self.send_header(name, value)
        # Revalidate every file on each reload: an edited stylesheet shows at once.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._events()
        elif path in (SCRIPT, STYLE):
            kind = "text/javascript" if path == SCRIPT else "text/css"
            self._send(200, f"{kind}; charset=utf-8", (ASSETS / path.removeprefix(PREFIX)).read_bytes())
        elif (page := self._page(path)) is not None:
            with self.state.changed:
                version, problems = self.state.version, self.state.problems
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
        return file if self.state.problems is not None and (path.endswith(("/", ".html"))) else None

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """One event with the current build's version, then one after every build, until the tab closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        sent = None
        try:
            self.wfile.write(b"retry: 1000\n\n")  # reconnect quickly after a restart of the preview
            while True:
                with self.state.changed:
                    self.state.changed.wait_for(lambda seen=sent: self.state.version != seen, timeout=KEEPALIVE_SECONDS)
                    version = self.state.version
                self.wfile.write(f"data: {version}\n\n".encode() if version != sent else b": \n\n")
                self.wfile.flush()
                sent = version
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded


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
    headers: Mapping[str, str] | None = None,
) -> None:
    """Build, serve ``output`` and rebuild whenever a file below ``watched`` changes, until Ctrl+C.

    ``rebuild`` returns ``None`` when the build succeeded, else the problems to show. Rebuilds run
    in this process (imports and compiled templates are reused, so a rebuild of a site of the
    usual size takes well under a second); an edited ``.py`` file (plugin code, the settings)
    restarts the whole command instead, so that no module is half old. ``headers`` go with every
    response (the published site's, so that the preview obeys the same policy).
    """
    from watchfiles import watch

    state = BuildState()
    state.update(rebuild())
    output.mkdir(parents=True, exist_ok=True)
    # ``directory`` is resolved per request: an output swapped in by a rebuild is served at once.
    handler = functools.partial(_PreviewHandler, directory=str(output), state=state, headers=dict(headers or {}))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Vorschau: http://{host}:{server.server_address[1]}/ (Strg+C beendet)", flush=True)
    try:
        for changes in watch(*watched):
            if any(path.endswith(".py") for _, path in changes):
                server.server_close()
                os.execv(sys.executable, [sys.executable, *sys.argv])
            state.update(rebuild())
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
