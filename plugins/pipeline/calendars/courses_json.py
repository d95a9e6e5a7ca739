"""courses.json: every course, run and session for aggregators and partner sites.

Documented in docs/courses-json.md, validated by schemas/courses-json.schema.json.
Same ids, UIDs and revisions as the calendars, so a partner can match both.
"""

from __future__ import annotations

import datetime as dt
import json

from catalogue.filters import price_de
from catalogue.views import Catalogue, RunView, SessionView, Venue
from sitedata.course_model import Price
from sitedata.loader import Project

from .ics import uid
from .revisions import CourseHistory, Revision
from .site import Site
from .status import event_state

FORMAT_VERSION = 3


def _instant(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def _revision(revision: Revision | None) -> dict:
    if revision is None:
        return {"sequence": 0, "created": None, "last_modified": None}
    return {
        "sequence": revision.sequence,
        "created": _instant(revision.created),
        "last_modified": _instant(revision.last_modified),
    }


def _price(price: Price | None) -> dict | None:
    """null while the price is not known; amounts as strings with two decimals, like money is written."""
    if price is None:
        return None
    return {
        "regular_eur": f"{price.regular:.2f}" if price.regular is not None else None,
        "reduced_eur": f"{price.reduced:.2f}" if price.reduced is not None else None,
        "reduced_for": price.reduced_for,
        "on_request": bool(price.on_request),
        "label": price_de(price),
    }


def _place(venue: Venue | None) -> dict | None:
    if venue is None:
        return None
    details = venue.details
    return {
        "node": venue.node.id if venue.node else None,
        "venue": venue.venue_id,
        "name": venue.name,
        "street": venue.street,
        "postcode": venue.postcode,
        "city": venue.city,
        "address": venue.address,
        "coordinates": {"lat": venue.coordinates.lat, "lon": venue.coordinates.lon} if venue.coordinates else None,
        # null = not known („keine Angabe“), never "no"
        "step_free": details.step_free if details else None,
        "accessibility": details.accessibility if details else None,
        "parking": details.parking if details else None,
        "public_transport": details.public_transport if details else None,
        "directions_url": details.directions_url if details else None,
    }


def _session(site: Site, run: RunView, session: SessionView, history: CourseHistory) -> dict:
    zone = site.zone
    ical_status, _ = event_state(run.status, session.session.status)
    return {
        "id": session.session.id,
        "uid": uid(site, run, session),
        "number": session.number,
        "title": session.session.title,
        "room": session.session.room,
        # only when this session is held elsewhere than its run (then null = online)
        "own_place": session.own_place,
        "place": _place(session.venue) if session.own_place else None,
        "date": session.day.isoformat(),
        # null while only the day is known („Uhrzeit folgt“)
        "start": session.start.replace(tzinfo=zone).isoformat(timespec="seconds") if session.timed else None,
        "end": session.end.replace(tzinfo=zone).isoformat(timespec="seconds") if session.timed else None,
        "status": session.status,
        "reason": session.session.reason,
        "ical_status": ical_status,
        **_revision(history.sessions.get((run.run.id, session.session.id))),
    }


def _run(site: Site, run: RunView, history: CourseHistory, today: dt.date) -> dict:
    r = run.run
    return {
        "id": r.id,
        "url": site.run_url(run),
        "status": r.status,
        "place": _place(run.venue),
        "online": run.venue is None,
        "first_day": run.first_day.isoformat() if run.first_day else None,
        "last_day": run.last_day.isoformat() if run.last_day else None,
        "registration_deadline": r.registration_deadline.isoformat() if r.registration_deadline else None,
        "waiting_list": r.waiting_list,
        "registration_state": run.registration_on(today).key,
        "note": r.note,
        "series": _series(run, today),
        "sessions": [_session(site, run, s, history) for s in run.sessions],
    }


def _series(run: RunView, today: dt.date) -> dict | None:
    series = run.run.series
    if series is None:
        return None
    upcoming = run.next_session(today)
    return {
        "rhythm": series.rhythm,
        "interval": series.interval,
        "weekday": series.weekday,
        "ordinal": series.ordinal,
        "first_day": series.first_day.isoformat(),
        "last_day": series.last_day.isoformat(),
        "start": f"{series.start:%H:%M}" if series.start else None,
        "end": f"{series.end:%H:%M}" if series.end else None,
        "label": run.rhythm,
        "next_date": upcoming.day.isoformat() if upcoming else None,
    }


def courses_json(project: Project, catalogue: Catalogue, site: Site, histories: dict[str, CourseHistory]) -> bytes:
    courses = []
    for course_id, view in catalogue.courses.items():
        c = view.course
        provider = project.partners[c.provider]
        history = histories[course_id]
        courses.append(
            {
                "id": course_id,
                "url": site.absolute(view.url),
                "calendar_url": site.absolute(site.links.calendar_course(course_id)),
                "title": c.title,
                "summary": c.summary,
                "kind": c.kind,
                "format": c.format,
                "format_label": project.network.format_label(c.format),
                "attendance": project.network.attendance(c.format),
                "language": c.language,
                "online_access": c.online_access,
                "topics": [{"id": t, "name": site.topic_names[t]} for t in c.topics],
                "provider": {"id": provider.id, "name": provider.name, "url": provider.url},
                "co_organisers": [
                    {"id": p.id, "name": p.name, "url": p.url} for p in (project.partners[i] for i in c.co_organisers)
                ],
                "contact": c.contact.model_dump(mode="json") if c.contact else None,
                "target_group": c.target_group,
                "prerequisites": c.prerequisites,
                "certificate": c.certificate,
                "workload_ue": c.workload_ue,
                "price": _price(c.price),
                "funding_note": c.funding_note,
                "registration": c.registration.model_dump(mode="json") if c.registration else None,
                "capacity": c.capacity,
                "example": c.example,
                "runs": [_run(site, run, history, catalogue.today) for run in view.runs],
            }
        )
    document = {
        "format_version": FORMAT_VERSION,
        "network": {
            "name": project.network.name,
            "long_name": project.network.long_name,
            "site_url": site.site_url,
            "timezone": site.timezone,
        },
        "as_of": catalogue.today.isoformat(),
        "courses": courses,
    }
    # Compact: a data feed for programs (~7 MB at 1,000 courses); json.dumps with indent would
    # also fall back from the C encoder to the pure-Python one, a second per build.
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
