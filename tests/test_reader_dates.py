"""Publication dates from feeds: time zone abbreviations after a time (issue 15)."""

from __future__ import annotations

import pytest

from storydiff.readers.dates import normalise_date


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("10 September 2024 08:15 CEST", "2024-09-10T08:15:00+02:00"),
        ("Tue, 10 Sep 2024 08:15:00 CEST", "2024-09-10T08:15:00+02:00"),
        ("Dienstag, 10. September 2024, 08:15 Uhr MESZ", "2024-09-10T08:15:00+02:00"),
        ("10. September 2024, 08:15 MEZ", "2024-09-10T08:15:00+01:00"),
        ("September 10, 2024 8:15 AM EDT", "2024-09-10T08:15:00-04:00"),
        # the twelve-hour clock (the e-mail parser took "PM" for a zone and dropped it)
        ("September 10, 2024 8:15 PM EDT", "2024-09-10T20:15:00-04:00"),
        ("Sep 10, 2024 12:30 p.m.", "2024-09-10T12:30:00"),
        ("September 10, 2024 12:05 am", "2024-09-10T00:05:00"),
        # German "am" before the day is no a.m.
        ("12:30 am 10. September 2024", "2024-09-10T12:30:00"),
        ("10 September 2024 08:15 (CEST)", "2024-09-10T08:15:00+02:00"),
        ("2024-09-10T08:15:00 CEST", "2024-09-10T08:15:00+02:00"),
        # an offset given as digits wins; a date without a time stays a date
        ("Tue, 10 Sep 2024 08:15:00 +0200", "2024-09-10T08:15:00+02:00"),
        ("10 September 2024 CEST", "2024-09-10"),
        # an abbreviation of several zones (India, Ireland, Israel) gives no offset
        ("10 September 2024 08:15 IST", "2024-09-10T08:15:00"),
    ],
)
def test_a_time_zone_abbreviation_gives_the_offset_it_names(given, read):
    assert normalise_date(given) == read


def test_a_zone_abbreviation_alone_is_no_date():
    assert normalise_date("CEST") is None
    assert normalise_date("10 September CEST") is None
