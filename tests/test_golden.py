"""The fixture network's whole output, compared with the committed golden copy (tests/golden/)."""

from __future__ import annotations

import pytest
from support.golden import GOLDEN, build_fixture, differences

pytestmark = pytest.mark.slow


def test_build_matches_golden_output(tmp_path):
    output = build_fixture(tmp_path)
    diff = differences(GOLDEN, output)
    assert not diff, f"The build differs from tests/golden/ (review, then `invoke golden`):\n{diff}"
