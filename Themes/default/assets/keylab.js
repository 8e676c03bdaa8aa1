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
    if (parts.length === 2) return Number(parts[1]) !== 0 ? Number(parts[0]) / Number(parts[1]) : NaN;
    return parts.length === 1 ? Number(parts[0]) : NaN;
  }

  // Persons per Land and per district (two stages) for these weights.
  function compute(data, weights, persons) {
    let total = 0;
    for (const w of weights) total += w;
    const kreise = data.kreise;
    const mixed = new Array(kreise.length).fill(null);
    for (let k = 0; k < weights.length; k++) {
      const component = data.components[k];
      for (let i = 0; i < kreise.length; i++) {
        if (component[i] === null) continue;
        mixed[i] = (mixed[i] === null ? 0 : mixed[i]) + weights[k] / total * component[i];
      }
    }
    const landShare = {};
    for (let i = 0; i < kreise.length; i++) {
      const land = kreise[i][2];
      landShare[land] = (landShare[land] === undefined ? 0 : landShare[land]) + (mixed[i] === null ? 0 : mixed[i]);
    }
    const landIds = data.laender.map(function (l) { return l[0]; });
    const landShares = landIds.map(function (id) { return landShare[id] === undefined ? 0 : landShare[id]; });
    const stage1 = hare(landShares, landIds, persons);
    const laender = landIds.map(function (id, k) {
      return { code: id, name: data.laender[k][1], share: landShares[k], quota: stage1.quotas[k], persons: stage1.units[k] };
    });
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
    return { laender: laender, kreise: rows };
  }

  // Persons per Land and district under the key compared with, for any N:
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

  function fill(table, rows, compare) {
    const body = table.tBodies[0];
    body.textContent = "";
    rows.forEach(function (r, k) {
      const tr = document.createElement("tr");
      cell(tr, r.name, true);
      cell(tr, grouped(r.persons));
      if (compare) {
        cell(tr, grouped(compare[k]));
        cell(tr, grouped(r.persons - compare[k], true));
      }
      body.appendChild(tr);
    });
  }

  function start(form) {
    const section = form.closest(".keylab");
    const result = section.querySelector(".keylab-result");
    const status = section.querySelector(".keylab-status");
    const inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=w]"));
    const personsInput = form.querySelector("input[name=n]");
    const published = inputs.map(function (i) { return i.value; });
    const publishedPersons = personsInput.value;
    const params = new URLSearchParams(location.search);
    if (params.get("w")) {
      const w = params.get("w").split("_");
      if (w.length === inputs.length) inputs.forEach(function (input, k) { input.value = w[k]; });
    }
    if (params.get("n")) personsInput.value = params.get("n");
    fetch(form.getAttribute("data-data")).then(function (r) { return r.json(); }).then(function (data) {
      form.hidden = false;
      result.hidden = false;
      function update() {
        const weights = inputs.map(function (i) { return parseWeight(i.value); });
        const persons = Number(personsInput.value);
        if (weights.some(function (w) { return !(isFinite(w) && w >= 0); }) || !weights.some(function (w) { return w > 0; })
            || !(Number.isInteger(persons) && persons >= 0)) {
          status.textContent = form.getAttribute("data-invalid");
          return;
        }
        const r = compute(data, weights, persons);
        const compare = data.compare ? compareFor(data, persons) : null;
        fill(section.querySelector(".keylab-laender"), r.laender, compare && compare.laender);
        fill(section.querySelector(".keylab-kreise"), r.kreise, compare && compare.kreise);
        let largest = null;
        if (compare) {
          r.laender.forEach(function (l, k) {
            const d = l.persons - compare.laender[k];
            if (largest === null || Math.abs(d) > Math.abs(largest.d)) largest = { name: l.name, d: d };
          });
        }
        status.textContent = form.getAttribute("data-status").replace("{1}", grouped(persons))
          + (largest ? " " + form.getAttribute("data-largest").replace("{1}", largest.name).replace("{2}", grouped(largest.d, true)) : "");
        const query = "?w=" + inputs.map(function (i) { return encodeURIComponent(i.value.trim()); }).join("_") + "&n=" + persons;
        history.replaceState(null, "", query);
        section.querySelector(".keylab-link").href = query;
        section.querySelector(".keylab-csv").href = "data:text/csv;charset=utf-8," + encodeURIComponent(csv(r, false));
        section.querySelector(".keylab-excel").href = "data:text/csv;charset=utf-8," + encodeURIComponent(csv(r, true));
      }
      form.addEventListener("input", update);
      form.querySelector(".keylab-reset").addEventListener("click", function () {
        inputs.forEach(function (input, k) { input.value = published[k]; });
        personsInput.value = publishedPersons;
        update();
      });
      update();
    });
  }

  const api = { compute: compute, compareFor: compareFor, hare: hare, csv: csv, parseWeight: parseWeight };
  if (typeof window !== "undefined") {
    window.KeyLab = api;
    if (typeof document !== "undefined") {
      document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("form.keylab-form"), start);
      });
    }
  }
})();
