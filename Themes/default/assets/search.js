// The search on the search page (suche/index.html): finds districts by name,
// Gemeinde name, district or Gemeinde code (AGS), postcode and the code of a
// former district, over daten/suche.json, and lists links to the Steckbriefe.
// Without this script the page shows the districts A–Z, the former districts
// and the postcode index; the header's search form leads here with ?q=.
(function () {
  "use strict";

  // Lower case without accents; ß as ss; punctuation as spaces.
  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ß/g, "ss").replace(/[^a-z0-9]+/g, " ").trim();
  }

  // Results for a query: [{code, label, note}], districts before Gemeinden,
  // names that start with the query before those that contain it.
  function find(data, query, until) {
    const before = until || "–";
    const q = String(query).trim();
    if (!q) return [];
    const kreis = {};
    for (const k of data.kreise) kreis[k[0]] = k;
    const out = [];
    const seen = {};
    function add(code, note, rank) {
      const k = kreis[code];
      if (!k) return;
      const id = code + "|" + note;
      if (seen[id]) return;
      seen[id] = true;
      out.push({ code: code, label: k[1], note: note, rank: rank });
    }
    if (/^\d+$/.test(q)) {
      if (data.plz[q]) for (const c of data.plz[q]) add(c, "PLZ " + q, 0);
      if (kreis[q]) add(q, q + " (" + kreis[q][2] + ")", 0);
      for (const a of data.alt) if (a[0] === q) add(a[2], a[0] + " " + a[1] + " (" + before + " " + a[3].slice(0, 4) + ")", 0);
      for (const g of data.gemeinden) if (g[0] === q) add(g[2], g[0] + " " + g[1], 1);
      // A beginning of a postcode or code: the first matches.
      if (!out.length && q.length >= 2) {
        for (const p of Object.keys(data.plz)) if (p.indexOf(q) === 0 && out.length < 50) for (const c of data.plz[p]) add(c, "PLZ " + p, 2);
        for (const k of data.kreise) if (k[0].indexOf(q) === 0) add(k[0], k[0] + " (" + k[2] + ")", 1);
      }
    } else {
      const f = fold(q);
      if (!f) return [];
      function score(name) {
        const n = fold(name);
        if (n === f) return 0;
        if (n.indexOf(f) === 0) return 1;
        if ((" " + n).indexOf(" " + f) >= 0) return 2;
        return n.indexOf(f) >= 0 ? 3 : -1;
      }
      for (const k of data.kreise) { const s = score(k[1]); if (s >= 0) add(k[0], k[2], s); }
      for (const a of data.alt) { const s = score(a[1]); if (s >= 0) add(a[2], a[0] + " " + a[1] + " (" + before + " " + a[3].slice(0, 4) + ")", s + 4); }
      for (const g of data.gemeinden) {
        if (out.length >= 200) break;
        const s = score(g[1]);
        if (s >= 0) add(g[2], g[1], s + 8);
      }
    }
    out.sort(function (a, b) { return a.rank - b.rank || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0); });
    return out.slice(0, 50).map(function (r) { return { code: r.code, label: r.label, note: r.note }; });
  }

  const api = { find: find, fold: fold };
  if (typeof window !== "undefined") window.AtlasSearch = api;

  const form = typeof document !== "undefined" && document.querySelector("form.search[data-data]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const box = document.querySelector(".search-results");
  let data = null;
  let pending = null;

  function show() {
    const results = find(data, input.value, form.getAttribute("data-until"));
    box.textContent = "";
    box.hidden = !input.value.trim();
    if (box.hidden) return;
    const heading = document.createElement("p");
    heading.className = "search-count";
    heading.textContent = results.length ? form.getAttribute("data-results").replace("{1}", String(results.length)) : form.getAttribute("data-none");
    box.appendChild(heading);
    if (!results.length) return;
    const list = document.createElement("ul");
    for (const r of results) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = form.getAttribute("data-base") + "kreis/" + r.code + "/index.html";
      a.textContent = r.label;
      li.appendChild(a);
      if (r.note) li.appendChild(document.createTextNode(" – " + r.note));
      list.appendChild(li);
    }
    box.appendChild(list);
  }

  function load(then) {
    if (data) { then(); return; }
    if (!pending) {
      pending = fetch(form.getAttribute("data-data")).then(function (r) { return r.json(); }).then(function (d) { data = d; });
    }
    pending.then(then);
  }

  const params = new URLSearchParams(location.search);
  if (params.get("q")) {
    input.value = params.get("q");
    load(show);
  }
  input.addEventListener("input", function () { load(show); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    load(show);
  });
})();
