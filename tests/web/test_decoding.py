"""One decoding module: Content-Encoding with a bound, charset declarations, the page decoder and
the feed charset check."""

from __future__ import annotations

import codecs
import gzip
import zlib

import pytest

from etl.web.decoding import (
    BadEncoding, BodyTooLarge, BodyTruncated, BoundedDecoder, codec_for, decode_html, document_charset,
    header_charset, repair_charset,
)

PAGE = "<html><head>{head}</head><body><p>{text}</p></body></html>"


def _decode_all(coding: str | None, raw: bytes, limit: int = 1 << 20, chunk: int = 7) -> bytes:
    decoder = BoundedDecoder(coding, limit)
    out = b"".join(decoder.feed(raw[i:i + chunk]) for i in range(0, len(raw), chunk))
    decoder.finish()
    return out


def test_content_encodings_decode_in_chunks():
    text = b"Harbour reopens after repairs. " * 50
    assert _decode_all(None, text) == text
    assert _decode_all("gzip", gzip.compress(text)) == text
    assert _decode_all("gzip", gzip.compress(text[:100]) + gzip.compress(text[100:])) == text  # two members
    assert _decode_all("deflate", zlib.compress(text)) == text
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert _decode_all("deflate", raw_deflate.compress(text) + raw_deflate.flush()) == text


def test_bombs_cut_streams_and_unknown_codings_are_refused():
    with pytest.raises(BodyTooLarge):
        _decode_all("gzip", gzip.compress(b"\0" * 5_000_000), limit=1_000_000, chunk=4096)
    with pytest.raises(BodyTruncated):
        _decode_all("gzip", gzip.compress(b"some text " * 100)[:-12])
    with pytest.raises(BadEncoding):
        _decode_all("gzip", b"not gzip at all")
    with pytest.raises(BadEncoding):
        BoundedDecoder("br", 100)


def test_declarations_are_read_once_for_every_path():
    assert header_charset("text/html; charset=\"ISO-8859-1\"") == "ISO-8859-1"
    assert header_charset("text/html") is None and header_charset(None) is None
    assert document_charset(b"<?xml version='1.0' encoding='windows-1251'?><rss/>") == "windows-1251"
    assert document_charset(PAGE.format(head='<meta charset="koi8-r">', text="x").encode()) == "koi8-r"
    assert document_charset(b"<html><p>none</p></html>") is None
    assert codec_for("ISO-8859-1") == "cp1252" and codec_for("us-ascii") == "cp1252"
    assert codec_for("utf-16") == "utf-16" and codec_for("utf-16", in_document=True) == "utf-8"
    assert codec_for("no-such-charset") is None and codec_for(None) is None


def test_pages_valid_utf8_wins_then_the_declaration_then_the_detector():
    russian = PAGE.format(head='<meta charset="windows-1251">', text="Новости дня")
    assert decode_html(russian.encode("cp1251")) == (russian, "declared")
    # A CMS re-encoded the page to UTF-8 and kept the old declaration.
    assert decode_html(russian.encode("utf-8")) == (russian, "utf-8")
    assert decode_html(codecs.BOM_UTF16_LE + "<p>é</p>".encode("utf-16-le")) == ("<p>é</p>", "bom")
    latin = PAGE.format(head="", text="Le café est fermé depuis mardi, et la crème aussi. " * 20)
    text, how = decode_html(latin.encode("cp1252"))
    assert how == "sniffed" and "café" in text
    assert decode_html(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 50) == ("", "binary")
    assert decode_html("already text") == ("already text", "str")
    assert decode_html(42) == ("", "binary")


def test_feed_charset_is_repaired_only_when_it_does_not_fit():
    rss = "<?xml version='1.0' encoding='{enc}'?><rss><channel><title>{title}</title></channel></rss>"
    fits = rss.format(enc="iso-8859-1", title="Café crème").encode("latin-1")
    assert repair_charset(fits, "application/rss+xml") == (fits, None)
    wrong_header = rss.format(enc="utf-8", title="Café crème").encode("latin-1")
    body, note = repair_charset(wrong_header, "application/rss+xml; charset=utf-8")
    assert "Café crème" in body.decode("utf-8") and "read as cp1252" in note
    unknown = rss.format(enc="x-no-such", title="Café crème").encode("utf-8")
    body, note = repair_charset(unknown, None)
    assert b"encoding='utf-8'" in body and "'x-no-such'" in note and "read as utf-8" in note
    korean = rss.format(enc="utf-8", title="서울 시장 선거 결과 발표 " * 20).encode("cp949")
    body, note = repair_charset(korean, None)
    assert "서울 시장" in body.decode("utf-8") and b"encoding='utf-8'" in body and "cp949" in note
