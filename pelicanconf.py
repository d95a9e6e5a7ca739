"""Pelican settings for local builds (`invoke build`, `invoke serve`).

Facts about the network (name, URL, time zone, labels) are not repeated here:
they live in data/network.yml and the sitedata plugin puts them into the settings.
"""

PATH = "content"
DATA_PATH = "data"  # our YAML; resolved relative to this file like PATH
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# The order matters: generators run in this order. parallel_render renders the pages once
# the page-writing plugins (catalogue) are done; search_index then indexes them in the
# background while calendars and feeds are written.
PLUGINS = ["sitedata", "catalogue", "parallel_render", "search_index", "calendars", "newsfeeds", "sitemap_xml"]

DEFAULT_LANG = "de"
TIMEZONE = "UTC"  # placeholder: the sitedata plugin sets the time zone from data/network.yml
SITEURL = ""  # local: root-relative links; publishconf.py uses the network's site_url
RELATIVE_URLS = False

# "Today" decides what counts as upcoming. None = the real date; set an ISO date
# ("2026-11-22") to reproduce a build exactly.
TODAY = None

ARTICLE_PATHS = ["news"]


def newest_first(article):
    """News of the same day by file name: Pelican's "reversed-date" keeps same-day news in the
    order it found the files (a set, so it changed from build to build)."""
    return -article.date.timestamp(), article.source_path


ARTICLE_ORDER_BY = newest_first
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
IGNORE_FILES = ["**/.*", "README.md"]
# Dates come from the validated front matter; Pelican would also parse each file name's date
# prefix with dateutil (a second per 5,000 news) only to have it overridden.
FILENAME_METADATA = ""

# News and pages get readable German URLs; everything Pelican would add on top
# (categories, tags, authors, archives) is off — topics and nodes replace them.
ARTICLE_URL = "aktuelles/{slug}/"
ARTICLE_SAVE_AS = "aktuelles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index"]
INDEX_SAVE_AS = "aktuelles/index.html"
INDEX_URL = "aktuelles/"
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# One feed mechanism: the calendar/feed plugin (feedgen), not Pelican's built-in feeds.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Entries per feed, newest first (Pelican's own setting; readers keep what they have already seen).
FEED_MAX_ITEMS = 50

MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "output_format": "html",
}

# Data strings reach HTML only escaped; rendered Markdown is marked safe explicitly.
# auto_reload off: each build is a process of its own (`invoke serve` too), and checking every
# template's modification time whenever a page asks for it cost ~21,000 stat calls per build.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False}

# Deterministic builds: no caches whose staleness could change the output.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Data files and front matter that had no problems, parsed and validated, under a hash of their
# bytes (cross-file checks still run on everything).
SOURCE_CACHE = True
# Rendered Markdown is kept in CACHE_PATH/markdown, named by a hash of text and renderer
# settings, so it can never be stale; only edited articles are rendered again.
MARKDOWN_CACHE = True
# Pelican's news and page objects, likewise, under a hash of file, settings, code and date
# (plugins/sitedata/content_cache.py); Pelican's own generator cache above stays off.
CONTENT_OBJECT_CACHE = True
# Serialised calendar events, likewise named by a hash of everything they say.
CALENDAR_CACHE = True
# The Pagefind index, in parts of about this many pages; each part is reused while its pages
# stay the same, so an edit re-indexes one part.
SEARCH_CACHE = True
# News and course pages, reused while what they show is unchanged (plugins/parallel_render/memo.py).
PAGE_CACHE = True
# Compiled templates (Jinja's bytecode cache, checked against each template's source).
TEMPLATE_CACHE = True
SEARCH_PAGES_PER_INDEX = 500
