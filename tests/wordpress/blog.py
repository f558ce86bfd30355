"""The plugin's tests' world: a small running blog in the real WordPress, and a real `runphys serve`
indexing it, with the plugin pointed at that service.

The index is built the way an author sets it up: `runphys sync` of the site (its post ids are
WordPress post IDs). The service gets the site's address and application password
(`RUNPHYS_SYNC_*`), so the plugin's pings (`POST /api/v1/admin/sync {"post_id": N}`) can sync a post.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.live_server import ServedProcess, clean_env, runphys
from tests.posts_factory import SMALL_BLOG
from tests.wordpress.site import WordPressSite

ADMIN_TOKEN = "plugin-tests-admin-token-0123456789abcdef"
OPTION = "runphys_search_options"
RELATED_META = "_runphys_search_related"
# What the plugin caches: related lists in each post's meta, searches and failures in transients.
FORGET_CACHED_ANSWERS = (f"DELETE FROM wp_postmeta WHERE meta_key = '{RELATED_META}';"
                         "DELETE FROM wp_options WHERE option_name LIKE '\\_transient\\_%'")


def _embed(video_id: str) -> str:
    # What the block editor writes for a pasted YouTube link.
    url = f"https://www.youtube.com/watch?v={video_id}"
    return (f'<!-- wp:embed {{"url":"{url}","type":"video","providerNameSlug":"youtube"}} -->\n'
            '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube">'
            f'<div class="wp-block-embed__wrapper">\n{url}\n</div></figure>\n<!-- /wp:embed -->')


def _paragraph(text: str) -> str:
    return f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"


MORE_POSTS: list[dict[str, Any]] = [
    {"title": "Video: Knee Strengthening for Runner's Knee",
     "body": "Step downs and wall sits load the knee and the patellofemoral joint; runner's knee calms down "
             "when the quads and hips get strong.", "categories": ["Knees"], "tags": ["knee pain"],
     "video": "DEMOv900101"},
    {"title": "Video: IT Band Syndrome Drills for the Outside of the Knee",
     "body": "Pain on the outside of the knee on long runs is often the IT band; these hip drills and the "
             "foam roller help.", "categories": ["Knees", "Hips"], "tags": ["it band"], "video": "DEMOv900102"},
    {"title": "Video: Achilles Tendon Loading Program",
     "body": "Heel drops on a step load the Achilles tendon slowly; Achilles tendinopathy needs load, not rest.",
     "categories": ["Calves and Shins"], "tags": ["achilles"], "video": "DEMOv900103"},
    {"title": "Video: Glute Bridges for Hip Stability",
     "body": "Glute bridges and single leg bridges build the hip strength that keeps your knee in line when "
             "you land.", "categories": ["Hips", "Core Strength"], "video": "DEMOv900104"},
    {"title": "How Much Should You Run With Knee Pain?",
     "body": "A little knee pain that settles overnight is fine; sharp pain, swelling or a limp are not.",
     "categories": ["Knees"], "tags": ["knee pain"]},
    {"title": "Video: Foam Rolling the Quads and Calves",
     "body": "Foam roll the quads, calves and the IT band for a minute each after an easy run.",
     "categories": ["Flexibility"], "tags": ["foam rolling"], "video": "DEMOv900106"},
]


def blog_posts() -> list[dict[str, Any]]:
    """The blog as `WordPressSite.insert_posts` takes it: the tests' small blog plus a few more."""
    posts = []
    for day, post in enumerate(SMALL_BLOG, start=1):
        content = _paragraph(post.body) + "".join("\n\n" + _embed(v.video_id) for v in post.videos)
        posts.append({"title": post.title, "content": content, "categories": list(post.categories),
                      "tags": list(post.tags), "date_gmt": f"2024-03-{day:02d} 08:00:00"})
    for day, extra in enumerate(MORE_POSTS, start=len(posts) + 1):
        content = _paragraph(extra["body"]) + ("\n\n" + _embed(extra["video"]) if extra.get("video") else "")
        posts.append({"title": extra["title"], "content": content, "categories": extra["categories"],
                      "tags": extra.get("tags", []), "date_gmt": f"2024-03-{day:02d} 08:00:00"})
    return posts


class RunphysService:
    """`runphys serve` over an index built from the site's WXR export, with an admin token."""

    def __init__(self, site: WordPressSite, root: Path) -> None:
        self.site = site
        self.root = root
        self.index = root / "index"
        root.mkdir(parents=True, exist_ok=True)
        self.build()
        self.process = ServedProcess(
            self.index, root / "serve.log", workers=1, admin_token=ADMIN_TOKEN,
            sync_url=site.url, sync_user=site.user, sync_app_password=site.app_password,
        )
        self.url = self.process.url

    def build(self) -> None:
        """(Re)build the index from the site with `runphys sync --full` (its REST API, the application password)."""
        done = subprocess.run(
            [*runphys(), "sync", self.site.url, "--index", str(self.index), "--user", self.site.user,
             "--app-password", self.site.app_password, "--full", "--json"],
            env=clean_env(), capture_output=True, text=True, check=False, timeout=300)
        if done.returncode != 0:
            raise AssertionError(f"runphys sync failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")

    def start(self) -> RunphysService:
        self.process.start()
        return self

    def stop(self) -> None:
        self.process.stop()

    def search(self, q: str, per_page: int = 10) -> dict[str, Any]:
        """The service's own answer to a search (what the plugin should show)."""
        answer = httpx.get(self.url + "/api/v1/search", params={"q": q, "per_page": per_page}, timeout=10)
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result


def configure_plugin(site: WordPressSite, service_url: str, **settings: Any) -> None:
    """Save the plugin's settings (as the settings page would) pointing at `service_url`."""
    options = {"service_url": service_url, "admin_token": ADMIN_TOKEN, "related_count": 4, "videos_only": True,
               "related_auto": True, "replace_search": True}
    options.update(settings)
    site.set_option(OPTION, options)


def wait_for(check: Callable[[], bool], seconds: float, every: float = 0.2) -> float:
    """Poll `check` until it is true (then the seconds it took) or `seconds` pass (AssertionError)."""
    start = time.monotonic()
    while True:
        if check():
            return time.monotonic() - start
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not true within {seconds} s")
        time.sleep(every)


def ids_by_title(site: WordPressSite) -> dict[str, int]:
    """Every post's ID by its title (any status), straight from the database."""
    rows = site.sql("SELECT ID, post_title FROM wp_posts WHERE post_type = 'post'")
    return {title: int(pid) for pid, title in (line.split("\t", 1) for line in rows.splitlines() if line)}


@dataclass
class Blog:
    """The plugin tests' world: the site, the service indexing it, the blog's post IDs by title."""

    site: WordPressSite
    service: RunphysService
    ids: dict[str, int]

    def link(self, title: str) -> str:
        """The post's permalink, as WordPress gives it."""
        return str(self.site.rest("GET", f"/wp/v2/posts/{self.ids[title]}").json()["link"])

    def slug(self, title: str) -> str:
        return str(self.site.rest("GET", f"/wp/v2/posts/{self.ids[title]}").json()["slug"])

    def forget_cached_answers(self) -> None:
        """Drop the plugin's cached lists and failures (post meta, transients), as if minutes had passed."""
        self.site.sql(FORGET_CACHED_ANSWERS)
