"""`serve(settings)`: run uvicorn; every worker builds its own app from the same RUNPHYS_* settings."""

from __future__ import annotations

import json
import os
from typing import Any

import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr

from ..service.settings import Settings
from .app import create_app
from .header_limit import HeaderLimitedHttpTools


def settings_environment(settings: Settings) -> dict[str, str]:
    """The settings as RUNPHYS_* variables (what a worker process reads back with `Settings()`)."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        key = f"RUNPHYS_{name.upper()}"
        if value is None:
            continue
        if isinstance(value, SecretStr):  # the admin token, the sync's application password
            value = value.get_secret_value()
        if isinstance(value, list | dict):
            env[key] = json.dumps(value)
        else:
            env[key] = str(value)
    return env


def app_from_env() -> FastAPI:
    """uvicorn's factory: one app per worker, from the environment."""
    return create_app(Settings())


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's proxy-header options: X-Forwarded-For/-Proto believed only from the configured proxies.

    uvicorn's own default believes them from 127.0.0.1 (or $FORWARDED_ALLOW_IPS), so a client
    behind any local pass-through proxy could choose its rate-limit identity; here nothing is
    believed unless RUNPHYS_FORWARDED_ALLOW_IPS names the proxy.
    """
    trusted = [part.strip() for part in settings.forwarded_allow_ips.split(",") if part.strip()]
    if not trusted:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(trusted)}


def protocol_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's HTTP parser and its header limit (httptools, counted by `HeaderLimitedHttpTools`;
    the same figure is h11's limit should h11 be chosen). Values are uvicorn.Config keywords."""
    return {"http": HeaderLimitedHttpTools, "h11_max_incomplete_event_size": settings.max_header_bytes}


def serve(settings: Settings) -> None:
    """Serve until interrupted (the settings reach the workers through the environment)."""
    env = settings_environment(settings)
    for name in Settings.model_fields:
        os.environ.pop(f"RUNPHYS_{name.upper()}", None)  # an unset setting must not come back from the parent
    os.environ.update(env)
    uvicorn.run(
        "runphys.api.server:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        **proxy_options(settings),
        **protocol_options(settings),
        server_header=False,
        # The access log would pair client IPs with what they searched for; the search log keeps neither.
        access_log=False,
        log_level="info",
    )
