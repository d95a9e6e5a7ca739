"""sitemap_xml: sitemap.xml and robots.txt for every HTML page of the finished build.

Part of the pipeline plugin, which writes them once every page is written.
"""
