// /author/gaps: colour the heatmap from data-level and make tables sortable.
// The page CSP allows our own scripts and stylesheets only, so styles go through the CSSOM.
(function () {
  "use strict";
  var LOW = [239, 246, 255], HIGH = [8, 69, 148];

  function colour(level) {
    var c = LOW.map(function (lo, i) { return Math.round(lo + (HIGH[i] - lo) * level); });
    return "rgb(" + c.join(", ") + ")";
  }

  function paintHeatmap() {
    document.querySelectorAll("table.gaps-heatmap td.cell").forEach(function (td) {
      var level = parseFloat(td.dataset.level || "0");
      if (td.classList.contains("empty")) {
        td.style.backgroundColor = "#fafafa";
        td.style.color = "#b00020";
      } else {
        td.style.backgroundColor = colour(level);
        td.style.color = level > 0.55 ? "#fff" : "#1a1a1a";
      }
      if (td.classList.contains("thin")) {
        td.style.outline = "2px dashed #d97706";
        td.style.outlineOffset = "-3px";
      }
      td.style.textAlign = "center";
    });
  }

  function cellValue(row, index) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    var number = parseFloat(text);
    return isNaN(number) ? text.toLowerCase() : number;
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.style.cursor = "pointer";
      th.setAttribute("aria-sort", "none");
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var cmp = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? cmp : -cmp;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function start() {
    paintHeatmap();
    document.querySelectorAll("table.sortable").forEach(makeSortable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
