"""Build the real site and two other networks and check the pages a visitor gets."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from catalogue.filters import date_de
from conftest import FIXTURES, REPO, TODAY, BuiltSite, build, copy_fixture, tree_digest
from sitedata.loader import load_project
from sitedata.slugs import slugify
from support import real_site as site_data

pytestmark = pytest.mark.slow  # builds whole sites (see README: the fast inner loop)


def project_of(site: BuiltSite):
    return load_project(site.root / "content", site.root / "data")


def text_of(html: str) -> str:
    """Visible text with tags removed and entities decoded, whitespace collapsed."""

    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append
    parser.feed(html)
    return " ".join(" ".join(parts).split())


SITES = site_data.sites("real_site", "itas_site", "molewa_site", "synthetic_site")


@pytest.mark.parametrize("site_name", SITES)
def test_every_node_page_shows_its_facts(site_name, request):
    site = request.getfixturevalue(site_name)
    project = project_of(site)
    office = project.network.office_label
    for node in project.nodes.values():
        page = text_of(site.page(f"{office.slug}/{node.id}/"))
        assert f"{office.singular} {node.name}" in page
        assert project.partners[node.host].name in page
        assert node.district in page
        assert f"{node.address.postcode} {node.address.city}" in page
        if node.address.street:
            assert node.address.street in page
        if node.opened:
            assert date_de(node.opened) in page
        for topic in node.focus_topics:
            assert project.topics[topic].name in page


@pytest.mark.parametrize("site_name", SITES)
def test_every_course_page_lists_every_session(site_name, request):
    site = request.getfixturevalue(site_name)
    for course in project_of(site).courses.values():
        page = text_of(site.page(f"kurse/{course.id}/"))
        assert course.title in page
        assert course.summary in page
        for run in course.runs:
            for session in run.sessions:
                assert date_de(session.first_day, "medium") in page
                if session.timed:
                    assert f"{session.start:%H:%M}–{session.end:%H:%M} Uhr" in page
        assert ("Beispielangebot" in page) is course.example


@pytest.mark.parametrize("site_name", SITES)
def test_every_article_page_exists_with_title_and_german_date(site_name, request):
    site = request.getfixturevalue(site_name)
    for meta in project_of(site).news.values():
        page = text_of(site.page(f"aktuelles/{meta.slug or slugify(meta.title)}/"))
        assert meta.title in page
        assert date_de(meta.date) in page


def test_topic_pages_and_network_page(real_site):
    project = project_of(real_site)
    for topic in project.topics.values():
        assert topic.name in text_of(real_site.page(f"themen/{topic.id}/"))
    about = text_of(real_site.page("netzwerk/"))
    for member in project.network.consortium:
        assert project.partners[member.partner].name in about
    assert project.network.funding.funder in about


def test_office_and_topic_pages_show_the_latest_and_link_to_all(synthetic_site):
    from catalogue.paths import LATEST_NEWS, NEXT_RUNS

    project = project_of(synthetic_site)
    office = project.network.office_label.slug
    archives = 0
    more_runs = 0
    for kind, url, ids, filtered in [
        # a node's page lists its town's courses, as the place filter's page does
        *(
            ("nodes", f"{office}/{node}/", node, f"kurse/ort/{slugify(record.address.city)}/")
            for node, record in project.nodes.items()
        ),
        *(("topics", f"themen/{topic}/", topic, f"kurse/thema/{topic}/") for topic in project.topics),
    ]:
        page = synthetic_site.page(url)
        assert 0 < page.count('<li class="news">') <= LATEST_NEWS, url
        runs = synthetic_site.page(filtered).count('<li class="run"')  # the catalogue's filter page: all of them
        assert page.count('<li class="run"') == min(runs, NEXT_RUNS), url
        if runs > NEXT_RUNS:
            more_runs += 1
            assert f'href="/{filtered}">Alle {runs} Kurse und Termine</a>' in page
        titles = [news.title for news in project.news.values() if ids in getattr(news, kind)]
        if len(titles) > LATEST_NEWS:
            archives += 1
            assert f'href="/{url}meldungen/">Alle {len(titles)} Meldungen</a>' in page
            archive = text_of(synthetic_site.page(f"{url}meldungen/"))
            assert all(title in archive for title in titles), url
        else:
            assert not (synthetic_site.output / url / "meldungen").exists()
    assert archives > 0 and more_runs > 0  # the site is large enough to need them


def test_labels_come_from_data(itas_site):
    itas = text_of(itas_site.page("helpdesks/"))
    assert "Helpdesks" in itas
    for output in (itas_site.output,):
        for html in output.rglob("*.html"):
            assert "QTI" not in html.read_text(encoding="utf-8"), html


def test_the_real_sites_office_label_comes_from_its_data(real_site):
    office = site_data.require(project_of(real_site).network.office_label, "office_label (nodes)")
    assert office.plural in text_of(real_site.page(f"{office.slug}/"))


def test_network_without_offices_has_no_office_pages(molewa_site):
    project = project_of(molewa_site)
    assert project.network.office_label is None
    home = molewa_site.page("index.html")
    assert "Standorte" not in text_of(home)
    assert {p.name for p in molewa_site.output.iterdir()} >= {"kurse", "aktuelles", "themen", "netzwerk"}


def test_one_off_event_is_a_course_with_one_session(itas_site):
    congress = next(c for c in project_of(itas_site).courses.values() if c.kind == "Kongress")
    assert len(congress.runs) == 1 and len(congress.runs[0].sessions) == 1
    page = text_of(itas_site.page(f"kurse/{congress.id}/"))
    venue = project_of(itas_site).venues[congress.runs[0].place.venue]
    assert f"{venue.address.street}, {venue.address.postcode} {venue.address.city}" in page


def test_german_slugs(real_site):
    assert slugify("Größe für Bürger: Elektromobilität") == "groesse-fuer-buerger-elektromobilitaet"
    for path in real_site.output.rglob("*"):
        assert re.fullmatch(r"[a-z0-9._-]+", path.name), path


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(values[key])


@pytest.mark.parametrize("site_name", SITES)
def test_every_internal_link_and_anchor_resolves(site_name, request):
    site = request.getfixturevalue(site_name)
    pages = {}
    for html in site.output.rglob("*.html"):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html] = parser
    broken = []
    for html, parser in pages.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            path, fragment = urldefrag(link)
            target = (
                (site.output / path.lstrip("/")) if path.startswith("/") else (html.parent / path if path else html)
            )
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html.relative_to(site.output)} → {link}")
            elif fragment and fragment not in pages[target.resolve()].ids:
                broken.append(f"{html.relative_to(site.output)} → {link} (Anker fehlt)")
    assert not broken


def test_data_strings_are_escaped(tmp_path):
    site = Path(tmp_path / "site")
    import shutil

    shutil.copytree(FIXTURES / "minimal", site)
    course = site / "data" / "courses" / "kurs.yml"
    text = course.read_text(encoding="utf-8")
    course.write_text(
        text.replace("title: Wasserstoff sicher handhaben", 'title: "<script>alert(1)</script> & \\"x"'),
        encoding="utf-8",
    )
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "kurse" / "kurs" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x" in html


def test_same_input_builds_byte_identical_output(real_site, tmp_path):
    """Pages, calendars, feeds, search index: a second build of the same commit changes no byte."""
    again = tmp_path / "again"
    result = build(None, again)
    assert result.returncode == 0
    assert tree_digest(again) == tree_digest(real_site.output)
    assert result.stdout.startswith("Fertig: ") and result.stdout.rstrip().endswith(f"→ {again}")


@pytest.mark.content
def test_shipped_content_checks_clean():
    from conftest import invoke

    result = invoke("check")
    assert result.returncode == 0, result.stderr
    # Notices only, and only one the shipped data may earn (a network whose e-mail address is not
    # known yet: data/network.yml); any other line on stderr is a defect.
    notices = {line for line in result.stderr.splitlines()}
    assert notices <= {line for line in notices if line.startswith("Hinweis: data/network.yml: contact.email fehlt")}
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("✓ Alles in Ordnung"), result.stdout


def test_no_network_specific_words_in_engine():
    words = re.compile(
        r"\b(ANeTT|QTI|Thüringen|Thueringen|Sachsen|ITAS|MoLeWa|Gotha|Sömmerda|Soemmerda|Weberstedt|Eisenach|Rohr|"
        r"Leipzig|Chemnitz|Zwickau|LEG|IHK|Helpdesks?)\b",
        re.IGNORECASE,
    )
    offenders = []
    for folder in ("plugins", "theme"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js"} and "__pycache__" not in path.parts:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                    if words.search(line):
                        offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders


assert TODAY  # builds in these tests use a fixed "today"


def test_a_first_line_like_a_key_stays_text(tmp_path):
    """Regression: Pelican's Markdown "meta" extension swallowed a first body line such as "Hinweis: …"."""
    site = copy_fixture("minimal", tmp_path / "site")
    for path in (site / "content/pages/impressum.md", site / "content/news/2026-10-01-meldung.md"):
        parts = path.read_text(encoding="utf-8").split("---\n")
        path.write_text("---\n".join([*parts[:2], "Hinweis: bitte lesen.\n\n" + parts[2]]), encoding="utf-8")
    output = tmp_path / "output"
    assert build(site, output).returncode == 0
    for page in ("impressum/index.html", "aktuelles/neues-seminar-zu-wasserstoff/index.html"):
        assert "Hinweis: bitte lesen." in (output / page).read_text(encoding="utf-8"), page


@pytest.mark.parametrize("site_name", site_data.sites("real_site", "itas_site"))
def test_the_home_page_offers_as_next_courses_only_runs_that_take_place(site_name, request):
    """A cancelled workshop at the top of "Nächste Kurse und Termine" is no next course."""
    import datetime as dt

    from catalogue.links import Links
    from catalogue.views import build_catalogue

    real_site = request.getfixturevalue(site_name)
    project = project_of(real_site)
    catalogue = build_catalogue(project, Links.of(project), dt.date.fromisoformat(TODAY))
    cancelled = [r for r in catalogue.upcoming[:4] if r.status in ("abgesagt", "verschoben")]
    home = real_site.page("index.html").split('id="termine"', 1)[1].split("</section>", 1)[0]
    for run in cancelled:
        assert f"#{run.anchor}" not in home, run.course.title
    taking_place = [r for r in catalogue.upcoming if r.status not in ("abgesagt", "verschoben")][:4]
    assert home.count('class="run-title"') == len(taking_place) > 0
    assert all(f"#{run.anchor}" in home for run in taking_place)


def test_every_feed_is_linked_visibly_from_a_page(real_site):
    """Autodiscovery in <head> is invisible to most visitors: each feed also has a link in a page's body."""
    from lxml import html

    linked = set()
    for path in real_site.output.rglob("*.html"):
        if "pagefind" in path.relative_to(real_site.output).parts:
            continue
        body = html.fromstring(path.read_bytes()).find("body")
        linked |= {href.lstrip("/") for href in body.xpath(".//a/@href") if href.endswith(".xml")}
    feeds = {path.relative_to(real_site.output).as_posix() for path in (real_site.output / "feeds").glob("*.xml")}
    assert {"feeds/aktuelles.atom.xml", "feeds/kurse.atom.xml"} <= feeds and feeds == linked


def test_identity_comes_from_each_networks_data(real_site, itas_site):
    """Logo, colours and funding notice: ITAS shows its own, never the real network's, and the other way round."""
    real = project_of(real_site).network
    site_data.require(real.logo and real.colours and real.funding.notice, "logo, colours and funding notice")
    for site, other in ((real_site, itas_site), (itas_site, real_site)):
        network, others = project_of(site).network, project_of(other).network
        home = site.page("index.html")
        logo = Path(network.logo).name
        assert f'<img class="site-logo" src="/theme/identity/{logo}"' in home
        assert Path(others.logo).name not in home
        assert (site.output / "theme" / "identity" / logo).read_bytes() == (
            site.root / "data" / network.logo
        ).read_bytes()
        assert '<link rel="stylesheet" href="/theme/css/identity.css">' in home
        css = (site.output / "theme" / "css" / "identity.css").read_text(encoding="utf-8")
        ours = {network.colours.primary, network.colours.accent, *network.colours.dark_mode.model_dump().values()}
        theirs = {others.colours.primary, others.colours.accent, *others.colours.dark_mode.model_dump().values()}
        assert all(colour in css for colour in ours) and not any(colour in css for colour in theirs - ours)
        footer = text_of(home.split('<footer class="site-footer">', 1)[1])
        assert network.funding.notice in footer and others.funding.notice not in footer


@pytest.mark.parametrize("site_name", site_data.sites("real_site", "itas_site"))
def test_node_map_draws_the_region_with_a_marker_per_node_inside_it(site_name, request):
    from lxml import html

    site = request.getfixturevalue(site_name)
    project = project_of(site)
    site_data.require(project.nodes and project.network.map, "nodes with a map of its region")
    for url in ("index.html", f"{project.network.office_label.slug}/"):
        figure = html.fromstring(site.page(url)).find_class("node-map")[0]
        outline = figure.xpath(".//*[local-name()='path'][@class='map-region']/@d")[0]
        xs, ys = zip(*((float(x), float(y)) for x, y in re.findall(r"([\d.]+) ([\d.]+)", outline)), strict=True)
        assert len(xs) > 100  # the region's shape, not a frame
        dots = figure.xpath(".//*[local-name()='circle'][@class='map-dot']")
        assert len(dots) == len(project.nodes)
        for dot in dots:
            assert min(xs) < float(dot.get("cx")) < max(xs) and min(ys) < float(dot.get("cy")) < max(ys)
        labels = figure.xpath(".//*[local-name()='text']/text()")
        places = [*project.nodes.values(), *(v for v in project.venues.values() if v.coordinates)]
        assert sorted(labels) == sorted(place.name for place in places)
        assert project.network.map.attribution in figure.text_content()
        assert project.network.map.name in figure.xpath(".//*[local-name()='desc']/text()")[0]
