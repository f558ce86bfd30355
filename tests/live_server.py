"""The one place tests start a live server, on a free loopback port, polled until it is ready:

* `ServerThread` — uvicorn serving `create_app(settings)` in a thread of the test process (fast;
  what most HTTP tests use, through the `serve_app` fixture);
* `ServedProcess` — `runphys serve` as a real process (workers, signals, the CLI's own settings).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A port nothing listens on right now (127.0.0.1)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """A real uvicorn serving `create_app(settings)` from a thread, on a free 127.0.0.1 port."""

    def __init__(self, settings: Any) -> None:
        import uvicorn

        from runphys.api.app import create_app
        from runphys.api.server import protocol_options

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning", ws="none", lifespan="on",
            **protocol_options(settings),
        )
        self.server = uvicorn.Server(config)
        import threading

        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    def start(self) -> ServerThread:
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)


def runphys() -> list[str]:
    """The installed console script, else the CLI module."""
    script = Path(sys.executable).with_name("runphys")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from runphys.cli.main import run; run()"]


def clean_env(**settings: str) -> dict[str, str]:
    """The environment without any inherited RUNPHYS_* setting, plus these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPHYS_")}
    env.update({f"RUNPHYS_{k.upper()}": v for k, v in settings.items()})
    return env


def wait_until_ready(url: str, process: subprocess.Popen[bytes] | None = None, seconds: float = 60.0) -> bool:
    """Poll `url`/readyz until it answers 200 (True); False once `process` has exited or `seconds` passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:  # not listening yet, or 503 while the first version opens (HTTPError is an OSError)
            pass
        time.sleep(0.2)
    return False


class ServedProcess:
    """Start with `start()`, stop with `stop()`; `url` is the base address, `log` the output file."""

    def __init__(self, index: Path, log: Path, workers: int = 1, file_size_limit: int | None = None,
                 **settings: str) -> None:
        self.file_size_limit = file_size_limit  # RLIMIT_FSIZE of the server: a disk that fills up
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        args = ["serve", "--index", str(index), "--port", str(self.port), "--workers", str(workers)]
        self._args, self._env = runphys() + args, clean_env(**settings)
        self.process: subprocess.Popen | None = None

    def start(self, ready_seconds: float = 60.0) -> ServedProcess:
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(self._args, env=self._env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                            preexec_fn=self._limits if self.file_size_limit else None)
        if wait_until_ready(self.url, self.process, ready_seconds):
            return self
        if self.process.poll() is not None:
            raise AssertionError(f"server exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
        self.stop()
        raise AssertionError("server did not become ready")

    def _limits(self) -> None:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.file_size_limit, hard))

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
