"""Recognise video URLs (YouTube, Vimeo, Facebook, .mp4 files) and turn them into `Video` records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qs, urlparse

from ..post import Video

_YT_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
             "www.youtube-nocookie.com", "music.youtube.com"}
_YT_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
# Ids starting with DEMOv are the demo corpus's stand-in videos: they have no real thumbnail.
_DEMO_PREFIX = "DEMOv"
# WordPress turns a bare link to one of these (wp_get_video_extensions) into a video player.
_FILE_EXTENSIONS = (".mp4", ".m4v", ".webm", ".ogv", ".flv", ".mov")
# Longer than the API accepts for a video URL: not a link anyone wrote.
_MAX_URL = 2000


def youtube_video(video_id: str) -> Video:
    """A YouTube `Video` for an id, with its hqdefault thumbnail (none for demo ids)."""
    thumb = "" if video_id.startswith(_DEMO_PREFIX) else f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg"
    return Video("youtube", video_id, f"https://www.youtube.com/watch?v={video_id}", thumb)


def vimeo_video(video_id: str) -> Video:
    """A Vimeo `Video` for a numeric id."""
    return Video("vimeo", video_id, f"https://vimeo.com/{video_id}", "")


def _youtube_id(host: str, path: str, query: str) -> str:
    if host in ("youtu.be", "www.youtu.be"):
        return path.strip("/").split("/")[0]
    if host not in _YT_HOSTS:
        return ""
    if path == "/watch":
        return (parse_qs(query).get("v") or [""])[0]
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 2 and parts[0] in ("embed", "shorts", "v", "live"):
        return parts[1]
    return ""


def _vimeo_id(host: str, path: str) -> str:
    if not (host.endswith("vimeo.com")):
        return ""
    digits = [p for p in path.split("/") if p.isdigit()]
    return digits[-1] if digits else ""


def _facebook_id(host: str, path: str, query: str) -> str:
    if not (host.endswith("facebook.com") or host == "fb.watch"):
        return ""
    params = parse_qs(query)
    if "v" in params:
        return params["v"][0]
    if host == "fb.watch":
        return path.strip("/")
    parts = [p for p in path.split("/") if p]
    if "videos" in parts:
        tail = parts[parts.index("videos") + 1:]
        return next((p for p in tail if p.isdigit()), tail[-1] if tail else "")
    # plugins/video.php?href=<encoded video url>
    if "href" in params and path.endswith("video.php"):
        inner = video_from_url(params["href"][0])
        return inner.video_id if inner else ""
    return ""


def video_from_url(url: str) -> Video | None:
    """The `Video` a URL points to, or None when it is not a recognised video URL."""
    url = url.strip()
    if not url.startswith(("http://", "https://", "//")):
        return None
    try:
        parsed = urlparse(url if not url.startswith("//") else "https:" + url)
    except ValueError:  # e.g. "Invalid IPv6 URL": not a link we can use
        return None
    host, path, query = parsed.netloc.lower().split(":")[0], parsed.path, parsed.query
    yt = _youtube_id(host, path, query)
    if yt and _YT_ID.match(yt):
        return youtube_video(yt)
    vimeo = _vimeo_id(host, path)
    if vimeo:
        return vimeo_video(vimeo)
    fb = _facebook_id(host, path, query)
    if fb:
        return Video("facebook", fb, url, "")
    if path.lower().endswith(_FILE_EXTENSIONS):
        return file_video(url)
    return None


def file_video(url: str, poster: str = "") -> Video | None:
    """A self-hosted video file at `url` (any http(s) or relative URL), or None for other schemes.

    Used for what a `<video>`/`<source>` element or a [video] shortcode names: the element says it
    is a video, so the file extension does not have to.
    """
    url = url.strip()
    try:
        parsed = urlparse(url)
    except ValueError:
        return None
    if not url or len(url) > _MAX_URL or parsed.scheme.lower() not in ("", "http", "https"):
        return None  # javascript:, data:, blob: ... are not files anyone can watch later
    name = parsed.path.rstrip("/").rsplit("/", 1)[-1] or parsed.netloc or url
    return Video("file", name, url, _thumbnail(poster))


def _thumbnail(poster: str) -> str:
    poster = poster.strip()
    return poster if poster.lower().startswith(("http://", "https://")) and len(poster) <= _MAX_URL else ""


def unique_videos(videos: Iterable[Video]) -> tuple[Video, ...]:
    """Videos deduplicated by (provider, id), first occurrence kept, order preserved."""
    seen: set[tuple[str, str]] = set()
    out: list[Video] = []
    for video in videos:
        key = (video.provider, video.video_id)
        if key not in seen:
            seen.add(key)
            out.append(video)
    return tuple(out)
