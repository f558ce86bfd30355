"""The HTTP side of `runphys sync`: reading a WordPress site's REST API, politely and within bounds.

Every request has a timeout, at most MAX_IN_FLIGHT are in flight, 429 and 503 are retried with
backoff (honouring Retry-After, capped), answers larger than MAX_RESPONSE_BYTES are refused, and the
User-Agent names runphys-search. Redirects are followed only on the same scheme, host and port
(e.g. a missing trailing slash): a redirect elsewhere, http → https included, is refused with the
address to sync instead, because following it would send an application password to another place.
Every failure is a `SyncFailed` naming the URL and the step.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import httpx

from ..errors import BadRequest, SyncFailed
from .json_text import load_json

MAX_IN_FLIGHT = 4
PER_PAGE = 100
RETRIES = 3
BACKOFF_SECONDS = 1.0
MAX_RETRY_AFTER = 30.0
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_PAGES = 10_000  # a million posts: beyond it a TotalPages header is a lie, not a blog
_RETRY_STATUSES = frozenset((429, 503))
_TITLE = re.compile(rb"<title[^>]*>([^<]{0,200})", re.I)


def user_agent() -> str:
    try:
        version = metadata.version("runphys-search")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"runphys-search/{version} (WordPress sync)"


def site_url(text: str) -> str:
    """The site's base URL, checked: http(s), a host, no query or fragment, no trailing slash."""
    value = text.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a port that is not a number raises ValueError here
    except ValueError as exc:
        raise BadRequest(f"not a site URL: {value[:200]!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadRequest(f"not a site URL: {value[:200]!r} (give the blog's address, like https://blog.example.com)")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise BadRequest(f"the site URL {value[:200]!r} must have no query, fragment or user")
    return value.rstrip("/")


@dataclass(frozen=True)
class Credentials:
    """A WordPress user name and one of their application passwords (HTTP Basic auth)."""

    user: str
    app_password: str


@dataclass(frozen=True)
class Page:
    """One answer: the decoded JSON and the headers that matter for paging."""

    data: Any
    total: int | None
    total_pages: int | None


class WordPressClient:
    """Reads one site's /wp/v2/posts; `discover` first finds where the API lives."""

    def __init__(self, site: str, *, credentials: Credentials | None = None, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.site = site_url(site)
        self.credentials = credentials
        self.timeout = timeout
        self._sleep = sleep
        self._slots = threading.Semaphore(MAX_IN_FLIGHT)
        auth = httpx.BasicAuth(credentials.user, credentials.app_password) if credentials else None
        self._http = httpx.Client(
            auth=auth, timeout=httpx.Timeout(timeout), follow_redirects=False, transport=transport,
            headers={"User-Agent": user_agent(), "Accept": "application/json"},
            limits=httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=MAX_IN_FLIGHT),
        )
        self._pretty: bool | None = None  # /wp-json/ (True) or ?rest_route= (False), once discovered

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WordPressClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- addresses -----------------------------------------------------------------------------

    def url(self, route: str, params: Mapping[str, Any] | None = None, *, pretty: bool | None = None) -> str:
        """The full URL of a REST route (`/wp/v2/posts`) with its query."""
        pretty = self._pretty if pretty is None else pretty
        query = dict(params or {})
        if pretty is False:
            return f"{self.site}/?{urlencode({'rest_route': route, **query})}"
        return f"{self.site}/wp-json{route}" + (f"?{urlencode(query)}" if query else "")

    def assume(self, api: str) -> bool:
        """Take where an earlier discovery found the posts route (`api`), saving a request; False
        when `api` is not one of this site's two addresses."""
        if api not in (self.url("/wp/v2/posts", pretty=True), self.url("/wp/v2/posts", pretty=False)):
            return False
        self._pretty = api == self.url("/wp/v2/posts", pretty=True)
        return True

    def forget(self) -> None:
        """Find the API's address again at the next request."""
        self._pretty = None

    @property
    def api(self) -> str:
        """Where the posts route answered (after `discover`)."""
        return self.url("/wp/v2/posts")

    # -- discovery -----------------------------------------------------------------------------

    def discover(self, params: Mapping[str, Any], what: str = "listing") -> Page:
        """The first page of `params` from /wp-json/wp/v2/posts, else from /?rest_route=/wp/v2/posts
        (a site without pretty permalinks); remembers which answered."""
        if self._pretty is not None:
            return self.get("/wp/v2/posts", params, f"{what} page 1")
        step = f"discovery, {what} page 1"
        try:
            page = self.get("/wp/v2/posts", params, step, pretty=True)
        except SyncFailed as first:
            detail = first.detail if isinstance(first.detail, dict) else {}
            if detail.get("reason") not in ("not_found", "not_json"):
                raise
            try:
                page = self.get("/wp/v2/posts", params, step, pretty=False)
            except SyncFailed as second:
                second_detail = second.detail if isinstance(second.detail, dict) else {}
                if second_detail.get("reason") == "not_found":
                    raise SyncFailed(
                        f"no WordPress REST API at {self.site} ({step}): {self.url('/wp/v2/posts', pretty=True)} "
                        f"and {self.url('/wp/v2/posts', pretty=False)} both answered HTTP 404",
                        {**second_detail, "site": self.site, "step": step},
                    ) from None
                raise
            self._pretty = False
            return page
        self._pretty = True
        return page

    # -- requests ------------------------------------------------------------------------------

    def get(self, route: str, params: Mapping[str, Any], step: str, *, pretty: bool | None = None,
            missing_ok: bool = False) -> Page:
        """One GET, retried on 429/503; a `Page`, or SyncFailed naming the URL and `step`.

        With `missing_ok`, a 404/410 (and, without credentials, a 401/403: the post is not public)
        answers a Page whose data is None.
        """
        url = self.url(route, params, pretty=pretty)
        for attempt in range(RETRIES + 1):
            with self._slots:
                response, body, final_url = self._fetch(url, step)
            if response.status_code in _RETRY_STATUSES and attempt < RETRIES:
                self._sleep(self._pause(response, attempt))
                continue
            return self._page(response, body, final_url, step, missing_ok)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _pause(self, response: httpx.Response, attempt: int) -> float:
        backoff = BACKOFF_SECONDS * float(2**attempt)
        header = response.headers.get("Retry-After", "").strip()
        if header.isdigit():
            return min(float(header), MAX_RETRY_AFTER)
        return min(backoff, MAX_RETRY_AFTER)

    def _fetch(self, url: str, step: str) -> tuple[httpx.Response, bytes, str]:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                with self._http.stream("GET", current) as response:
                    if response.is_redirect:
                        current = self._redirect(current, response, step)
                        continue
                    return response, self._read(response, current, step), current
            except httpx.TimeoutException:
                raise SyncFailed(f"{current} did not answer within {self.timeout:g} s ({step})",
                                 {"url": current, "step": step, "reason": "timeout"}) from None
            except httpx.TransportError as exc:
                raise SyncFailed(f"cannot reach {current} ({step}): {_transport_reason(exc)}; is the site up?",
                                 {"url": current, "step": step, "reason": "unreachable"}) from None
        raise SyncFailed(f"{url} redirected more than {MAX_REDIRECTS} times ({step})",
                         {"url": url, "step": step, "reason": "redirect"})

    def _redirect(self, current: str, response: httpx.Response, step: str) -> str:
        target = urljoin(current, str(response.headers.get("Location", "")))
        here, there = urlsplit(current), urlsplit(target)
        if (here.scheme, here.netloc) == (there.scheme, there.netloc):
            return target
        if here.scheme == "http" and there.scheme == "https":
            site = f"https://{there.netloc}{urlsplit(self.site).path}"
            reason = f"the site redirects to https ({target}): sync {site} instead"
        else:
            reason = f"it redirects to another place ({target})"
        raise SyncFailed(f"{current} answered HTTP {response.status_code} ({step}): {reason}; runphys follows "
                         "redirects only on the same scheme, host and port",
                         {"url": current, "step": step, "reason": "redirect", "location": target})

    def _read(self, response: httpx.Response, url: str, step: str) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
            raise _too_large(url, step)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise _too_large(url, step)
            chunks.append(chunk)
        return b"".join(chunks)

    def _page(self, response: httpx.Response, body: bytes, url: str, step: str, missing_ok: bool) -> Page:
        status = response.status_code
        where = {"url": url, "step": step, "status": status}
        if missing_ok and (status in (404, 410) or (status in (401, 403) and self.credentials is None)):
            return Page(None, None, None)
        if status in (401, 403):
            hint = ("check --user and --app-password (an application password, from the user's profile page)"
                    if self.credentials else "the site wants a login: give --user and --app-password")
            raise SyncFailed(f"{url} refused access, HTTP {status} ({step}): {hint}",
                             {**where, "reason": "forbidden"})
        if status == 404:
            raise SyncFailed(f"{url} answered HTTP 404 ({step}): no WordPress REST API there",
                             {**where, "reason": "not_found"})
        if status >= 400:
            raise SyncFailed(f"{url} answered HTTP {status} {response.reason_phrase} ({step})"
                             + _api_message(body), {**where, "reason": "http_error"})
        try:
            data = load_json(body.decode("utf-8", errors="replace"))
        except (ValueError, RecursionError):
            kind = _html_title(body)
            what = (f"an HTML page{kind} where JSON was expected (a caching or security plugin in front of the "
                    "REST API?)" if kind is not None else "an answer that is not valid JSON (cut short?)")
            raise SyncFailed(f"{url} answered {what} ({step})", {**where, "reason": "not_json"}) from None
        return Page(data, _count(response, "X-WP-Total"), _count(response, "X-WP-TotalPages"))

    # -- listings ------------------------------------------------------------------------------

    def pages(self, params: Mapping[str, Any], what: str) -> list[Any]:
        """Every item of a paged listing (`per_page` 100, pages by X-WP-TotalPages, ≤ 4 at once)."""
        query = {**params, "per_page": PER_PAGE, "orderby": "id", "order": "asc"}
        first = self.discover({**query, "page": 1}, what)
        total_pages = min(first.total_pages or 1, MAX_PAGES)
        results: list[list[Any]] = [self._items(first, what, 1)]

        def page(number: int) -> list[Any]:
            return self._items(self.get("/wp/v2/posts", {**query, "page": number},
                                        f"{what} page {number} of {total_pages}"), what, number)

        if total_pages > 1:
            with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
                results.extend(pool.map(page, range(2, total_pages + 1)))
        return [item for items in results for item in items]

    def _items(self, page: Page, what: str, number: int) -> list[Any]:
        if not isinstance(page.data, list):
            url = self.url("/wp/v2/posts")
            raise SyncFailed(f"{url} answered JSON that is not a list of posts ({what} page {number})",
                             {"url": url, "step": f"{what} page {number}", "reason": "not_a_list"})
        return page.data

    def posts_by_id(self, ids: Sequence[int], params: Mapping[str, Any]) -> list[Any]:
        """The posts with these ids (`include=`, 100 at a time)."""
        chunks = [list(ids[i : i + PER_PAGE]) for i in range(0, len(ids), PER_PAGE)]

        def chunk(part: list[int]) -> list[Any]:
            query = {**params, "include": ",".join(map(str, part)), "per_page": PER_PAGE}
            step = f"fetching posts {part[0]}…{part[-1]}" if len(part) > 1 else f"fetching post {part[0]}"
            return self._items(self.get("/wp/v2/posts", query, step), step, 1)

        with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
            return [item for items in pool.map(chunk, chunks) for item in items]

    def post(self, number: int, params: Mapping[str, Any]) -> Any:
        """One post by id (None when WordPress says there is no such post, or none the public may see)."""
        if self._pretty is None:
            self.discover({"per_page": 1, "_fields": "id"})
        return self.get(f"/wp/v2/posts/{number}", params, f"fetching post {number}", missing_ok=True).data


def _count(response: httpx.Response, header: str) -> int | None:
    value = response.headers.get(header, "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def _html_title(body: bytes) -> str | None:
    head = body[:4096].lstrip().lower()
    if not head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<")):
        return None
    found = _TITLE.search(body[:65536])
    title = " ".join(found.group(1).decode("utf-8", "replace").split()) if found else ""
    return f" (titled {title!r})" if title else ""


def _api_message(body: bytes) -> str:
    """WordPress's own error message (`{"code", "message"}`), when the answer holds one."""
    try:
        data = json.loads(body[:65536])
    except (ValueError, RecursionError):
        return ""
    message = data.get("message") if isinstance(data, dict) else None
    return f": {' '.join(str(message).split())[:200]}" if message else ""


def _transport_reason(exc: httpx.TransportError) -> str:
    text = " ".join(str(exc).split())[:200]
    if isinstance(exc, httpx.ConnectError) and ("refused" in text.lower() or "errno 111" in text.lower()):
        return "connection refused"
    return text or type(exc).__name__


def _too_large(url: str, step: str) -> SyncFailed:
    return SyncFailed(f"{url} answered more than {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB ({step}); refused",
                      {"url": url, "step": step, "reason": "too_large"})
