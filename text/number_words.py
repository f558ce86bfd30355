"""Number words ("one", "twelve", "first", "twice"): counts and places, never what a post is about.

A reason under a related post never says one, whatever form the text used ("ones", "one's",
"thirds"): compared on stems, so every form of a listed word is covered.
"""

from __future__ import annotations

from functools import cache

from .analysis import stem

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_LARGE = ("hundred", "thousand", "million", "billion", "dozen")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "twentieth", "thirtieth", "hundredth")
_MULTIPLES = ("once", "twice", "thrice")
# "Second" is also a unit ("30 seconds"), which says no more about a post than a count does;
# "single" and "double" are left out: "single-leg" and "double-leg" do tell exercises apart.
NUMBER_WORDS = frozenset((*_UNITS, *_TENS, *_LARGE, *_ORDINALS, *_MULTIPLES))


@cache
def number_stems() -> frozenset[str]:
    """The stems of every number word (what `is_number_term` compares against)."""
    return frozenset(stem(word) for word in NUMBER_WORDS)


def is_number_term(term: str) -> bool:
    """Whether an analysed term is a number: digits, or the stem of a number word."""
    return term.isdigit() or term in number_stems()
