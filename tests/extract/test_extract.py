import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.extract import EXTRACTOR_VERSION, extract_article

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"
LABELS = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def _row(slug):
    row = next(r for r in LABELS if r["slug"] == slug)
    return (DATA / row["page"]).read_bytes(), row


def _gold(row):
    return (DATA / row["gold"]).read_text(encoding="utf-8").splitlines()


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"


STORY = [f"Paragraph {n} of the report says the harbour authority will dredge the channel again in the spring, "
         f"closing berth {n + 3} to large ships for a month." for n in range(5)]


def test_wordpress_page_body_and_metadata():
    html, row = _row("ferry-workers-walk-out")
    article = extract_article(html, row["url"], now=NOW)
    assert article.ok and article.status == "ok"
    assert list(article.paragraphs[:len(_gold(row))]) == _gold(row)
    assert not any(line.lower().startswith("read more") for line in article.paragraphs)
    assert article.title == "Ferry workers walk out as wage talks collapse"
    assert article.byline == "Maren Tully"
    assert article.language == "en"
    assert article.published_source == "meta:article:published_time"
    assert article.extractor_version == EXTRACTOR_VERSION
    assert "trafilatura-" in EXTRACTOR_VERSION and "htmldate-" in EXTRACTOR_VERSION


@pytest.mark.parametrize("slug,language", [("bahnstreik-pendler", "de"), ("huelga-transporte", "es"),
                                           ("ru-gorsovet", "ru"), ("it-sciopero", "it")])
def test_non_english_pages_in_their_charsets(slug, language):
    html, row = _row(slug)
    article = extract_article(html, row["url"], now=NOW)
    assert article.ok and article.language == language
    assert _gold(row)[0] in article.paragraphs


@pytest.mark.parametrize("slug", ["local-news-front", "video-harbour-rescue"])
def test_listing_and_video_pages_are_flagged_with_their_text_kept(slug):
    html, row = _row(slug)
    article = extract_article(html, row["url"], now=NOW)
    assert article.status == "not_article" and article.is_not_article and article.reason
    assert article.ok and article.text


def test_paywalled_teaser_is_flagged_not_blanked():
    html, row = _row("ledger-investigation-paywall")
    article = extract_article(html, row["url"], now=NOW)
    assert article.status == "ok" and article.is_paywalled and article.is_teaser
    assert all(line in article.paragraphs for line in _gold(row))


def test_website_typed_page_with_an_article_is_an_article():
    """og:type=website is what many news sites declare on every article page."""
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>",
                 '<meta property="og:type" content="website">')
    article = extract_article(html, "https://example.org/a", now=NOW)
    assert article.status == "ok" and not article.is_not_article
    assert list(article.paragraphs) == STORY


def test_short_article_is_kept():
    html = _page("<article><h1>Bridge closed</h1><p>The north bridge is closed until Friday after a crash, police said.</p></article>")
    article = extract_article(html, "https://example.org/short", now=NOW)
    assert article.ok and article.status == "ok"
    assert article.paragraphs[-1] == "The north bridge is closed until Friday after a crash, police said."


@pytest.mark.parametrize("junk", [
    b"", b"   ", b"\x00\xff" * 5000, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "%PDF-1.7 binary",
    "<div>" * 100_000 + "deep", "<p>" + "a " * 10 + "</p>" * 50_000, '{"not": "html"}', "<html><body></body></html>",
    None, 12345, "<html><body><script>" + "x" * 100000,
])
def test_hostile_input_never_raises(junk):
    article = extract_article(junk, "https://example.org/x", now=NOW)
    assert article.status in ("ok", "empty", "error")
    assert article.ok == bool(article.text)
    if not article.ok:
        assert article.reason


@pytest.mark.parametrize("raw,expected", [
    (b"\xef\xbb\xbf<html><body><p>\xc3\xa9t\xc3\xa9 \xc3\xa0 Paris, dit-il.</p></body></html>", "été à Paris, dit-il."),
    ("<?xml version='1.0' encoding='latin-1'?><html><body><p>Le maire a parlé.</p></body></html>", "Le maire a parlé."),
    # Declared as a legacy charset but sent as UTF-8, as re-encoding CMSs do.
    ('<html><head><meta charset="gb2312"></head><body><p>谷歌在2014年收购的人工智能公司开发出一款计算机。</p></body></html>'.encode(),
     "谷歌在2014年收购的人工智能公司开发出一款计算机。"),
])
def test_encodings(raw, expected):
    assert extract_article(raw, "https://example.org/e", now=NOW).text == expected


def test_same_input_same_output():
    html, row = _row("debate-night-takeaways")
    assert extract_article(html, row["url"], now=NOW) == extract_article(html, row["url"], now=NOW)


def test_boilerplate_lines_are_removed_whole_lines_only():
    body = ["Residents were told that data from private cookies and tracking tools had been shared with the council for years.",
            "The council said the breach affected about 4,000 households and that it had informed the regulator on Monday."]
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in body)
                 + "<p>Read more: Council to vote on new data rules</p><p>Reporting by Ann Lee; Editing by Sam Quill</p>"
                 "<p>© 2024 Example Media. All rights reserved.</p></article>")
    assert list(extract_article(html, "https://example.org/b", now=NOW).paragraphs) == body


def test_reader_comments_are_not_body_text():
    comments = "".join(f"<li class='comment'><p>Reader {n} thinks the council got this one badly wrong again.</p></li>"
                       for n in range(4))
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
                 f"<section id='comments' class='comments-area'><h3>4 Comments</h3><ol class='comment-list'>{comments}</ol></section>")
    article = extract_article(html, "https://example.org/c", now=NOW)
    assert list(article.paragraphs) == STORY


def test_written_out_date_in_the_text_when_markup_has_none():
    html = _page("<article><p>Veröffentlicht am 7. März 2024</p>"
                 + "".join(f"<p>{p}</p>" for p in STORY) + "</article>", "<meta http-equiv='content-language' content='de'>")
    article = extract_article(html, "https://example.org/nachrichten/hafen", now=NOW)
    assert article.published_at == datetime(2024, 3, 7, tzinfo=UTC)
    assert article.published_source.startswith("htmldate:")


def test_dates_after_the_capture_are_rejected():
    html = _page("".join(f"<p>{p}</p>" for p in STORY), '<meta property="article:published_time" content="2024-09-01T10:00:00Z">')
    published_at = extract_article(html, "https://example.org/f", now=NOW).published_at
    assert published_at is None or published_at <= NOW


@pytest.mark.parametrize("declared,expected", [
    ("/2024/03/04/ferry/?utm_source=feed&id=7#top", "https://www.example.org/2024/03/04/ferry/?id=7"),
    ("https://other.example/copied-story", "https://www.example.org/news/ferry?x=1"),
    (None, "https://www.example.org/news/ferry?x=1"),
])
def test_canonical_url_same_site_only_and_normalised(declared, expected):
    head = f'<link rel="canonical" href="{declared}">' if declared else ""
    html = _page("".join(f"<p>{p}</p>" for p in STORY), head)
    assert extract_article(html, "https://WWW.Example.org/news/ferry?x=1#c", now=NOW).canonical_url == expected


def test_title_is_the_declared_title_when_the_first_heading_is_a_widget():
    body = "<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
    declared = "<meta property='og:title' content='Harbour channel to be dredged again in spring'>"
    widget = extract_article(_page("<h1>Share this Story</h1>" + body, declared), "https://herald.example/a", now=NOW)
    assert widget.title == "Harbour channel to be dredged again in spring"
    agreeing = extract_article(_page("<h1>Harbour channel will be dredged again in the spring</h1>" + body, declared),
                               "https://herald.example/a", now=NOW)
    assert agreeing.title == "Harbour channel will be dredged again in the spring"
    undeclared = extract_article(_page("<h1>Share this Story</h1>" + body), "https://herald.example/a", now=NOW)
    assert undeclared.title == "Share this Story"


LEAD = ("Our producer asks dock workers, shipping agents and the harbour master what a month without the big berths "
        "will mean for the town's jobs and trade.")
CAPTION = "A dredger works in the outer harbour channel on Monday morning, as seen from the pier near the old customs house."


def test_lead_left_out_by_trafilatura_is_kept_but_not_a_photo_caption():
    """The description in a video player's fallback markup, right before the story, is the
    story's lead; the photo caption between them and the short section label are not."""
    html = _page("<p class='kicker'>Ports</p>"
                 f"<div class='player'><object data='/v/1'><p class='player-caption'>{LEAD}</p></object></div>"
                 f"<figure><img src='dredger.jpg'><figcaption>{CAPTION}</figcaption></figure>"
                 "<div class='post'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>")
    article = extract_article(html, "https://example.org/video/harbour", now=NOW)
    assert list(article.paragraphs) == [LEAD, *STORY]


def test_no_lead_is_added_from_far_before_the_story_or_from_boilerplate():
    far = f"<p>{LEAD}</p>" + "".join(f"<p><a href='/s/{n}'>Section {n}</a></p>" for n in range(4))
    prompt = ("<p>Sign up for our newsletter to get the day's harbour, shipping and port news delivered to your inbox "
              "every morning before seven.</p>")
    html = _page(far + prompt + "<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>")
    assert list(extract_article(html, "https://example.org/harbour", now=NOW).paragraphs) == STORY


def test_body_cut_short_by_recall_mode_is_read_again():
    """A story whose first paragraphs sit in <article> and the rest in the next box: trafilatura's
    recall mode takes the first block only; the prose left after it sends the page to the
    balanced mode, which finds the whole story."""
    story = [f"{line[:-1]}, officials said on Monday." for line in STORY * 2]
    story = [f"{n}. {line}" for n, line in enumerate(story)]
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in story[:2]) + "</article>"
                 "<div class='story-continued'>" + "".join(f"<p>{p}</p>" for p in story[2:]) + "</div>")
    assert list(extract_article(html, "https://example.org/split", now=NOW).paragraphs) == story


def test_declared_summary_shown_above_the_story_is_its_standfirst():
    """A page that prints its meta description between the headline and the story sets it as the
    standfirst, however short; a short line that is not the page's summary stays out."""
    summary = "The harbour will lose its two biggest berths for a month."
    head = f"<meta name='description' content='{summary}'>"
    html = _page("<h1>Harbour channel to be dredged again</h1>"
                 f"<p class='standfirst'>{summary}</p><p class='deck'>Town braces for a quiet spring.</p>"
                 "<p>By Ann Lee</p><p>March 4, 2024</p>"
                 "<div class='story-body'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>", head)
    article = extract_article(html, "https://example.org/harbour", now=NOW)
    assert list(article.paragraphs) == [summary, *STORY]


def test_widgets_inside_the_story_are_removed():
    """Lines that trafilatura keeps inside the article box but that belong to widgets: a gallery's
    numbered slides, a list of other stories with their dates, a story link set in brackets, a
    video teaser with its duration, site prompts."""
    slides = "".join(f"<li>{n}/4 A dredger works in the outer harbour channel, photo {n} of the series</li>"
                     for n in range(1, 5))
    dated = "".join(f"<li><a href='/s/{n}'>Ferry fares rise again on route {n}</a> - April {n + 3}, 2024</li>"
                    for n in range(3))
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in STORY[:2])
                 + f"<ul>{slides}</ul><p>[TIDES: Why the spring tides came early this year]</p>"
                 + "".join(f"<p>{p}</p>" for p in STORY[2:])
                 + f"<ul>{dated}</ul><p>Cranes idle as the strike goes on1:21</p>"
                 "<p>For all the latest port news follow us on Twitter @herald.</p>"
                 "<p>Get our weekly shipping newsletter: sign up here.</p></article>")
    assert list(extract_article(html, "https://example.org/harbour", now=NOW).paragraphs) == STORY


def test_writers_own_lines_and_bracketed_text_of_the_page_are_kept():
    """The writer's contact line ends many stories and stays; a page that sets many lines in
    brackets (chat lines, stage directions) writes its own text that way."""
    contact = "Ann Lee covers the port for the Herald. Follow her on Twitter @annlee."
    chat = [f"[Ann: message number {n} about the harbour channel plans]" for n in range(5)]
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in STORY + chat) + f"<p>{contact}</p></article>")
    assert list(extract_article(html, "https://example.org/harbour", now=NOW).paragraphs) == [*STORY, *chat, contact]


@pytest.mark.parametrize("heading", ["Related Articles", "Related posts on Harbour News", "More in Business",
                                     "More about:", "Tags", "Other Opinion Columns", "Our Latest Stories"])
def test_story_ends_at_a_link_box_heading_after_it(heading):
    """A link box's heading (related stories, more from a section, the story's topics) after the
    story starts the box that ends it; the same heading near the top is a box set into a story
    that goes on after it."""
    teasers = "".join(f"<p>Ferry operator {n} warns that the strike will cost the port another week of trade.</p>"
                      for n in range(3))
    after = _page("<article>" + "".join(f"<p>{p}</p>" for p in STORY) + f"<h3>{heading}</h3>{teasers}</article>")
    assert list(extract_article(after, "https://example.org/harbour", now=NOW).paragraphs) == STORY
    inside = _page("<article>" + f"<p>{STORY[0]}</p><h3>{heading}</h3>"
                   + "".join(f"<p>{p}</p>" for p in STORY[1:]) + "</article>")
    assert list(extract_article(inside, "https://example.org/harbour", now=NOW).paragraphs) == [
        STORY[0], heading, *STORY[1:]]


def test_lead_before_an_embedded_post_is_kept():
    """A social post embedded between the lead and the rest of the story does not push the lead
    out of reach."""
    post = ("<blockquote class='twitter-tweet'><p>Dredgers at work in the channel pic.twitter.com/AbC123</p>"
            "<p>— Port Watch (@portwatch) March 4, 2024</p></blockquote>")
    html = _page(f"<div class='player'><object data='/v/1'><p class='player-caption'>{LEAD}</p></object></div>"
                 + post + "<div class='post'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>")
    assert list(extract_article(html, "https://example.org/video/harbour", now=NOW).paragraphs) == [LEAD, *STORY]


def test_run_of_whole_link_lines_in_the_body_is_removed():
    """Four or more lines in a row that are each a whole link are a list of other stories; a
    single link line in the story stays."""
    single = "<p><a href='/report'>Read the harbour authority report on dredging</a></p>"
    related = "".join(f"<p><a href='/s/{n}'>Ferry operator {n} warns of a long strike at the port</a></p>" for n in range(8))
    html = _page("<article>" + "".join(f"<p>{p}</p>" for p in STORY[:3]) + single
                 + "".join(f"<p>{p}</p>" for p in STORY[3:]) + related + "</article>")
    paragraphs = list(extract_article(html, "https://example.org/harbour", now=NOW).paragraphs)
    assert paragraphs == [*STORY[:3], "Read the harbour authority report on dredging", *STORY[3:]]


def test_summary_that_repeats_the_headline_is_not_put_into_the_text():
    headline = "More weekend trains for the harbour line from April"
    head = f"<meta name='description' content='{headline}'><meta property='og:title' content='{headline}'>"
    html = _page(f"<h1>{headline}</h1><p>By Ann Lee</p>"
                 "<div class='story-body'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>", head)
    article = extract_article(html, "https://example.org/trains", now=NOW)
    assert article.title == headline and list(article.paragraphs) == STORY


def test_story_container_gives_back_the_prose_both_modes_left_out():
    """Where trafilatura returned the first boxes of a story only (its opening paragraphs, each
    in a box of its own), the story's container gives the rest, in page order; not a reader
    comment, nor a line repeating the body, nor anything when the only element holding the body
    is the whole page."""
    from lxml import html as lxml_html

    from etl.extract.article import _container_prose, _in_page_order, _line_key
    from etl.extract.blocks import content_lines

    story = ["The harbour authority will dredge the outer channel again this spring, closing two berths to large ships for a month.",
             "Ferry crossings to the islands keep to their timetable, the operator said, since its boats need less water.",
             "Fishermen fear that the silt stirred up by the dredgers will drive the cod away from the bay for the whole season.",
             "The work costs four million euros, half of it paid by the state, and should let ships twice as large dock in the town.",
             "A public meeting about the plan takes place in the old customs house on the evening of the third of March."]
    comment = ("What a waste of money, the channel was dredged only two years ago and nothing has changed "
               "for the ferries since then, as anyone can see.")
    repeat = "In short: " + story[0]
    page = lxml_html.fromstring(_page(
        "<div class='story'>" + "".join(f"<div class='box'><p>{p}</p></div>" for p in story[:2]) +
        f"<div class='read-all'><p>{repeat}</p>" + "".join(f"<p>{p}</p>" for p in story[2:]) + "</div>"
        f"<div class='comments'><p>{comment}</p></div></div>"))
    lines = content_lines(page)
    keys = [_line_key(line) for line in lines]
    found = _container_prose(page, story[:2], None)
    assert found == story[2:]
    assert _in_page_order(keys, story[:2], found[::-1]) == story
    whole_page = lxml_html.fromstring(_page(f"<p>{story[0]}</p><div><p>{story[1]}</p></div><p>{story[2]}</p>"))
    assert _container_prose(whole_page, story[:2], None) == []
