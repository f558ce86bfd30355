"""The query path imports only what it uses: reading a bundle never loads the build's libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BUILD_ONLY = ("sklearn", "scipy.stats", "trafilatura", "lxml", "sparse_dot_topn")

READ_ONLY = """
import json, sys
from runphys.cli.main import app
for argv in {commands}:
    sys.argv = ["runphys", *argv]
    try:
        app()
    except SystemExit as exit:
        assert not exit.code, (argv, exit.code)
print(json.dumps(sorted(m for m in sys.modules if m.startswith({banned}))))
"""

SERVING = """
import json, sys
from fastapi.testclient import TestClient
from runphys.api.app import create_app
from runphys.service.settings import Settings
with TestClient(create_app(Settings(index={index!r}))) as client:
    slug = client.get("/api/v1/posts", params={{"per_page": 1}}).json()["posts"][0]["slug"]
    for url in ("/api/v1/search?q=knee", "/api/v1/search?q=%22foam+roll%22", "/api/v1/suggest?q=kne",
                f"/api/v1/posts/{{slug}}/related", f"/widget/related/{{slug}}", f"/posts/{{slug}}", "/?q=hamstirng",
                "/api/v1/stats", "/api/v1/gaps"):
        assert client.get(url).status_code == 200, url
    assert client.post("/api/v1/related", json={{"text": "my IT band hurts"}}).status_code == 200
print(json.dumps(sorted(m for m in sys.modules if m.startswith({banned}))))
"""


def loaded(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_read_only_commands_never_import_the_build_libraries(demo_index: Path) -> None:
    index = str(demo_index)
    commands = [["search", "knee", "--index", index, "--json"], ["search", '"foam roll"', "--index", index],
                ["related", "three-stretches-for-a-tight-it-band", "--index", index],
                ["related", "--text", "sore hamstrings", "--index", index, "--json"],
                ["stats", "--index", index], ["gaps", "--index", index, "--json"]]
    assert loaded(READ_ONLY.format(commands=commands, banned=BUILD_ONLY)) == []


def test_serving_never_imports_the_build_libraries(demo_index: Path) -> None:
    assert loaded(SERVING.format(index=str(demo_index), banned=BUILD_ONLY)) == []
