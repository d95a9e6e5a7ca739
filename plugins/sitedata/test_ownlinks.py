import datetime as dt

from conftest import copy_fixture

from sitedata.loader import load_project
from sitedata.ownlinks import own_path, placeholder_link_problems

SITE = "https://www.netz.example.org"


def test_links_into_the_own_domain_are_recognised():
    assert own_path("https://netz.example.org/anmeldung", SITE) == "/anmeldung"
    assert own_path("http://www.netz.example.org/a%C3%A4/", SITE) == "/aä/"
    assert own_path("/projektbeschreibung/", SITE) == "/projektbeschreibung/"


def test_other_links_are_left_alone():
    for url in ("https://andere.example.org/anmeldung", "mailto:kontakt@netz.example.org", "tel:+49361", "#anker",
                "seite/", "//cdn.example.org/x.js"):  # fmt: skip
        assert own_path(url, SITE) is None, url


def _site_with_links(tmp_path, links: str):
    """The minimal fixture with a draft, a news item still to come, and ``links`` in its news text."""
    site = copy_fixture("minimal", tmp_path / "site")
    news = site / "content" / "news"
    for name, extra in (("2026-11-01-entwurf.md", "status: draft\n"), ("2026-12-20-vorschau.md", "")):
        (news / name).write_text(f"---\ntitle: {name}\ndate: {name[:10]}\nsummary: Kurz.\n{extra}---\nText.\n")
    text = news / "2026-10-01-meldung.md"
    text.write_text(text.read_text(encoding="utf-8") + links, encoding="utf-8")
    return load_project(site / "content", site / "data"), dt.date(2026, 11, 22)


def test_placeholder_links_are_resolved_as_pelican_does_and_located(tmp_path):
    project, today = _site_with_links(
        tmp_path,
        "\n[a]({filename}../pages/impressum.md) [b]({filename}/news/2026-10-01-meldung.md#oben)\n"
        "[c]({filename}2026-11-01-entwurf.md)\n\n[d]({filename}/news/2026-12-20-vorschau.md?x=1)\n",
    )
    problems = placeholder_link_problems(project, today)
    assert [(p.line, p.field, p.message.split("“ ", 1)[1]) for p in problems] == [
        (12, "Text", "zeigt auf einen Entwurf (status: draft), der nicht veröffentlicht wird"),
        (14, "Text", "zeigt auf eine Meldung, die erst am 20.12.2026 erscheint"),
    ]
    assert {p.path for p in problems} == {"content/news/2026-10-01-meldung.md"}
    # On the day it appears, the link is fine; a text that is not published itself may link ahead.
    assert len(placeholder_link_problems(project, dt.date(2026, 12, 20))) == 1  # still the draft
    meldung = project.news["news/2026-10-01-meldung.md"]
    project.news["news/2026-10-01-meldung.md"] = meldung.model_copy(update={"status": "draft"})
    assert placeholder_link_problems(project, today) == []
