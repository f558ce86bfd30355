"""Shared fixtures: the demo bundle (built once) and a TestClient factory with settings overrides."""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live_server import ServerThread
from tests.paths import ROOT


def _source_of(package: str) -> Path:
    # In a strict editable install each file is a link into the tree: follow the package's own file.
    module = importlib.import_module(package)
    return Path(module.__file__ or "").resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    # The tests must exercise the files in this tree, not a stale copy in site-packages
    # (`pip install .`): the development install is a strict editable one (docs/contributing.md).
    if os.environ.get("RUNPHYS_TEST_INSTALLED") != "1":
        for package in ("runphys.search", "runphys.index", "runphys.api"):
            found = _source_of(package)
            if found != ROOT / package.rsplit(".", 1)[1]:
                raise pytest.UsageError(
                    f"{package} is loaded from {found}, not from this tree ({ROOT}). Install for development with\n"
                    '  .venv/bin/pip install -e ".[test,dev]" --config-settings editable_mode=strict\n'
                    "or set RUNPHYS_TEST_INSTALLED=1 to test an installed copy on purpose."
                )
    # Starlette's TestClient warns that it wants `httpx2`; httpx is what the project pins.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo blog's bundle, built once per session (read-only: copy it before changing it)."""
    from runphys.service.pipeline import ensure_index

    index_dir = tmp_path_factory.mktemp("demo") / "index"
    ensure_index(index_dir)
    return index_dir


@pytest.fixture
def fresh_index(demo_index: Path, tmp_path: Path) -> Path:
    """A private copy of the demo bundle, for tests that upsert, delete, rebuild or log searches."""
    target = tmp_path / "index"
    shutil.copytree(
        demo_index, target, symlinks=True, ignore=shutil.ignore_patterns("searches", ".build.lock", ".sessions*")
    )
    return target


@pytest.fixture
def make_client(demo_index: Path) -> Iterator[Callable[..., Any]]:
    """`make_client(**settings_overrides)` -> a started TestClient over `create_app(Settings(...))`."""
    from fastapi.testclient import TestClient

    from runphys.api.app import create_app
    from runphys.service.settings import Settings

    started: list[TestClient] = []

    def make(raise_server_exceptions: bool = True, **overrides: Any) -> TestClient:
        overrides.setdefault("index", demo_index)
        client = TestClient(
            create_app(Settings(**overrides)), raise_server_exceptions=raise_server_exceptions
        )
        client.__enter__()
        started.append(client)
        return client

    yield make
    for client in reversed(started):
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Any:
    """A client over the shared demo bundle with default settings."""
    return make_client()


@pytest.fixture
def serve_app(demo_index: Path) -> Iterator[Callable[..., ServerThread]]:
    """`serve_app(**settings_overrides)` -> a started ServerThread (stopped after the test)."""
    from runphys.service.settings import Settings

    servers: list[ServerThread] = []

    def start(**overrides: Any) -> ServerThread:
        overrides.setdefault("index", demo_index)
        server = ServerThread(Settings(**overrides)).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
