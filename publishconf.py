"""Settings for the production build (`invoke publish`): absolute URLs from data/network.yml."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pelicanconf import *  # noqa: F403

# The sitedata plugin replaces SITEURL with data/network.yml's site_url when this is set.
SITEURL_FROM_NETWORK = True
RELATIVE_URLS = False

# Published calendars need every commit of data/courses/ to count SEQUENCE; a shallow clone or a
# copy without .git is refused (plugins/pipeline/calendars/revisions.py).
CALENDAR_HISTORY_REQUIRED = True
