"""Feed building blocks: absolute links and ids that do not depend on titles or dates."""

from __future__ import annotations

import datetime as dt

from pipeline.newsfeeds.feeds import Feed, Item, absolute_links, entry_id, render

BASE = "https://netz.example.org/aktuelles/meldung/"


def test_relative_links_become_absolute_and_absolute_ones_stay():
    html = (
        '<a href="/kurse/a/">a</a> <img src="bild.jpg" alt=""> <a href="#x">x</a> <a href=\'https://o.example/\'>o</a>'
    )
    assert absolute_links(html, BASE) == (
        '<a href="https://netz.example.org/kurse/a/">a</a> '
        '<img src="https://netz.example.org/aktuelles/meldung/bild.jpg" alt=""> '
        '<a href="https://netz.example.org/aktuelles/meldung/#x">x</a> '
        "<a href='https://o.example/'>o</a>"
    )


def test_entry_ids_depend_only_on_the_site_and_the_file_name():
    assert entry_id("https://netz.example.org", "aktuelles", "2026-10-01-meldung") == entry_id(
        "https://netz.example.org", "aktuelles", "2026-10-01-meldung"
    )
    assert entry_id("https://netz.example.org", "aktuelles", "a").startswith("urn:uuid:")
    assert entry_id("https://netz.example.org", "aktuelles", "a") != entry_id(
        "https://netz.example.org", "aktuelles", "b"
    )


def test_rendering_is_deterministic_and_uses_the_newest_entry_as_updated():
    when = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    item = Item("urn:uuid:1", "Titel <&>", BASE, when, when, "Kurz", "<p>Text</p>")
    feed = Feed("feeds/aktuelles", "Netz: Aktuelles", "Meldungen", "https://netz.example.org/aktuelles/", [item])
    empty = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    first = render(feed, "https://netz.example.org", {"name": "Netz"}, empty, None)
    assert first == render(feed, "https://netz.example.org", {"name": "Netz"}, empty, None)
    assert set(first) == {"feeds/aktuelles.atom.xml", "feeds/aktuelles.rss.xml"}
    assert b"<updated>2026-10-01T00:00:00+00:00</updated>" in first["feeds/aktuelles.atom.xml"]
    assert b"<lastBuildDate>Thu, 01 Oct 2026 00:00:00 +0000</lastBuildDate>" in first["feeds/aktuelles.rss.xml"]


def test_a_feed_keeps_only_its_newest_entries():
    day = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    items = [
        Item(f"urn:uuid:{n}", f"Meldung {n}", BASE, day + dt.timedelta(days=n), day, "Kurz", "<p>Text</p>")
        for n in range(5)
    ]
    feed = Feed("feeds/aktuelles", "Netz: Aktuelles", "Meldungen", "https://netz.example.org/aktuelles/", items)
    atom = render(feed, "https://netz.example.org", {"name": "Netz"}, day, 2)["feeds/aktuelles.atom.xml"]
    assert atom.count(b"<entry>") == 2
    assert b"Meldung 4" in atom and b"Meldung 3" in atom and b"Meldung 2" not in atom
