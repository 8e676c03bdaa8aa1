// Sortable tables: a small progressive enhancement. Without JavaScript the
// ranking table stays sorted by rank. With it, each column header becomes a
// button; aria-sort tells screen readers the current order.
(function () {
  "use strict";
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
          var x = a.cells[index].getAttribute("data-sort") || "";
          var y = b.cells[index].getAttribute("data-sort") || "";
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
