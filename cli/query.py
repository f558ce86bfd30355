"""`runphys search` and `runphys related`."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from ..index.errors import BadRequest, RunphysError
from . import output
from .app import IndexOption, JsonOption, app, fail, open_service, settings_for


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in the reader's own words.")],
    index: IndexOption = None,
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    body_part: Annotated[str | None, typer.Option("--body-part", help="Only this body part (e.g. knee).")] = None,
    injury: Annotated[str | None, typer.Option(help="Only this injury (e.g. runners_knee).")] = None,
    video: Annotated[bool, typer.Option("--video", help="Only posts with a video.")] = False,
    sort: Annotated[str, typer.Option(help="relevance|date")] = "relevance",
    limit: Annotated[int, typer.Option(help="Hits per page (1 to RUNPHYS_MAX_PER_PAGE, default 50).")] = 10,
    page: Annotated[int, typer.Option(help="Page number, from 1.")] = 1,
    log: Annotated[
        bool, typer.Option("--log", help="Record this search in the search log, as a reader's search.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Search the index; prints hits, facets and did-you-mean (not logged as reader demand unless --log)."""
    from ..search.results import SearchRequest

    settings = settings_for(index)
    try:
        if sort != "relevance" and sort != "date":
            raise BadRequest("--sort must be relevance or date")
        order: Literal["relevance", "date"] = "date" if sort == "date" else "relevance"
        request = SearchRequest(
            q=query, category=category, body_part=body_part, injury=injury,
            video=True if video else None, sort=order, page=page, per_page=limit,
        )
        service = open_service(settings, as_json)
        try:
            result = service.search(request, record=log)
        finally:
            service.close()
    except RunphysError as error:
        fail(error, as_json)
    if as_json:
        output.print_json(result.to_dict())
        return
    for notice in result.notices:
        output.console.print(f"[yellow]{notice}[/yellow]")
    if result.did_you_mean:
        output.console.print(f"did you mean: [bold]{result.did_you_mean}[/bold]?")
    rows = [
        [
            (result.page - 1) * result.per_page + rank,
            hit.title,
            (hit.date or "")[:10],
            "" if hit.score is None else f"{hit.score:.2f}",
            ", ".join(hit.categories),
            "▶" if hit.has_video else "",
        ]
        for rank, hit in enumerate(result.hits, 1)
    ]
    output.table(
        f"{result.total} results for {result.query!r}", ["#", "title", "date", "score", "categories", "video"], rows
    )
    if result.nearby:
        nearby = [[hit.title, (hit.date or "")[:10], ", ".join(hit.categories), "▶" if hit.has_video else ""]
                  for hit in result.nearby]
        output.table("Nearby posts", ["title", "date", "categories", "video"], nearby)


@app.command()
def related(
    id_or_slug: Annotated[str | None, typer.Argument(help="Post id or slug.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Find posts related to this text (a draft).")] = None,
    index: IndexOption = None,
    limit: Annotated[int, typer.Option(help="How many related posts (1 to RUNPHYS_MAX_RELATED, default 50).")] = 5,
    videos_only: Annotated[bool, typer.Option("--videos-only", help="Only posts with a video.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Posts related to a post (ID_OR_SLUG) or to a draft (--text), with the reason for each."""
    if (id_or_slug is None) == (text is None):
        raise typer.BadParameter("give either ID_OR_SLUG or --text, not both")
    settings = settings_for(index)
    try:
        service = open_service(settings, as_json)
        try:
            if id_or_slug is not None:
                post, items = service.related(id_or_slug, limit=limit, videos_only=videos_only)
                about = {"id": post.id, "slug": post.slug, "title": post.title, "url": post.url}
            else:
                items = service.related_to_text(text or "", limit=limit, videos_only=videos_only)
                about = {"text": (text or "")[:200]}
        finally:
            service.close()
    except RunphysError as error:
        fail(error, as_json)
    if as_json:
        output.print_json({"post": about, "related": [item.to_dict() for item in items]})
        return
    marked = any(item.fallback or item.pinned for item in items)
    rows = [
        [
            item.title,
            f"{item.score:.3f}",
            ", ".join([*item.why.get("body_parts", []), *item.why.get("injuries", []),
                       *item.why.get("terms", [])][:6]),
            *(["fallback" if item.fallback else ("pinned" if item.pinned else "")] if marked else []),
        ]
        for item in items
    ]
    columns = ["title", "score", "why", *(["shown because"] if marked else [])]
    output.table(f"Related to {about.get('title') or about.get('text')!r}", columns, rows)
