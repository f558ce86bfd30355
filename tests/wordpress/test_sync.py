"""`runphys sync` against a real WordPress: the same posts as its WXR export, incremental, never losing posts."""

from __future__ import annotations

import json
from pathlib import Path

from runphys.index.bundle import open_bundle
from runphys.index.sources import read_sources
from tests.wordpress.blog import blog_posts, ids_by_title
from tests.wordpress.site import WordPressSite
from tests.wordpress.sync_support import (
    build_id,
    indexed,
    plain,
    related_ids,
    run_sync,
    search_ids,
    sync_json,
    versions,
)


def wxr_posts(site: WordPressSite, tmp_path: Path) -> dict[str, object]:
    export = tmp_path / "export.wxr.xml"
    export.write_bytes(site.export_wxr())
    return {post.id: plain(post) for post in read_sources([export]).posts}


def test_a_full_sync_equals_the_wxr_export_of_the_same_site(wordpress_clean: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts())
    site.create_post("Draft: Plantar Fasciitis Notes", "<p>Not ready yet.</p>", status="draft")
    exported = wxr_posts(site, tmp_path)
    data = sync_json(site, tmp_path / "index")
    assert data["added"] == len(exported) and data["problems"] == [] and data["site"] == site.url
    assert indexed(tmp_path / "index") == exported
    # Without an application password WordPress shows only its rendered text: read back to the same posts.
    public = sync_json(site, tmp_path / "public", auth=False)
    assert public["added"] == len(exported)
    assert indexed(tmp_path / "public") == exported
    # The state sits at the index root, and the version says which sync it applied.
    state = json.loads((tmp_path / "index" / "sync.json").read_text())
    assert state["site"] == site.url and sorted(map(str, state["ids"])) == sorted(exported)
    recorded = open_bundle(tmp_path / "index").manifest.author_state["sync"]
    assert recorded == {"file": "sync.json", "site": site.url, "statuses": ["publish"],
                        "modified_gmt": state["modified_gmt"], "posts": len(exported)}


def test_a_second_sync_changes_nothing_and_asks_for_little(wordpress_clean: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts())
    index = tmp_path / "index"
    first = sync_json(site, index)
    before = versions(index)
    site.clear_requests()
    again = sync_json(site, index)
    assert again["build_id"] == first["build_id"] and versions(index) == before
    assert (again["added"], again["updated"], again["removed"]) == (0, 0, 0)
    assert again["unchanged"] == first["added"]
    asked = [r["uri"] for r in site.requests()]
    assert len(asked) == 2 and any("_fields=id" in uri for uri in asked)
    assert any("modified_after" in uri for uri in asked)
    full = sync_json(site, index, "--full")
    assert full["build_id"] == first["build_id"] and full["unchanged"] == first["added"]


def test_an_edited_title_and_a_trashed_post_reach_search_and_related(wordpress_clean: WordPressSite,
                                                                      tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts())
    index = tmp_path / "index"
    sync_json(site, index)
    ids = ids_by_title(site)
    edited = str(ids["Video: Glute Bridges for Hip Stability"])
    trashed = str(ids["Video: IT Band Syndrome Drills for the Outside of the Knee"])
    assert trashed in {pid for related in related_ids(index).values() for pid in related}

    answer = site.rest("POST", f"/wp/v2/posts/{edited}", json={"title": "Video: Glute Bridges and Clamshells"})
    assert answer.status_code == 200, answer.text
    data = sync_json(site, index)
    assert (data["added"], data["updated"], data["removed"]) == (0, 1, 0)
    assert indexed(index)[edited].title == "Video: Glute Bridges and Clamshells"
    assert search_ids(index, "clamshells")[:1] == [edited]

    assert site.rest("DELETE", f"/wp/v2/posts/{trashed}").status_code == 200  # to the trash
    data = sync_json(site, index)
    assert (data["added"], data["updated"], data["removed"]) == (0, 0, 1)
    assert trashed not in indexed(index)
    assert trashed not in search_ids(index, "IT band syndrome drills")
    assert all(trashed not in related for related in related_ids(index).values())
    # A sync's changes come from the site: they are not the author's edits, replayed by every build.
    assert not (index / "edits.jsonl").exists()


def test_unpublished_and_new_posts_follow_too(wordpress_clean: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts())
    index = tmp_path / "index"
    sync_json(site, index)
    ids = ids_by_title(site)
    gone = str(ids["How Much Should You Run With Knee Pain?"])
    assert site.rest("POST", f"/wp/v2/posts/{gone}", json={"status": "draft"}).status_code == 200
    made = site.create_post("Video: Hamstring Curls With a Band", "<p>Hamstring curls with a band, slow and "
                            "controlled, for sprinters and hill runners.</p>", categories=["Hamstrings"])
    data = sync_json(site, index)
    assert (data["added"], data["updated"], data["removed"]) == (1, 0, 1)
    assert gone not in indexed(index) and str(made["id"]) in indexed(index)
    assert search_ids(index, "hamstring curls band")[:1] == [str(made["id"])]


def test_drafts_with_the_application_password(wordpress_clean: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts()[:3])
    draft = site.create_post("Draft: Shin Splints Return to Running", "<p>Shin splints plan.</p>", status="draft")
    pending = site.create_post("Pending: Hip Drop", "<p>Hip drop drills.</p>", status="pending")
    private = site.create_post("Private: My Race Notes", "<p>Race notes.</p>", status="private")
    index = tmp_path / "index"
    data = sync_json(site, index, "--include-drafts")
    held = indexed(index)
    assert {str(draft["id"]), str(pending["id"]), str(private["id"])} <= set(held)
    assert data["added"] == 3 + 3  # the three published posts and the three unpublished ones
    published = sync_json(site, tmp_path / "published")
    assert str(draft["id"]) not in indexed(tmp_path / "published") and published["added"] == 3
    refused = run_sync(site, tmp_path / "public", "--include-drafts", auth=False)
    assert refused.returncode == 2 and "--include-drafts needs --user and --app-password" in refused.stderr


def test_plain_permalinks_are_found_at_rest_route(wordpress_plain: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_plain
    site.insert_posts(blog_posts()[:4])
    data = sync_json(site, tmp_path / "index")
    assert data["added"] == 4
    assert any("rest_route=/wp/v2/posts" in r["uri"] for r in site.requests())


def test_with_wordpress_stopped_sync_says_so_and_the_index_is_unchanged(wordpress_clean: WordPressSite,
                                                                        tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts()[:4])
    index = tmp_path / "index"
    first = sync_json(site, index)
    site.stop()
    try:
        done = run_sync(site, index)
        assert done.returncode == 3, done.stderr
        assert f"cannot reach {site.url}" in done.stderr and "is the site up?" in done.stderr
        assert "nothing was changed" in done.stderr
        assert build_id(index) == first["build_id"] and len(indexed(index)) == first["added"]
        as_json = run_sync(site, index, "--json")
        error = json.loads(as_json.stdout)["error"]
        assert error["code"] == "sync_failed" and error["detail"]["reason"] == "unreachable"
    finally:
        site.start()


def test_a_failed_id_listing_never_removes_a_post(wordpress_clean: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts(blog_posts()[:4])
    index = tmp_path / "index"
    first = sync_json(site, index)
    trashed = str(ids_by_title(site)[blog_posts()[0]["title"]])
    site.rest("DELETE", f"/wp/v2/posts/{trashed}")
    site.set_fault("status", status=500, match="_fields=id&")
    done = run_sync(site, index)
    assert done.returncode == 3 and "id listing" in done.stderr and "HTTP 500" in done.stderr
    assert trashed in indexed(index) and build_id(index) == first["build_id"]
    site.clear_faults()
    assert sync_json(site, index)["removed"] == 1 and trashed not in indexed(index)


def test_many_pages_at_most_four_at_once_named_and_polite(wordpress_clean: WordPressSite, tmp_path: Path) -> None:
    site = wordpress_clean
    site.insert_posts([{"title": f"Cadence drill {n}", "content": f"<p>Cadence drill number {n} for runners.</p>"}
                       for n in range(330)])
    index = tmp_path / "index"
    site.set_fault("status", status=500, match="&page=3", times=1)
    failed = run_sync(site, index)
    assert failed.returncode == 3 and "listing page 3 of 4" in failed.stderr and not index.joinpath("current").exists()
    site.clear_requests()
    data = sync_json(site, index)
    assert data["added"] == 330
    served = site.requests()
    assert all(r["user_agent"].startswith("runphys-search/") for r in served)
    # No moment with more than four of our requests in flight.
    edges = sorted([(r["start"], 1) for r in served] + [(r["end"], -1) for r in served])
    in_flight = peak = 0
    for _, step in edges:
        in_flight += step
        peak = max(peak, in_flight)
    assert 1 <= peak <= 4
