from sitedata.ownlinks import own_path

SITE = "https://www.netz.example.org"


def test_links_into_the_own_domain_are_recognised():
    assert own_path("https://netz.example.org/anmeldung", SITE) == "/anmeldung"
    assert own_path("http://www.netz.example.org/a%C3%A4/", SITE) == "/aä/"
    assert own_path("/projektbeschreibung/", SITE) == "/projektbeschreibung/"


def test_other_links_are_left_alone():
    for url in ("https://andere.example.org/anmeldung", "mailto:kontakt@netz.example.org", "tel:+49361", "#anker",
                "seite/", "//cdn.example.org/x.js"):  # fmt: skip
        assert own_path(url, SITE) is None, url
