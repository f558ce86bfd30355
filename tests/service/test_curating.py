"""The author's pins and excludes: set from the CLI and the admin API, kept at the index root,
replayed by every rebuild from the source export, served over HTTP."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from runphys.cli.main import app
from runphys.index.author_state import CURATION_FILE
from runphys.index.demo import POSTS as DEMO_POSTS
from tests.live_server import ServedProcess

TOKEN = "curation-test-token-0123456789"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def related_ids(index: Path, post: str, *extra: str) -> list[str]:
    result = invoke("related", post, "--index", str(index), "--json", *extra)
    assert result.exit_code == 0, result.output
    return [item["id"] for item in json.loads(result.stdout)["related"]]


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """The demo blog as the author's own source folder."""
    return Path(shutil.copytree(DEMO_POSTS, tmp_path / "export"))


@pytest.fixture
def index(tmp_path: Path, export: Path) -> Path:
    index = tmp_path / "index"
    assert invoke("build", str(export), "--index", str(index), "--json").exit_code == 0
    return index


def an_unrelated_post(index: Path, post: str) -> str:
    """A post that is not on `post`'s related list (so pinning it is a visible change)."""
    shown = set(related_ids(index, post, "--limit", "10"))
    posts = json.loads(invoke("search", "", "--index", str(index), "--json", "--limit", "50").stdout)["hits"]
    return next(hit["id"] for hit in reversed(posts) if hit["id"] not in shown and hit["id"] != post)


def test_pin_unpin_exclude_from_the_cli(index: Path) -> None:
    post = "1002"
    target = an_unrelated_post(index, post)
    before = related_ids(index, post)

    result = invoke("pin", post, target, "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    change = json.loads(result.stdout)
    assert change["post"] == post and change["pin"] == [target] and change["build_id"]
    assert related_ids(index, post)[0] == target
    assert json.loads((index / CURATION_FILE).read_text()) == {post: {"pin": [target]}}

    dropped = before[0]
    result = invoke("exclude", post, dropped, "--index", str(index), "--json")
    assert json.loads(result.stdout)["exclude"] == [dropped]
    assert dropped not in related_ids(index, post, "--limit", "20")

    listed = json.loads(invoke("curation", "--index", str(index), "--json").stdout)["curation"]
    assert [(c["post"], c["pin"], c["exclude"]) for c in listed] == [(post, [target], [dropped])]

    assert invoke("unpin", post, "--index", str(index), "--json").exit_code == 0
    assert invoke("unexclude", post, "--all", "--index", str(index), "--json").exit_code == 0
    assert related_ids(index, post) == before
    assert json.loads((index / CURATION_FILE).read_text()) == {}


def test_posts_are_named_by_slug_and_mistakes_are_clear(index: Path) -> None:
    posts = json.loads(invoke("search", "", "--index", str(index), "--json", "--limit", "3").stdout)["hits"]
    post, other = posts[0], posts[1]
    result = invoke("pin", post["slug"], other["slug"], "--index", str(index), "--json")
    assert json.loads(result.stdout)["pin"] == [other["id"]]

    missing = invoke("pin", post["id"], "no-such-post", "--index", str(index), "--json")
    assert missing.exit_code == 1
    assert json.loads(missing.stdout)["error"]["code"] == "post_not_found"
    assert "no-such-post" in json.loads(missing.stdout)["error"]["message"]

    itself = invoke("pin", post["id"], post["id"], "--index", str(index))
    assert itself.exit_code == 2 and "cannot be curated under itself" in itself.stderr

    category = invoke("exclude", post["id"], "--category", "Kness", "--index", str(index))
    assert category.exit_code == 2 and "no post is filed under 'Kness'" in category.stderr
    ok = invoke("exclude", post["id"], "--category", "knees", "--index", str(index), "--json")
    assert json.loads(ok.stdout)["exclude_categories"] == ["Knees"]  # spelled as the blog spells it


def test_a_pin_set_over_http_survives_a_rebuild_from_the_export(tmp_path: Path, index: Path, export: Path) -> None:
    post = "1010"
    target = an_unrelated_post(index, post)
    server = ServedProcess(index, tmp_path / "serve.log", admin_token=TOKEN).start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            assert client.put(f"/api/v1/admin/curation/{post}", json={"pin": [target]}).status_code == 401
            answer = client.put(f"/api/v1/admin/curation/{post}", json={"pin": [target]}, headers=auth)
            assert answer.status_code == 200, answer.text
            assert answer.json()["pin"] == [target]
            bad = client.put(f"/api/v1/admin/curation/{post}", json={"pin": ["nope"]}, headers=auth)
            assert bad.status_code == 404 and bad.json()["error"]["code"] == "post_not_found"
            extra = client.put(f"/api/v1/admin/curation/{post}", json={"pinned": [target]}, headers=auth)
            assert extra.status_code == 422

            # The author rebuilds from the export, as after writing a new post.
            assert invoke("build", str(export), "--index", str(index), "--json").exit_code == 0
            build_id = json.loads((index / "current" / "manifest.json").read_text())["build_id"]
            deadline = time.monotonic() + 30
            while client.get("/readyz").json()["build_id"] != build_id and time.monotonic() < deadline:
                time.sleep(0.05)  # the server notices the new version within RUNPHYS_RELOAD_CHECK_SECONDS
            related = client.get(f"/api/v1/posts/{post}/related", params={"limit": 5})
            assert related.headers["X-Index-Version"] == build_id
            first = related.json()["related"][0]
            assert first["id"] == target and first["pinned"] is True

            listed = client.get("/api/v1/admin/curation", headers=auth).json()["curation"]
            assert [c["post"] for c in listed] == [post]
            assert client.delete(f"/api/v1/admin/curation/{post}", headers=auth).json()["pin"] == []
            assert client.get(f"/api/v1/posts/{post}/related").json()["related"][0]["id"] != target
    finally:
        server.stop()

    manifest = json.loads((index / "current" / "manifest.json").read_text())
    assert manifest["author_state"]["curation"]["posts"] == 0
