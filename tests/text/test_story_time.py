"""When a reader's story started: the counted spans story_time reads, and the words it leaves; the
years that date something over and done (past_years)."""

from __future__ import annotations

import pytest

from runphys.text.story_time import long_spells, past_years, story_time


def dated(text: str) -> list[str]:
    said = text.lower().split()
    return [said[i] for i in sorted(story_time(said))]


@pytest.mark.parametrize(("text", "span"), [
    ("switched shoes a couple of weeks ago", ["a", "couple", "of", "weeks", "ago"]),
    ("new trainers 3 days ago", ["3", "days", "ago"]),
    ("since i added hills for about six weeks", ["for", "about", "six", "weeks"]),
    ("upped my miles over the last few weeks", ["last", "few", "weeks"]),
    ("new shoes last week", ["last", "week"]),
    ("weeks ago i changed shoes", ["weeks", "ago"]),
])
def test_a_counted_time_dates_the_story(text: str, span: list[str]) -> None:
    assert dated(text) == span


@pytest.mark.parametrize("text", [
    "i run every day",
    "what to do race week",
    "stretching for weeks, no change",
    "rest days are training days",
])
def test_a_time_that_is_not_counted_is_not_a_date(text: str) -> None:
    assert dated(text) == []


def test_positions_that_are_not_words_are_skipped() -> None:
    assert story_time([None, "two", "weeks", "ago", None]) == {1, 2, 3}


@pytest.mark.parametrize(("text", "years"), [
    ("stress fracture 2018 healed fine", ["2018"]),
    ("hamstring pull in 2019 and a calf strain in 2021", ["2019", "2021"]),
    ("broke my wrist from a fall 2015", ["2015"]),
    # the start of what goes on, or a yardstick: no old injury's date
    ("calf sore since 2023", []),
    ("sore since early 2024", []),
    ("slower than in 2019", []),
    # the year someone confused takes it to be
    ("he thinks its 2016 and keeps asking", []),
    ("she thought 2015 was this year", []),
    # not a year
    ("ran at 1500 m and 2400 m", []),
    ("3000 steps a day", []),
    ("chest tight at 2000 m", []),
    ("2050 steps", []),
])
def test_a_year_dates_something_over(text: str, years: list[str]) -> None:
    said = text.split()
    assert [said[i] for i in past_years(said)] == years


@pytest.mark.parametrize(("text", "spells"), [
    ("stretched my calves daily for months", [["for", "months"]]),
    ("rolled it for about six weeks", [["for", "about", "six", "weeks"]]),
    ("towel stretch for 6 wks", [["for", "6", "wks"]]),
    ("after two months of rolling a ball", [["two", "months", "of"]]),
    ("weeks of clams and bridges", [["weeks", "of"]]),
    # days are too soon to judge by; years are a habit; a unit neither after "for" nor before "of" says nothing
    ("stretched for three days", []),
    ("yoga for years", []),
    ("sore the last few weeks", []),
])
def test_a_long_spell_is_weeks_or_months_for_or_of(text: str, spells: list[list[str]]) -> None:
    said = text.split()
    assert [said[a:b] for a, b in long_spells(said)] == spells
