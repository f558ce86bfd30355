"""Admin builds (reindex, one post added or removed) run in a child process at low priority.

In the server's own process a build at 24,000 posts held the interpreter lock for 10-18 s: readers
stalled up to 3.2 s and the worker grew from 462 to 983 MB. Here the build runs in a process
forked from a forkserver (single-threaded, the building modules already imported, so a child
starts in milliseconds), niced so readers' searches come first on a busy machine, and gone when
the build is done, with all the memory it used. The route awaits it without blocking the loop.

The forkserver itself is started with the server when admin writes or syncs are possible
(`start_build_server`), niced before it imports the building modules: started by the first
admin write instead, its imports stalled a reader ~0.8 s on a busy 2-core machine.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import multiprocessing.forkserver
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

NICENESS = 10  # added to the server's own: builds yield the CPU to readers
# `build_priority` first: the forkserver is niced before the heavy imports, and its children with it.
PRELOAD = ["runphys.api.build_priority", "runphys.service.pipeline"]

_context_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None


def _build_context() -> multiprocessing.context.BaseContext:
    """The forkserver context (started once per server process, on the first admin build)."""
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def start_build_server() -> None:
    """Start the builds' forkserver now (its imports done at low priority, before any admin write)."""
    _build_context()
    multiprocessing.forkserver.ensure_running()


async def in_build_process(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`fn(*args, **kwargs)` in a fresh niced child process; its result or its exception.

    `fn` must be importable (a module-level function) and its arguments, result and exceptions
    picklable; a child that dies (killed, out of memory) is a `BrokenProcessPool` error here."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_build_context(), max_tasks_per_child=1)
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, functools.partial(fn, *args, **kwargs))
    finally:
        # Waiting (off the loop) lets the pool's manager thread finish first: shut down without
        # waiting, it may still try to replace the finished child and fail on a dismantled pool.
        await asyncio.to_thread(pool.shutdown, True)
