"""Pelican settings for local builds (`invoke build`, `invoke serve`, plain `pelican content`).

Facts about the network (name, URL, time zone, labels) are not repeated here:
they live in data/network.yml and the sitedata plugin puts them into the settings.
Our own settings (DATA_PATH, TODAY, CALENDAR_…, SEARCH_…) are declared and checked in
plugins/sitedata/settings.py; an unknown upper-case name stops the build.
"""

from jinja2 import StrictUndefined

PATH = "content"
DATA_PATH = "data"  # our YAML; resolved relative to this file like PATH
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# The order matters: generators run in this order. sitedata validates before anything is read,
# catalogue writes the pages from data/, pipeline then writes the files made from the whole site.
PLUGINS = ["sitedata", "catalogue", "pipeline"]

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

# Data strings reach HTML only escaped; rendered Markdown is marked safe explicitly. A variable a
# template uses but nobody set fails the build, naming the template and line, instead of
# rendering as nothing. A template does not change while a build renders with it (every build,
# also the preview's, makes new environments): no check of its file's time on every use.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "undefined": StrictUndefined,
    "auto_reload": False,
}

# Pelican's own content cache: each news item and page as our reader returned it (rendered
# Markdown and validated front matter), reused while the file's bytes are the same. The sitedata
# plugin gives every configuration (settings, plugin code, packages) a folder of its own below
# CACHE_PATH, so an entry is never reused by a build that would read the file differently.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = "cache"
# Pelican writes its whole content cache after every build: uncompressed, that is a plain write
# instead of gzip over every rendered news item (the file is larger, the rebuild shorter).
GZIP_CACHE = False
