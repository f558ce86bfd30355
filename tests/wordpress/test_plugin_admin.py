"""The plugin's settings page and its uninstall, through the real wp-admin.

A person logs in at wp-login.php; the page is behind `manage_options`; saving goes through
options.php with the Settings API's nonce; the admin token is never sent back in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.wordpress.blog import ADMIN_TOKEN, OPTION, RELATED_META, configure_plugin
from tests.wordpress.site import PLUGIN_FILE, WordPressSite

PAGE = "/wp-admin/options-general.php?page=runphys-search"


def logged_in(site: WordPressSite, user: str, password: str) -> httpx.Client:
    """A browser-like client logged in through wp-login.php."""
    client = httpx.Client(base_url=site.url, timeout=30, follow_redirects=False)
    client.cookies.set("wordpress_test_cookie", "WP Cookie check")
    answer = client.post("/wp-login.php", data={"log": user, "pwd": password, "wp-submit": "Log In",
                                                 "redirect_to": site.url + "/wp-admin/", "testcookie": "1"})
    assert answer.status_code == 302, answer.text[-500:]
    return client


def form_fields(page: str) -> dict[str, str]:
    """The hidden fields of the settings form (option_page, action, _wpnonce, _wp_http_referer)."""
    fields = {}
    for name in ("option_page", "action", "_wpnonce", "_wp_http_referer"):
        found = re.search(rf"""name=["']{name}["'] value=["']([^"']*)["']""", page)
        assert found, f"no {name} in the form"
        fields[name] = found.group(1)
    return fields


@pytest.fixture
def admin(wordpress_clean: WordPressSite) -> Iterator[httpx.Client]:
    configure_plugin(wordpress_clean, "http://127.0.0.1:9")  # a service URL nothing answers on
    client = logged_in(wordpress_clean, wordpress_clean.user, wordpress_clean.password)
    yield client
    client.close()


def test_settings_page_needs_a_login(wordpress_clean: WordPressSite) -> None:
    answer = httpx.get(wordpress_clean.url + PAGE, timeout=30)
    assert answer.status_code == 302
    assert "/wp-login.php" in answer.headers["location"]


def test_settings_page_needs_manage_options(wordpress_clean: WordPressSite) -> None:
    configure_plugin(wordpress_clean, "http://127.0.0.1:9")
    made = wordpress_clean.rest("POST", "/wp/v2/users", json={
        "username": "reader", "email": "reader@example.invalid", "password": "a reader's password",
        "roles": ["author"]})
    assert made.status_code == 201, made.text
    try:
        author = logged_in(wordpress_clean, "reader", "a reader's password")
        assert author.get(PAGE).status_code == 403
        # Nor can an author save the settings through options.php.
        saved = author.post("/wp-admin/options.php", data={
            "option_page": "runphys_search", "action": "update", f"{OPTION}[service_url]": "http://evil.example"})
        assert saved.status_code == 403
        author.close()
    finally:
        wordpress_clean.rest("DELETE", f"/wp/v2/users/{made.json()['id']}", params={"force": "true", "reassign": 1})
    assert wordpress_clean.get_option(OPTION)["service_url"] == "http://127.0.0.1:9"


def test_settings_page_never_shows_the_token(admin: httpx.Client, wordpress_clean: WordPressSite) -> None:
    page = admin.get(PAGE)
    assert page.status_code == 200
    assert "RunPhys Search" in page.text
    assert ADMIN_TOKEN not in page.text
    assert ADMIN_TOKEN[:12] not in page.text
    assert "••••••••" + ADMIN_TOKEN[-4:] in page.text  # that one is set, and which
    assert "The service cannot be reached" in page.text


def test_saving_needs_the_nonce(admin: httpx.Client, wordpress_clean: WordPressSite) -> None:
    form = form_fields(admin.get(PAGE).text)
    forged = {**form, "_wpnonce": "0123456789"}
    for fields in ({k: v for k, v in form.items() if k != "_wpnonce"}, forged):
        answer = admin.post("/wp-admin/options.php", data={**fields, f"{OPTION}[service_url]": "http://evil.example",
                                                           f"{OPTION}[related_count]": "9"})
        assert answer.status_code == 403
    assert wordpress_clean.get_option(OPTION)["service_url"] == "http://127.0.0.1:9"


def test_saving_keeps_the_token_unless_a_new_one_is_typed(admin: httpx.Client, wordpress_clean: WordPressSite) -> None:
    form = form_fields(admin.get(PAGE).text)
    saved = admin.post("/wp-admin/options.php", data={
        **form, f"{OPTION}[service_url]": "https://search.example.com/", f"{OPTION}[admin_token]": "",
        f"{OPTION}[related_count]": "6", f"{OPTION}[related_auto]": "1", f"{OPTION}[replace_search]": "1"})
    assert saved.status_code == 302
    options = wordpress_clean.get_option(OPTION)
    assert options == {"service_url": "https://search.example.com", "admin_token": ADMIN_TOKEN, "related_count": 6,
                       "videos_only": False, "related_auto": True, "replace_search": True}

    new_token = "a-new-token-typed-by-the-author-9876"
    form = form_fields(admin.get(PAGE).text)
    admin.post("/wp-admin/options.php", data={**form, f"{OPTION}[service_url]": "https://search.example.com",
                                              f"{OPTION}[admin_token]": new_token, f"{OPTION}[related_count]": "500"})
    options = wordpress_clean.get_option(OPTION)
    assert options["admin_token"] == new_token
    assert options["related_count"] == 50
    page = admin.get(PAGE).text
    assert new_token not in page
    assert "••••••••9876" in page

    form = form_fields(page)
    admin.post("/wp-admin/options.php", data={**form, f"{OPTION}[service_url]": "javascript:alert(1)",
                                              f"{OPTION}[forget_token]": "1"})
    options = wordpress_clean.get_option(OPTION)
    assert options["admin_token"] == ""
    assert options["service_url"] == "https://search.example.com"  # a bad URL keeps the old one


def test_constants_are_shown_as_set_in_wp_config(admin: httpx.Client, wordpress_clean: WordPressSite) -> None:
    secret = "token-from-wp-config-abcdefghijklmnop"
    wordpress_clean.define_constants(RUNPHYS_SERVICE_URL="http://127.0.0.1:10", RUNPHYS_ADMIN_TOKEN=secret)
    page = admin.get(PAGE).text
    assert "Set by RUNPHYS_SERVICE_URL in wp-config.php" in page
    assert "Set by RUNPHYS_ADMIN_TOKEN in wp-config.php" in page
    assert re.search(r'<input[^>]*id="runphys_search_service_url"[^>]*value="http://127.0.0.1:10"[^>]*readonly', page)
    assert secret not in page


def test_plugins_screen_links_to_the_settings(admin: httpx.Client) -> None:
    plugins = admin.get("/wp-admin/plugins.php").text
    assert "options-general.php?page=runphys-search" in plugins


def test_uninstall_removes_the_options(wordpress_clean: WordPressSite) -> None:
    site = wordpress_clean
    configure_plugin(site, "http://127.0.0.1:9")
    site.set_option("_transient_runphys_search_0123", {"ok": True})
    post = site.create_post("Video: Strides", "<p>Strides after an easy run.</p>")
    site.php(f"update_post_meta({post['id']}, '{RELATED_META}', ['k' => ['ok' => true]]);")
    try:
        out = site.php(
            f"deactivate_plugins('{PLUGIN_FILE}');\n"
            f"uninstall_plugin('{PLUGIN_FILE}');\n"
            f"echo json_encode(get_option('{OPTION}', null));\n"
        )
        assert out.strip().splitlines()[-1] == "null"
        assert site.sql("SELECT option_name FROM wp_options WHERE option_name LIKE '%runphys%'").strip() == ""
        assert site.sql(f"SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '{RELATED_META}'").strip() == "0"
    finally:
        site.php(f"activate_plugin('{PLUGIN_FILE}');\n")
    assert site.get_option(OPTION)["related_count"] == 4  # activation stores the defaults again
