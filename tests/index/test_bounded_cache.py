"""BoundedCache: least recently used entries go past the byte or entry bound; huge entries are not kept."""

from __future__ import annotations

from runphys.index.bounded_cache import BoundedCache


def sized(key: str, value: str) -> int:
    return len(key) + len(value)


def test_bytes_bound_drops_the_least_recently_used() -> None:
    cache: BoundedCache[str, str] = BoundedCache(100, 1000, sized)
    for n in range(10):
        cache.get(f"k{n}", lambda n=n: "v" * 18)  # 20 bytes each
    assert cache.bytes <= 100 and len(cache) == 5
    computed = []
    assert cache.get("k9", lambda: computed.append(1) or "new") == "v" * 18 and not computed  # kept: the newest
    cache.get("k0", lambda: computed.append(1) or "again")
    assert computed == [1]  # the oldest went first


def test_entry_bound_and_clear() -> None:
    cache: BoundedCache[int, str] = BoundedCache(10**9, 3, lambda k, v: 1)
    for n in range(10):
        cache.get(n, lambda n=n: str(n))
    assert len(cache) == 3
    cache.clear()
    assert len(cache) == 0 and cache.bytes == 0


def test_an_entry_over_a_quarter_of_the_bound_is_answered_not_kept() -> None:
    cache: BoundedCache[str, str] = BoundedCache(100, 10, sized)
    assert cache.get("big", lambda: "x" * 40) == "x" * 40
    assert len(cache) == 0 and cache.bytes == 0


def test_a_zero_bound_keeps_nothing() -> None:
    cache: BoundedCache[str, str] = BoundedCache(100, 0, sized)
    cache.get("a", lambda: "b")
    assert len(cache) == 0
