"""How recently each category, body part and injury was written about."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from ..index.post import Post
from ..text.vocabulary import Vocabulary
from .records import Area, Freshness, iso

DAYS_PER_YEAR = 365.25


def as_datetime(value: date | datetime | str | None, *, end_of_day: bool = False) -> datetime | None:
    """A timezone-aware datetime from a date, datetime or ISO string (naive means UTC).

    A plain date means the start of that day, or with `end_of_day` the start of the next day
    (so `until=2026-01-31` includes the 31st); the calendar's last day ends at its last moment,
    as there is no next day.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
    if not isinstance(value, datetime):
        moment = datetime.combine(value, time(), tzinfo=UTC)
        if not end_of_day:
            return moment
        return moment + timedelta(days=1) if value < date.max else datetime.max.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def newest_post_date(posts: Sequence[Post]) -> datetime | None:
    return max((post.date for post in posts if post.date is not None), default=None)


def area(kind: str, key: str, name: str, posts: Sequence[Post], now: datetime, silence_days: int) -> Area:
    """Freshness of one area from the posts in it."""
    dates = sorted(post.date for post in posts if post.date is not None)
    if not dates:
        return Area(kind, key, name, len(posts), None, None, {}, 0.0, None, False)
    first, last = dates[0], dates[-1]
    years = max((now - first).days / DAYS_PER_YEAR, 1.0)
    days_silent = (now - last).days
    per_year = dict(sorted(Counter(d.year for d in dates).items()))
    return Area(
        type=kind, key=key, name=name, posts=len(posts), first_post=iso(first), last_post=iso(last),
        per_year=per_year, posts_per_year=round(len(dates) / years, 2), days_silent=days_silent,
        silent=days_silent > silence_days,
    )


def _areas(kind: str, keys: Sequence[tuple[str, str]], member: Callable[[Post, str], bool],
           posts: Sequence[Post], now: datetime, silence_days: int) -> tuple[Area, ...]:
    found = [area(kind, key, name, [p for p in posts if member(p, key)], now, silence_days) for key, name in keys]
    # Silent areas first, longest silence first; areas never written about last.
    return tuple(sorted(found, key=lambda a: (a.days_silent is None, -(a.days_silent or 0), a.key)))


def freshness(
    posts: Sequence[Post], vocabulary: Vocabulary, *, now: datetime | None = None, silence_days: int = 365
) -> Freshness:
    """Last post, posts per year and silence per category, body part and injury.

    `now` defaults to the newest post's date: a blog that stopped in 2020 is judged against its
    own last post, not against today (pass `now` to judge against another day).
    """
    source = "given" if now is not None else "newest post"
    reference = now or newest_post_date(posts) or datetime.now(UTC)
    categories = sorted({c for post in posts for c in post.categories}, key=str.lower)
    return Freshness(
        now=reference.isoformat(),
        now_source=source,
        silence_days=silence_days,
        categories=_areas("category", [(c, c) for c in categories],
                          lambda p, k: k in p.categories, posts, reference, silence_days),
        body_parts=_areas("body_part", [(c.key, c.name) for c in vocabulary.body_parts],
                          lambda p, k: k in p.body_parts, posts, reference, silence_days),
        injuries=_areas("injury", [(c.key, c.name) for c in vocabulary.injuries],
                        lambda p, k: k in p.injuries, posts, reference, silence_days),
    )
