import datetime as dt

from kg.pubdate import publication_date


def test_date_line():
    published, ref = publication_date("date 2024-05-16\nLeaders meet in Beijing\n")
    assert published == "2024-05-16" and ref.date == dt.date(2024, 5, 16) and not ref.weak


def test_dateline_with_year():
    published, _ = publication_date("ASTANA, July 4, 2024 (Wire) -- Leaders gathered for a summit.")
    assert published == "2024-07-04"


def test_dateline_without_year_dated_by_weekday_and_context():
    text = ("ASTANA, July 4. /Agency/. The leaders met on Thursday, the agency said. Trade may double by 2030 "
            "after it rose in 2023.")
    published, ref = publication_date(text)
    assert published == "2024-07-04"  # July 4 was a Thursday in 2024, the year nearest the ones mentioned
    assert not ref.weak


def test_a_period_a_plan_covers_does_not_date_the_text_after_its_end():
    text = ("ASTANA, Oct 14 (Wire) - Kazakhstan and China on Thursday approved a cooperation programme for "
            "2005-2008 to carry out the treaty they signed in 2001.")
    published, _ = publication_date(text)
    assert published == "2004-10-14"  # a Thursday in 1999, 2004 and 2010: the plan's last year is a target


def test_weekday_anchor_is_only_an_estimate():
    text = "The talks held last Tuesday (March 19) were the first in 2024 since the leaders met in 2023."
    published, ref = publication_date(text)
    assert published is None  # never invented
    assert ref.weak and ref.date > dt.date(2024, 3, 19)


def test_no_date_at_all():
    published, ref = publication_date("The leaders talked about trade and energy.")
    assert published is None and ref.date is None


def test_a_line_that_is_only_a_date_near_the_top():
    """Web pages put the date on a line of its own: with a time, a label or a reading time."""
    for text, want in [
        ("President of Kazakhstan · News\n\nTalks with the President of Uzbekistan\n\nJune 4, 2024, 13:45\nAkorda, Astana\n\n"
         "Kassym-Jomart Tokayev held talks with Shavkat Mirziyoyev.", "2024-06-04"),
        ("MONITOR\n\nA headline\n\nPublished: 9 Feb. 2023\n\nThe minister arrived on Monday.", "2023-02-09"),
        ("Posted on Friday, 14 July 2023 | 4-minute read\n\nText.", "2023-07-14"),
        # an ISO date with a time, as ministries' sites print it
        ("2021-11-03 18:05\n\nWang Yi meets Kazakh Foreign Minister\n\nOn November 3, Wang Yi met ...", "2021-11-03"),
        ("Kazinform\nUpdated 2024-05-16T09:30 | Astana\n\nThe delegations met.", "2024-05-16"),
    ]:
        assert publication_date(text)[0] == want
    # a sentence that begins with a date is no date line
    assert publication_date("A headline\n\nOn March 3, 2023, the two ministers met in Tashkent to discuss trade.\n")[0] is None
    assert publication_date("A headline\n\n2023-03-03 saw the two ministers meet in Tashkent to discuss trade.\n")[0] is None


def test_a_line_opening_with_a_place_and_a_full_date():
    assert publication_date("A headline\n\nBeijing, 9 September 2019 - Silk Corridor Business Weekly\n\nText.")[0] == "2019-09-09"
    assert publication_date("A headline\n\nBlagoveshchensk, July 17, 2025\n\nText.")[0] == "2025-07-17"
    assert publication_date("A headline\n\nHowever, March 3 saw the ministers meet.\n")[0] is None


def test_a_section_label_before_the_stamp():
    """"ENERGY BRIEF | 2 December 2019": a newsletter's section and its date, on a line of their own."""
    assert publication_date("ENERGY BRIEF | 2 December 2019\n\nGas starts flowing\n\nGas began ...")[0] == "2019-12-02"
    assert publication_date("World — May 5, 2025\n\nText.")[0] == "2025-05-05"
    assert publication_date("Putin met Xi | 2 December 2019 and then went on to talk about trade\n")[0] is None


def test_a_publisher_and_a_place_before_the_stamp():
    """"Trade Weekly | Astana, 4 June 2019": the publication, where it was filed, and the day."""
    assert publication_date("Grain deal\n\nSteppe Trade Weekly | Astana, 4 June 2019\n\nText.")[0] == "2019-06-04"
    assert publication_date("Grain deal\n\nSteppe Trade Weekly — Tashkent, May 5, 2021\n\nText.")[0] == "2021-05-05"
    assert publication_date("They met | Astana, 4 June 2019 was the day the talks opened\n")[0] is None


def test_a_stamp_line_going_on_with_a_note():
    """"Friday 23 May 2008. Updated throughout the day.": the date, then a note of its own."""
    assert publication_date("Live: talks in Astana\n\nFriday 7 June 2019. Updated throughout the day. All times local.\n\n"
                            "08:55 Good morning.")[0] == "2019-06-07"
    assert publication_date("Live: talks in Astana\n\nFriday 7 June 2019 was the day the talks opened in the capital\n")[0] is None


def test_a_short_line_that_says_when_it_was_last_updated():
    assert publication_date("A chronology\n\nCompiled by the Steppe Desk. Last updated 30 June 2019.\n\nText.")[0] == "2019-06-30"
    assert publication_date("A chronology\n\nThe list was last updated 30 June 2019 and then the talks went on for "
                            "another three days in Astana with no result at all.\n")[0] is None


def test_an_undated_text_is_estimated_from_the_last_day_it_tells_as_past():
    date, ref = publication_date("Five questions\n\nThe ministers met in Astana on 25 July 2024. They will meet again "
                                 "on 3 March 2025. Earlier, in April, one of them was in Tashkent.")
    assert date is None and ref.weak and ref.date.isoformat() == "2024-07-25"


def test_an_undated_text_is_written_after_the_last_month_it_tells_as_past():
    date, ref = publication_date("Five questions\n\nThe ministers met in Astana on 25 July 2024. Then, in September 2024, "
                                 "one of them was in Tashkent. They will meet again in March 2025.")
    assert date is None and ref.weak and ref.date.isoformat() == "2024-09-01"
