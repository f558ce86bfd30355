"""The one post factory of the tests, and a small hand-written blog made with it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from runphys.index.post import Post, Video


def make_post(post_id: str = "p1", title: str = "A post", body: str = "", **fields: Any) -> Post:
    """A post with plain defaults (slug from the title, a 2017 date, an excerpt from the body);
    any Post field can be given."""
    defaults: dict[str, Any] = {
        "slug": title.lower().replace(" ", "-").replace(":", "").replace("'", ""),
        "date": datetime(2017, 5, 1, tzinfo=UTC),
        "author": "Mike",
        "excerpt": body[:120],
    }
    defaults.update(fields)
    return Post(id=post_id, title=title, body=body, **defaults)


def youtube(video_id: str) -> tuple[Video, ...]:
    return (Video("youtube", video_id, f"https://www.youtube.com/watch?v={video_id}", ""),)


SMALL_BLOG = [
    make_post("1", "Video: Stretches for a Tight IT Band",
              "Your IT band runs down the outside of the thigh. We foam roll the iliotibial band and stretch the hips.",
              categories=("Hips", "Flexibility"), tags=("it band", "foam rolling"), videos=youtube("DEMOv900001")),
    make_post("2", "Runner's Knee: What Is Patellofemoral Pain?",
              "Patellofemoral pain syndrome shows up as pain around the kneecap, often running downhill.",
              categories=("Knees",), tags=("knee pain",)),
    make_post("3", "Video: Calf Stretches for Shin Splints",
              "Tight calves load the shin. These calf stretches help medial tibial stress syndrome.",
              categories=("Calves and Shins",), videos=youtube("DEMOv900003")),
    make_post("4", "Video: Thoracic Spine Mobility for Better Arm Swing",
              "Upper back rotation lets your arms swing freely. Open book stretch, ten reps each side.",
              categories=("Upper Back and Neck", "Run Form"), videos=youtube("DEMOv900004")),
    make_post("5", "Plank Progressions for Runners",
              "Planks, side planks and dead bugs build the core strength that keeps your pelvis level.",
              categories=("Core Strength",)),
    make_post("6", "Video: Hip Flexor Stretch After a Long Run",
              "Kneel, tuck the pelvis and lean forward to stretch the hip flexors and psoas for thirty seconds.",
              categories=("Hips", "Flexibility"), videos=youtube("DEMOv900006")),
]
