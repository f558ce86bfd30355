"""A real WordPress for the tests: Debian's `wordpress` on its own MariaDB, served by php's built-in server.

Nothing is written outside the directory the site is given: MariaDB gets its own datadir and
socket there, and WordPress runs from a per-session tree that copies the small top-level files and
`wp-admin/` (they find `wp-config.php` next to their real path, so they cannot be links), links
`wp-includes/` and the themes, and has its own `wp-config.php` and `wp-content/`. Our plugin
(`wordpress/runphys-search`) is linked into `wp-content/plugins` and activated; our must-use
plugin `tests/wordpress/mu-plugins/runphys-test-faults.php` lets a test make the REST API fail the
ways real sites fail (`set_fault`) and logs every REST request (`requests`).

The stable API other tests use: `url`, `user`, `app_password`, `rest()`, `create_post()`,
`insert_posts()`, `export_wxr()`, `stop()` / `start()`, `set_fault()` / `clear_faults()`,
`requests()` / `clear_requests()`, `page_timings()`, `reset()`, `set_permalinks()`,
`define_constants()`, `set_option()`, `get_option()`, `php()`, `sql()`.
"""

from __future__ import annotations

import getpass
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

from tests.live_server import free_port
from tests.paths import ROOT

WORDPRESS = Path("/usr/share/wordpress")
MYSQLD = Path("/usr/sbin/mysqld")
PLUGIN = ROOT / "wordpress" / "runphys-search"
PLUGIN_FILE = "runphys-search/runphys-search.php"
MU_PLUGINS = Path(__file__).resolve().parent / "mu-plugins"
# A request carrying this header is never faulted nor logged: the tests' own editing calls.
BYPASS_HEADER = "X-Runphys-Test-Bypass"
PRETTY = "/%postname%/"
FAULT_KINDS = ("status", "rate_limit", "html", "slow", "redirect_https", "bad_json", "huge")


def missing_packages() -> list[str]:
    """The Debian packages this fixture needs that are not installed (empty when all are)."""
    missing = []
    if not (WORDPRESS / "wp-load.php").exists():
        missing.append("wordpress")
    if not MYSQLD.exists() or shutil.which("mariadb-install-db") is None or shutil.which("mariadb") is None:
        missing.append("mariadb-server")
    php = shutil.which("php")
    if php is None:
        missing.append("php-cli")
    else:
        modules = subprocess.run([php, "-m"], capture_output=True, text=True, check=False).stdout.split()
        if "mysqli" not in modules:
            missing.append("php-mysql")
    return missing


def php_literal(value: str | int | bool) -> str:
    """`value` as a PHP literal (strings single-quoted: nothing inside is interpolated)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class WordPressError(RuntimeError):
    """A step of starting or driving the test WordPress failed (the message names the step and its log)."""


class WordPressSite:
    """One WordPress install under `root`: `start_all()` once, `close()` at the end.

    `url` has no trailing slash; `user` / `app_password` are an administrator's login name and an
    application password (HTTP Basic auth against the REST API, as an editor's tools use it).
    """

    def __init__(self, root: Path, *, title: str = "RunPhys Test Blog", workers: int = 4) -> None:
        self.root = root
        self.title = title
        self.workers = workers
        self.www = root / "www"
        self.db_dir = root / "mysql"
        self.socket = self.db_dir / "mysqld.sock"
        self.faults_file = root / "faults.json"
        self.requests_file = root / "rest-requests.jsonl"
        self.server_log = root / "php-server.log"
        self.extra_config = root / "wp-config-extra.php"
        self.timing_file = root / "page-timings.jsonl"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.user = "editor-admin"
        self.password = "correct horse battery staple"
        self.email = "admin@example.invalid"
        self.app_password = ""
        self.user_id = 0
        self.db_name = "wordpress"
        self.db_user = "wp"
        self.db_password = "wp-test-password"
        self._db_admin = getpass.getuser()
        self._mysqld: subprocess.Popen[bytes] | None = None
        self._php: subprocess.Popen[bytes] | None = None
        self._http: httpx.Client | None = None
        self._terms: dict[tuple[str, str], int] = {}

    # ----------------------------------------------------------------- lifecycle

    def start_all(self) -> WordPressSite:
        """MariaDB, the WordPress tree, the install, the PHP server, the plugin, an application password."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._start_mariadb()
        self._build_tree()
        self.start()
        self._install()
        return self

    def close(self) -> None:
        """Stop the PHP server and MariaDB (the files stay, for a look after a failure)."""
        self.stop()
        if self._http is not None:
            self._http.close()
            self._http = None
        if self._mysqld is not None and self._mysqld.poll() is None:
            self._mysqld.terminate()
            try:
                self._mysqld.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._mysqld.kill()
                self._mysqld.wait(timeout=10)
        self._mysqld = None

    def start(self) -> None:
        """Start (or restart) php's built-in server on the same port; returns once it answers."""
        if self._php is not None and self._php.poll() is None:
            return
        env = {**os.environ, "PHP_CLI_SERVER_WORKERS": str(self.workers)}
        with self.server_log.open("ab") as log:
            self._php = subprocess.Popen(
                ["php", "-d", "display_errors=stderr", "-d", "log_errors=0", "-S", f"127.0.0.1:{self.port}",
                 "-t", str(self.www)],
                cwd=self.www, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._php.poll() is not None:
                raise WordPressError(f"php -S exited with {self._php.returncode}: {self._tail(self.server_log)}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise WordPressError(f"php -S did not listen on {self.port}: {self._tail(self.server_log)}")

    def stop(self) -> None:
        """Stop the PHP server only (the database keeps running): the site is then unreachable."""
        process, self._php = self._php, None
        if process is None or process.poll() is not None:
            return
        # The server forks its workers into the session it leads: end the whole group.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the workers may outlive the parent by a moment
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    time.sleep(0.05)
            except OSError:
                return

    @property
    def running(self) -> bool:
        return self._php is not None and self._php.poll() is None

    # ----------------------------------------------------------------- MariaDB

    def _start_mariadb(self) -> None:
        data = self.db_dir / "data"
        data.mkdir(parents=True, exist_ok=True)
        log = self.db_dir / "install.log"
        with log.open("wb") as out:
            done = subprocess.run(
                ["mariadb-install-db", "--no-defaults", f"--datadir={data}", f"--user={self._db_admin}",
                 "--auth-root-authentication-method=socket", "--skip-test-db"],
                stdout=out, stderr=subprocess.STDOUT, check=False,
            )
        if done.returncode != 0:
            raise WordPressError(f"mariadb-install-db failed: {self._tail(log)}")
        error_log = self.db_dir / "mysqld.log"
        self._mysqld = subprocess.Popen(
            [str(MYSQLD), "--no-defaults", f"--datadir={data}", f"--socket={self.socket}",
             f"--pid-file={self.db_dir / 'mysqld.pid'}", f"--log-error={error_log}", "--skip-networking",
             f"--user={self._db_admin}", "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=48M",
             "--innodb-flush-log-at-trx-commit=0", "--skip-innodb-doublewrite", "--performance-schema=OFF",
             "--skip-log-bin"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._mysqld.poll() is not None:
                raise WordPressError(f"mysqld exited with {self._mysqld.returncode}: {self._tail(error_log)}")
            ping = subprocess.run(["mariadb-admin", f"--socket={self.socket}", "-u", self._db_admin, "ping"],
                                  capture_output=True, check=False)
            if ping.returncode == 0:
                break
            time.sleep(0.2)
        else:
            raise WordPressError(f"mysqld did not answer on {self.socket}: {self._tail(error_log)}")
        self._sql_as_admin(
            f"CREATE DATABASE {self.db_name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;"
            f"CREATE USER '{self.db_user}'@'localhost' IDENTIFIED BY '{self.db_password}';"
            f"GRANT ALL ON {self.db_name}.* TO '{self.db_user}'@'localhost';"
        )

    def _sql_as_admin(self, statements: str, database: str = "") -> str:
        args = ["mariadb", f"--socket={self.socket}", "-u", self._db_admin, "--batch", "--skip-column-names"]
        if database:
            args.append(database)
        done = subprocess.run(args, input=statements, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise WordPressError(f"SQL failed ({statements[:200]!r}): {done.stderr.strip()}")
        return done.stdout

    def sql(self, statements: str) -> str:
        """Run SQL on the site's database; the tab-separated rows it prints (no column names)."""
        return self._sql_as_admin(statements, self.db_name)

    # ----------------------------------------------------------------- the WordPress tree

    def _build_tree(self) -> None:
        www = self.www
        www.mkdir(parents=True, exist_ok=True)
        for entry in WORDPRESS.iterdir():
            target = www / entry.name
            if entry.name in {"wp-config.php", "wp-content", ".htaccess"}:
                continue
            if entry.name == "wp-includes":
                target.symlink_to(entry)
            elif entry.is_dir():
                shutil.copytree(entry, target, symlinks=True)
            else:
                shutil.copy2(entry, target)
        content = www / "wp-content"
        for part in ("plugins", "mu-plugins", "uploads", "upgrade"):
            (content / part).mkdir(parents=True, exist_ok=True)
        (content / "themes").symlink_to(WORDPRESS / "wp-content" / "themes")
        (content / "languages").symlink_to(WORDPRESS / "wp-content" / "languages")
        (content / "plugins" / "runphys-search").symlink_to(PLUGIN)
        for plugin in MU_PLUGINS.glob("*.php"):
            shutil.copy2(plugin, content / "mu-plugins" / plugin.name)
        (www / "wp-config.php").write_text(self._config())

    def _config(self) -> str:
        php = php_literal
        salts = "\n".join(
            f"define({php(name)}, {php(os.urandom(24).hex())});"
            for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                         "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")
        )
        return f"""<?php
// Written by tests/wordpress/site.py for one test session.
define('DB_NAME', {php(self.db_name)});
define('DB_USER', {php(self.db_user)});
define('DB_PASSWORD', {php(self.db_password)});
define('DB_HOST', {php('localhost:' + str(self.socket))});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{salts}
$table_prefix = 'wp_';
define('WP_HOME', {php(self.url)});
define('WP_SITEURL', {php(self.url)});
define('WP_CONTENT_DIR', {php(str(self.www / 'wp-content'))});
define('WP_CONTENT_URL', {php(self.url + '/wp-content')});
// Application passwords over plain http need a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', {php(str(self.root / 'debug.log'))});
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', '127.0.0.1,localhost');
define('RUNPHYS_TEST_FAULTS_FILE', {php(str(self.faults_file))});
define('RUNPHYS_TEST_REQUEST_LOG', {php(str(self.requests_file))});
define('RUNPHYS_TEST_TIMING_LOG', {php(str(self.timing_file))});
// Constants a test adds for a while (`define_constants`), as a host would in wp-config.php.
if (file_exists({php(str(self.extra_config))})) {{
    require {php(str(self.extra_config))};
}}
if (!defined('ABSPATH')) {{
    define('ABSPATH', __DIR__ . '/');
}}
require_once ABSPATH . 'wp-settings.php';
"""

    @property
    def debug_log(self) -> Path:
        """WordPress's own log (WP_DEBUG_LOG): PHP notices and warnings land here."""
        return self.root / "debug.log"

    def php(self, code: str, *, stdin: str = "", installing: bool = False, timeout: float = 120) -> str:
        """Run PHP `code` with WordPress loaded (as the administrator) in php-cli; what it printed.

        The input text is in `$RUNPHYS_STDIN`. A PHP error or a non-zero exit raises WordPressError.
        """
        script = self.root / "run.php"
        if not script.exists():
            script.write_text(
                "<?php\n"
                "$_SERVER['HTTP_HOST'] = parse_url($argv[2], PHP_URL_HOST) . ':' . parse_url($argv[2], PHP_URL_PORT);\n"
                "$_SERVER['REQUEST_URI'] = '/'; $_SERVER['SERVER_NAME'] = '127.0.0.1';\n"
                "$_SERVER['REQUEST_METHOD'] = 'GET'; $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';\n"
                "if ($argv[3] === '1') { define('WP_INSTALLING', true); }\n"
                "$RUNPHYS_STDIN = stream_get_contents(STDIN);\n"
                "require $argv[1] . '/wp-load.php';\n"
                "require_once ABSPATH . 'wp-admin/includes/admin.php';\n"
                "$runphys_admin = get_user_by('login', $argv[4]);\n"
                "if ($runphys_admin) { wp_set_current_user($runphys_admin->ID); }\n"
                "eval(file_get_contents($argv[5]));\n"
            )
        code_file = self.root / f"code-{os.getpid()}-{time.monotonic_ns()}.php"
        code_file.write_text(code)
        try:
            done = subprocess.run(
                ["php", "-d", "display_errors=stderr", "-d", "error_reporting=E_ALL & ~E_DEPRECATED",
                 str(script), str(self.www), self.url, "1" if installing else "0", self.user, str(code_file)],
                input=stdin, capture_output=True, text=True, timeout=timeout, check=False, cwd=self.www,
            )
        finally:
            code_file.unlink(missing_ok=True)
        if done.returncode != 0 or "PHP Fatal error" in done.stderr or "PHP Warning" in done.stderr:
            raise WordPressError(f"php-cli failed ({done.returncode}): {done.stderr.strip()[-2000:]}\n"
                                 f"{done.stdout.strip()[-1000:]}\ncode: {code[:500]}")
        return done.stdout

    def _install(self) -> None:
        self.php(
            "$args = json_decode($RUNPHYS_STDIN, true);\n"
            "if (!is_blog_installed()) {\n"
            "  require_once ABSPATH . 'wp-admin/includes/upgrade.php';\n"
            "  $r = wp_install($args['title'], $args['user'], $args['email'], true, '', wp_slash($args['password']));\n"
            "  if (is_wp_error($r)) { fwrite(STDERR, 'PHP Fatal error: ' . $r->get_error_message()); exit(1); }\n"
            "}\n",
            stdin=json.dumps({"title": self.title, "user": self.user, "email": self.email,
                              "password": self.password}),
            installing=True,
        )
        out = self.php(
            "global $wp_rewrite;\n"
            f"$wp_rewrite->set_permalink_structure('{PRETTY}');\n"
            "flush_rewrite_rules(false);\n"
            "update_option('blogdescription', 'Running injuries, explained');\n"
            f"$active = activate_plugin('{PLUGIN_FILE}');\n"
            "if (is_wp_error($active)) {\n"
            "  fwrite(STDERR, 'PHP Fatal error: ' . $active->get_error_message()); exit(1);\n"
            "}\n"
            "$user = get_user_by('login', wp_get_current_user()->user_login);\n"
            "$made = WP_Application_Passwords::create_new_application_password(\n"
            "  $user->ID, ['name' => 'runphys-tests']);\n"
            "if (is_wp_error($made)) { fwrite(STDERR, 'PHP Fatal error: ' . $made->get_error_message()); exit(1); }\n"
            "echo json_encode(['password' => $made[0], 'user_id' => $user->ID]);\n"
        )
        made = json.loads(out.strip().splitlines()[-1])
        self.app_password = str(made["password"])
        self.user_id = int(made["user_id"])

    # ----------------------------------------------------------------- REST, as an editor

    @property
    def http(self) -> httpx.Client:
        """An httpx client authenticated with the application password (faults and the log skip it)."""
        if self._http is None:
            self._http = httpx.Client(auth=(self.user, self.app_password), headers={BYPASS_HEADER: "1"},
                                      timeout=60, follow_redirects=False)
        return self._http

    def rest(self, method: str, path: str, json: Any = None, params: Mapping[str, Any] | None = None) -> httpx.Response:
        """Call the REST API route `path` (e.g. `/wp/v2/posts/12`) as the administrator.

        Addressed as `?rest_route=`, which works with pretty and plain permalinks alike.
        """
        query: dict[str, Any] = {"rest_route": path}
        query.update(params or {})
        return self.http.request(method, self.url + "/", params=query, json=json)

    def _term_id(self, taxonomy: str, name: str) -> int:
        key = (taxonomy, name)
        if key not in self._terms:
            route = "/wp/v2/categories" if taxonomy == "category" else "/wp/v2/tags"
            made = self.rest("POST", route, json={"name": name})
            body = made.json()
            if made.status_code == 201:
                self._terms[key] = int(body["id"])
            elif body.get("code") == "term_exists":
                self._terms[key] = int(body["data"]["term_id"])
            else:
                raise WordPressError(f"creating {taxonomy} {name!r}: {made.status_code} {made.text[:300]}")
        return self._terms[key]

    def create_post(self, title: str, content: str, status: str = "publish", categories: Iterable[str] = (),
                    tags: Iterable[str] = (), **fields: Any) -> dict[str, Any]:
        """Create a post through the REST API (category and tag names are made when new); its JSON.

        Extra `fields` go into the request as they are (`slug`, `excerpt`, `date_gmt`, ...).
        """
        body: dict[str, Any] = {"title": title, "content": content, "status": status, **fields}
        cats = [self._term_id("category", name) for name in categories]
        if cats:
            body["categories"] = cats
        tag_ids = [self._term_id("post_tag", name) for name in tags]
        if tag_ids:
            body["tags"] = tag_ids
        made = self.rest("POST", "/wp/v2/posts", json=body)
        if made.status_code != 201:
            raise WordPressError(f"creating post {title!r}: {made.status_code} {made.text[:500]}")
        post: dict[str, Any] = made.json()
        return post

    def insert_posts(self, posts: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert many posts at once with `wp_insert_post` in one php-cli run (fast); their ids.

        Each mapping has `title`, `content` and optionally `status`, `slug`, `date_gmt`,
        `categories` / `tags` (names), `excerpt`.
        """
        out = self.php(
            "wp_defer_term_counting(true);\n"
            "$ids = [];\n"
            "foreach (json_decode($RUNPHYS_STDIN, true) as $p) {\n"
            "  $cats = [];\n"
            "  foreach (($p['categories'] ?? []) as $name) {\n"
            "    $t = term_exists($name, 'category');\n"
            "    if (!$t) { $t = wp_insert_term($name, 'category'); }\n"
            "    $cats[] = (int) $t['term_id'];\n"
            "  }\n"
            "  $post = ['post_title' => $p['title'], 'post_content' => $p['content'],\n"
            "           'post_status' => $p['status'] ?? 'publish', 'post_type' => 'post',\n"
            "           'post_excerpt' => $p['excerpt'] ?? '', 'post_author' => get_current_user_id(),\n"
            "           'post_category' => $cats, 'tags_input' => $p['tags'] ?? []];\n"
            "  if (!empty($p['slug'])) { $post['post_name'] = $p['slug']; }\n"
            "  if (!empty($p['date_gmt'])) { $post['post_date_gmt'] = $p['date_gmt'];\n"
            "    $post['post_date'] = get_date_from_gmt($p['date_gmt']); }\n"
            "  $id = wp_insert_post(wp_slash($post), true);\n"
            "  if (is_wp_error($id)) { fwrite(STDERR, 'PHP Fatal error: ' . $id->get_error_message()); exit(1); }\n"
            "  $ids[] = $id;\n"
            "}\n"
            "wp_defer_term_counting(false);\n"
            "echo json_encode($ids);\n",
            stdin=json.dumps(list(map(dict, posts))),
            timeout=600,
        )
        return [int(i) for i in json.loads(out.strip().splitlines()[-1])]

    def export_wxr(self, content: str = "all") -> bytes:
        """The site's WXR export, as Tools → Export writes it (`export_wp`); `content` as there."""
        out = self.php(
            "require_once ABSPATH . 'wp-admin/includes/export.php';\n"
            f"export_wp(['content' => {json.dumps(content)}]);\n"
        )
        return out.encode("utf-8")

    # ----------------------------------------------------------------- state between tests

    def reset(self) -> None:
        """Back to an empty blog, fast (SQL): no posts or pages, no faults, an empty request log, the
        plugin's settings and all transients gone; pretty permalinks; the PHP server running."""
        self.clear_faults()
        self.clear_requests()
        self.timing_file.unlink(missing_ok=True)
        self.define_constants()
        self.sql(
            "DELETE pm FROM wp_postmeta pm JOIN wp_posts p ON p.ID = pm.post_id"
            " WHERE p.post_type IN ('post', 'page', 'revision', 'attachment');"
            "DELETE tr FROM wp_term_relationships tr JOIN wp_posts p ON p.ID = tr.object_id"
            " WHERE p.post_type IN ('post', 'page', 'revision', 'attachment');"
            "DELETE FROM wp_comments; DELETE FROM wp_commentmeta;"
            "DELETE FROM wp_posts WHERE post_type IN ('post', 'page', 'revision', 'attachment');"
            "UPDATE wp_term_taxonomy SET count = 0;"
            "DELETE FROM wp_options WHERE option_name LIKE 'runphys\\_%'"
            " OR option_name LIKE '\\_transient\\_%' OR option_name LIKE '\\_site\\_transient\\_%';"
        )
        self.set_permalinks(pretty=True)
        self.start()

    def set_permalinks(self, *, pretty: bool) -> None:
        """Pretty (`/%postname%/`, REST at /wp-json/) or plain permalinks (REST only at ?rest_route=)."""
        structure = PRETTY if pretty else ""
        # The rewrite rules are rebuilt lazily by WordPress when the option is empty.
        self.sql(f"UPDATE wp_options SET option_value = '{structure}' WHERE option_name = 'permalink_structure';"
                 "UPDATE wp_options SET option_value = '' WHERE option_name = 'rewrite_rules';")

    def define_constants(self, **constants: str | int | bool) -> None:
        """Define these PHP constants in wp-config.php from now on (none: remove the ones defined)."""
        if not constants:
            self.extra_config.unlink(missing_ok=True)
            return
        lines = ["<?php"] + [f"define({php_literal(name)}, {php_literal(value)});" for name, value in constants.items()]
        self.extra_config.write_text("\n".join(lines) + "\n")

    def set_option(self, name: str, value: Any) -> None:
        """`update_option(name, value)` in WordPress (value as JSON: strings, numbers, lists, maps)."""
        self.php("$v = json_decode($RUNPHYS_STDIN, true);\n"
                 f"update_option({json.dumps(name)}, $v['value']);\n",
                 stdin=json.dumps({"value": value}))

    def get_option(self, name: str) -> Any:
        """`get_option(name)` (None when unset), decoded from JSON."""
        out = self.php(f"echo json_encode(get_option({json.dumps(name)}, null));\n")
        return json.loads(out.strip().splitlines()[-1])

    # ----------------------------------------------------------------- faults and the request log

    def set_fault(self, kind: str, **params: Any) -> None:
        """Add a fault rule the REST API obeys (the tests' own `rest()` calls are exempt).

        kinds: `status` (`status=401|403|404|500|502|503|...`, optional `body`, `retry_after`),
        `rate_limit` (429 with `retry_after` seconds, default 1), `html` (a 200 HTML page instead of
        JSON), `slow` (`seconds`, then the real answer), `redirect_https` (301 to the same address
        on https), `bad_json` (200 with a truncated JSON body), `huge` (a 200 answer of `mib` MiB, or
        one declaring `declared` bytes in Content-Length). Every rule also takes `match` (only
        requests whose URL, decoded, contains this text) and `times` (only the first N matching
        requests; unlimited by default). The first rule that matches applies.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {', '.join(FAULT_KINDS)}")
        rules = json.loads(self.faults_file.read_text()) if self.faults_file.exists() else []
        rules.append({"kind": kind, **params})
        tmp = self.faults_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(rules))
        tmp.replace(self.faults_file)

    def clear_faults(self) -> None:
        """No fault rules: the REST API answers normally."""
        self.faults_file.unlink(missing_ok=True)

    def requests(self) -> list[dict[str, Any]]:
        """The REST requests served since the last `clear_requests()`, in the order they ended.

        Each: `start` / `end` (Unix seconds), `method`, `uri`, `user_agent`, `status`, `fault`.
        """
        if not self.requests_file.exists():
            return []
        return [json.loads(line) for line in self.requests_file.read_text().splitlines() if line.strip()]

    def clear_requests(self) -> None:
        self.requests_file.unlink(missing_ok=True)

    def page_timings(self, *, start: bool = False) -> list[dict[str, Any]]:
        """The server-side cost of each non-REST page served since the last call with `start=True`.

        Each: `uri`, `wall` and `cpu` (seconds from the must-use plugins loading to the end of the
        request), `status`. `start=True` empties the record and starts recording (off by default).
        """
        if start:
            self.timing_file.write_text("")
            return []
        if not self.timing_file.exists():
            return []
        return [json.loads(line) for line in self.timing_file.read_text().splitlines() if line.strip()]

    # ----------------------------------------------------------------- helpers

    @staticmethod
    def _tail(path: Path, chars: int = 2000) -> str:
        return path.read_text(errors="replace")[-chars:] if path.exists() else f"(no {path.name})"
