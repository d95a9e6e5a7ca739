"""Rules that span fields or files: references, ids, dates in order.

Each rule reports a ``Problem`` located at the line of the offending value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .geodata import OutlineProblem, read_outline
from .identity import colour_problems, logo_problems
from .images import ImageProblem, is_raster, measure
from .markdown_text import MarkupCheck
from .problems import Problem, did_you_mean, one_of
from .slugs import slugify
from .yamlsource import Loc, YamlDocument, dotted

if TYPE_CHECKING:
    from .course_model import Course, Place, Run, Series
    from .loader import Project
    from .models import Image, Location, Network
    from .sanitise import Removal

LINK_TARGETS = "http(s), mailto mit Adresse, tel oder Links innerhalb der Website"
# Characters that would break or reorder the one-line message: controls and bidi overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def removal_message(removal: Removal) -> tuple[str, str]:
    """(message, expected) for something the sanitiser removed from an editor's Markdown."""
    value = _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", removal.value)
    value = value if len(value) <= 80 else value[:79] + "…"
    name, element = removal.attribute, removal.element
    if not name:
        return f"Element <{element}> ist nicht erlaubt und wurde entfernt", "Markdown ohne HTML-Elemente"
    if name == "href" and value.lower().strip().startswith("mailto:"):
        return f"Link-Ziel „{value}“ ohne E-Mail-Adresse wurde entfernt", "mailto:name@example.org"
    if name == "href":
        return f"Link-Ziel „{value}“ ist nicht erlaubt und wurde entfernt", LINK_TARGETS
    if name == "src":
        return f"Bildquelle „{value}“ ist nicht erlaubt und wurde entfernt", "ein Bild unter images/ oder https://"
    why = {"on": " (es würde ein Skript ausführen)", "style": " (die Gestaltung kommt von der Website)"}
    reason = why["on"] if name.startswith("on") else why["style"] if name in ("style", "class") else ""
    return (
        f"Attribut „{name}“ an <{element}> ist nicht erlaubt{reason} und wurde entfernt",
        "Markdown ohne Attributliste {: … }; erlaubt ist z. B. {: #anker } an Überschriften",
    )


class _Located:
    """Builds problems for one source file."""

    def __init__(self, project: Project, display: str, problems: list[Problem], markup: MarkupCheck) -> None:
        self.display = display
        self.markup = markup
        self.sources = project.sources
        self.problems = problems
        self.unvalidated = project.unvalidated

    @property
    def doc(self) -> YamlDocument | None:
        # Asked for only when there is a problem to locate (see loader.Sources).
        return self.sources.get(self.display)

    def add(self, loc: Loc, message: str, expected: str = "") -> None:
        line = self.doc.line_of(loc) if self.doc else None
        self.problems.append(Problem(self.display, line, dotted(loc), message, expected))

    def markdown(self, loc: Loc, text: str | None) -> None:
        """What the sanitiser removes from a Markdown field; a multi-line block starts on the line below its key."""
        found = list(self.markup.removals(text)) if text else []
        if not found:
            return
        doc = self.doc
        start = (doc.line_of(loc) or 0) if doc else 0
        first = start + 1 if "\n" in text.strip() else start
        for index, removal in found:
            line = first + index if doc else None
            self.problems.append(Problem(self.display, line, dotted(loc), *removal_message(removal)))

    def refs(self, loc: Loc, ids: Iterable[str], known: dict, what: str) -> None:
        for index, ref in enumerate(ids):
            self.ref((*loc, index), ref, known, what)

    def ref(self, loc: Loc, ref: str | None, known: dict, what: str) -> None:
        # A record whose own file failed validation still exists: no second, misleading error.
        if ref is not None and ref not in known and ref not in self.unvalidated:
            self.add(
                loc,
                f"{what} „{ref}“ gibt es nicht{did_you_mean(ref, known)}",
                one_of(known) if known else "zuerst die Datei dafür anlegen",
            )


def check_project(project: Project, display: Callable[[Path], str], markup: MarkupCheck) -> list[Problem]:
    problems: list[Problem] = []

    data = project.data_dir
    partners, topics, nodes, courses = project.partners, project.topics, project.nodes, project.courses

    network = _Located(project, display(data / "network.yml"), problems, markup)
    for index, member in enumerate(project.network.consortium):
        network.ref(("consortium", index, "partner"), member.partner, partners, "Organisation")
    network.ref(("contact", "organisation"), project.network.contact.organisation, partners, "Organisation")
    network.markdown(("about",), project.network.about)
    if project.network.office_label:
        network.markdown(("office_label", "intro"), project.network.office_label.intro)
    _check_image(network, ("share_image",), project.network.share_image, project)
    _check_vocabulary(network, project.network)
    if nodes and project.network.office_label is None:
        network.add(
            ("office_label",),
            "es gibt Standorte in data/nodes/, aber keine Bezeichnung dafür",
            "office_label mit singular, plural und slug",
        )

    for loc, message, expected in [*colour_problems(project.network.colours), *logo_problems(project.network, data)]:
        network.add(loc, message, expected)
    outline = None
    if project.network.map:
        try:
            outline = read_outline(data, project.network.map.outline)
        except OutlineProblem as problem:
            network.add(("map", "outline"), problem.message, problem.expected)

    for name in ("partners", "topics"):
        _unique_ids(_Located(project, display(data / f"{name}.yml"), problems, markup), name)
    partner_file = _Located(project, display(data / "partners.yml"), problems, markup)
    for index, partner in enumerate(partners.values()):
        partner_file.markdown(("partners", index, "description"), partner.description)

    for node_id, node in nodes.items():
        where = _Located(project, display(data / "nodes" / f"{node_id}.yml"), problems, markup)
        where.ref(("host",), node.host, partners, "Organisation")
        where.ref(("contact", "organisation"), node.contact.organisation, partners, "Organisation")
        where.refs(("focus_topics",), node.focus_topics, topics, "Thema")
        where.markdown(("description",), node.description)
        _check_on_map(where, node, outline, project, "Standort")
        _check_image(where, ("image",), node.image, project)

    for venue_id, venue in project.venues.items():
        _check_on_map(
            _Located(project, display(data / "venues" / f"{venue_id}.yml"), problems, markup),
            venue,
            outline,
            project,
            "Veranstaltungsort",
        )

    tz = ZoneInfo(project.network.timezone)
    for course_id, course in courses.items():
        where = _Located(project, display(data / "courses" / f"{course_id}.yml"), problems, markup)
        where.refs(("topics",), course.topics, topics, "Thema")
        where.ref(("provider",), course.provider, partners, "Organisation")
        where.markdown(("description",), course.description)
        _check_offer(where, course, project.network, partners)
        _check_course(where, course, project, tz)

    slugs: dict[str, str] = {}
    for key, meta in project.news.items():
        where = _Located(project, display(project.content_dir / key), problems, markup)
        where.refs(("nodes",), meta.nodes, nodes, "Standort")
        where.refs(("topics",), meta.topics, topics, "Thema")
        where.refs(("courses",), meta.courses, courses, "Kurs")
        _check_image(where, ("image",), meta.image, project)
        _claim_slug(where, slugs, meta.slug or slugify(meta.title), key)
    _check_other_rasters(project, display, problems)
    page_slugs: dict[str, str] = {}
    for key, meta in project.pages.items():
        where = _Located(project, display(project.content_dir / key), problems, markup)
        _claim_slug(where, page_slugs, meta.slug or slugify(meta.title), key)
    return problems


def _check_on_map(where: _Located, location: Location, outline, project: Project, what: str) -> None:
    """A node or venue lies inside the region's outline (a swapped lat/lon lands far outside)."""
    if location.coordinates is None:
        return
    lat, lon = location.coordinates.lat, location.coordinates.lon
    if outline and not outline.contains_box(lon, lat):
        west, south, east, north = outline.bbox
        where.add(
            ("coordinates",),
            f"{what} ({lat}, {lon}) liegt außerhalb des Kartenumrisses ({project.network.map.outline})",
            f"lat zwischen {south:g} und {north:g}, lon zwischen {west:g} und {east:g} "
            "(Breiten- und Längengrad vertauscht?)",
        )


def _check_place(where: _Located, loc: Loc, place: Place, project: Project) -> None:
    where.ref((*loc, "node"), place.node, project.nodes, "Standort")
    if place.venue is not None and place.venue not in project.venues and place.venue not in project.unvalidated:
        where.add(
            (*loc, "venue"),
            f"Veranstaltungsort „{place.venue}“ gibt es nicht in data/venues/"
            f"{did_you_mean(place.venue, project.venues)}",
            (one_of(project.venues) + " oder " if project.venues else "")
            + f"eine neue Datei data/venues/{place.venue}.yml mit name, address und coordinates",
        )


def _check_image(where: _Located, loc: Loc, image: Image | None, project: Project) -> None:
    """The file exists and is fit to be shown (images.measure); measured once, kept in ``project.images``."""
    if image is None or image.src in project.images:
        return
    path = project.content_dir / image.src
    if not path.is_file():
        where.add(
            (*loc, "src"),
            f"Bilddatei „{image.src}“ nicht gefunden",
            "ein Pfad relativ zu content/, z. B. images/foto.jpg",
        )
        return
    try:
        project.images[image.src] = measure(path, image.src)
    except ImageProblem as problem:
        where.add((*loc, "src"), f"„{image.src}“: {problem.message}", problem.expected)


def _check_other_rasters(project: Project, display: Callable[[Path], str], problems: list[Problem]) -> None:
    """Every other raster file under images/ is published re-encoded too (an image in a Markdown
    text): one Pillow cannot read, or too large to decode, is named here instead of failing the build."""
    folder = project.content_dir / "images"
    checked = {project.content_dir / src for src in project.images}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path in checked or path.is_symlink() or not path.is_file() or not is_raster(path.name):
            continue
        try:
            measure(path, path.relative_to(project.content_dir).as_posix(), display_limits=False)
        except ImageProblem as problem:
            problems.append(Problem(display(path), None, "", problem.message, problem.expected))


def _claim_slug(where: _Located, slugs: dict[str, str], slug: str, key: str) -> None:
    if slug in slugs:
        where.add(
            ("slug",) if where.doc and ("slug",) in where.doc.lines else ("title",),
            f"Adresse „{slug}“ ist schon vergeben an {slugs[slug]}",
            "einen anderen Titel oder ein eigenes „slug:“",
        )
    else:
        slugs[slug] = key


def _unique_ids(where: _Located, key: str) -> None:
    """Ids as written in a list file: the loaded dicts keep only the last of two."""
    items = where.doc.data.get(key) if where.doc and isinstance(where.doc.data, dict) else None
    seen: dict[str, int] = {}
    for index, raw in enumerate(items or []):
        ident = raw.get("id") if isinstance(raw, dict) else None
        if ident in seen:
            where.add(
                (key, index, "id"),
                f"Kennung „{ident}“ ist doppelt (zuerst Eintrag {seen[ident] + 1})",
                "jede Kennung nur einmal",
            )
        elif ident is not None:
            seen[ident] = index


def _check_vocabulary(where: _Located, network: Network) -> None:
    """Kinds and formats once each; two formats must not share a filter page's address."""
    seen: dict[str, int] = {}
    for index, kind in enumerate(network.course_kinds):
        if kind in seen:
            where.add(("course_kinds", index), f"Art „{kind}“ ist doppelt", "jede Art nur einmal")
        seen.setdefault(kind, index)
    ids: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for index, entry in enumerate(network.course_formats):
        slug = slugify(entry.id)
        if entry.id in ids:
            where.add(("course_formats", index, "id"), f"Format „{entry.id}“ ist doppelt", "jedes Format nur einmal")
        elif slug in slugs:
            where.add(
                ("course_formats", index, "id"),
                f"Format „{entry.id}“ ergibt dieselbe Adresse /kurse/format/{slug}/ wie „{slugs[slug]}“",
                "Formate, die sich nicht nur in Umlauten, Groß- und Kleinschreibung oder Satzzeichen unterscheiden",
            )
        ids.setdefault(entry.id, entry.id)
        slugs.setdefault(slug, entry.id)


def _check_offer(where: _Located, course: Course, network: Network, partners: dict) -> None:
    """What a course says about its offer: vocabulary of network.yml, organisers, contact, price."""
    setting = "oder in data/network.yml unter {} ergänzen"
    if course.kind not in network.course_kinds:
        where.add(
            ("kind",),
            f"Art „{course.kind}“ ist für dieses Netzwerk nicht vorgesehen{did_you_mean(course.kind, network.course_kinds)}",
            f"{one_of(network.course_kinds)} ({setting.format('course_kinds')})",
        )
    formats = [entry.id for entry in network.course_formats]
    entry = network.course_format(course.format)
    if entry is None:
        where.add(
            ("format",),
            f"Format „{course.format}“ ist für dieses Netzwerk nicht vorgesehen{did_you_mean(course.format, formats)}",
            f"{one_of(formats)} ({setting.format('course_formats')})",
        )
    elif course.online_access and entry.attendance == "vor Ort":
        where.add(
            ("online_access",),
            f"Hinweis zur Online-Teilnahme, aber Format „{course.format}“ findet nur vor Ort statt",
            "online_access weglassen, oder ein Format mit Online-Teilnahme (hybrid, online)",
        )
    where.refs(("co_organisers",), course.co_organisers, partners, "Organisation")
    seen: set[str] = set()
    for index, partner in enumerate(course.co_organisers):
        if partner == course.provider:
            where.add(
                ("co_organisers", index),
                f"„{partner}“ ist schon der Anbieter (provider)",
                "unter co_organisers nur weitere Organisationen",
            )
        elif partner in seen:
            where.add(
                ("co_organisers", index), f"Mitveranstalter „{partner}“ ist doppelt", "jede Organisation nur einmal"
            )
        seen.add(partner)
    if course.contact:
        where.ref(("contact", "organisation"), course.contact.organisation, partners, "Organisation")
    price = course.price
    if price is None:
        return
    if price.on_request and price.regular is not None:
        where.add(
            ("price", "on_request"),
            "Preis auf Anfrage, aber auch ein regulärer Preis (regular) angegeben",
            "entweder regular: <Euro> oder on_request: true",
        )
    elif not price.on_request and price.regular is None:
        where.add(
            ("price",),
            "Kosten ohne regulären Preis",
            "regular: <Euro> (0 = kostenfrei) oder on_request: true; ist der Preis noch nicht bekannt, price weglassen",
        )
    if price.reduced is not None and price.regular is not None and price.reduced >= price.regular:
        where.add(
            ("price", "reduced"),
            f"ermäßigter Preis {price.reduced} € ist nicht niedriger als der reguläre ({price.regular} €)",
            f"ein Betrag unter {price.regular} €, oder reduced weglassen",
        )
    elif price.reduced is not None and price.regular is None:
        where.add(("price", "reduced"), "ermäßigter Preis ohne regulären Preis", "regular: <Euro> ergänzen")
    if price.reduced_for and price.reduced is None:
        where.add(("price", "reduced_for"), "Ermäßigung ohne ermäßigten Preis", "reduced: <Euro> ergänzen")


def _check_course(where: _Located, course: Course, project: Project, tz: ZoneInfo) -> None:
    network = project.network
    run_ids: dict[str, int] = {}
    for r, run in enumerate(course.runs):
        loc: Loc = ("runs", r)
        session_ids: dict[str, Loc] = {}
        if run.id in run_ids:
            where.add((*loc, "id"), f"Durchführung „{run.id}“ ist doppelt", "jede Kennung nur einmal je Kurs")
        run_ids[run.id] = r
        entry = network.course_format(course.format)
        if run.place is not None:
            _check_place(where, (*loc, "place"), run.place, project)
        elif entry is not None and entry.attendance != "online":
            where.add(
                (*loc, "place"),
                f"Ort fehlt (Format „{course.format}“)",
                "place: mit node: <Standort>, venue: <Veranstaltungsort> oder einer Adresse",
            )
        if run.start_date and run.end_date and run.end_date < run.start_date:
            where.add((*loc, "end_date"), "letzter Tag liegt vor dem ersten Tag", f"ein Datum ab {run.start_date}")
        if not run.sessions and run.status in ("buchbar", "ausgebucht"):
            where.add(
                (*loc, "sessions"),
                f"Durchführung ist „{run.status}“, hat aber keine Termine",
                "mindestens einen Termin unter sessions",
            )
        for s, session in enumerate(run.sessions):
            if s < run.written_sessions:
                _check_session(where, (*loc, "sessions", s), session, run, session_ids, tz)
                if session.place is not None:
                    _check_place(where, (*loc, "sessions", s, "place"), session.place, project)
            elif session.id in session_ids:  # an id of the series written by hand
                where.add(
                    (*session_ids[session.id], "id"),
                    f"Termin-Kennung „{session.id}“ ist auch ein Tag der Reihe (series)",
                    "eine andere Kennung, z. B. „zusatz-1“: Kennungen wie JJJJ-MM-TT gehören den Tagen der Reihe",
                )
            else:
                _check_session(where, (*loc, "series"), session, run, {}, tz)
        if run.series is not None:
            _check_series(where, (*loc, "series"), run.series)
        _check_overlaps(where, loc, run)
        first = min((session.first_day for session in run.sessions), default=None)
        if run.registration_deadline and first and run.registration_deadline > first:
            where.add(
                (*loc, "registration_deadline"),
                f"Anmeldeschluss {run.registration_deadline} liegt nach dem ersten Termin ({first})",
                f"ein Datum bis {first}",
            )
        _check_registration(where, loc, course, run)


def _check_series(where: _Located, loc: Loc, series: Series) -> None:
    """Exceptions are days of the rhythm, extra days are not; each day only once."""
    rule_days = set(series.rule_days())
    seen: set[dt.date] = set()
    for index, exception in enumerate(series.exceptions):
        field_loc = (*loc, "exceptions", index, "date")
        if exception.date in seen:
            where.add(field_loc, f"Ausnahme {exception.date} steht doppelt da", "jeden Tag nur einmal unter exceptions")
        elif exception.date not in rule_days and exception.date not in series.extra:
            where.add(
                field_loc,
                f"Ausnahme {exception.date} liegt außerhalb der Reihe (kein Termin der Reihe)",
                f"einen Tag der Reihe oder unter extra, z. B. {_nearest(rule_days, exception.date)}",
            )
        seen.add(exception.date)
    extra_seen: set[dt.date] = set()
    for index, day in enumerate(series.extra):
        if day in rule_days or day in extra_seen:
            where.add(
                (*loc, "extra", index),
                f"zusätzlicher Tag {day} ist schon ein Termin der Reihe",
                "nur Tage, die der Rhythmus nicht schon ergibt (sonst weglassen)",
            )
        extra_seen.add(day)


def _nearest(days: set[dt.date], day: dt.date) -> str:
    """The days of the series closest to a mistyped one, as a hint."""
    closest = sorted(sorted(days, key=lambda other: abs((other - day).days))[:2])
    return " oder ".join(other.isoformat() for other in closest)


def _check_registration(where: _Located, loc: Loc, course: Course, run: Run) -> None:
    """What a run says about registering must not contradict the course's ``registration``."""
    registration = course.registration
    not_required = registration is not None and not registration.required
    fix = "registration: mit required: true beim Kurs"
    if run.waiting_list and run.status != "ausgebucht":
        where.add(
            (*loc, "waiting_list"),
            f"Warteliste bei Status „{run.status}“",
            "waiting_list: true nur mit status: ausgebucht (sonst weglassen)",
        )
    elif run.waiting_list and registration is None:
        where.add((*loc, "waiting_list"), "Warteliste, aber der Kurs sagt nicht, wie man sich anmeldet", fix)
    if not_required and run.status == "ausgebucht":
        where.add(
            (*loc, "status"),
            "ausgebucht, aber laut registration.required ist keine Anmeldung nötig",
            f"{fix} und url oder email, oder einen anderen Status",
        )
    elif not_required and run.waiting_list:
        where.add((*loc, "waiting_list"), "Warteliste, aber laut registration.required ist keine Anmeldung nötig", fix)
    if not_required and run.registration_deadline:
        where.add(
            (*loc, "registration_deadline"),
            "Anmeldeschluss, aber laut registration.required ist keine Anmeldung nötig",
            f"{fix}, oder registration_deadline weglassen",
        )


def _check_session(where: _Located, loc: Loc, session, run: Run, session_ids: dict[str, Loc], tz: ZoneInfo) -> None:
    if session.id in session_ids:
        where.add(
            (*loc, "id"),
            f"Termin-Kennung „{session.id}“ ist doppelt (auch {dotted(session_ids[session.id])})",
            "jede Termin-Kennung nur einmal je Durchführung",
        )
    session_ids.setdefault(session.id, loc)
    if session.reason and not (session.status or run.status in ("abgesagt", "verschoben")):
        where.add(
            (*loc, "reason"),
            "Grund einer Absage, aber der Termin ist weder abgesagt noch verschoben",
            "status: abgesagt (oder verschoben) beim Termin ergänzen, oder reason weglassen",
        )
    if session.timed:
        _check_times(where, loc, session, tz)
    day_field = "start" if session.timed else "date"
    if run.start_date and session.first_day < run.start_date:
        where.add(
            (*loc, day_field),
            f"Termin liegt vor dem ersten Tag der Durchführung ({run.start_date})",
            "Termine innerhalb von start_date bis end_date",
        )
    if run.end_date and session.last_day > run.end_date:
        where.add(
            (*loc, "end" if session.timed else "date"),
            f"Termin liegt nach dem letzten Tag der Durchführung ({run.end_date})",
            "Termine innerhalb von start_date bis end_date",
        )


def _check_times(where: _Located, loc: Loc, session, tz: ZoneInfo) -> None:
    if session.end <= session.start:
        where.add(
            (*loc, "end"),
            f"Ende ({session.end:%Y-%m-%d %H:%M}) liegt nicht nach dem Beginn ({session.start:%Y-%m-%d %H:%M})",
            "ein Zeitpunkt nach dem Beginn",
        )
    elif session.end - session.start > dt.timedelta(hours=24):
        where.add(
            (*loc, "end"), "ein Termin dauert länger als 24 Stunden", "mehrtägige Kurse als einzelne Termine je Tag"
        )
    for key in ("start", "end"):
        when = getattr(session, key)
        if not _exists_locally(when, tz):
            where.add(
                (*loc, key),
                f"{when:%Y-%m-%d %H:%M} gibt es in der Zeitzone {tz.key} nicht (Zeitumstellung)",
                "eine Uhrzeit außerhalb der übersprungenen Stunde",
            )


def _check_overlaps(where: _Located, loc: Loc, run: Run) -> None:
    # A session without times cannot overlap by time: it is not compared.
    timed = [(index, session) for index, session in enumerate(run.sessions) if session.timed]
    ordered = sorted(timed, key=lambda pair: pair[1].start)
    for (_, before), (index, after) in pairwise(ordered):
        if after.start < before.end and after.status is None and before.status is None:
            where.add(
                (*loc, "sessions", index, "start"),
                f"Termin überschneidet sich mit „{before.id}“",
                "Termine einer Durchführung nacheinander",
            )


def _exists_locally(when: dt.datetime, tz: ZoneInfo) -> bool:
    """False for wall-clock times skipped by a daylight-saving change."""
    aware = when.replace(tzinfo=tz)
    roundtrip = aware.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None)
    return roundtrip == when
