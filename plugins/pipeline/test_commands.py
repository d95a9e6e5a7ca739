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


def test_check_names_a_missing_network_email(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    """The Impressum and the accessibility statement need an e-mail address (§ 5 DDG, BITV 2.0)."""
    import shutil

    from sitedata.problems import NOTICE

    from pipeline.commands import ROOT, project

    caplog.set_level(NOTICE)
    site = shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", tmp_path / "site")
    project(str(site))
    assert "contact.email fehlt" not in caplog.text
    network = site / "data" / "network.yml"
    text = network.read_text(encoding="utf-8")
    network.write_text(
        text.replace("  email: kontakt@testnetz.example.org\n", "  phone: 0361 000000\n"), encoding="utf-8"
    )
    project(str(site))
    assert "Hinweis: data/network.yml: contact.email fehlt" in caplog.text
