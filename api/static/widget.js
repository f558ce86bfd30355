/* runphys-search related-videos widget.
 *
 *   <div data-runphys-related="SLUG" data-limit="4"></div>
 *   <script src="https://SEARCH-HOST/widget.js" defer></script>
 *
 * Fetches SEARCH-HOST/api/v1/posts/SLUG/related (video posts, under "Related videos";
 * data-videos-only="false" for every kind of post, under "Related posts") and renders the list
 * inside a shadow root, so the host page's CSS and ours never meet. Text goes in with
 * textContent only. A post with a video but no thumbnail gets a play mark; a post without a video
 * gets none. An unknown post (404) or an empty list says "No related videos yet." (or posts); only
 * a real failure (the API unreachable, refused, or answering 5xx) says it "could not be loaded".
 * `data-api="https://other-host"` on the div overrides the API origin.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var DEFAULT_ORIGIN = script && script.src ? new URL(script.src, document.baseURI).origin : window.location.origin;

  var CSS = [
    ":host { display: block; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1d2430; }",
    ".box { border: 1px solid #d9dee7; border-radius: 8px; padding: 12px 14px; background: #fff; }",
    "h2 { font-size: 16px; margin: 0 0 10px; }",
    "ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }",
    "a { color: #0b6bcb; text-decoration: none; display: block; border-radius: 6px; }",
    "a:hover .title, a:focus-visible .title { text-decoration: underline; }",
    "a:focus-visible { outline: 3px solid #ff9f1c; outline-offset: 2px; }",
    ".thumb { display: block; width: 100%; aspect-ratio: 16 / 9; object-fit: cover; border-radius: 6px; background: #e8eef7; }",
    ".placeholder { display: flex; align-items: center; justify-content: center; font-size: 28px; color: #5b6577;",
    "  background: linear-gradient(135deg, #e8eef7, #d3deef); }",
    ".title { display: block; font-size: 14px; line-height: 1.35; margin-top: 6px; color: #1d2430; }",
    ".state { margin: 0; color: #5b6577; font-size: 14px; }",
    ".error { color: #9b1c1c; }"
  ].join("\n");

  function safeHttpUrl(url) {
    if (!url) return "";
    try {
      var parsed = new URL(url, document.baseURI);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "";
    } catch (e) {
      return "";
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function styleRoot(root) {
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch (e) { /* fall through to a <style> element */ }
    }
    root.appendChild(el("style", "", CSS));
  }

  // One encoded path segment: a "/" in a slug stays inside it, and "." or ".." (which a browser
  // would resolve away, leaving the post's folder) are never used.
  function isKey(value) {
    return typeof value === "string" && value !== "" && value !== "." && value !== "..";
  }

  function postPath(related) {
    var key = isKey(related.slug) ? related.slug : (isKey(related.id) ? related.id : "");
    return key ? "/posts/" + encodeURIComponent(key) : "/";
  }

  function item(related, origin) {
    var li = el("li", "item");
    var href = safeHttpUrl(related.url) || origin + postPath(related);
    var link = el("a", "link");
    link.href = href;
    var thumbUrl = safeHttpUrl(related.thumbnail_url);
    if (thumbUrl) {
      var img = el("img", "thumb");
      img.src = thumbUrl;
      img.alt = "";
      img.loading = "lazy";
      link.appendChild(img);
    } else if (related.has_video) {
      // A video without a thumbnail: a play mark stands in for it. A post without a video gets none.
      var tile = el("span", "thumb placeholder", "\u25B6");
      tile.setAttribute("aria-hidden", "true");
      link.appendChild(tile);
    }
    link.appendChild(el("span", "title", related.title || related.slug || ""));
    li.appendChild(link);
    return li;
  }

  function mount(host) {
    if (host.__runphysMounted) return;
    host.__runphysMounted = true;
    var slug = host.getAttribute("data-runphys-related") || "";
    var origin = (host.getAttribute("data-api") || DEFAULT_ORIGIN).replace(/\/+$/, "");
    var limit = parseInt(host.getAttribute("data-limit") || "4", 10);
    if (!(limit >= 1 && limit <= 50)) limit = 4;
    // Videos only unless the host page says data-videos-only="false".
    var videosOnly = host.getAttribute("data-videos-only") !== "false";

    var what = videosOnly ? "videos" : "posts";

    var root = host.shadowRoot || host.attachShadow({ mode: "open" });
    styleRoot(root);
    var box = el("section", "box");
    box.setAttribute("aria-label", "Related " + what);
    box.appendChild(el("h2", "heading", "Related " + what));
    var state = el("p", "state", "Loading\u2026");
    state.setAttribute("role", "status");
    box.appendChild(state);
    root.appendChild(box);

    var nothing = "No related " + what + " yet.";
    if (!isKey(slug)) {
      state.textContent = nothing;
      return;
    }
    var url = origin + "/api/v1/posts/" + encodeURIComponent(slug) + "/related?limit=" + limit +
      "&videos_only=" + (videosOnly ? "true" : "false");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) {
        // An unknown post (renamed, not built yet) has no related list: that is not a failure.
        if (response.status === 404) return { related: [] };
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var related = (data && data.related) || [];
        if (!related.length) {
          state.textContent = nothing;
          return;
        }
        var list = el("ul", "list");
        related.forEach(function (r) { list.appendChild(item(r, origin)); });
        box.replaceChild(list, state);
      })
      .catch(function () {
        state.textContent = "Related " + what + " could not be loaded.";
        state.className = "state error";
      });
  }

  function mountAll() {
    var hosts = document.querySelectorAll("[data-runphys-related]");
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
