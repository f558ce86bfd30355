"""When a reader's story started ("a couple of weeks ago", "for six weeks", "the last few days").

Such words date the story; they say nothing about which post answers it, yet they share words with
posts about a time ("Race Week", "Rest Days"). Only a unit with "ago", "last", "past" or a counted
"for" is read: "ran every day" and "race week" are not a story's date.
"""

from __future__ import annotations

from collections.abc import Sequence

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
    for i, word in enumerate(said):
        if word not in UNITS:
            continue
        start = i
        while start > 0 and _counts(said[start - 1]):
            start -= 1
        counted = start < i
        after = said[i + 1] if i + 1 < len(said) else None
        if after == "ago":
            out.update(range(start, i + 2))
        elif start > 0 and said[start - 1] in LEADS and (counted or said[start - 1] != "for"):
            out.update(range(start - 1, i + 1))
    return out


def _counts(word: str | None) -> bool:
    return word is not None and (word in COUNTS or word.isdigit())
