"""`runphys serve`."""

from __future__ import annotations

from typing import Annotated

import typer

from ..index.errors import RunphysError
from . import output
from .app import IndexOption, app, fail, settings_for


@app.command()
def serve(
    index: IndexOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 8000).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default 1).")] = None,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="Addresses of the reverse proxies whose X-Forwarded-For/-Proto are believed (comma-separated IPs "
            "or CIDRs; default: none).",
        ),
    ] = None,
) -> None:
    """Serve the search page, the JSON API and the related-videos widget (builds the demo first if
    needed). A port already in use is one line and exit 1, before anything else is done."""
    from ..api.address import check_address

    flags = {"host": host, "port": port, "workers": workers, "forwarded_allow_ips": forwarded_allow_ips}
    settings = settings_for(index, **{k: v for k, v in flags.items() if v is not None})
    try:
        check_address(settings.host, settings.port)
    except RunphysError as error:
        fail(error, as_json=False)
    from ..api.server import serve as run_server
    from ..service.pipeline import ensure_index
    from ..service.service import Service

    try:
        ensure_index(settings.index, progress=output.status_line)
        Service.open(settings, verify=True).close()  # a damaged bundle is refused here, not served
    except RunphysError as error:
        fail(error, as_json=False)
    output.status_line(f"serving {settings.index} on http://{settings.host}:{settings.port}/")
    run_server(settings)
