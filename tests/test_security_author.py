"""Author pages: bearer header or login cookie (HMAC of the token, HttpOnly, SameSite=Strict)."""

from __future__ import annotations

import hmac

import pytest

from runphys.api.author_auth import COOKIE, cookie_value

TOKEN = "author-token-for-tests"
HTML = {"Accept": "text/html"}


@pytest.fixture
def author(make_client):
    return make_client(admin_token=TOKEN)


def test_gap_page_needs_auth_when_a_token_is_set(author):
    to_login = author.get("/author/gaps", headers=HTML, follow_redirects=False)
    assert to_login.status_code == 303 and to_login.headers["location"] == "/author/login"
    assert author.get("/author/gaps").status_code == 401
    assert author.get("/author/gaps", headers={**HTML, "Authorization": "Bearer wrong"}).status_code == 403
    assert author.get("/api/v1/gaps").status_code == 401
    assert author.get("/author/gaps", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_login_form_then_cookie_opens_the_gap_page(author):
    form = author.get("/author/login")
    assert form.status_code == 200 and 'name="token"' in form.text and "<script" not in form.text
    assert form.headers["Cache-Control"] == "no-store"
    response = author.post("/author/login", data={"token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/author/gaps"
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith(f"{COOKIE}=")
    lowered = set_cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "path=/" in lowered
    assert "secure" not in lowered  # plain http here; see the https test
    value = set_cookie.split(";")[0].split("=", 1)[1]
    assert TOKEN not in set_cookie and value == cookie_value(TOKEN) and len(value) == 64
    assert author.get("/author/gaps", headers=HTML).status_code == 200  # the client keeps the cookie
    assert author.get("/api/v1/gaps").status_code == 200
    out = author.get("/author/logout", follow_redirects=False)
    assert out.status_code == 303 and f'{COOKIE}=""' in out.headers["set-cookie"]
    author.cookies.clear()
    assert author.get("/author/gaps", headers=HTML, follow_redirects=False).status_code == 303


def test_cookie_is_secure_over_https(make_client):
    client = make_client(admin_token=TOKEN)
    client.base_url = client.base_url.copy_with(scheme="https")
    response = client.post("https://testserver/author/login", data={"token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303 and "secure" in response.headers["set-cookie"].lower()


@pytest.mark.parametrize("token", ["", "wrong", TOKEN + "x", TOKEN.upper(), cookie_value(TOKEN)])
def test_wrong_token_sets_no_cookie(author, token):
    response = author.post("/author/login", data={"token": token}, follow_redirects=False)
    assert response.status_code == 403 and "set-cookie" not in response.headers
    assert "Wrong token" in response.text


@pytest.mark.parametrize(
    "cookie", ["", "x", TOKEN, cookie_value(TOKEN)[:-1], cookie_value(TOKEN).upper(), cookie_value("other-token")]
)
def test_forged_cookies_are_refused(author, cookie):
    author.cookies.set(COOKIE, cookie)
    assert author.get("/author/gaps").status_code == 401
    assert author.get("/author/gaps", headers=HTML, follow_redirects=False).status_code == 303


def test_cookie_of_a_changed_token_stops_working(make_client):
    old = make_client(admin_token=TOKEN)
    old.post("/author/login", data={"token": TOKEN})
    new = make_client(admin_token="rotated-token")
    new.cookies.set(COOKIE, cookie_value(TOKEN))
    assert new.get("/author/gaps").status_code == 401


def test_the_cookie_does_not_open_admin_routes(author):
    author.cookies.set(COOKIE, cookie_value(TOKEN))
    assert author.get("/api/v1/admin/searches").status_code == 401


def test_comparisons_are_constant_time(author, monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    author.post("/author/login", data={"token": "nope"})
    author.cookies.set(COOKIE, "forged")
    author.get("/author/gaps", headers={"Authorization": "Bearer nope"})
    assert len(calls) >= 3


def test_login_is_a_redirect_when_author_pages_are_open(client):
    assert client.get("/author/login", follow_redirects=False).status_code == 303
    assert client.get("/author/gaps", headers=HTML).status_code == 200


def test_login_body_limits_and_junk(author):
    assert author.post("/author/login", content=b"\xff\xfe" * 100,
                       headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 403
    assert author.post("/author/login", content=b"token=" + b"a" * 2_000_000).status_code == 413
