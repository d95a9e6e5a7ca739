"""The trail from the home page to a page, found from the page's own address."""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup

from .breadcrumbs import Breadcrumbs
from .links import Links

OFFICES = SimpleNamespace(plural="Regionalbüros", slug="regionalbueros")


def crumbs(office=OFFICES) -> Breadcrumbs:
    network = SimpleNamespace(name="F&E-Netz", office_label=office)
    return Breadcrumbs.of(network, Links(office.slug if office else None))


def test_a_section_page_is_named_as_its_section():
    assert crumbs().trail("aktuelles/", "Aktuelles – F&E-Netz") == [("Start", ""), ("Aktuelles", "aktuelles/")]
    assert crumbs().trail("regionalbueros/", "x") == [("Start", ""), ("Regionalbüros", "regionalbueros/")]
    assert crumbs().trail("netzwerk/", "x") == [("Start", ""), ("Über F&E-Netz", "netzwerk/")]


def test_a_page_in_a_section_comes_after_it_with_its_title_without_the_network_name():
    title = Markup("Kurs &lt;A&gt; – F&amp;E-Netz")  # the title block reaches the template escaped
    trail = crumbs().trail("kurse/monat/2027-01/", title)
    assert trail == [("Start", ""), ("Kurse und Termine", "kurse/"), (Markup("Kurs &lt;A&gt;"), "kurse/monat/2027-01/")]
    assert isinstance(trail[-1][0], Markup)  # still escaped once, not twice


def test_a_page_outside_every_section_follows_the_start():
    assert crumbs().trail("impressum/", "Impressum – F&E-Netz") == [("Start", ""), ("Impressum", "impressum/")]


def test_without_regional_offices_their_address_is_no_section():
    assert crumbs(office=None).trail("regionalbueros/mittenstadt/", "Mittenstadt – F&E-Netz") == [
        ("Start", ""),
        ("Mittenstadt", "regionalbueros/mittenstadt/"),
    ]


def test_the_menu_names_the_sections_in_order_and_the_search_page_is_a_section_only_of_the_trail():
    assert crumbs().menu == (
        ("aktuelles/", "Aktuelles"),
        ("kurse/", "Kurse und Termine"),
        ("regionalbueros/", "Regionalbüros"),
        ("themen/", "Themen"),
        ("netzwerk/", "Über F&E-Netz"),
    )
    assert [url for url, _ in crumbs(office=None).menu] == ["aktuelles/", "kurse/", "themen/", "netzwerk/"]
    assert crumbs().trail("suche/", "Suche – F&E-Netz") == [("Start", ""), ("Suche", "suche/")]
