"""Subscribe links: every calendar app gets a URL it understands, with data safely encoded."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from pipeline.calendars.subscribe import Subscription, webcal


def test_webcal_google_and_outlook_links_carry_the_encoded_feed_url():
    sub = Subscription("Netz: Kurse & Termine", "kalender/alle.ics", "https://netz.example.org/kalender/alle.ics")
    assert sub.webcal == "webcal://netz.example.org/kalender/alle.ics"
    assert webcal("http://a.example/x.ics") == "webcal://a.example/x.ics"
    google = urlsplit(sub.google)
    assert google.netloc == "calendar.google.com"
    assert parse_qs(google.query) == {"cid": ["webcal://netz.example.org/kalender/alle.ics"]}
    for link in (sub.outlook_365, sub.outlook_com):
        query = parse_qs(urlsplit(link).query)
        assert query["rru"] == ["addsubscription"]
        assert query["url"] == ["webcal://netz.example.org/kalender/alle.ics"]
        assert query["name"] == ["Netz: Kurse & Termine"]
        assert "&" not in urlsplit(link).query.split("name=")[1]  # the "&" in the name is encoded
