"""`runphys search` and `runphys related`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ..index.errors import BadRequest, RunphysError
from . import output
from .app import IndexOption, JsonOption, app, fail, open_service, settings_for

if TYPE_CHECKING:
    from ..search.results import SearchResult


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in the reader's own words.")],
    index: IndexOption = None,
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    body_part: Annotated[str | None, typer.Option("--body-part", help="Only this body part (e.g. knee).")] = None,
    injury: Annotated[str | None, typer.Option(help="Only this injury (e.g. runners_knee).")] = None,
    video: Annotated[bool, typer.Option("--video", help="Only posts with a video.")] = False,
    sort: Annotated[
        str, typer.Option(help="Order of the hits: relevance, or date (newest first).", metavar="relevance|date")
    ] = "relevance",
    limit: Annotated[int, typer.Option(help="Hits per page, from 1 up to RUNPHYS_MAX_PER_PAGE (50 unless set).")] = 10,
    page: Annotated[int, typer.Option(help="Page number, from 1.")] = 1,
    log: Annotated[
        bool, typer.Option("--log", help="Record this search in the search log, as a reader's search.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Search the index: prints the notices, did-you-mean and one page of hits (a table on a
    terminal, tab-separated lines in a pipe). Not logged as reader demand unless --log."""
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
    _print_result(result)


def _print_result(result: SearchResult) -> None:
    """Notices, then the hits as a table; no hits is one sentence (with the nearby offer, if any)."""
    notices = list(result.notices)
    offer = notices.pop() if result.nearby and notices else None  # the searcher's last notice offers them
    for notice in notices:
        output.say(notice, "yellow")
    if not result.hits:
        output.say(_nothing_found(result, offer))
        if result.nearby:
            output.table("", ["title", "slug", "date", "categories", "video"],
                         [[hit.title, hit.slug, (hit.date or "")[:10], ", ".join(hit.categories),
                           "yes" if hit.has_video else ""] for hit in result.nearby])
        return
    if result.did_you_mean:
        output.say(f"did you mean: {result.did_you_mean}?")
    first = (result.page - 1) * result.per_page
    pages = -(-result.total // result.per_page)
    title = f"{output.plural(result.total, 'result')} for {result.query!r}"
    rows = [
        [first + rank, hit.title, hit.slug, (hit.date or "")[:10], "" if hit.score is None else f"{hit.score:.2f}",
         ", ".join(hit.categories), "yes" if hit.has_video else ""]
        for rank, hit in enumerate(result.hits, 1)
    ]
    output.table(title + (f", page {result.page} of {pages}" if pages > 1 else ""),
                 ["#", "title", "slug", "date", "score", "categories", "video"], rows)


def _nothing_found(result: SearchResult, offer: str | None) -> str:
    """The one sentence of a search without hits: what found nothing, and what to try instead."""
    said = f"No results for {result.query!r}" if result.total == 0 else (
        f"No results on page {result.page} for {result.query!r} ({output.plural(result.total, 'result')} in all)")
    if result.did_you_mean:
        return f"{said}; did you mean {result.did_you_mean!r}?"
    if offer:
        # "No posts on Achilles yet — calf and ankle posts:" continues the sentence.
        return f"{said}: {offer[:1].lower() + offer[1:] if offer[1:2].islower() else offer}"
    return said + "."


@app.command()
def related(
    id_or_slug: Annotated[str | None, typer.Argument(help="Post id or slug.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Find posts related to this text (a draft).")] = None,
    index: IndexOption = None,
    limit: Annotated[
        int, typer.Option(help="How many related posts, from 1 up to RUNPHYS_MAX_RELATED (50 unless set).")
    ] = 5,
    videos_only: Annotated[bool, typer.Option("--videos-only", help="Only posts with a video.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Posts related to a post (ID_OR_SLUG) or to a draft (--text), with the reason for each: the
    body parts and injuries both are about, then a few words they share. Posts on the post's own
    injury (or the injury's body part) come first."""
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
            item.slug,
            f"{item.score:.3f}",
            ", ".join([*item.why.get("body_parts", []), *item.why.get("injuries", []),
                       *item.why.get("terms", [])][:6]),
            *(["fallback" if item.fallback else ("pinned" if item.pinned else "")] if marked else []),
        ]
        for item in items
    ]
    columns = ["title", "slug", "score", "why", *(["shown because"] if marked else [])]
    about_what = about.get("title") or about.get("text")
    if not rows:
        output.say(f"No related posts for {about_what!r} yet.")
        return
    output.table(f"{output.plural(len(rows), 'post')} related to {about_what!r}", columns, rows)
