"""schema.org JSON-LD for search engines and aggregators, built from the views.

Dicts are built here and serialised by the ``jsonld`` filter, which escapes ``<``, ``>``
and ``&`` so no data string can close the surrounding ``<script>`` element.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sitedata.course_model import ORDINALS, WEEKDAYS, Course, Price, Registration, Series
from sitedata.images import Share
from sitedata.network_model import Network, Partner
from sitedata.place_model import Location, Node

from .links import Links
from .views import CANCELLED, POSTPONED, CourseView, RunView, Venue

EVENT_STATUS = {CANCELLED: "EventCancelled", POSTPONED: "EventPostponed"}
# By how one takes part in a course's format (network.yml's course_formats ``attendance``).
ATTENDANCE = {
    "vor Ort": "OfflineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
}
COURSE_MODE = {"vor Ort": "onsite", "hybrid": "blended", "online": "online"}
# One Unterrichtseinheit (UE) is 45 minutes, as in German further education (docs/datenmodell.md).
MINUTES_PER_UE = 45
AVAILABILITY = {
    "buchbar": "InStock",
    "ausgebucht": "SoldOut",
    "geplant": "PreOrder",
    CANCELLED: "Discontinued",
    POSTPONED: "PreOrder",
}
# What a registration state says about the offer, where schema.org has a word for it; other
# states (unknown, over, …) keep the availability of the run's status above.
REGISTRATION_AVAILABILITY = {
    "open": "InStock",
    "closing_soon": "InStock",
    "not_required": "InStock",
    "fully_booked": "SoldOut",
    "waiting_list": "SoldOut",  # every place is taken; the waiting list is no place
    "closed": "OutOfStock",  # the deadline is past: the offer cannot be taken any more
}
SCHEMA = "https://schema.org/"
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def jsonld(data: dict) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@dataclass
class StructuredData:
    network: Network
    partners: dict[str, Partner]
    links: Links
    topic_names: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return self.network.site_url.rstrip("/") + "/"

    def url(self, relative: str) -> str:
        return self.base + relative

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self.network.timezone)

    def _instant(self, value: dt.datetime | dt.date) -> str:
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=self._zone()).isoformat()
        return value.isoformat()

    def organization(self) -> dict:
        network = self.network
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": self.base + "#organisation",
            "name": network.name,
            "alternateName": network.long_name,
            "description": network.description,
            "url": self.base,
            "areaServed": network.region,
            "member": [{"@type": "Organization", "name": self.partners[m.partner].name} for m in network.consortium],
            "funder": {"@type": "Organization", "name": network.funding.funder},
        }
        contact = network.contact
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": contact.role,
            **({"telephone": contact.phone} if contact.phone else {}),
            **({"email": contact.email} if contact.email else {}),
        }
        return data

    def breadcrumbs(self, trail: list[tuple[str, str]]) -> dict:
        """The visible breadcrumbs (_breadcrumbs.html) as a BreadcrumbList: (label, site-relative path)."""
        return {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                # a label from a template is escaped markup (the page title): JSON wants its text
                {"@type": "ListItem", "position": position, "name": _text(name), "item": self.url(path)}
                for position, (name, path) in enumerate(trail, start=1)
            ],
        }

    def news_article(self, article, share: Share | None) -> dict:
        """``share``: the picture its og:image shows (``Pictures.share``), so that search engines and
        share previews show the same published rendition, not the editor's original file."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "description": article.summary,
            "datePublished": article.date.date().isoformat(),
            "url": self.url(article.url),
            "inLanguage": "de",
            "publisher": {"@id": self.base + "#organisation", "@type": "Organization", "name": self.network.name},
        }
        if share is not None:
            rendition = share.rendition
            data["image"] = {
                "@type": "ImageObject",
                "url": self.url(rendition.path),
                "width": rendition.width,
                "height": rendition.height,
            }
        return data

    def place(self, node: Node, name: str) -> dict:
        host = self.partners[node.host]
        return {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": name,
            "url": self.url(self.links.node(node.id)),
            "address": _address(node.address.street, node.address.postcode, node.address.city),
            "geo": {"@type": "GeoCoordinates", "latitude": node.coordinates.lat, "longitude": node.coordinates.lon},
            "containedInPlace": {"@type": "AdministrativeArea", "name": node.district},
            "description": f"{name} bei {host.name}",
            **_access(node),
        }

    def course(self, view: CourseView, today: dt.date) -> dict:
        course = view.course
        provider = self.partners[course.provider]
        data = {
            "@context": "https://schema.org",
            "@type": "Course",
            "@id": self.url(view.url) + "#kurs",
            "courseCode": course.id,
            "name": course.title,
            "description": course.summary,
            "url": self.url(view.url),
            "inLanguage": course.language,
            "provider": _organisation(provider, course.registration),
            "learningResourceType": course.kind,
            "about": [
                {"@type": "Thing", "name": self.topic_names[topic], "url": self.url(self.links.topic(topic))}
                for topic in course.topics
            ],
            "audience": {"@type": "Audience", "audienceType": course.target_group},
            "hasCourseInstance": [self._instance(view, run, today) for run in view.runs if run.first_day],
        }
        if course.co_organisers:
            data["contributor"] = [_organisation(self.partners[p]) for p in course.co_organisers]
        # No price known: no offer and no claim about being free (the page says „noch nicht bekannt“).
        if offers := _offers(course.price):
            data["offers"] = offers
        if (free := _free(course.price)) is not None:
            data["isAccessibleForFree"] = free
        if course.prerequisites:
            data["coursePrerequisites"] = course.prerequisites
        if course.certificate:
            data["educationalCredentialAwarded"] = course.certificate
        return data

    def _instance(self, view: CourseView, run: RunView, today: dt.date) -> dict:
        course = view.course
        first, last = run.first_session, run.last_session  # as on the page: cancelled ones do not count
        # A session without times has only its day („Uhrzeit folgt“): a date, never an invented time.
        start = (first.start if first.timed else first.day) if first else run.first_day
        end = (last.end if last.timed else last.day) if last else run.last_day
        registration = run.registration_on(today).key
        availability = REGISTRATION_AVAILABILITY.get(registration, AVAILABILITY[run.status])
        run_url = self.url(view.url) + "#" + run.anchor
        terms = {
            "availability": SCHEMA + availability,
            "url": run_url,
            **({"validThrough": run.run.registration_deadline.isoformat()} if run.run.registration_deadline else {}),
        }
        organisers = [course.provider, *course.co_organisers]
        data = {
            "@type": "CourseInstance",
            "name": course.title,
            "url": run_url,
            "startDate": self._instant(start),
            "endDate": self._instant(end),
            "courseMode": COURSE_MODE[run.attendance],
            "eventStatus": SCHEMA + EVENT_STATUS.get(run.status, "EventScheduled"),
            "eventAttendanceMode": SCHEMA + ATTENDANCE[run.attendance],
            "location": _location(run.venue, self.url(view.url)),
            "organizer": [_organisation(self.partners[p]) for p in organisers],
            "inLanguage": course.language,
            "offers": [offer | terms for offer in _offers(course.price)] or [{"@type": "Offer", **terms}],
        }
        if (free := _free(course.price)) is not None:
            data["isAccessibleForFree"] = free
        if workload := _workload(course, run):
            data["courseWorkload"] = workload
        if course.capacity:
            data["maximumAttendeeCapacity"] = course.capacity
        if run.run.series is not None:
            data["courseSchedule"] = self._schedule(run.run.series)
        return data

    def _schedule(self, series: Series) -> dict:
        """A series as a schema.org Schedule (its sessions are the instance's dates, not repeated here)."""
        unit = "M" if series.rhythm == "monatlich" else "W"
        schedule = {
            "@type": "Schedule",
            "repeatFrequency": f"P{series.interval}{unit}",
            "byDay": SCHEMA + WEEKDAYS_EN[WEEKDAYS.index(series.weekday)],
            "startDate": series.first_day.isoformat(),
            "endDate": series.last_day.isoformat(),
            "scheduleTimezone": self.network.timezone,
        }
        if series.ordinal in ("erster", "zweiter", "dritter", "vierter"):  # schema.org knows weeks 1–5, no „last“
            schedule["byMonthWeek"] = ORDINALS[series.ordinal]
        if series.start is not None:
            schedule |= {"startTime": f"{series.start:%H:%M}", "endTime": f"{series.end:%H:%M}"}
        if series.exceptions:
            schedule["exceptDate"] = [exception.date.isoformat() for exception in series.exceptions]
        return schedule


def _organisation(partner: Partner, registration: Registration | None = None) -> dict:
    """A partner; as a course's provider with where to register (the page's „Anmeldung“), if written."""
    data = {"@type": "Organization", "name": partner.name, **({"url": partner.url} if partner.url else {})}
    if registration and (registration.email or registration.url):
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "Anmeldung",
            **({"email": registration.email} if registration.email else {}),
            **({"url": registration.url} if registration.url else {}),
        }
    return data


def _offers(price: Price | None) -> list[dict]:
    """Offers with Google's ``category`` (Free or Paid); none while the price is not known."""
    if price is None:
        return []
    if price.on_request:
        offers = [{"@type": "Offer", "category": "Paid", "priceCurrency": "EUR", "description": "Preis auf Anfrage"}]
    else:
        offers = [_offer(price.regular)]
    if price.reduced is not None:
        offers.append(
            _offer(price.reduced)
            | {"description": "ermäßigt" + (f": {price.reduced_for}" if price.reduced_for else "")}
        )
    return offers


def _offer(amount) -> dict:
    return {
        "@type": "Offer",
        "category": "Free" if amount == 0 else "Paid",
        "price": f"{amount:.2f}",
        "priceCurrency": "EUR",
    }


def _free(price: Price | None) -> bool | None:
    """True or False only when the data says so."""
    if price is None:
        return None
    return price.free


def iso_duration(minutes: int) -> str:
    """ISO 8601 duration: 720 → ``PT12H``, 90 → ``PT1H30M``."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _workload(course: Course, run: RunView) -> str | None:
    """The course's UE (45 minutes each), else the times of the run's sessions that take place, when all are known."""
    if course.workload_ue:
        return iso_duration(course.workload_ue * MINUTES_PER_UE)
    sessions = [s for s in run.sessions if not s.status]
    if sessions and all(s.timed for s in sessions):
        total = sum(((s.session.end - s.session.start) for s in sessions), dt.timedelta())
        return iso_duration(int(total.total_seconds()) // 60)
    return None


def _text(value: str) -> str:
    return value.unescape() if isinstance(value, Markup) else value


def _address(street: str | None, postcode: str, city: str) -> dict:
    address = {"@type": "PostalAddress", "postalCode": postcode, "addressLocality": city, "addressCountry": "DE"}
    if street:
        address["streetAddress"] = street
    return address


def _location(venue: Venue | None, page_url: str) -> dict:
    if venue is None:
        return {"@type": "VirtualLocation", "url": page_url}
    place = {"@type": "Place", "name": venue.name, "address": _address(venue.street, venue.postcode, venue.city)}
    if venue.coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": venue.coordinates.lat,
            "longitude": venue.coordinates.lon,
        }
    return place | (_access(venue.details) if venue.details else {})


def _access(location: Location) -> dict:
    """Step-free access, only as far as the data says it (nothing when not known)."""
    if location.step_free not in ("ja", "nein"):
        return {}
    feature = {
        "@type": "LocationFeatureSpecification",
        "name": "Stufenloser Zugang",
        "value": location.step_free == "ja",
    }
    return {"amenityFeature": [feature]}
