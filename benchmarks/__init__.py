"""Build benchmarks: a synthetic network site and a comparison with plain Pelican (`invoke bench`)."""
