"""Fixtures for the tests against a real WordPress (see `site.py`).

* `wordpress` — the session's site, started once (skips, naming the missing Debian packages,
  where they are not installed);
* `wordpress_clean` — the same site emptied for this test (no posts, faults, request log or plugin
  settings; pretty permalinks; the PHP server running);
* `wordpress_plain` — `wordpress_clean` with plain permalinks (the REST API only at `?rest_route=`);
* `plugin_blog` — per module: a small blog in the site, `runphys serve` indexing it, the plugin on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.wordpress.blog import Blog, RunphysService, blog_posts, configure_plugin, ids_by_title
from tests.wordpress.site import WordPressSite, missing_packages


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test in this folder runs against the real WordPress: one marker selects or skips them all.
    for item in items:
        if "tests/wordpress/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.wordpress)


@pytest.fixture(scope="session")
def wordpress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WordPressSite]:
    """A real WordPress 6.1 on its own MariaDB, served by php -S, our plugin active."""
    missing = missing_packages()
    if missing:
        pytest.skip(f"needs Debian's {', '.join(missing)} (apt install wordpress mariadb-server php-cli php-mysql)")
    site = WordPressSite(tmp_path_factory.mktemp("wordpress"))
    try:
        site.start_all()
        yield site
    finally:
        site.close()


@pytest.fixture
def wordpress_clean(wordpress: WordPressSite) -> WordPressSite:
    """The session's WordPress, emptied for this test."""
    wordpress.reset()
    return wordpress


@pytest.fixture
def wordpress_plain(wordpress_clean: WordPressSite) -> Iterator[WordPressSite]:
    """An emptied WordPress with plain permalinks (no /wp-json/); pretty again afterwards."""
    wordpress_clean.set_permalinks(pretty=False)
    yield wordpress_clean
    wordpress_clean.set_permalinks(pretty=True)


@pytest.fixture(scope="module")
def plugin_blog(wordpress: WordPressSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Blog]:
    """For one test module: the small running blog in WordPress, a `runphys serve` indexing it
    (built from the site's WXR export), and the plugin pointed at that service."""
    wordpress.reset()
    wordpress.insert_posts(blog_posts())
    service = RunphysService(wordpress, tmp_path_factory.mktemp("runphys-service")).start()
    try:
        configure_plugin(wordpress, service.url)
        yield Blog(wordpress, service, ids_by_title(wordpress))
    finally:
        service.stop()
