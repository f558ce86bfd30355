"""The one settings object: defaults, help text, `RUNPHYS_*` environment variables, CLI flags.

Every limit a reader or a script can hit (page sizes, related-list lengths, suggestion counts) is
defined here once; the CLI, the HTTP routes, the widget and the service all read it from here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_index_dir() -> Path:
    """`$RUNPHYS_INDEX`, else the per-user data directory (XDG)."""
    if os.environ.get("RUNPHYS_INDEX"):
        return Path(os.environ["RUNPHYS_INDEX"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "runphys" / "index"


class Settings(BaseSettings):
    """Everything configurable, in one place. Environment variables use the `RUNPHYS_` prefix."""

    model_config = SettingsConfigDict(env_prefix="RUNPHYS_", extra="ignore")

    index: Path = Field(default_factory=default_index_dir, description="Index bundle directory.")
    vocabulary: Path | None = Field(
        None, description="A vocabulary file every build uses (else the one installed at the index root, else the "
        "package's)."
    )
    host: str = Field("127.0.0.1", description="Address `runphys serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `runphys serve` listens on.")
    workers: int = Field(1, ge=1, le=32, description="uvicorn worker processes.")
    admin_token: SecretStr | None = Field(
        None, description="Bearer token for /api/v1/admin and author pages; admin is off when unset."
    )
    # NoDecode: the JSON is parsed by `_origins`, so a bad value is a validation error naming the
    # variable (one line, exit 2 in the CLI), not a traceback from the settings source.
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed to call the API (the widget's host sites), as a JSON "
        'list such as ["https://runphys.com"].'
    )
    max_per_page: int = Field(50, ge=1, le=1000, description="Largest page size for search and post lists.")
    max_related: int = Field(50, ge=1, le=200, description="Most related posts one request may ask for.")
    max_suggestions: int = Field(20, ge=1, le=100, description="Most type-ahead suggestions one request may ask for.")
    max_body_bytes: int = Field(1_000_000, ge=1024, description="Largest accepted request body.")
    max_header_bytes: int = Field(
        65_536, ge=1024, le=16_777_216, description="Largest request line plus headers `runphys serve` reads before "
        "refusing the request (431, or the connection closed): a client cannot make a worker hold megabytes of "
        "unfinished headers."
    )
    related_text_max_chars: int = Field(
        20_000, ge=500, le=100_000, description="Draft text POST /api/v1/related analyses; a longer draft is cut "
        "there, with a notice (a long blog post is about 15,000 characters)."
    )
    work_seconds_per_minute: float = Field(
        10.0, ge=0, description="Search work time (seconds) each client may use per minute in each worker; past it "
        "the client's requests wait for their turn behind other clients' (0 = no budget, first come first served)."
    )
    rate_limit_per_minute: int = Field(
        600, ge=0, description="Requests per client per minute (0 = no limit); over it answers 429."
    )
    compress_min_bytes: int = Field(
        # An answer that fits one TCP segment (~1,460 bytes) arrives no sooner for being smaller.
        1400, ge=0, description="Answers at least this large are gzip-compressed for clients that accept it; 0 turns "
        "compression off (for a proxy in front that compresses)."
    )
    cache_max_age: int = Field(300, ge=0, description="Cache-Control max-age for cacheable answers.")
    remembered_searches: int = Field(
        1024, ge=0, le=100_000, description="Distinct searches each worker answers from memory per index version "
        "(0: work out every search)."
    )
    search_log_max_bytes: int = Field(5_000_000, ge=10_000, description="Search log size before rotation.")
    reload_check_seconds: float = Field(
        1.0, ge=0, description="How often a worker checks for a newer bundle."
    )
    forwarded_allow_ips: str = Field(
        "", description="Proxy addresses whose X-Forwarded-For and X-Forwarded-Proto are believed (comma-separated "
        "IPs or CIDR ranges, '*' for any sender); empty believes no proxy header."
    )
    public_url: str | None = Field(
        None, description="The service's public base URL (e.g. https://search.example.com); absolute links in the "
        "widget fragment are built from it, else links are relative to the site."
    )
    sync_url: str | None = Field(
        None, description="A WordPress site (e.g. https://blog.example.com) that POST /api/v1/admin/sync and the "
        "poller read posts from over its REST API; no plugin needed."
    )
    sync_user: str | None = Field(
        None, description="The WordPress user whose application password the sync uses (for drafts, and for the "
        "author's own text of every post)."
    )
    sync_app_password: SecretStr | None = Field(
        None, description="An application password of sync_user (Users → Profile → Application Passwords)."
    )
    sync_every: float | None = Field(
        None, description="How often `runphys serve` syncs sync_url by itself, e.g. 30s, 15m or 1h; off when unset."
    )
    sync_timeout: float = Field(
        30.0, gt=0, le=600, description="Seconds each request to the WordPress site may take before the sync fails."
    )

    @field_validator("sync_url")
    @classmethod
    def _sync_site(cls, value: str | None) -> str | None:
        text = (value or "").strip()
        if not text:
            return None
        parts = urlsplit(text)
        parts.port  # noqa: B018 - a port that is not a number raises ValueError here
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError("sync_url must be the blog's http(s) address, like https://blog.example.com")
        return text.rstrip("/")

    @field_validator("sync_every", mode="before")
    @classmethod
    def _duration(cls, value: object) -> float | None:
        """"30s", "15m", "1h" (or a number of seconds); "", "0" and "off" turn polling off."""
        text = str(value if value is not None else "").strip().lower()
        if text in ("", "0", "off", "none"):
            return None
        unit = {"s": 1, "m": 60, "h": 3600}.get(text[-1:], 0)
        number = text[:-1] if unit else text
        try:
            seconds = float(number) * (unit or 1)
        except ValueError:
            raise ValueError("sync_every must be a duration like 30s, 15m or 1h (or off)") from None
        if not 1 <= seconds <= 7 * 86400:
            raise ValueError("sync_every must be between 1s and 168h (or off)")
        return seconds

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        """A JSON list from the environment; the error says what was expected."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if not text:
            return []
        try:
            return json.loads(text)
        except ValueError:
            raise ValueError('must be a JSON list of origins, e.g. ["https://runphys.com"]') from None

    @field_validator("public_url")
    @classmethod
    def _public_base_url(cls, value: str | None) -> str | None:
        """An http(s) origin with an optional path prefix; the Host header of a request never decides it."""
        text = (value or "").strip()
        if not text:
            return None
        parts = urlsplit(text)
        parts.port  # noqa: B018 - a port that is not a number raises ValueError here
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
            raise ValueError("public_url must be an http(s) URL like https://search.example.com")
        if parts.query or parts.fragment or "\\" in text or any(ch.isspace() for ch in text):
            raise ValueError("public_url must not have a query, a fragment, spaces or backslashes")
        return text.rstrip("/")
