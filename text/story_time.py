"""When a reader's story started ("a couple of weeks ago", "for six weeks", "the last few days").

Such words date the story; they say nothing about which post answers it, yet they share words with
posts about a time ("Race Week", "Rest Days"). Only a unit with "ago", "last", "past" or a counted
"for" is read: "ran every day" and "race week" are not a story's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .number_words import NUMBER_WORDS

UNITS = frozenset({"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "fortnight", "month",
                   "months", "year", "years"})
# What may count a unit: "a", "a couple of", "a few", "about six", "3".
COUNTS = frozenset({"a", "an", "the", "few", "couple", "of", "several", "some", "about", "around", "over", "nearly",
                    "almost", "roughly", "maybe", "like", "or", "so", "and", "half", *NUMBER_WORDS})
# Before a unit: "for six weeks" (counted), "the last two weeks", "past few days".
LEADS = frozenset({"for", "last", "past"})


def story_time(said: Sequence[str | None]) -> set[int]:
    """The positions in `said` (one lowercased word per position, None where a position is not a
    plain word) that date the story: a unit before "ago" ("two weeks ago", "weeks ago"), or a unit
    after "last" or "past" ("last week", "the past few days") or counted after "for" ("for a month";
    not "for weeks", which says how long something was tried)."""
    out: set[int] = set()
    for start, i in _counted_units(said, UNITS):
        counted = start < i
        after = said[i + 1] if i + 1 < len(said) else None
        if after == "ago":
            out.update(range(start, i + 2))
        elif start > 0 and said[start - 1] in LEADS and (counted or said[start - 1] != "for"):
            out.update(range(start - 1, i + 1))
    return out


# Units that make a spell of doing something long enough to judge it by: weeks or months ("stretched
# for six weeks"); days are too soon, years are a habit ("yoga for years").
LONG_UNITS = frozenset({"week", "weeks", "wk", "wks", "fortnight", "fortnights", "month", "months"})


def long_spells(said: Sequence[str | None]) -> list[tuple[int, int]]:
    """The spans in `said` that say something went on for weeks or more, as (start, end): a unit,
    counted or not, after "for" ("for six weeks", "for a month", "for weeks"), or before "of"
    ("weeks of", "two months of"; the span ends after "of")."""
    out: list[tuple[int, int]] = []
    for start, i in _counted_units(said, LONG_UNITS):
        if start > 0 and said[start - 1] == "for":
            out.append((start - 1, i + 1))
        elif i + 1 < len(said) and said[i + 1] == "of":
            out.append((start, i + 2))
    return out


def _counted_units(said: Sequence[str | None], units: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Each of `units` in `said`, as (where its count starts, where it is): "a couple of weeks" starts
    at "a"; a bare unit starts at itself."""
    for i, word in enumerate(said):
        if word in units:
            start = i
            while start > 0 and _counts(said[start - 1]):
                start -= 1
            yield start, i


def _counts(word: str | None) -> bool:
    return word is not None and (word in COUNTS or word.isdigit())


# A year a reader dates something by ("PF 2017", "in 2019"): four digits from 1950 to 2099.
_YEAR = re.compile(r"(?:19[5-9]|20\d)\d")
# Words that make a year the start of what goes on ("since 2019"), a yardstick ("easier than in
# 2019") or the year someone confused takes it to be ("thinks it's 2019"), not the date of something
# over, when one comes at most SINCE_REACH words before it.
SINCE = frozenset({"since", "from", "until", "till", "til", "than", "compared", "like", "thinks", "thought", "its"})
SINCE_REACH = 2
# Units after a number that make it a measure, not a year ("2000 m", "2010 steps").
MEASURES = frozenset({"m", "metres", "meters", "metre", "meter", "ft", "feet", "foot", "km", "k", "steps", "miles",
                      "mi", "kcal", "calories", "cal", "reps", "yards", "yds", "ml", "mg", "kg", "lbs", "masl"})


def past_years(said: Sequence[str | None]) -> list[int]:
    """The positions in `said` of years that date something over and done: "stress fracture 2018",
    "hamstring pull in 2019"; not "since 2019", nor a measure ("at 2000 m")."""
    return [i for i, word in enumerate(said)
            if word is not None and _YEAR.fullmatch(word) and not ongoing_from(said, i)
            and (i + 1 == len(said) or said[i + 1] not in MEASURES)]


def ongoing_from(said: Sequence[str | None], i: int) -> bool:
    """Whether the date at position `i` is when something still going on began, a yardstick or a
    year taken for now ("since 2019", "than last year", "thinks it's 2019"): one of SINCE at most
    SINCE_REACH words before it."""
    return not SINCE.isdisjoint(w for w in said[max(i - SINCE_REACH, 0) : i] if w is not None)
