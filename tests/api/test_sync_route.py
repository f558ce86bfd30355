"""POST /api/v1/admin/sync without a WordPress: admin only, and a clear 400 when no site is configured
(the live scenarios are in tests/wordpress/test_sync_service.py)."""

from __future__ import annotations

from typing import Any

TOKEN = "sync-route-token-0123456789abcdef"


def test_the_sync_route_is_admin_only(make_client: Any) -> None:
    assert make_client().post("/api/v1/admin/sync").status_code == 404  # admin is off without a token
    client = make_client(admin_token=TOKEN)
    assert client.post("/api/v1/admin/sync").status_code == 401
    assert client.post("/api/v1/admin/sync", headers={"Authorization": "Bearer wrong"}).status_code == 403


def test_without_a_configured_site_it_says_which_setting(make_client: Any) -> None:
    client = make_client(admin_token=TOKEN)
    answer = client.post("/api/v1/admin/sync", json={"post_id": 3}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 400
    assert "RUNPHYS_SYNC_URL" in answer.json()["error"]["message"]


def test_the_route_is_in_the_openapi_schema(make_client: Any) -> None:
    schema = make_client(admin_token=TOKEN).get("/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/admin/sync"]
