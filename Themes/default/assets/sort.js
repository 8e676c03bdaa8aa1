// Sortable tables: a small progressive enhancement. Without JavaScript the
// ranking table stays sorted by rank. With it, each column header becomes a
// button; aria-sort tells screen readers the current order.
(function () {
  "use strict";
  var german = document.documentElement.lang !== "en";
  // A cell's sort key: its data-sort, else its text; for a number column the
  // figure as the page shows it ("1 234,5", "(12,5)", "−0,3 p") read back,
  // and "" for a symbol (".", "k. A."), which sorts last.
  function key(cell, numeric) {
    var given = cell.getAttribute("data-sort");
    if (given !== null) { return given; }
    var t = cell.textContent.trim();
    if (!numeric) { return t; }
    t = t.replace(/[\s\u202F\u00A0\u2009()]/g, "").replace(/\u2212/g, "-");
    t = german ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
    var m = t.match(/^[-+]?\d+(\.\d+)?/);
    return m ? m[0] : "";
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index], numeric);
          var y = key(b.cells[index], numeric);
          // Rows without a value stay at the end in either direction.
          if (x === "" || y === "") { return (x === "") - (y === ""); }
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, document.documentElement.lang);
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
