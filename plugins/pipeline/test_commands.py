"""A settings file that does not run ends in a located German message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from invoke import Exit

from pipeline.commands import settings


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("SITENAME = 'x'\nTIMEZONE = 'Europe/Berlin\n", 2, "Python-Syntaxfehler"),
        ("SITENAME = 'x'\n\nPLUGINS = [1] + None\n", 3, "Fehler beim Ausführen (TypeError"),
    ],
)
def test_a_broken_settings_file_is_located(tmp_path: Path, text: str, line: int, what: str):
    file = tmp_path / "pelicanconf.py"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(Exit) as raised:
        settings(file)
    assert raised.value.code == 1
    message = str(raised.value.message)
    assert message.startswith(f"pelicanconf.py:{line}: Einstellungsdatei fehlerhaft: {what}")
    assert "— erwartet: gültiges Python" in message
    assert "Traceback" not in message
