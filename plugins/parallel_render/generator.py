"""Render the collected pages as soon as the generators that write pages are done.

Listed in PLUGINS after the plugins whose generators write pages (Pelican's own come first),
so the search index can start on the finished searchable pages (see writer.RENDER_FIRST).
"""

from __future__ import annotations

from pelican.generators import Generator


class PageRenderer(Generator):
    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        writer.render_all()
