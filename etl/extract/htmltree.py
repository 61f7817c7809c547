"""Parse decoded HTML into an lxml tree without ever raising, and small helpers on elements."""

from __future__ import annotations

import re

from lxml import etree

from etl.extract.settings import MAX_HTML_CHARS

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# lxml refuses strings with NUL bytes and with an XML encoding declaration (the text is already
# decoded); both occur in real captures.
_NUL = "\x00"
# The plain libxml2 HTML parser, not lxml.html's: its per-element Python class lookup costs a
# tenth of the extraction time and none of its element methods are needed.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                           recover=True, default_doctype=False)


def parse_html(text: str) -> etree._Element | None:
    """The document root, or None when the text holds no parseable markup."""
    if not text or not text.strip():
        return None
    text = _XML_DECLARATION.sub("", text[:MAX_HTML_CHARS], count=1).replace(_NUL, "")
    try:
        root = etree.fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError):
        return None
    return root


def class_id_tokens(element: etree._Element) -> str:
    """The element's class and id values, lowercased, space separated (for pattern matching)."""
    cls = element.get("class") or ""
    ident = element.get("id") or ""
    if not cls and not ident:
        return ""
    return f"{cls} {ident}".lower()


def text_of(element: etree._Element) -> str:
    """All text inside the element (without its tail), like lxml.html's text_content()."""
    return "".join(element.itertext())


def collapse_space(text: str) -> str:
    return " ".join(text.split())
