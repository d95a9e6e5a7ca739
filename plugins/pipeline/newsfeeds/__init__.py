"""newsfeeds: Atom and RSS feeds for news (all, per node, per topic) and for new courses.

Part of the pipeline plugin, which writes the feeds after the pages.
"""
