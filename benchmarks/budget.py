"""Issue 19's budget: the build's caching and concurrency code together at most 400 lines.

    python -m benchmarks.budget

Counts code lines (no blank, comment or docstring lines) of the modules that exist for caching
or concurrency and of the functions elsewhere that do nothing else, as listed in COUNTED. Lines
inside other functions (a fork's two lines in a generator) are not counted: the list says what
the figure covers, and a new cache or worker belongs in it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "plugins"

# File, and the functions or classes in it ("Class.method"); none: the whole module.
COUNTED: dict[str, tuple[str, ...]] = {
    "sitedata/forked.py": (),
    "sitedata/buildcache.py": (),
    "sitedata/prerender.py": (),
    "sitedata/settings.py": ("cache_folder", "used_cache_folder"),
    "sitedata/integration.py": ("_drop_broken_content_cache", "_prerender", "stop_prerendering"),
    "sitedata/images.py": ("_cached",),
    "pipeline/build.py": ("_read_objects_frozen", "_pause", "_freeze"),
    "pipeline/site_files.py": (
        "SiteFilesGenerator.__init__",
        "SiteFilesGenerator.start_git_worker",
        "SiteFilesGenerator.start_pictures",
        "SiteFilesGenerator.wait_for_pictures",
    ),
    "catalogue/generator.py": ("CatalogueGenerator.start_writing", "CatalogueGenerator._note_written"),
    "pipeline/search_index/pagefind.py": ("_Run", "_start", "SearchIndex", "build_index"),
    "pipeline/calendars/ics.py": ("CalendarWriter._head",),
}


def code_lines(source: str, first: int = 1, last: int | None = None) -> int:
    """Lines from ``first`` to ``last`` that hold code: not blank, not a comment, not a docstring."""
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and body:
            head = body[0]
            if (
                isinstance(head, ast.Expr)
                and isinstance(head.value, ast.Constant)
                and isinstance(head.value.value, str)
            ):
                docstrings.update(range(head.lineno, head.end_lineno + 1))
    lines = source.splitlines()
    last = last or len(lines)
    return sum(
        1
        for number in range(first, last + 1)
        if number not in docstrings and (text := lines[number - 1].strip()) and not text.startswith("#")
    )


def _node(tree: ast.Module, name: str) -> ast.AST:
    node: ast.AST = tree
    for part in name.split("."):
        node = next(child for child in node.body if getattr(child, "name", None) == part)
    return node


def counted() -> list[tuple[str, int]]:
    rows = []
    for path, names in COUNTED.items():
        source = (ROOT / path).read_text(encoding="utf-8")
        if not names:
            rows.append((path, code_lines(source)))
        tree = ast.parse(source)
        for name in names:
            node = _node(tree, name)
            rows.append((f"{path}: {name}", code_lines(source, node.lineno, node.end_lineno)))
    return rows


def main() -> None:
    rows = counted()
    for where, lines in rows:
        print(f"{lines:5d}  {where}")
    print(f"{sum(lines for _, lines in rows):5d}  caching and concurrency code lines (budget: 400)")


if __name__ == "__main__":
    main()
