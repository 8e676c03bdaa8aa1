// The table builder and the comparison (tabelle/, vergleich/). Each page's
// form keeps its state in the address (?spalte=…&land=…, ?ags=…), so a view
// can be sent as a link; this script reads it, draws the view from the
// page's daten.json (every district's figures as the pages show them) and
// writes it back on every change. Without the script the pages link the
// complete theme tables and the Steckbriefe.
(function () {
  "use strict";
  var german = document.documentElement.lang !== "en";

  // A figure as the pages show it ("1 234,5", "(12,5)", "−0,3", "12,5 p")
  // read back as a number; null for a symbol (".", "k. A.").
  function parse(text) {
    var t = String(text).replace(/[\s\u202F\u00A0\u2009()]/g, "").replace(/\u2212/g, "-");
    t = german ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
    var m = t.match(/^[-+]?\d+(\.\d+)?/);
    return m ? parseFloat(m[0]) : null;
  }
  // A number typed into a filter, in either notation ("6", "6,5", "6.5").
  function typed(text) {
    var t = String(text || "").trim().replace(/\s/g, "").replace(",", ".").replace(/\u2212/g, "-");
    return /^[-+]?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
  }
  function fill(template, values) {
    return template.replace(/\{(\d)\}/g, function (_, k) { return values[k - 1]; });
  }
  function element(name, text, attributes) {
    var e = document.createElement(name);
    if (text !== undefined && text !== null) { e.textContent = text; }
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    return e;
  }

  // CSV of a view: plain (comma, decimal point) or the German Excel form
  // (semicolon, decimal comma, BOM), as the site's other downloads. A cell
  // that is a plain figure is written as a number, anything else as shown.
  function csv(header, rows, excel) {
    var sep = excel ? ";" : ",";
    function field(cell) {
      var s = String(cell);
      var plain = /^[-+]?[\d\u202F.,]+$/.test(s.replace(/\u2212/g, "-")) ? parse(s) : null;
      if (plain !== null && !/[()]/.test(s)) {
        s = String(plain);
        return excel ? s.replace(".", ",") : s;
      }
      // A text that a spreadsheet would run as a formula is kept as text.
      if (/^[=+\-@]/.test(s)) { s = "'" + s; }
      return s.indexOf(sep) >= 0 || s.indexOf('"') >= 0 || s.indexOf("\n") >= 0 ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    var lines = [header].concat(rows).map(function (r) { return r.map(field).join(sep); });
    return (excel ? "\uFEFF" : "") + lines.join("\r\n") + "\r\n";
  }
  function dataURL(text) { return "data:text/csv;charset=utf-8," + encodeURIComponent(text); }

  function load(form, then) {
    fetch(form.getAttribute("data-data"))
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(then)
      .catch(function () { /* the page stays as without a script */ });
  }

  // The form's state from the address: checkboxes and fields by name.
  function restore(form, params) {
    if (!Array.from(params.keys()).length) { return; }
    Array.from(form.elements).forEach(function (e) {
      if (!e.name) { return; }
      var values = params.getAll(e.name);
      if (e.type === "checkbox") { e.checked = values.indexOf(e.value) >= 0; } else if (values.length) { e.value = values[0]; }
    });
  }
  function query(form, extra) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (String(v).trim() !== "") { params.append(k, v); } });
    Object.keys(extra || {}).forEach(function (k) { if (extra[k]) { params.set(k, extra[k]); } });
    return params;
  }

  // --- The table builder -------------------------------------------------
  function tableBuilder(form, data) {
    var result = form.parentNode.querySelector(".tablebuilder-result");
    var table = result.querySelector("table");
    var params = new URLSearchParams(location.search);
    var sort = { key: params.get("sort") || "name", dir: params.get("dir") === "desc" ? "desc" : "asc" };
    var byId = {};
    data.indicators.forEach(function (ind, k) { byId[ind.id] = k; });
    var landName = {};
    data.laender.forEach(function (l) { landName[l[0]] = l[1]; });
    restore(form, params);

    // The rows and columns the form asks for, sorted.
    function view() {
      var p = query(form);
      var columns = p.getAll("spalte").filter(function (id) { return id in byId; }).map(function (id) { return data.indicators[byId[id]]; });
      var laender = p.getAll("land"), peers = p.getAll("typ"), kinds = p.getAll("art");
      var ranges = [1, 2, 3].map(function (n) {
        return { ind: p.get("wert" + n), from: typed(p.get("von" + n)), to: typed(p.get("bis" + n)) };
      }).filter(function (r) { return r.ind in byId && (r.from !== null || r.to !== null); });
      var rows = [];
      data.kreise.forEach(function (k, index) {
        if (laender.length && laender.indexOf(k[2]) < 0) { return; }
        if (peers.length && peers.indexOf(k[4]) < 0) { return; }
        if (kinds.length && kinds.indexOf(k[3]) < 0) { return; }
        for (var r = 0; r < ranges.length; r++) {
          var v = parse(data.indicators[byId[ranges[r].ind]].values[index]);
          if (v === null || (ranges[r].from !== null && v < ranges[r].from) || (ranges[r].to !== null && v > ranges[r].to)) { return; }
        }
        rows.push(index);
      });
      var keyOf = sort.key === "name" ? function (i) { return data.kreise[i][1]; }
        : sort.key === "land" ? function (i) { return landName[data.kreise[i][2]] || ""; }
        : sort.key === "ags" ? function (i) { return data.kreise[i][0]; }
        : sort.key in byId ? function (i) { return parse(data.indicators[byId[sort.key]].values[i]); } : null;
      if (keyOf) {
        rows.sort(function (a, b) {
          var x = keyOf(a), y = keyOf(b);
          // Districts without a figure stay at the end in either order.
          if (x === null || y === null) { return (x === null) - (y === null); }
          var c = typeof x === "number" ? x - y : x.localeCompare(y, document.documentElement.lang);
          if (c === 0) { c = data.kreise[a][0] < data.kreise[b][0] ? -1 : 1; }
          return sort.dir === "desc" ? -c : c;
        });
      }
      return { columns: columns, rows: rows };
    }

    function draw() {
      var v = view();
      var heads = [["ags", form.getAttribute("data-ags")], ["name", form.getAttribute("data-kreis")], ["land", form.getAttribute("data-land")]]
        .concat(v.columns.map(function (ind) { return [ind.id, ind.title + " (" + ind.year + ", " + ind.unit + ")"]; }));
      table.tHead.textContent = "";
      var headRow = table.tHead.insertRow();
      heads.forEach(function (h, k) {
        var th = element("th", null, { scope: "col" });
        if (k === 0 || k > 2) { th.className = "num"; }
        var button = element("button", h[1], { type: "button" });
        if (sort.key === h[0]) { th.setAttribute("aria-sort", sort.dir === "desc" ? "descending" : "ascending"); }
        button.addEventListener("click", function () {
          sort = { key: h[0], dir: sort.key === h[0] && sort.dir === "asc" ? "desc" : "asc" };
          update();
        });
        th.appendChild(button);
        headRow.appendChild(th);
      });
      var body = table.tBodies[0];
      body.textContent = "";
      var exported = [];
      v.rows.forEach(function (i) {
        var k = data.kreise[i];
        var tr = body.insertRow();
        tr.appendChild(element("td", k[0], { "class": "num" }));
        var th = element("th", null, { scope: "row" });
        th.appendChild(element("a", k[1], { href: form.getAttribute("data-base") + "kreis/" + k[0] + "/index.html" }));
        tr.appendChild(th);
        tr.appendChild(element("td", landName[k[2]] || ""));
        var line = [k[0], k[1], landName[k[2]] || ""];
        v.columns.forEach(function (ind) {
          tr.appendChild(element("td", ind.values[i], { "class": "num" }));
          line.push(ind.values[i]);
        });
        exported.push(line);
      });
      var status = fill(form.getAttribute("data-status"), [v.rows.length, data.kreise.length]);
      table.caption.textContent = status;
      result.querySelector(".tb-status").textContent = status;
      var header = heads.map(function (h) { return h[1]; });
      result.querySelector(".tb-csv").href = dataURL(csv(header, exported, false));
      result.querySelector(".tb-excel").href = dataURL(csv(header, exported, true));
      result.hidden = false;
    }

    function update() {
      var p = query(form, { sort: sort.key === "name" && sort.dir === "asc" ? "" : sort.key, dir: sort.dir === "desc" ? "desc" : "" });
      history.replaceState(null, "", "?" + p.toString());
      draw();
    }
    // On a phone the choices are a long scroll before the table: there they
    // are folded once a table is shown (their summaries stay, one tap opens them).
    var narrow = window.matchMedia("(max-width: 40rem)");
    function fold() { if (narrow.matches) { form.querySelectorAll("details.choices").forEach(function (d) { d.open = false; }); } }
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); fold(); });
    form.hidden = false;
    draw();
    fold();
  }

  // --- The comparison ----------------------------------------------------
  // A district's small series in a comparison cell: the districts of a row
  // share one scale (years and values), so their courses can be compared;
  // the svg is named by the sentence that says its figures.
  function sparkline(points, box, text) {
    var ns = "http://www.w3.org/2000/svg", w = 120, h = 32, pad = 4;
    function node(name, attributes) {
      var e = document.createElementNS(ns, name);
      Object.keys(attributes).forEach(function (k) { e.setAttribute(k, attributes[k]); });
      return e;
    }
    function x(year) { return box.y1 === box.y0 ? w / 2 : pad + (year - box.y0) / (box.y1 - box.y0) * (w - 2 * pad); }
    function y(v) { return box.hi === box.lo ? h / 2 : pad + (box.hi - v) / (box.hi - box.lo) * (h - 2 * pad); }
    var svg = node("svg", { viewBox: "0 0 " + w + " " + h, width: w, height: h, role: "img", "class": "compare-spark" });
    var title = node("title", {});
    title.textContent = text;
    svg.appendChild(title);
    // Missing years break the line, as on the Steckbrief.
    var d = "", prev = null;
    points.forEach(function (p) {
      d += (prev !== null && p[0] === prev + 1 ? " " : "M") + x(p[0]).toFixed(1) + " " + y(p[1]).toFixed(1);
      prev = p[0];
    });
    svg.appendChild(node("path", { d: d, "class": "line em" }));
    var last = points[points.length - 1];
    svg.appendChild(node("path", { d: "M" + x(last[0]).toFixed(1) + " " + y(last[1]).toFixed(1) + "h0", "class": "dots" }));
    return svg;
  }

  // Each chosen district's series (vergleich/verlauf/<AGS>.json), then each
  // row's small series on the row's scale; the tables are aria-busy until
  // then. A file that does not load leaves its cells as they are.
  function addSeries(base, cells, codes, out) {
    out.setAttribute("aria-busy", "true");
    Promise.all(codes.map(function (c) {
      return fetch(base + "vergleich/verlauf/" + c + ".json")
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    })).then(function (files) {
      var series = {};
      codes.forEach(function (c, k) { series[c] = files[k]; });
      var rows = {};
      cells.forEach(function (cell) {
        var s = series[cell.code][cell.ind];
        if (!s) { return; }
        var box = rows[cell.ind] || (rows[cell.ind] = { y0: Infinity, y1: -Infinity, lo: Infinity, hi: -Infinity });
        s.points.forEach(function (p) {
          box.y0 = Math.min(box.y0, p[0]); box.y1 = Math.max(box.y1, p[0]);
          box.lo = Math.min(box.lo, p[1]); box.hi = Math.max(box.hi, p[1]);
        });
      });
      cells.forEach(function (cell) {
        var s = series[cell.code][cell.ind];
        if (s) { cell.td.appendChild(sparkline(s.points, rows[cell.ind], s.text)); }
      });
      out.removeAttribute("aria-busy");
    });
  }

  function comparison(form, data) {
    var result = form.parentNode.querySelector(".compare-result");
    var params = new URLSearchParams(location.search);
    var index = {};
    data.kreise.forEach(function (k, i) { index[k[0]] = i; });
    var list = form.querySelector("datalist");
    data.kreise.forEach(function (k) { list.appendChild(element("option", null, { value: k[1] + " – " + k[0] })); });
    var inputs = Array.from(form.querySelectorAll("input[name=ags]"));
    var chosen = params.getAll("ags").map(function (a) { return a.match(/\d{5}/); }).filter(Boolean)
      .map(function (m) { return m[0]; }).filter(function (a, k, all) { return a in index && all.indexOf(a) === k; }).slice(0, inputs.length);
    inputs.forEach(function (input, k) { input.value = k < chosen.length ? data.kreise[index[chosen[k]]][1] + " – " + chosen[k] : ""; });

    // A typed entry: its AGS, or the one district whose name it is.
    function resolve(text) {
      var m = String(text).match(/\d{5}/);
      if (m && m[0] in index) { return m[0]; }
      var t = String(text).trim().toLocaleLowerCase();
      if (!t) { return null; }
      var hits = data.kreise.filter(function (k) { return k[1].toLocaleLowerCase() === t; });
      if (!hits.length) { hits = data.kreise.filter(function (k) { return k[1].toLocaleLowerCase().indexOf(t) === 0; }); }
      return hits.length === 1 ? hits[0][0] : null;
    }
    var landName = {}, peerName = {};
    data.laender.forEach(function (l) { landName[l[0]] = l[1]; });
    data.peers.forEach(function (p) { peerName[p[0]] = p[1]; });
    var laenderIndex = {};
    data.laender.forEach(function (l, k) { laenderIndex[l[0]] = k; });
    var peerIndex = {};
    data.peers.forEach(function (p, k) { peerIndex[p[0]] = k; });

    function draw(codes) {
      var cells = [];
      var out = result.querySelector(".compare-tables");
      out.textContent = "";
      var status = result.querySelector(".compare-status");
      // The view's address, to copy on screen and to find it again from paper.
      result.querySelector(".compare-address").textContent = codes.length ? fill(form.getAttribute("data-address"), [location.href]) : "";
      if (!codes.length) { status.textContent = form.getAttribute("data-none"); result.hidden = false; return; }
      status.textContent = fill(form.getAttribute("data-status"), [codes.map(function (c) { return data.kreise[index[c]][1]; }).join(", ")]);
      data.topics.forEach(function (topic) {
        var inds = data.indicators.filter(function (ind) { return ind.topic === topic[0]; });
        if (!inds.length) { return; }
        var wrap = element("div", null, { "class": "table-wrap" });
        var table = element("table", null, { "class": "data compare-table" });
        table.appendChild(element("caption", topic[1]));
        var head = table.createTHead().insertRow();
        head.appendChild(element("th", form.getAttribute("data-indicator"), { scope: "col" }));
        codes.forEach(function (c) {
          var th = element("th", null, { scope: "col", "class": "num" });
          var k = data.kreise[index[c]];
          th.appendChild(element("a", k[1], { href: form.getAttribute("data-base") + "kreis/" + c + "/index.html" }));
          th.appendChild(element("span", [landName[k[2]], peerName[k[4]]].filter(Boolean).join(" · "), { "class": "note" }));
          head.appendChild(th);
        });
        head.appendChild(element("th", form.getAttribute("data-germany"), { scope: "col", "class": "num" }));
        var body = table.createTBody();
        inds.forEach(function (ind) {
          var tr = body.insertRow();
          var th = element("th", null, { scope: "row" });
          th.appendChild(element("a", ind.title, { href: form.getAttribute("data-base") + "indikator/" + ind.id + "/index.html" }));
          th.appendChild(element("span", ind.year + ", " + ind.unit + (ind.lower ? "; " + form.getAttribute("data-lower") : ""), { "class": "note" }));
          tr.appendChild(th);
          codes.forEach(function (c) {
            var i = index[c], k = data.kreise[i];
            var td = element("td", null, { "class": "num" });
            td.appendChild(element("strong", ind.values[i]));
            var rank = ind.ranks[i];
            var notes = [rank === null ? form.getAttribute("data-norank") : fill(form.getAttribute("data-rank"), [rank, ind.rankOf])];
            if (k[2] in laenderIndex) {
              notes.push(form.getAttribute("data-land") + ": " + ind.land[laenderIndex[k[2]]] + " (" + ind.formedLand[laenderIndex[k[2]]] + ")");
            }
            if (k[4] in peerIndex) {
              notes.push(form.getAttribute("data-peer") + ": " + ind.peer[peerIndex[k[4]]] + " (" + ind.formed + ")");
            }
            notes.forEach(function (n) { td.appendChild(element("span", n, { "class": "note" })); });
            tr.appendChild(td);
            cells.push({ td: td, code: c, ind: ind.id });
          });
          var de = element("td", null, { "class": "num" });
          de.appendChild(element("strong", ind.germany));
          de.appendChild(element("span", ind.formed, { "class": "note" }));
          tr.appendChild(de);
        });
        wrap.appendChild(table);
        out.appendChild(wrap);
      });
      result.hidden = false;
      addSeries(form.getAttribute("data-base"), cells, codes, out);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var codes = [];
      inputs.forEach(function (input) {
        var c = resolve(input.value);
        input.setAttribute("aria-invalid", input.value.trim() && !c ? "true" : "false");
        if (c && codes.indexOf(c) < 0) { codes.push(c); input.value = data.kreise[index[c]][1] + " – " + c; }
      });
      var p = new URLSearchParams();
      codes.forEach(function (c) { p.append("ags", c); });
      history.replaceState(null, "", "?" + p.toString());
      draw(codes);
      var unclear = inputs.filter(function (i) { return i.getAttribute("aria-invalid") === "true"; }).map(function (i) { return i.value; });
      if (unclear.length) {
        var status = result.querySelector(".compare-status");
        status.textContent = fill(form.getAttribute("data-unclear"), [unclear.join(", ")]) + " " + status.textContent;
      }
    });
    form.hidden = false;
    draw(chosen);
  }

  document.querySelectorAll("form.tablebuilder").forEach(function (form) { load(form, function (d) { tableBuilder(form, d); }); });
  document.querySelectorAll("form.compare").forEach(function (form) { load(form, function (d) { comparison(form, d); }); });
  window.AtlasTable = { parse: parse, csv: csv };
})();
