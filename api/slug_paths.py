"""Slugs with "/" in them: one path segment each, whether sent as %2F or as a plain "/".

Servers hand routes the percent-decoded path, where `/posts/a%2Fb` and `/posts/a/b` look alike
and `/api/v1/posts/a%2Frelated` (the post "a/related") looks like the related list of "a". For the
routes that take a post id or slug, `SlugPaths` rewrites the path from the raw one so the key is
always a single segment, with "/" and "%" in it kept percent-encoded; `decode_key` gives the key
back. Links are built with `post_ref` and `post_key`, so a slug never adds a path segment.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from starlette.types import Receive, Scope, Send

from .middleware import HttpMiddleware

# (raw prefix segments, literal last segments that are a sub-route, not part of the key)
KEY_ROUTES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("posts",), ()),
    (("widget", "related"), ()),
    (("api", "v1", "posts"), ("related",)),
)
DOT_SEGMENTS = (".", "..")


def encode_key(key: str) -> str:
    """A decoded key as it stands in the rewritten path: only "%" and "/" still encoded."""
    return key.replace("%", "%25").replace("/", "%2F")


def decode_key(value: str) -> str:
    """The post id or slug from a route parameter of a rewritten path."""
    return unquote(value)


def key_path(raw_path: str) -> str | None:
    """The path with the key as one segment, or None when this path takes no key (left as it is)."""
    segments = raw_path.split("/")
    if segments[0] != "":
        return None
    for prefix, tails in KEY_ROUTES:
        start = 1 + len(prefix)
        if tuple(segments[1:start]) != prefix or len(segments) <= start:
            continue
        rest = segments[start:]
        tail: list[str] = []
        if len(rest) > 1 and rest[-1] in tails:
            tail = [rest.pop()]
        key = "/".join(unquote(part) for part in rest)
        return "/".join(["", *prefix, encode_key(key), *tail])
    return None


class SlugPaths(HttpMiddleware):
    """Rewrites `scope["path"]` of the post-key routes from `raw_path` (see the module doc)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw: bytes | None = scope.get("raw_path")
        # Only when the server's own decoding of raw_path is the path we got (no root_path tricks).
        if raw and not scope.get("root_path"):
            text = raw.decode("latin-1")
            if unquote(text) == scope["path"]:
                rewritten = key_path(text)
                if rewritten is not None and rewritten != scope["path"]:
                    scope = {**scope, "path": rewritten}
        await self.app(scope, receive, send)


def post_ref(item: object) -> str:
    """The key a link to this post uses: its slug, else its id (never "." or "..", which browsers drop)."""
    for name in ("slug", "id"):
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if isinstance(value, str) and value and value not in DOT_SEGMENTS:
            return value
    return ""


def post_key(item: object) -> str:
    """`post_ref` as one percent-encoded path segment ("/" included, so a slug adds no segment)."""
    return quote(post_ref(item), safe="")


def post_path(item: object) -> str:
    """The site path of this post's page."""
    key = post_key(item)
    return f"/posts/{key}" if key else "/"
