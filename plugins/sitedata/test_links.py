from sitedata.links import forbidden_links


def test_forbidden_links_are_found_with_their_line():
    text = (
        "Erste Zeile mit [gutem Link](https://example.org) und [Mail](mailto:a@example.org).\n"
        "[böse](javascript:alert(1)) und <a href='data:text/html,x'>x</a>\n"
        "[ref]: vbscript:msgbox\n"
        "<JavaScript:alert(2)> [intern]({filename}/news/a.md) [anker](#top) [relativ](../kurse/)\n"
    )
    assert list(forbidden_links(text)) == [
        (1, "javascript:alert(1"),
        (1, "data:text/html,x"),
        (2, "vbscript:msgbox"),
        (3, "JavaScript:alert(2)"),
    ]


def test_html_attributes_are_found_in_any_case():
    assert list(forbidden_links('<img SRC="javascript:x"> <a ſrc="data:y">')) == [(0, "javascript:x"), (0, "data:y")]
    assert list(forbidden_links("[gut](https://example.org) ohne Attribute")) == []
