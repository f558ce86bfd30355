"""The plugin's pings keep the service fresh: a post published, edited, unpublished, trashed or
deleted in WordPress (through its REST API, as an editor's tools do) reaches the service's search
within seconds, with no sync run by hand. Polled with a bound; the delays are recorded, and
benchmarks/wordpress_plugin.py measures them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import httpx

from tests.wordpress.blog import Blog, wait_for

BOUND_SECONDS = 30.0


def found_ids(blog: Blog, query: str) -> list[str]:
    return [hit["id"] for hit in blog.service.search(query)["hits"]]


def test_publish_edit_unpublish_trash_delete_reach_the_service(
    plugin_blog: Blog, record_property: Callable[[str, object], None]
) -> None:
    site = plugin_blog.site
    start = time.perf_counter()
    post = site.create_post("Video: Plantar Fasciitis Night Splints",
                            "<p>Morning heel pain from plantar fasciitis eases with a night splint and calf "
                            "stretches.</p>", categories=["Feet"], tags=["plantar fasciitis"])
    publish_seconds = time.perf_counter() - start
    pid = str(post["id"])
    delays = {"publish": wait_for(lambda: pid in found_ids(plugin_blog, "plantar fasciitis night splint"),
                                  BOUND_SECONDS)}

    site.rest("POST", f"/wp/v2/posts/{pid}", json={"title": "Video: Heel Pain Gone with a Night Splint"})
    delays["edit"] = wait_for(
        lambda: any(h["id"] == pid and "Heel Pain Gone" in h["title"]
                    for h in plugin_blog.service.search("night splint")["hits"]), BOUND_SECONDS)

    site.rest("POST", f"/wp/v2/posts/{pid}", json={"status": "draft"})
    delays["unpublish"] = wait_for(lambda: pid not in found_ids(plugin_blog, "night splint"), BOUND_SECONDS)

    site.rest("POST", f"/wp/v2/posts/{pid}", json={"status": "publish"})
    wait_for(lambda: pid in found_ids(plugin_blog, "night splint"), BOUND_SECONDS)
    site.rest("DELETE", f"/wp/v2/posts/{pid}")  # to the trash
    delays["trash"] = wait_for(lambda: pid not in found_ids(plugin_blog, "night splint"), BOUND_SECONDS)

    record_property("ping_delays_seconds", delays)
    record_property("publish_request_seconds", publish_seconds)


def test_deleting_for_good_reaches_the_service(plugin_blog: Blog) -> None:
    site = plugin_blog.site
    post = site.create_post("Video: Turf Toe Taping", "<p>Tape the big toe to calm turf toe on the track.</p>")
    pid = str(post["id"])
    wait_for(lambda: pid in found_ids(plugin_blog, "turf toe taping"), BOUND_SECONDS)
    assert site.rest("DELETE", f"/wp/v2/posts/{pid}", params={"force": "true"}).status_code == 200
    wait_for(lambda: pid not in found_ids(plugin_blog, "turf toe taping"), BOUND_SECONDS)


def test_a_published_post_gets_its_related_list_and_is_found_by_wordpress_search(plugin_blog: Blog) -> None:
    site = plugin_blog.site
    post = site.create_post(
        "Video: Hip Hinge Drill for Hamstring Strength",
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=DEMOv900201","type":"video"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://www.youtube.com/watch?v=DEMOv900201\n</div></figure>\n<!-- /wp:embed -->\n"
        "<p>The hip hinge loads the hamstrings and glutes; do it before every long run.</p>",
        categories=["Hips"])
    pid = str(post["id"])
    wait_for(lambda: pid in found_ids(plugin_blog, "hip hinge hamstring"), BOUND_SECONDS)
    found = httpx.get(site.url + "/", params={"s": "hip hinge hamstring"}, timeout=30)
    assert found.headers.get("x-runphys-search") == "service"
    assert "Hip Hinge Drill for Hamstring Strength" in found.text
    page = httpx.get(post["link"], timeout=30)
    assert 'class="runphys-related"' in page.text


def test_pings_never_wait_for_the_service(plugin_blog: Blog, record_property: Callable[[str, object], None]) -> None:
    # The service stopped: publishing still succeeds, and the ping is simply lost (the next sync
    # or ping catches up).
    site = plugin_blog.site
    plugin_blog.service.stop()
    try:
        start = time.perf_counter()
        post = site.create_post("Video: Ankle Mobility Against the Wall", "<p>Knee to wall ankle mobility.</p>")
        record_property("publish_request_seconds_service_down", time.perf_counter() - start)
        assert post["status"] == "publish"
    finally:
        plugin_blog.service.start()


def test_a_bulk_import_asks_for_one_sync_of_the_site(plugin_blog: Blog) -> None:
    # 25 posts saved in one request (an import): one whole-site sync, not 25 pings.
    site = plugin_blog.site
    site.clear_requests()
    ids = site.insert_posts([{"title": f"Video: Marathon Taper Week {n}", "content": f"<p>Taper week {n} of the "
                              "marathon plan: less volume, same intensity, more sleep.</p>"} for n in range(25)])
    wanted = {str(i) for i in ids}

    def all_found() -> bool:
        hits = plugin_blog.service.search("marathon taper week", per_page=50)["hits"]
        return wanted <= {hit["id"] for hit in hits}

    wait_for(all_found, BOUND_SECONDS * 2)
    asked = [r["uri"] for r in site.requests()]
    assert any("_fields=id" in uri for uri in asked)  # the site's listing, as a sync reads it
    assert not [uri for uri in asked if re.search(r"/wp/v2/posts/\d+", uri)]  # no post fetched alone
