"""The standalone HTML report: escaping, the heatmap, and opening it in headless Chromium."""

from __future__ import annotations

import pytest

from runphys.gaps.html import heat_colour, heatmap, render_html, safe_href, write_html
from runphys.service.pipeline import ensure_index
from runphys.service.service import Service
from runphys.service.settings import Settings
from tests.browser import chromium, needs_chromium, screenshot


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("gaps-html")
    ensure_index(index_dir)
    engine = Service.open(Settings(index=index_dir))
    try:
        return engine.gap_report().to_dict()
    finally:
        engine.close()


def test_heat_colour_scales_from_light_to_dark():
    assert heat_colour(0.0) == "rgb(239, 246, 255)"
    assert heat_colour(1.0) == "rgb(8, 69, 148)"
    assert heat_colour(2.0) == heat_colour(1.0)


def test_heatmap_rows_follow_the_matrix(report):
    heat = heatmap(report["matrix"])
    assert len(heat["rows"]) == len(report["matrix"]["rows"])
    cells = [cell for row in heat["rows"] for cell in row["cells"]]
    assert max(cell["level"] for cell in cells) == 1.0
    assert all(cell["background"] == "#ffffff" for cell in cells if cell["posts"] == 0)


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.com/a", "https://example.com/a"), ("/posts/x", "/posts/x"),
     ("javascript:alert(1)", ""), ("//evil.example", ""), ("", "")],
)
def test_safe_href(url, expected):
    assert safe_href(url) == expected


def test_report_escapes_titles(report):
    hostile = dict(report)
    hostile["orphans"] = [
        {
            "id": "x",
            "slug": "x",
            "title": "<script>alert(1)</script>",
            "url": "javascript:x",
            "date": None,
            "score": None,
        }
    ]
    html = render_html(hostile)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html and "javascript:x" not in html


@needs_chromium
def test_report_opens_in_headless_chromium(report, tmp_path):
    page_file = write_html(report, tmp_path / "gaps.html")
    requests: list[str] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        heat = page.locator("#heatmap")
        heat.wait_for(state="visible")
        assert heat.is_visible()
        box = heat.bounding_box()
        assert box is not None and box["width"] > 400 and box["height"] > 200
        busiest = page.locator("#heatmap td.cell.ok").first
        colour = busiest.evaluate("el => getComputedStyle(el).backgroundColor")
        assert colour.startswith("rgb(") and colour != "rgb(255, 255, 255)"
        assert page.locator("#heatmap td.cell.empty").count() > 0
        # Sorting works in the standalone file.
        page.locator("table.sortable th").first.click()
        heat.scroll_into_view_if_needed()
        shot = screenshot(page, "gaps-report.png")
    assert all(url.startswith("file:") for url in requests), requests
    assert shot.stat().st_size > 10_000
