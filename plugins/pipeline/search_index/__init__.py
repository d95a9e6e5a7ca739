"""search_index: a Pagefind full-text index of the finished build.

Part of the pipeline plugin, which indexes the pages once they are all written.
"""
