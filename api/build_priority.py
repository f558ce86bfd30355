"""Imported first by the admin builds' forkserver (`build_process.PRELOAD`), never by the server:
lowers that process's priority, so the building modules it imports next, and every build it
forks, yield the CPU to readers."""

from __future__ import annotations

import os

from .build_process import NICENESS

os.nice(NICENESS)
