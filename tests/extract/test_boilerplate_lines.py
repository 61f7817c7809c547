import pytest

from etl.extract.boilerplate import is_boilerplate_line


@pytest.mark.parametrize("line", [
    "Published 10:17 am, Wednesday, March 15, 2017",
    "Published Date: Oct 24, 2017 02:54 pm | Updated Date: Oct 24, 2017 02:54 pm",
    "October 22, 2017 / 3:48 AM / in 2 days",
    "Mar 27, 2017 12:29 PM EDT",
    "Don’t miss: Buybacks slow in Q3, but tax reform could change that",
    "Robots are poised to eliminate millions of jobs over the coming decades. We have to address the…Read more",
    "To view this site, you need to have JavaScript enabled in your browser.",
    "The article was published on Tech In Asia. You can read the full article here",
    "Keep up with this story and more by subscribing now",
    "Opinions expressed by Forbes Contributors are their own.",
    "For all the latest video game news follow us on Twitter @site.",
    "By using this website, you consent to our use of cookies. For more information see our Cookie Policy.",
    "This copy is for your personal, non-commercial use only. To order copies for distribution, contact us.",
    "Home > News > World > Europe",
    "Print Print this page",
    "Permalink https://example.org/p/2aCkx",
    "Report Typo/Error",
    "Leave a comment",
    "Sport › Football › Premier League",
])
def test_site_lines_are_boilerplate(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Sunday October 22",  # a live blog's day heading
    "Posted on",
    "HTTP/1.1 200 OK",
    "RFC 3987, January 2005.",
    "The meeting was published in the council's minutes at 10:30 on Tuesday, officials said.",
    "Follow her on Twitter @annlee.",  # the writer's own line
    "Millions of subscribers were told on Monday that the price will rise in March.",
    "Inflation > 3% for the third month in a row, the bank said.",
    "Retour sur les revues de rang « 1 » ou « 2 » où les chercheurs publient",
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate_line(line)
