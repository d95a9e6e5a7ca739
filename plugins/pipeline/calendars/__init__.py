"""calendars: iCalendar subscriptions and downloads, courses.json, subscribe links for templates.

Part of the pipeline plugin, which writes the files after the pages.
"""
