import random

from etl.extract import SiteTemplate, extract_article, learn_template
from etl.extract.template import line_shape

# A host whose boilerplate hides behind neutral class names, so only its repetition gives it away.
STORIES = [
    ("Port workers vote to accept new contract after long dispute", "Jana Holt"),
    ("School district adds late buses for after-school programmes", "Omar Fitch"),
    ("Hospital opens new clinic for children with asthma this month", "Jana Holt"),
    ("Bridge repairs finish two weeks early thanks to dry weather", "Lee Moss"),
    ("Library extends weekend hours after residents sign petition", "Omar Fitch"),
    ("Farmers market moves to the old rail depot for the summer", "Lee Moss"),
    ("County buys land for a new park along the river bank", "Jana Holt"),
]


def _page(i: int) -> tuple[str, str]:
    title, author = STORIES[i]
    body = "".join(f"<p class='x1'>{title} is the subject of sentence {n} with details number {i * 7 + n} and more words.</p>"
                   for n in range(4))
    html = f"""<html><head><title>{title}</title></head><body><div class="c9"><div class="c3">
<p class="x1">{body and ''}Join thousands of readers who get our morning email, delivered before breakfast.</p>
{body}<p class="x1">Reporting by {author}; Editing by Sam Quill</p>
<p class="x1">Trending: {STORIES[(i + 1) % 7][0]}.</p></div></div></body></html>"""
    return f"https://news.example/{i}", html


PAGES = [_page(i) for i in range(7)]


def test_template_removes_repeated_lines_shapes_and_paths():
    url, html = PAGES[0]
    without = extract_article(html, url)
    assert any("morning email" in p for p in without.paragraphs)
    template = learn_template("news.example", PAGES[1:])
    cleaned = extract_article(html, url, template)
    assert not any("morning email" in p or "Reporting by" in p or "Trending" in p for p in cleaned.paragraphs)
    assert len(cleaned.paragraphs) == 4
    assert cleaned.template_version == template.version


def test_learning_is_order_independent_and_versioned():
    shuffled = PAGES[1:]
    random.Random(7).shuffle(shuffled)
    first, second = learn_template("news.example", PAGES[1:]), learn_template("news.example", shuffled)
    assert first == second and first.version == second.version
    assert SiteTemplate.from_json(first.to_json()) == first
    assert learn_template("news.example", PAGES[1:4]).version != first.version


def test_versions_of_one_article_count_once():
    url, html = PAGES[1]
    template = learn_template("news.example", [(url, html), (url, html.replace("sentence 0", "sentence zero"))])
    assert template.is_empty()


def test_bad_pages_are_skipped_when_learning():
    template = learn_template("news.example", PAGES[1:] + [("u", b"\x00\x01" * 100), ("v", ""), ("w", None)])
    assert template == learn_template("news.example", PAGES[1:])


def test_line_shape_generalises_names_and_numbers_only():
    assert line_shape("Photo: Jane Doe/Reuters") == line_shape("Photo: Ali Kaya/AFP")
    assert line_shape("Updated 3 hours ago") == line_shape("Updated 11 hours ago")
    assert line_shape("He declined to comment.") != line_shape("She declined to comment.")
    assert line_shape(" ".join(["word"] * 30)) is None


def test_a_template_that_learned_a_shared_story_never_blanks_it():
    """Pages of one host carrying the same wire story: the template may learn the story's lines
    as repeated, but applying it must not take the article's text away."""
    wire = "".join(f"<p>Wire paragraph {n}: ministers from both countries met at the harbour and agreed "
                   f"to extend the fishing accord by another {n + 2} years.</p>" for n in range(6))
    pages = [(f"https://outlet.example/s{i}", f"<html><head><title>Story {i}</title></head><body>"
              f"<nav>Home World Sport</nav><article><h1>Story {i}</h1>{wire}</article></body></html>")
             for i in range(8)]
    template = learn_template("outlet.example", pages)
    article = extract_article(pages[0][1], pages[0][0], template)
    assert article.ok and "Wire paragraph 3" in article.text
