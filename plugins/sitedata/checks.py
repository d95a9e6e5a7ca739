"""Rules that span fields or files: references, ids, images, map positions, unique addresses
(a course file's own rules: ``course_checks.py``).

Each rule reports a ``Problem`` located at the line of the offending value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .course_checks import check_course, check_offer
from .geodata import OutlineProblem, read_outline
from .identity import colour_problems, logo_problems
from .images import ImageProblem, is_raster, measure
from .located import Located
from .markdown_text import MarkupCheck
from .problems import Problem
from .slugs import slugify
from .yamlsource import Loc

if TYPE_CHECKING:
    from .loader import Project
    from .models import Image
    from .network_model import Network
    from .place_model import Location


def check_project(project: Project, display: Callable[[Path], str], markup: MarkupCheck) -> list[Problem]:
    problems: list[Problem] = []

    data = project.data_dir
    partners, topics, nodes, courses = project.partners, project.topics, project.nodes, project.courses

    network = Located(project, display(data / "network.yml"), problems, markup)
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
        _unique_ids(Located(project, display(data / f"{name}.yml"), problems, markup), name)
    partner_file = Located(project, display(data / "partners.yml"), problems, markup)
    for index, partner in enumerate(partners.values()):
        partner_file.markdown(("partners", index, "description"), partner.description)

    for node_id, node in nodes.items():
        where = Located(project, display(data / "nodes" / f"{node_id}.yml"), problems, markup)
        where.ref(("host",), node.host, partners, "Organisation")
        where.ref(("contact", "organisation"), node.contact.organisation, partners, "Organisation")
        where.refs(("focus_topics",), node.focus_topics, topics, "Thema")
        where.markdown(("description",), node.description)
        _check_on_map(where, node, outline, project, "Standort")
        _check_image(where, ("image",), node.image, project)

    for venue_id, venue in project.venues.items():
        _check_on_map(
            Located(project, display(data / "venues" / f"{venue_id}.yml"), problems, markup),
            venue,
            outline,
            project,
            "Veranstaltungsort",
        )

    tz = ZoneInfo(project.network.timezone)
    for course_id, course in courses.items():
        where = Located(project, display(data / "courses" / f"{course_id}.yml"), problems, markup)
        where.refs(("topics",), course.topics, topics, "Thema")
        where.ref(("provider",), course.provider, partners, "Organisation")
        where.markdown(("description",), course.description)
        check_offer(where, course, project.network, partners)
        check_course(where, course, project, tz)

    slugs: dict[str, str] = {}
    for key, meta in project.news.items():
        where = Located(project, display(project.content_dir / key), problems, markup)
        where.refs(("nodes",), meta.nodes, nodes, "Standort")
        where.refs(("topics",), meta.topics, topics, "Thema")
        where.refs(("courses",), meta.courses, courses, "Kurs")
        _check_image(where, ("image",), meta.image, project)
        _claim_slug(where, slugs, meta.slug or slugify(meta.title), key)
    _check_other_rasters(project, display, problems)
    page_slugs: dict[str, str] = {}
    for key, meta in project.pages.items():
        where = Located(project, display(project.content_dir / key), problems, markup)
        _claim_slug(where, page_slugs, meta.slug or slugify(meta.title), key)
    return problems


def _check_on_map(where: Located, location: Location, outline, project: Project, what: str) -> None:
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


def _check_image(where: Located, loc: Loc, image: Image | None, project: Project) -> None:
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


def _claim_slug(where: Located, slugs: dict[str, str], slug: str, key: str) -> None:
    if slug in slugs:
        where.add(
            ("slug",) if where.doc and ("slug",) in where.doc.lines else ("title",),
            f"Adresse „{slug}“ ist schon vergeben an {slugs[slug]}",
            "einen anderen Titel oder ein eigenes „slug:“",
        )
    else:
        slugs[slug] = key


def _unique_ids(where: Located, key: str) -> None:
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


def _check_vocabulary(where: Located, network: Network) -> None:
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
