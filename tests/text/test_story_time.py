"""When a reader's story started: the counted spans story_time reads, and the words it leaves."""

from __future__ import annotations

import pytest

from runphys.text.story_time import story_time


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
