"""`BoundedCache`: a least-recently-used cache bounded by the bytes it holds, not only by entries.

A cache bounded by entries alone grows with what a stranger sends (one 100,000-character word
costs as much as 2,000 short ones). Each entry here is charged the size its caller estimates;
past `max_bytes` (or `max_entries`) the least recently used entries go, and an entry larger than
a quarter of the whole is answered but never kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """`get(key, compute)`: the remembered value, or `compute()` remembered within the bounds."""

    def __init__(self, max_bytes: int, max_entries: int, size_of: Callable[[K, V], int]) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._size_of = size_of
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes(self) -> int:
        """What the entries held now are charged (the cache's own accounting)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K, compute: Callable[[], V]) -> V:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found[0]
        value = compute()  # outside the lock: two threads may compute the same value once each
        if self.max_entries <= 0 or self.max_bytes <= 0:
            return value
        size = self._size_of(key, value)
        if size * 4 > self.max_bytes:
            return value
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while self._entries and (self._bytes > self.max_bytes or len(self._entries) > self.max_entries):
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
