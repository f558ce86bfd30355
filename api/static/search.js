/* runphys-search: as-you-type suggestions for the search box (ARIA 1.2 combobox, no framework). */
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  var form = document.getElementById("search-form");
  var status = document.getElementById("suggest-status");
  if (!input || !list || !form) return;

  var KIND_LABELS = { post: "post", body_part: "body part", injury: "injury" };
  var items = [];
  var active = -1;
  var timer = null;
  var controller = null;
  var lastQuery = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    var item = items[index];
    if (!item) return;
    if (item.kind === "post" && item.slug) {
      window.location.assign("/posts/" + encodeURIComponent(item.slug));
      return;
    }
    input.value = item.text;
    close();
    form.submit();
  }

  function render(suggestions) {
    items = suggestions;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!suggestions.length) {
      close();
      if (status) status.textContent = "No suggestions";
      return;
    }
    suggestions.forEach(function (item, index) {
      var li = document.createElement("li");
      li.id = "suggestion-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.kind = item.kind;
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = item.text;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = KIND_LABELS[item.kind] || item.kind;
      li.appendChild(text);
      li.appendChild(kind);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus in the input
        choose(index);
      });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    if (status) {
      status.textContent = suggestions.length + (suggestions.length === 1 ? " suggestion" : " suggestions") +
        ", use up and down arrows";
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < 2) {
      render([]);
      return;
    }
    if (controller) controller.abort();
    controller = typeof AbortController === "function" ? new AbortController() : null;
    var url = "/api/v1/suggest?limit=8&q=" + encodeURIComponent(query);
    fetch(url, { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (input.value.trim() === query) render(data.suggestions || []);
      })
      .catch(function () { /* aborted or offline: keep the plain search box */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 120);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && items.length > 0;
    if (event.key === "ArrowDown") {
      if (!open) { lastQuery = null; fetchSuggestions(); return; }
      event.preventDefault();
      highlight(active + 1 >= items.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      highlight(active - 1 < 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
