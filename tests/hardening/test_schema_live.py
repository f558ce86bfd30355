"""Schemathesis against the live app's own OpenAPI schema, on a real uvicorn on loopback.

Every operation (admin ones too, with the token) gets bounded generated requests; each answer
must not be a 5xx and must match the response schema the app publishes. (Schemathesis' own pytest
loader does not run under pytest 9 yet, so each operation's Hypothesis strategy is driven here.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.live_server import ServedProcess

TOKEN = "schema-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_EXAMPLES = 30
# An operation that writes builds a new index version per example (seconds each): fewer examples
# still reach every validation branch of its few parameters.
WRITE_EXAMPLES = 6


def examples_for(method: str, path: str) -> int:
    """How many generated requests an operation gets: fewer for the ones that write."""
    writes = method in ("PUT", "DELETE") or (method == "POST" and path.startswith("/api/v1/admin/"))
    return WRITE_EXAMPLES if writes else MAX_EXAMPLES


def _operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every documented operation, read from the app without serving it."""
    from runphys.api.app import create_app
    from runphys.service.settings import Settings

    spec = create_app(Settings(index=Path("/nonexistent"))).openapi()
    return sorted(
        (method.upper(), path)
        for path, methods in spec["paths"].items()
        for method in methods
        if method in ("get", "post", "put", "delete", "patch")
    )


@pytest.fixture(scope="module")
def live_server(demo_index: Path, tmp_path_factory: pytest.TempPathFactory):
    # A separate process: Hypothesis seeds the global `random` per example, and Whoosh names new
    # segments from it, so an in-process server would reuse segment names (a test-only artefact).
    root = tmp_path_factory.mktemp("schema")
    index = root / "index"
    shutil.copytree(demo_index, index, symlinks=True, ignore=shutil.ignore_patterns("searches", ".build.lock"))
    server = ServedProcess(index, root / "server.log", admin_token=TOKEN, rate_limit_per_minute="0").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api_schema(live_server: ServedProcess):
    return schemathesis.openapi.from_url(f"{live_server.url}/openapi.json")


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path"), _operations())
def test_operation_conforms_to_its_schema(api_schema, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=examples_for(method, path), deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    def run(case) -> None:
        case.call_and_validate(headers=AUTH, timeout=60, checks=[not_a_server_error, response_schema_conformance])

    run()
