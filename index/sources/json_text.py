"""JSON read for every importer, with integers of any length accepted.

Python refuses to turn a decimal string of more than 4,300 digits into an `int` (ValueError, a
guard against quadratic conversion). No field of a post needs more than a few dozen digits, so a
longer integer is kept as a `LongNumber`, the string of its digits, and the record goes on;
`long_numbers` finds them so the reader can warn about that record.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_INT_DIGITS = 100
# JSON Lines records end at CR/LF only: str.splitlines() also breaks at U+2028, U+2029 and U+0085,
# which JSON strings may hold raw, and would cut such a record in two.
_LINE_END = re.compile(r"\r\n|\r|\n")


class LongNumber(str):
    """A JSON integer too long to be an `int`, kept as its text."""

    __slots__ = ()


def _bounded_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else LongNumber(digits)


def load_json(text: str) -> Any:
    """`json.loads` with integers longer than MAX_INT_DIGITS kept as `LongNumber`s; JSONDecodeError as usual."""
    return json.loads(text, parse_int=_bounded_int)


def json_lines(text: str) -> list[str]:
    """The lines of a JSON Lines text, numbered as an editor numbers them."""
    return _LINE_END.split(text)


def long_numbers(value: Any) -> list[LongNumber]:
    """The `LongNumber`s anywhere inside `value`, in document order (walked without recursion)."""
    found: list[LongNumber] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, LongNumber):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def long_number_reason(numbers: list[LongNumber]) -> str:
    """The warning for a record holding `numbers`: how many, and the longest one's length."""
    longest = max(len(number.lstrip("-")) for number in numbers)
    count = "a number" if len(numbers) == 1 else f"{len(numbers)} numbers"
    return f"{count} of up to {longest} digits (more than {MAX_INT_DIGITS}) kept as text"
