import datetime as dt

import pytest

from kg.dates import Reference, compatible, find_dates, resolve, year_from_weekday

REF = Reference(dt.date(2023, 3, 8), False, ())  # a Wednesday


def first(text, ref=REF, future=False):
    found = find_dates(text)
    assert found, f"no date in {text!r}"
    r = resolve(found[0], ref, future=future)
    return r.value if r else None


@pytest.mark.parametrize("text,expected", [
    ("signed on 2019-11-04 in Osaka", "2019-11-04"),
    ("on March 3, 2021", "2021-03-03"),
    ("on 3 March 2021", "2021-03-03"),
    ("in October 2020", "2020-10"),
    ("in late October 2020", "2020-10"),
    ("back in 2014", "2014"),
    ("on Monday", "2023-03-06"),
    ("on Wednesday", "2023-03-08"),
    ("on February 27", "2023-02-27"),
    ("on December 27", "2022-12-27"),  # past tense: the last December 27 before the article
    ("last month", "2023-02"),
    ("last year", "2022"),
    ("two months ago", "2023-01"),
    ("in early January", "2023-01"),
    ("in mid-November", "2022-11"),
    ("yesterday", "2023-03-07"),
])
def test_resolve_against_article_date(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("will meet on Friday", "2023-03-10"),
    ("next year", "2024"),
    ("next spring", "2024"),  # on March 8 this spring has begun
    ("next month", "2023-04"),
    ("in November", "2023-11"),
])
def test_future_expressions(text, expected):
    assert first(text, future=True) == expected


def test_no_reference_no_relative_date():
    assert first("on Monday", ref=Reference(None, True, ())) is None
    assert first("last year", ref=Reference(None, True, ())) is None


def test_may_the_verb_is_not_a_month():
    assert not [d for d in find_dates("They may meet again. It may rain.") if d.kind == "m"]


def test_year_from_weekday_uses_context_years():
    # December 30 fell on a Friday in 2016 and 2022; text speaking of 2023 and 2024 means 2022
    assert year_from_weekday(12, 30, 4, (2023, 2024)) == 2022
    assert year_from_weekday(12, 30, 4, ()) is None


def test_compatible_dates():
    assert compatible("2022-12-30", "2022-12")
    assert compatible("2022", "2022-12-30")
    assert not compatible("2022-12-30", "2022-12-15")
    assert compatible(None, "2020")


def test_a_month_of_a_year_told_relatively():
    ref = Reference(dt.date(2024, 7, 28), False, ())
    for text, want in [("in March last year", "2023-03"), ("on 16 May last year", "2023-05-16"),
                       ("on May 16 this year", "2024-05-16"), ("in October of next year", "2025-10"),
                       ("in early March last year", "2023-03")]:
        found = find_dates(text)
        assert len(found) == 1, text
        assert resolve(found[0], ref).value == want, text


def test_a_day_in_the_next_weeks_is_still_to_come():
    """A month and day without a year: up to three weeks after the article they are this year's
    (a summit "on March 20-21" in an article of March 8), later ones last year's."""
    assert first("the summit in Astana on March 20-21") == "2023-03-20"
    assert first("the talks on March 28") == "2023-03-28"
    assert first("the talks on April 14") == "2022-04-14"


def test_a_weekday_picks_the_year_of_a_month_and_day():
    """"Friday, April 22": of the years around the article's, the one in which it fell on a Friday."""
    ref = Reference(dt.date(2023, 4, 16), False, ())
    assert first("they spoke on Friday, April 22", ref) == "2022-04-22"
    assert first("they will meet on Saturday, April 22", ref) == "2023-04-22"
    assert first("on Thursday, May 19", Reference(dt.date(2023, 9, 15), False, ())) == "2022-05-19"


def test_a_season_in_a_name_is_no_date():
    assert not [d for d in find_dates("the opening of the Winter Olympics in Beijing") if d.kind == "season"]
    assert first("They met in the winter.") == "2023"


def test_the_stretches_a_day_heads():
    from kg.dates import dated_sections
    text = "LIVE\n\nTHURSDAY, 10 SEPTEMBER 2020\n\n09:40 - Talks.\n\nFriday, 11 September 2020\n\n10:30 - More talks.\n"
    assert dated_sections(text, REF) == [(text.index("LIVE"), text.index("Friday"), "2020-09-10"),
                                         (text.index("Friday"), len(text), "2020-09-11")]
    # a title just above the day is that item's
    text = "Leader A Holds Phone Call\n2022-02-25\n\nA spoke.\n\nMinister B Talks with C by Phone\n2022-02-24\n\nB spoke.\n"
    assert dated_sections(text, REF) == [(0, text.index("Minister B"), "2022-02-25"),
                                         (text.index("Minister B"), len(text), "2022-02-24")]
    # one date line is the article's stamp, not a heading
    assert dated_sections("March 21, 2023, 16:10\n\nText.\n", REF) == []
    # a timeline's entries
    text = ("1. April 3, 2018 — Moscow. The minister holds talks with his counterpart.\n"
            "2. April 5, 2018 — Moscow. The envoy holds talks with the foreign minister.\n")
    assert [day for _, _, day in dated_sections(text, REF)] == ["2018-04-03", "2018-04-05"]


def test_a_live_page_of_one_day_is_dated_from_its_first_post():
    from kg.dates import dated_sections
    text = "LIVE\nMonday, 27 May 2024 · updates\n\n08:50 Post one.\n\n09:35 Post two.\n"
    assert dated_sections(text, REF) == [(text.index("08:50"), len(text), REF.date.isoformat())]
    assert dated_sections("Talks began at 10:30 local time.\n", REF) == []


def test_headings_that_name_a_year():
    from kg.dates import year_sections
    text = "Intro 2009.\n2010: pipes\nText.\n2011\nMore text.\n"
    assert year_sections(text) == [(text.index("2010"), text.index("2011\n"), "2010"), (text.index("2011\n"), len(text), "2011")]
    assert year_sections("2010: one heading only\nText.\n") == []


def test_a_month_and_a_day_are_not_read_across_a_full_stop_and_a_new_line():
    found = [(d.kind, d.text) for d in find_dates("signed on 23 March.\n\n4. 21 September 2022, Almaty")]
    assert found == [("dm", "23 March"), ("dmy", "21 September 2022")]
    assert [d.text for d in find_dates("they met on May\n16, 2019 in Astana")] == ["May\n16, 2019"]
