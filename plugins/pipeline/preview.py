"""The editors' preview (``invoke serve``): the output folder on a local port, rebuilt on every change."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(output: Path, watched: Iterable[Path], rebuild: Callable[[], None], host: str, port: int) -> None:
    """Build, serve ``output`` and rebuild whenever a file below ``watched`` changes, until Ctrl+C.

    Rebuilds run in this process (imports and compiled templates are reused, so a rebuild of a
    site of the usual size takes well under a second); an edited ``.py`` file (plugin code, the
    settings) restarts the whole command instead, so that no module is half old.
    """
    from watchfiles import watch

    rebuild()
    output.mkdir(parents=True, exist_ok=True)
    # ``directory`` is resolved per request: an output swapped in by a rebuild is served at once.
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(_QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Vorschau: http://{host}:{port}/ (Strg+C beendet)")
    try:
        for changes in watch(*watched):
            if any(path.endswith(".py") for _, path in changes):
                server.server_close()
                os.execv(sys.executable, [sys.executable, *sys.argv])
            rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
