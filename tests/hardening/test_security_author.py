"""Author pages over real HTTP: server-side sessions (random, expiring, revoked at logout, shared by
workers), same-origin login and logout, exponential login backoff, and forms that are never a 500."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from runphys.api.author_auth import COOKIE, COOKIE_MAX_AGE
from runphys.api.sessions import SESSIONS_FILE
from tests.api.test_search_routes import assert_error
from tests.live_server import ServedProcess, ServerThread

TOKEN = "author-token-for-tests"
HTML = {"Accept": "text/html"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# What the cookie held before sessions: the same value on every login, forever.
OLD_COOKIE = hmac.new(TOKEN.encode(), b"runphys author session v1", hashlib.sha256).hexdigest()


def same_origin(url: str) -> dict[str, str]:
    """What a browser sends with a form post from one of our own pages."""
    return {"Origin": url, "Sec-Fetch-Site": "same-origin"}


def login(url: str, token: str = TOKEN, **headers: str) -> httpx.Response:
    return httpx.post(f"{url}/author/login", data={"token": token}, headers={**same_origin(url), **headers},
                      follow_redirects=False, timeout=30)


def session_of(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["set-cookie"].split(";")[0].split("=", 1)[1]


def with_session(session: str, **headers: str) -> dict[str, str]:
    return {"Cookie": f"{COOKIE}={session}", **headers}


def gaps(url: str, session: str, **headers: str) -> httpx.Response:
    return httpx.get(f"{url}/author/gaps", headers=with_session(session, **headers), follow_redirects=False, timeout=30)


def logout(url: str, session: str, **headers: str) -> httpx.Response:
    return httpx.post(f"{url}/author/logout", headers=with_session(session, **{**same_origin(url), **headers}),
                      follow_redirects=False, timeout=30)


@pytest.fixture
def author(serve_app: Callable[..., ServerThread], fresh_index: Path) -> ServerThread:
    """A live server with a token, over a private index (sessions are written at its root)."""
    return serve_app(index=fresh_index, admin_token=TOKEN)


def test_gap_page_needs_auth_when_a_token_is_set(author: ServerThread) -> None:
    to_login = httpx.get(f"{author.url}/author/gaps", headers=HTML, follow_redirects=False)
    assert to_login.status_code == 303 and to_login.headers["location"] == "/author/login"
    assert httpx.get(f"{author.url}/author/gaps").status_code == 401
    assert httpx.get(f"{author.url}/author/gaps", headers={**HTML, "Authorization": "Bearer wrong"}).status_code == 403
    assert httpx.get(f"{author.url}/api/v1/gaps").status_code == 401
    assert httpx.get(f"{author.url}/author/gaps", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_each_login_is_a_new_random_session_and_the_file_holds_no_id(author: ServerThread,
                                                                     fresh_index: Path) -> None:
    form = httpx.get(f"{author.url}/author/login")
    assert form.status_code == 200 and 'name="token"' in form.text and "<script" not in form.text
    assert form.headers["Cache-Control"] == "no-store"
    first, second = login(author.url), login(author.url)
    assert first.headers["location"] == "/author/gaps" and first.headers["Cache-Control"] == "no-store"
    set_cookie = first.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=strict" in set_cookie and "path=/" in set_cookie
    assert f"max-age={COOKIE_MAX_AGE}" in set_cookie and "secure" not in set_cookie  # plain http here
    one, two = session_of(first), session_of(second)
    assert one != two and len(one) == len(two) == 43  # 32 random bytes, never derived from the token
    assert TOKEN not in one and one != OLD_COOKIE
    assert gaps(author.url, one).status_code == 200 and gaps(author.url, two).status_code == 200
    assert httpx.get(f"{author.url}/api/v1/gaps", headers=with_session(one)).status_code == 200
    stored = (fresh_index / SESSIONS_FILE).read_text()
    assert one not in stored and two not in stored and TOKEN not in stored  # keyed digests only
    assert len(json.loads(stored)["sessions"]) == 2
    assert oct((fresh_index / SESSIONS_FILE).stat().st_mode & 0o777) == oct(0o600)


def test_logout_revokes_the_session_on_the_server(author: ServerThread) -> None:
    session = session_of(login(author.url))
    other = session_of(login(author.url))
    out = logout(author.url, session)
    assert out.status_code == 303 and out.headers["location"] == "/author/login"
    assert f'{COOKIE}=""' in out.headers["set-cookie"] and out.headers["Cache-Control"] == "no-store"
    # A copy of the cookie kept from before the logout (a shared machine, a stolen value) is dead.
    assert gaps(author.url, session).status_code == 401
    assert gaps(author.url, session, **HTML).status_code == 303
    assert gaps(author.url, other).status_code == 200  # another browser's session lives on


def test_an_expired_session_is_refused(author: ServerThread, fresh_index: Path) -> None:
    session = session_of(login(author.url))
    path = fresh_index / SESSIONS_FILE
    data = json.loads(path.read_text())
    (digest, expires), = data["sessions"].items()
    assert time.time() + COOKIE_MAX_AGE - 60 < expires <= time.time() + COOKIE_MAX_AGE
    data["sessions"][digest] = time.time() - 1  # eight hours later
    path.write_text(json.dumps(data))
    assert gaps(author.url, session).status_code == 401
    session_of(login(author.url))  # the next write drops what has expired
    assert digest not in json.loads(path.read_text())["sessions"]


def test_sessions_of_a_changed_token_stop_working(serve_app: Callable[..., ServerThread], fresh_index: Path) -> None:
    old = serve_app(index=fresh_index, admin_token=TOKEN)
    session = session_of(login(old.url))
    rotated = serve_app(index=fresh_index, admin_token="rotated-token")
    assert gaps(rotated.url, session).status_code == 401


@pytest.mark.parametrize(
    "cookie",
    ["", "x", TOKEN, "A" * 43, "../" * 20, OLD_COOKIE],
)
def test_forged_cookies_are_refused(author: ServerThread, cookie: str) -> None:
    assert gaps(author.url, cookie).status_code == 401
    assert gaps(author.url, cookie, **HTML).status_code == 303


def test_a_changed_character_makes_a_session_worthless(author: ServerThread) -> None:
    session = session_of(login(author.url))
    forged = session[:-1] + ("A" if session[-1] != "A" else "B")
    assert gaps(author.url, forged).status_code == 401


def test_the_cookie_does_not_open_admin_routes(author: ServerThread) -> None:
    session = session_of(login(author.url))
    assert httpx.get(f"{author.url}/api/v1/admin/searches", headers=with_session(session)).status_code == 401


@pytest.mark.slow
def test_a_session_made_by_one_worker_is_honoured_by_the_other(fresh_index: Path, tmp_path: Path) -> None:
    server = ServedProcess(fresh_index, tmp_path / "two-workers.log", workers=2, admin_token=TOKEN,
                           rate_limit_per_minute="0").start()
    try:
        session = session_of(login(server.url))

        def opened(_: int) -> int:  # a new connection each time, so both workers answer some
            return gaps(server.url, session).status_code

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(opened, range(40))) == {200}
        assert logout(server.url, session).status_code == 303
        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(opened, range(40))) == {401}
    finally:
        server.stop()


# -- cross-site requests ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1.evil.example"},
    ],
)
def test_cross_site_login_and_logout_are_refused(author: ServerThread, headers: dict[str, str]) -> None:
    session = session_of(login(author.url))
    refused = httpx.post(f"{author.url}/author/login", data={"token": TOKEN}, headers=headers, follow_redirects=False)
    assert_error(refused, 403, "forbidden")
    assert "set-cookie" not in refused.headers
    out = httpx.post(f"{author.url}/author/logout", headers=with_session(session, **headers), follow_redirects=False)
    assert out.status_code == 403 and "set-cookie" not in out.headers
    assert gaps(author.url, session).status_code == 200  # still logged in


def test_logout_is_a_form_post_only(author: ServerThread) -> None:
    session = session_of(login(author.url))
    for method in ("GET", "HEAD"):
        # A link or an <img> on another site can no longer log the author out.
        response = httpx.request(method, f"{author.url}/author/logout", headers=with_session(session),
                                 follow_redirects=False)
        assert response.status_code == 405 and "set-cookie" not in response.headers
    assert gaps(author.url, session).status_code == 200
    page = gaps(author.url, session, **HTML).text
    assert '<form class="logout-form" method="post" action="/author/logout">' in page
    assert 'href="/author/logout"' not in page


def test_requests_that_are_not_from_a_browser_may_log_in(author: ServerThread) -> None:
    # No Origin and no Sec-Fetch-Site: a script, not a browser, so no victim's cookie rides along.
    plain = httpx.post(f"{author.url}/author/login", data={"token": TOKEN}, follow_redirects=False)
    assert plain.status_code == 303
    user_typed = login(author.url, **{"Sec-Fetch-Site": "none"})
    assert user_typed.status_code == 303


# -- throttling ------------------------------------------------------------------------------


def wait_unlocked(url: str, seconds: float = 30.0) -> None:
    """Poll the login form, which tells a locked-out client how long to wait, until it no longer does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        form = httpx.get(f"{url}/author/login")
        if "retry-after" not in form.headers:
            return
        assert "Too many failed logins" in form.text
        time.sleep(0.1)
    raise AssertionError("still locked out")


def test_failed_logins_back_off_exponentially(author: ServerThread) -> None:
    for wrong in ("", "wrong", TOKEN + "x"):
        response = login(author.url, wrong)
        assert response.status_code == 403 and "set-cookie" not in response.headers and "Wrong token" in response.text
    locked = login(author.url, "another guess")
    error = assert_error(locked, 429, "rate_limited")
    assert locked.headers["Retry-After"] == "1" and error["detail"] == {"retry_after_seconds": 1}
    right = login(author.url)  # even the right token waits: a lock-out says nothing about a guess
    assert right.status_code == 429 and "set-cookie" not in right.headers

    wait_unlocked(author.url)
    assert login(author.url, "fourth guess").status_code == 403
    page = login(author.url, "fifth guess", **HTML)
    assert page.status_code == 429 and page.headers["Retry-After"] == "2"  # doubled
    assert page.headers["content-type"].startswith("text/html")
    assert "Too many failed logins. Try again in 2 seconds." in page.text and "/static/site.css" in page.text

    wait_unlocked(author.url)
    assert login(author.url).status_code == 303  # success forgives the failures
    assert login(author.url, "a typo").status_code == 403


def test_parallel_guesses_are_counted_too(author: ServerThread) -> None:
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda n: login(author.url, f"guess-{n}").status_code, range(12)))
    # Without counting at the start all 12 would be guesses; a slow machine may let one more
    # through when the first one-second lock has run out.
    assert 3 <= statuses.count(403) <= 4 and statuses.count(429) >= 8


# -- forms -----------------------------------------------------------------------------------



@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ("&".join(f"f{n}=1" for n in range(11)) + "&token=x", FORM),  # more than 10 fields
        ("token=a&token=b", FORM),
        (b"token=\xff\xfe" * 10, FORM),
        ("token=" + "a" * 5000, FORM),
        ('{"token": "x"}', {"Content-Type": "application/json"}),
        ('--b\r\nContent-Disposition: form-data; name="token"\r\n\r\nx\r\n--b--',
         {"Content-Type": "multipart/form-data; boundary=b"}),
    ],
)
def test_malformed_or_oversized_forms_are_400(author: ServerThread, body: str | bytes, headers: dict[str, str]) -> None:
    response = httpx.post(f"{author.url}/author/login", content=body, headers={**same_origin(author.url), **headers})
    assert_error(response, 400, "bad_request")
    assert "set-cookie" not in response.headers


def test_huge_login_bodies_are_refused_before_reading(author: ServerThread) -> None:
    response = httpx.post(f"{author.url}/author/login", content=b"token=" + b"a" * 2_000_000,
                          headers={**same_origin(author.url), **FORM})
    assert_error(response, 413, "payload_too_large")


def test_login_is_a_redirect_when_author_pages_are_open(serve_app: Callable[..., ServerThread]) -> None:
    server = serve_app()
    assert httpx.get(f"{server.url}/author/login", follow_redirects=False).status_code == 303
    assert httpx.get(f"{server.url}/author/gaps", headers=HTML).status_code == 200


def test_token_comparisons_are_constant_time(author: ServerThread, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = hmac.compare_digest

    def counted(a: Any, b: Any) -> bool:
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", counted)  # the server runs in this process
    login(author.url, "nope")
    httpx.get(f"{author.url}/author/gaps", headers={"Authorization": "Bearer nope"})
    assert len(calls) >= 2
