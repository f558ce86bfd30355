"""Proxy headers over a real `runphys serve`: believed only from the configured proxy addresses."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.live_server import ServedProcess

TOKEN = "proxy-test-token"


def statuses(url: str, forwarded_for: list[str]) -> list[int]:
    with httpx.Client(base_url=url, timeout=30) as client:
        return [client.get("/api/v1/stats", headers={"X-Forwarded-For": ip}).status_code for ip in forwarded_for]


def login_cookie(url: str, proto: str) -> str:
    response = httpx.post(f"{url}/author/login", data={"token": TOKEN}, headers={"X-Forwarded-Proto": proto},
                          follow_redirects=False, timeout=30)
    assert response.status_code == 303, response.text
    return response.headers["set-cookie"].lower()


@pytest.mark.slow
def test_forwarded_headers_are_ignored_without_a_trusted_proxy(fresh_index: Path, tmp_path: Path) -> None:
    # uvicorn alone believes X-Forwarded-For from 127.0.0.1, so any local pass-through proxy
    # would let each request name its own rate-limit identity.
    server = ServedProcess(fresh_index, tmp_path / "untrusted.log", admin_token=TOKEN,
                           rate_limit_per_minute="5").start()
    try:
        cookie = login_cookie(server.url, "https")
        assert all(part.strip() != "secure" for part in cookie.split(";"))  # the scheme is not believed either
        seen = statuses(server.url, [f"203.0.113.{n}" for n in range(8)])
        assert seen[-3:] == [429] * 3  # one client, whatever it claims to be
    finally:
        server.stop()


@pytest.mark.slow
def test_a_configured_proxy_is_believed(fresh_index: Path, tmp_path: Path) -> None:
    server = ServedProcess(fresh_index, tmp_path / "trusted.log", admin_token=TOKEN, rate_limit_per_minute="5")
    server._args += ["--forwarded-allow-ips", "127.0.0.1"]  # the CLI flag; RUNPHYS_FORWARDED_ALLOW_IPS is the same
    server.start()
    try:
        assert statuses(server.url, [f"203.0.113.{n}" for n in range(8)]) == [200] * 8  # eight real clients
        assert statuses(server.url, ["198.51.100.7"] * 6)[-1] == 429  # one client behind the proxy
        cookie = login_cookie(server.url, "https")
        assert any(part.strip() == "secure" for part in cookie.split(";"))  # https at the proxy: Secure
    finally:
        server.stop()
