"""`runphys serve` as a subprocess on a free loopback port, for tests that need a real server process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]


def runphys() -> list[str]:
    """The installed console script, else the CLI module."""
    script = Path(sys.executable).with_name("runphys")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from runphys.cli.main import run; run()"]


def clean_env(**settings: str) -> dict[str, str]:
    """The environment without any inherited RUNPHYS_* setting, plus these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPHYS_")}
    env.update({f"RUNPHYS_{k.upper()}": v for k, v in settings.items()})
    return env


class ServedProcess:
    """Start with `start()`, stop with `stop()`; `url` is the base address, `log` the output file."""

    def __init__(self, index: Path, log: Path, workers: int = 1, **settings: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        args = ["serve", "--index", str(index), "--port", str(self.port), "--workers", str(workers)]
        self._args, self._env = runphys() + args, clean_env(**settings)
        self.process: subprocess.Popen | None = None

    def start(self, ready_seconds: float = 60.0) -> ServedProcess:
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(self._args, env=self._env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + ready_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (OSError, urllib.error.HTTPError):
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError("server did not become ready")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
