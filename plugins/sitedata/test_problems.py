import sys

from sitedata.problems import _invisible, visible


def test_printable_is_exactly_not_invisible():
    # visible() skips its per-character walk for printable text: that is only right while Python's
    # "printable" and our "invisible" split every code point the same way.
    differ = [hex(n) for n in range(sys.maxunicode + 1) if chr(n).isprintable() == _invisible(chr(n))]
    assert differ == []


def test_visible_marks_what_an_editor_cannot_see():
    assert visible("kurs\u200b-a\u00a0b\tc") == "kurs«U+200B»-a«U+00A0»b«U+0009»c"
    assert visible("Gebäude – Süd") == "Gebäude – Süd"
