"""Event dates: a date written with its year is the event's, whatever the publication date."""

import datetime

from etl.relations.dates import resolve_event_date

PUBLISHED = datetime.date(2026, 12, 2)


def test_a_written_year_is_kept():
    assert resolve_event_date("on 3 september 1939 the dominion declared war", PUBLISHED, False) == datetime.date(1939, 9, 3)
    assert resolve_event_date("signed on april 7, 2008 in the capital", PUBLISHED, False) == datetime.date(2008, 4, 7)
    assert resolve_event_date("on 7 april 2008", None, False) == datetime.date(2008, 4, 7)


def test_days_without_a_year_follow_the_publication_date():
    assert resolve_event_date("on 3 september 40 ships sailed", PUBLISHED, False) == datetime.date(2026, 9, 3)
    assert resolve_event_date("on february 30, 2020", PUBLISHED, False) == PUBLISHED
