"""Admin builds run in a niced child of a forkserver started with the server (`api/build_process`)."""

from __future__ import annotations

import asyncio
import os

from runphys.api.build_process import NICENESS, in_build_process, start_build_server


def test_a_build_runs_niced_in_a_child_process() -> None:
    start_build_server()
    own = os.nice(0)
    child_pid, child_niceness = asyncio.run(in_build_process(_pid_and_niceness))
    assert child_pid != os.getpid()
    assert child_niceness >= min(19, own + NICENESS)
    assert os.nice(0) == own  # the server itself keeps its priority


def _pid_and_niceness() -> tuple[int, int]:
    return os.getpid(), os.nice(0)
