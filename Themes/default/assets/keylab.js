// Standortatlas – key lab. Recomputes a district-level distribution key under
// weights the reader sets, in the page. Without this script the page shows the
// published scenario and says how to compute others (atlas key).
//
// KeyLab.compute repeats what `atlas key` does operation for operation on the
// same doubles (KeyShares.withWeights, LargestRemainder.apportion,
// Distribution.kreise in the Swift sources), so the browser gives exactly the
// same persons; a test compares both for hundreds of random weights.
(function () {
  "use strict";

  // Hare-Niemeyer (largest remainders): floor of each quota, then one more
  // for the largest remainders; remainders within 1e-9 are equal and the
  // region code decides.
  function hare(weights, ids, total) {
    let sum = 0;
    for (const w of weights) {
      if (!(isFinite(w) && w >= 0)) throw new Error("invalid weight");
      sum += w;
    }
    if (!(sum > 0)) throw new Error("no weight");
    const quotas = weights.map(function (w) { return total * w / sum; });
    const units = quotas.map(Math.floor);
    let left = total;
    for (const u of units) left -= u;
    const order = quotas.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      const ra = quotas[a] - Math.floor(quotas[a]);
      const rb = quotas[b] - Math.floor(quotas[b]);
      if (Math.abs(ra - rb) > 1e-9) return ra > rb ? -1 : 1;
      return ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0;
    });
    for (let k = 0; k < left; k++) units[order[k]] += 1;
    return { quotas: quotas, units: units };
  }

  // A weight as written in a key's definition or typed by a reader: a number
  // (decimal point or comma) or a fraction such as 1/3, divided as the atlas
  // divides it (DefinitionParser.parseWeight).
  function parseWeight(text) {
    const parts = String(text).trim().replace(/,/g, ".").split("/").map(function (p) { return p.trim(); });
    const number = /^[0-9]+(\.[0-9]+)?$|^\.[0-9]+$/;
    if (!parts.every(function (p) { return number.test(p); })) return NaN;
    const w = parts.length === 2 ? (Number(parts[1]) !== 0 ? Number(parts[0]) / Number(parts[1]) : NaN)
      : parts.length === 1 ? Number(parts[0]) : NaN;
    return w <= 1e6 ? w : NaN; // KeyDefinition.maxWeight
  }

  // Each district's share under these weights and added components
  // (KeyShares.withWeights): the components in order, then the added ones;
  // null where no component names the district.
  function mix(data, weights, extras) {
    const all = weights.map(function (w, k) { return [data.components[k], w]; })
      .concat((extras || []).map(function (x) { return [x.shares, x.weight]; }));
    let total = 0;
    for (const a of all) total += a[1];
    const mixed = new Array(data.kreise.length).fill(null);
    for (const [component, weight] of all) {
      for (let i = 0; i < mixed.length; i++) {
        if (component[i] === null) continue;
        mixed[i] = (mixed[i] === null ? 0 : mixed[i]) + weight / total * component[i];
      }
    }
    return mixed;
  }

  // The Länder's shares and persons (the first stage).
  function laenderOf(data, mixed, persons) {
    const landShare = {};
    for (let i = 0; i < data.kreise.length; i++) {
      const land = data.kreise[i][2];
      landShare[land] = (landShare[land] === undefined ? 0 : landShare[land]) + (mixed[i] === null ? 0 : mixed[i]);
    }
    const landIds = data.laender.map(function (l) { return l[0]; });
    const landShares = landIds.map(function (id) { return landShare[id] === undefined ? 0 : landShare[id]; });
    const stage1 = hare(landShares, landIds, persons);
    return landIds.map(function (id, k) {
      return { code: id, name: data.laender[k][1], share: landShares[k], quota: stage1.quotas[k], persons: stage1.units[k] };
    });
  }

  // Persons per Land and per district, in two stages and directly (all
  // districts at once), for these weights and added components.
  function compute(data, weights, persons, extras) {
    const kreise = data.kreise;
    const mixed = mix(data, weights, extras);
    const laender = laenderOf(data, mixed, persons);
    const rows = [];
    for (const land of laender) {
      const members = [];
      for (let i = 0; i < kreise.length; i++) if (kreise[i][2] === land.code) members.push(i);
      if (members.length === 0) continue;
      const within = members.map(function (i) {
        const share = land.share;
        return share > 0 ? (mixed[i] === null ? 0 : mixed[i]) / share : 0;
      });
      if (land.persons === 0 || !within.some(function (w) { return w > 0; })) {
        for (const i of members) rows.push({ code: kreise[i][0], name: kreise[i][1], share: 0, quota: 0, persons: 0 });
        continue;
      }
      const stage2 = hare(within, members.map(function (i) { return kreise[i][0]; }), land.persons);
      members.forEach(function (i, k) {
        rows.push({ code: kreise[i][0], name: kreise[i][1], share: land.share * within[k], quota: stage2.quotas[k], persons: stage2.units[k] });
      });
    }
    rows.sort(function (a, b) { return a.code < b.code ? -1 : a.code > b.code ? 1 : 0; });
    const flat = mixed.map(function (m) { return m === null ? 0 : m; });
    const direct = hare(flat, kreise.map(function (k) { return k[0]; }), persons).units;
    return { laender: laender, kreise: rows, direct: direct };
  }

  // Persons who change Land when one weight (of the components, then the
  // added ones) is multiplied by 1.1 and by 0.9 (Distribution.moved).
  function sensitivity(data, weights, persons, extras) {
    const base = laenderOf(data, mix(data, weights, extras), persons);
    const out = [];
    const count = weights.length + (extras || []).length;
    for (let k = 0; k < count; k++) {
      const moved = [1.1, 0.9].map(function (factor) {
        const w = weights.slice();
        const x = (extras || []).map(function (e) { return { shares: e.shares, weight: e.weight }; });
        if (k < w.length) w[k] *= factor; else x[k - w.length].weight *= factor;
        const other = laenderOf(data, mix(data, w, x), persons);
        let sum = 0;
        base.forEach(function (l, i) { sum += Math.abs(l.persons - other[i].persons); });
        return sum / 2;
      });
      out.push({ up: moved[0], down: moved[1] });
    }
    return out;
  }

  // Classes of the difference map (PageRenderer.divergingClasses): exactly
  // 0, then up to the median and the 90th percentile of the absolute
  // differences on either side; a value belongs to the first class whose
  // break it does not exceed.
  function divergingBreaks(values) {
    const magnitudes = values.map(Math.abs).filter(function (v) { return v >= 0.5; }).sort(function (a, b) { return a - b; });
    function pct(p) {
      if (magnitudes.length === 0) return 1;
      return Math.ceil(magnitudes[Math.min(magnitudes.length - 1, Math.floor(magnitudes.length * p))]);
    }
    const a = Math.max(pct(0.5), 2), b = Math.max(pct(0.9), a + 1);
    return [-b, -a, -1, 0, a, b];
  }

  function classOf(v, breaks) {
    let c = 0;
    while (c < breaks.length && v > breaks[c]) c++;
    return c;
  }

  // Persons per Land and district under the key compared with for any N:
  // its Land shares and each district's share within its Land, apportioned
  // in two stages as above (Distribution.kreise with its within-Land shares).
  function compareFor(data, persons) {
    const c = data.compare;
    const landIds = data.laender.map(function (l) { return l[0]; });
    const stage1 = hare(c.land, landIds, persons);
    const kreise = new Array(data.kreise.length).fill(0);
    landIds.forEach(function (land, k) {
      const members = [];
      for (let i = 0; i < data.kreise.length; i++) if (data.kreise[i][2] === land) members.push(i);
      const weights = members.map(function (i) { return c.within[i]; });
      if (members.length === 0 || stage1.units[k] === 0 || !weights.some(function (w) { return w > 0; })) return;
      const stage2 = hare(weights, members.map(function (i) { return data.kreise[i][0]; }), stage1.units[k]);
      members.forEach(function (i, m) { kreise[i] = stage2.units[m]; });
    });
    return { laender: stage1.units, kreise: kreise };
  }

  // The download layout of `atlas key --format csv`, plain or German Excel.
  function csv(result, german) {
    const sep = german ? ";" : ",";
    function number(v, places) {
      let s = v.toFixed(places);
      if (s.indexOf(".") >= 0) s = s.replace(/0+$/, "").replace(/\.$/, "");
      return german ? s.replace(".", ",") : s;
    }
    function field(s) { return s.indexOf(sep) >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace(/"/g, '""') + '"' : s; }
    let out = (german ? "\uFEFF" : "") + ["level", "code", "name", "share", "quota", "persons"].join(sep) + "\r\n";
    for (const [level, rows] of [["land", result.laender], ["kreis", result.kreise]]) {
      for (const r of rows) out += [level, r.code, field(r.name), number(r.share, 10), number(r.quota, 6), String(r.persons)].join(sep) + "\r\n";
    }
    return out;
  }

  // Whole numbers as the site writes them: narrow no-break space between thousands, true minus.
  function grouped(n, signed) {
    const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202F");
    return (n < 0 ? "\u2212" : signed && n > 0 ? "+" : signed ? "\u00B1" : "") + digits;
  }

  function cell(row, text, header) {
    const c = document.createElement(header ? "th" : "td");
    if (header) c.scope = "row"; else c.className = "num";
    c.textContent = text;
    row.appendChild(c);
  }

  // A table body from rows of cell texts; the first cell heads its row.
  function fill(table, rows) {
    const body = table.tBodies[0];
    body.textContent = "";
    for (const cells of rows) {
      const tr = document.createElement("tr");
      cells.forEach(function (text, k) { cell(tr, text, k === 0); });
      body.appendChild(tr);
    }
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svgElement(name, attributes, text) {
    const e = document.createElementNS(SVG, name);
    for (const a in attributes) e.setAttribute(a, attributes[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function place(v) { return String(Math.round(v * 10) / 10); }
  function fillIn(template, values) {
    return values.reduce(function (t, v, k) { return t.split("{" + (k + 1) + "}").join(v); }, template);
  }
  // "Most more: …; most fewer: …" for a chart or map description.
  function summary(template, rows, unit) {
    const sorted = rows.slice().sort(function (a, b) { return a.d - b.d; });
    const lo = sorted[0], hi = sorted[sorted.length - 1];
    return fillIn(template, [hi.name, grouped(hi.d, true), lo.name, grouped(lo.d, true), unit]);
  }

  // The diverging bar chart of the differences per Land, laid out as
  // DivergingBarChart lays out the published one.
  function drawChart(figure, rows) {
    const rowH = 18, labelW = 170, pad = 60, width = 560;
    const height = rows.length * rowH + 8;
    let maxV = 1;
    for (const r of rows) maxV = Math.max(maxV, Math.abs(r.d));
    const half = (width - labelW - 2 * pad) / 2, zero = labelW + pad + half;
    const old = figure.querySelector("svg");
    if (old) old.remove();
    const svg = svgElement("svg", {
      viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
      "aria-labelledby": "labdiff-t labdiff-d", "class": "chart"
    });
    svg.appendChild(svgElement("title", { id: "labdiff-t" }, figure.querySelector("figcaption").textContent));
    svg.appendChild(svgElement("desc", { id: "labdiff-d" }, summary(figure.getAttribute("data-desc"), rows, figure.getAttribute("data-unit"))));
    svg.appendChild(svgElement("line", { x1: zero, x2: zero, y1: 0, y2: height, "class": "axis" }));
    rows.forEach(function (r, i) {
      const y = 4 + i * rowH, len = Math.abs(r.d) / maxV * half, x = r.d >= 0 ? zero : zero - len;
      svg.appendChild(svgElement("text", { x: labelW - 6, y: y + 12, "text-anchor": "end", "class": "tick" }, r.name));
      svg.appendChild(svgElement("rect", {
        x: place(x), y: y + 2, width: place(Math.max(len, 0.5)), height: rowH - 5, "class": r.d >= 0 ? "bar" : "bar neg"
      }));
      svg.appendChild(svgElement("text", {
        x: place(r.d >= 0 ? zero + len + 4 : zero - len - 4), y: y + 12, "text-anchor": r.d >= 0 ? "start" : "end", "class": "tick"
      }, grouped(r.d, true)));
    });
    figure.appendChild(svg);
    figure.hidden = false;
  }

  // The published difference map, copied and recoloured for the scenario,
  // with its legend (counts per class) and each district's title.
  function drawMap(figure, published, rows, colours) {
    if (!published) return;
    let svg = figure.querySelector("svg");
    if (!svg) {
      svg = published.cloneNode(true);
      svg.setAttribute("aria-labelledby", "labkarte-t labkarte-d");
      svg.querySelector("title").id = "labkarte-t";
      svg.querySelector("desc").id = "labkarte-d";
      const pattern = svg.querySelector("pattern");
      if (pattern) pattern.id = "labkarte-nd";
      const districts = svg.querySelector("g.districts");
      // Each district (a link to its Steckbrief), out of the colour groups.
      const items = Array.prototype.slice.call(districts.querySelectorAll("a"));
      districts.textContent = "";
      for (const item of items) districts.appendChild(item);
      figure.insertBefore(svg, figure.querySelector(".map-legend"));
    }
    svg.querySelector("title").textContent = figure.querySelector("figcaption").textContent;
    const unit = figure.getAttribute("data-unit");
    const breaks = divergingBreaks(rows.map(function (r) { return r.d; }));
    const counts = colours.map(function () { return 0; });
    const byCode = {};
    for (const r of rows) byCode[r.code] = r;
    // A district's code is in its link: "…/kreis/09162/index.html".
    Array.prototype.forEach.call(svg.querySelectorAll("g.districts a"), function (a) {
      const code = /kreis\/(\d+)\//.exec(a.getAttribute("href"));
      const r = code && byCode[code[1]];
      if (!r) return;
      const c = Math.min(classOf(r.d, breaks), colours.length - 1);
      counts[c] += 1;
      a.querySelector("path").setAttribute("fill", colours[c]);
      a.querySelector("title").textContent = r.name + ": " + grouped(r.d, true) + " " + unit;
    });
    const desc = figure.closest(".keylab").querySelector(".keylab-chart").getAttribute("data-desc");
    svg.querySelector("desc").textContent = summary(desc, rows, unit);
    const legend = figure.querySelector(".map-legend");
    legend.textContent = "";
    colours.forEach(function (colour, c) {
      const label = c === 0 ? fillIn(figure.getAttribute("data-first"), [grouped(breaks[0])])
        : c === 3 ? figure.getAttribute("data-zero")
        : c === colours.length - 1 ? fillIn(figure.getAttribute("data-last"), [grouped(breaks[c - 1])])
        : fillIn(figure.getAttribute("data-mid"), [grouped(breaks[c - 1]), grouped(breaks[c])]);
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour;
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(label + (c === 3 ? " " : " " + unit + " ") + fillIn(figure.getAttribute("data-count"), [String(counts[c])])));
      legend.appendChild(li);
    });
    figure.hidden = false;
  }

  function start(form) {
    const section = form.closest(".keylab");
    const result = section.querySelector(".keylab-result");
    const status = section.querySelector(".keylab-status");
    const inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=w]"));
    const personsInput = form.querySelector("input[name=n]");
    const extraSelect = form.querySelector("select[name=x]");
    const extraWeight = form.querySelector("input[name=xw]");
    const published = inputs.map(function (i) { return i.value; });
    const publishedPersons = personsInput.value;
    const publishedExtraWeight = extraWeight.value;
    const params = new URLSearchParams(location.search);
    if (params.get("w")) {
      const w = params.get("w").split("_");
      if (w.length === inputs.length) inputs.forEach(function (input, k) { input.value = w[k]; });
    }
    if (params.get("n")) personsInput.value = params.get("n");
    if (params.get("x")) {
      const x = params.get("x").split("_");
      if (Array.prototype.some.call(extraSelect.options, function (o) { return o.value === x[0]; })) {
        extraSelect.value = x[0];
        if (x.length > 1) extraWeight.value = x[1];
      }
    }
    const labels = Array.prototype.map.call(form.querySelectorAll("input[name=w]"), function (i) {
      return form.querySelector("label[for='" + i.id + "']").textContent;
    });
    const ids = inputs.map(function (i) { return i.id.replace(/^w-/, ""); });
    let extrasData = null;
    fetch(form.getAttribute("data-data")).then(function (r) { return r.json(); }).then(function (data) {
      form.hidden = false;
      result.hidden = false;
      function update() {
        const weights = inputs.map(function (i) { return parseWeight(i.value); });
        const persons = Number(personsInput.value);
        const extraId = extraSelect.value;
        const extraW = extraId ? parseWeight(extraWeight.value) : 0;
        if (extraId && !extrasData) {
          fetch(form.getAttribute("data-extras")).then(function (r) { return r.json(); }).then(function (x) { extrasData = x; update(); });
          return;
        }
        const extras = extraId ? [{ shares: extrasData[extraId], weight: extraW }] : [];
        const all = weights.concat(extras.map(function (x) { return x.weight; }));
        if (all.some(function (w) { return !(isFinite(w) && w >= 0); }) || !all.some(function (w) { return w > 0; })
            || !(Number.isInteger(persons) && persons >= 0 && persons <= 1e8)) { // KeyDefinition.maxPersons
          status.textContent = form.getAttribute("data-invalid");
          return;
        }
        const r = compute(data, weights, persons, extras);
        const compare = data.compare ? compareFor(data, persons) : null;
        fill(section.querySelector(".keylab-laender"), r.laender.map(function (l, k) {
          return compare ? [l.name, grouped(l.persons), grouped(compare.laender[k]), grouped(l.persons - compare.laender[k], true)]
            : [l.name, grouped(l.persons), "–", "–"];
        }));
        fill(section.querySelector(".keylab-kreise"), r.kreise.map(function (k, i) {
          return compare ? [k.name, grouped(k.persons), grouped(compare.kreise[i]), grouped(k.persons - compare.kreise[i], true), grouped(r.direct[i])]
            : [k.name, grouped(k.persons), "–", "–", grouped(r.direct[i])];
        }));
        const texts = inputs.map(function (i) { return i.value.trim().replace(/\s+/g, ""); });
        const sens = sensitivity(data, weights, persons, extras);
        const names = labels.concat(extraId ? [extraSelect.options[extraSelect.selectedIndex].textContent] : []);
        const weightTexts = texts.concat(extraId ? [extraWeight.value.trim().replace(/\s+/g, "")] : []);
        fill(section.querySelector(".keylab-sensitivity"), sens.map(function (m, k) {
          return [names[k], weightTexts[k], grouped(m.up), grouped(m.down)];
        }));
        let largest = null;
        if (compare) {
          const landRows = r.laender.map(function (l, k) { return { code: l.code, name: l.name, d: l.persons - compare.laender[k] }; });
          for (const l of landRows) if (largest === null || Math.abs(l.d) > Math.abs(largest.d)) largest = l;
          drawChart(section.querySelector(".keylab-chart"), landRows);
          drawMap(section.querySelector(".keylab-map"), document.querySelector("#karte svg"),
            r.kreise.map(function (k, i) { return { code: k.code, name: k.name, d: k.persons - compare.kreise[i] }; }), data.colours);
        }
        status.textContent = form.getAttribute("data-status").replace("{1}", grouped(persons))
          + (largest ? " " + form.getAttribute("data-largest").replace("{1}", largest.name).replace("{2}", grouped(largest.d, true)) : "");
        const query = "?w=" + texts.map(encodeURIComponent).join("_") + "&n=" + persons
          + (extraId ? "&x=" + encodeURIComponent(extraId) + "_" + encodeURIComponent(weightTexts[weightTexts.length - 1]) : "");
        history.replaceState(null, "", query);
        section.querySelector(".keylab-link").href = query;
        let command = form.getAttribute("data-command").replace("{1}", String(persons));
        texts.forEach(function (t, k) { if (t !== published[k]) command += " --weight " + ids[k] + "=" + t; });
        if (extraId) command += " --add " + extraId + "=" + weightTexts[weightTexts.length - 1];
        section.querySelector(".keylab-command").textContent = command;
        section.querySelector(".keylab-csv").href = "data:text/csv;charset=utf-8," + encodeURIComponent(csv(r, false));
        section.querySelector(".keylab-excel").href = "data:text/csv;charset=utf-8," + encodeURIComponent(csv(r, true));
      }
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      form.querySelector(".keylab-reset").addEventListener("click", function () {
        inputs.forEach(function (input, k) { input.value = published[k]; });
        personsInput.value = publishedPersons;
        extraSelect.value = "";
        extraWeight.value = publishedExtraWeight;
        update();
      });
      update();
    });
  }

  const api = {
    compute: compute, compareFor: compareFor, sensitivity: sensitivity, divergingBreaks: divergingBreaks, classOf: classOf,
    hare: hare, csv: csv, parseWeight: parseWeight
  };
  if (typeof window !== "undefined") {
    window.KeyLab = api;
    if (typeof document !== "undefined") {
      document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("form.keylab-form"), start);
      });
    }
  }
})();
