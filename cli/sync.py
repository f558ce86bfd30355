"""`runphys sync`: a WordPress site's posts into the index over its REST API, incrementally."""

from __future__ import annotations

from typing import Annotated

import typer

from ..index.errors import RunphysError
from . import output
from .app import IndexOption, JsonOption, app, fail, settings_for


@app.command()
def sync(
    site: Annotated[str, typer.Argument(help="The blog's address, e.g. https://blog.example.com.",
                                        show_default=False)],
    index: IndexOption = None,
    user: Annotated[
        str | None,
        typer.Option("--user", help="WordPress user of the application password (default: $RUNPHYS_SYNC_USER)."),
    ] = None,
    app_password: Annotated[
        str | None,
        typer.Option("--app-password", help="An application password of --user (default: "
                     "$RUNPHYS_SYNC_APP_PASSWORD; the variable keeps it out of the process list)."),
    ] = None,
    include_drafts: Annotated[
        bool, typer.Option("--include-drafts", help="Also drafts, pending, scheduled and private posts (needs an "
                           "application password).")
    ] = False,
    full: Annotated[bool, typer.Option("--full", help="Read every post again instead of what changed.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Pull SITE's posts over the WordPress REST API into the index (only what changed since the last sync)."""
    from ..index.sources.wp_client import Credentials
    from ..service.sync import options_from, sync_site

    settings = settings_for(index)
    try:
        options = options_from(settings, include_drafts=include_drafts, full=full)
        if user is not None or app_password is not None:
            password = app_password or (settings.sync_app_password.get_secret_value()
                                        if settings.sync_app_password else "")
            name = user or settings.sync_user or ""
            if not name or not password:
                raise typer.BadParameter("give both --user and --app-password", param_hint="--user/--app-password")
            options = options_from(settings, include_drafts=include_drafts, full=full,
                                   credentials=Credentials(name, password))
        report = sync_site(settings.index, site, options)
    except RunphysError as error:
        fail(error, as_json)
    if as_json:
        output.print_json(report.to_dict())
        return
    for problem in report.problems[:50]:
        output.console_err.print(str(problem), highlight=False, markup=False)
    changed = report.added + report.updated + report.removed
    summary = (f"added {report.added}, updated {report.updated}, removed {report.removed}, "
               f"unchanged {report.unchanged}, problems {len(report.problems)}")
    ending = f"build {report.build_id}" if changed else f"nothing changed, still build {report.build_id}"
    output.console.print(f"synced {report.site}: {summary} → {ending}", highlight=False, markup=False)
