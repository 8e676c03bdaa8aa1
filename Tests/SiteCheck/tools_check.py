#!/usr/bin/env python3
"""Drives the table builder and the comparison of a built site in headless
Chromium, served over HTTP as on a real server, and prints what a reader
gets, as JSON on one line, for the tests to check against the data:

  table:   the rows (AGS) and header of tabelle/?<QUERY>, and the two CSV
           downloads read back into rows;
  sorted:  the rows after clicking the first indicator column's header;
  compare: the district columns and indicator rows of vergleich/?ags=…;
  sparks:  its small series: indicator, district, the svg's name, the line;
  typed:   the comparison after typing names into the form and submitting.

usage: tools_check.py SITE_DIR TABLE_QUERY COMPARE_QUERY NAME...
"""
import csv
import io
import json
import sys
import time
import urllib.parse
from pathlib import Path

from site_check import serve, tool_paths


def wait(driver, script, seconds=20):
    for _ in range(seconds * 10):
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit(f"tools_check: timed out waiting for: {script}")


def rows_of(data_url, delimiter):
    text = urllib.parse.unquote(data_url.split(",", 1)[1])
    bom = text.startswith("\ufeff")
    return bom, list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(sys.argv[1]).resolve()
    table_query, compare_query, names = sys.argv[2], sys.argv[3], sys.argv[4:]
    _, _, _, chromium, driver_path, _ = tool_paths()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    try:
        driver.get(base + "tabelle/index.html?" + table_query)
        wait(driver, "const r = document.querySelector('.tablebuilder-result'); return r && !r.hidden")
        view = driver.execute_script("""
            const t = document.querySelector('.tb-table');
            return {header: [...t.tHead.rows[0].cells].map(c => c.textContent),
                    rows: [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent)),
                    status: document.querySelector('.tb-status').textContent,
                    csv: document.querySelector('.tb-csv').href, excel: document.querySelector('.tb-excel').href,
                    address: location.search}""")
        _, plain = rows_of(view["csv"], ",")
        bom, excel = rows_of(view["excel"], ";")
        out["table"] = {"header": view["header"], "rows": view["rows"], "status": view["status"], "csv": plain,
                        "excel": excel, "excelBOM": bom, "address": view["address"]}
        driver.execute_script("document.querySelectorAll('.tb-table thead button')[3].click()")
        out["sorted"] = driver.execute_script(
            "return [...document.querySelector('.tb-table').tBodies[0].rows].map(r => r.cells[0].textContent)")
        out["sortedAddress"] = driver.execute_script("return location.search")

        driver.get(base + "vergleich/index.html?" + compare_query)
        wait(driver, "const r = document.querySelector('.compare-result'); return r && !r.hidden")
        read = """
            const tables = [...document.querySelectorAll('.compare-table')];
            return {columns: tables.length ? [...tables[0].tHead.rows[0].cells].map(c => c.querySelector('a') ? c.querySelector('a').textContent : c.textContent) : [],
                    rows: tables.reduce((n, t) => n + t.tBodies[0].rows.length, 0),
                    first: tables.length ? [...tables[0].tBodies[0].rows[0].cells].map(c => c.textContent) : [],
                    status: document.querySelector('.compare-status').textContent, address: location.search,
                    shownAddress: document.querySelector('.compare-address').textContent}"""
        out["compare"] = driver.execute_script(read)
        # The small series arrive after the table (one file per district).
        wait(driver, "return document.querySelector('.compare-tables').getAttribute('aria-busy') !== 'true'")
        out["sparks"] = driver.execute_script("""
            const code = a => a.getAttribute('href').match(/kreis\\/(\\d{5})\\//)[1];
            const ind = a => a.getAttribute('href').match(/indikator\\/([^/]+)\\//)[1];
            return [...document.querySelectorAll('.compare-table')].flatMap(t => {
                const codes = [...t.tHead.rows[0].cells].slice(1, -1).map(c => code(c.querySelector('a')));
                return [...t.tBodies[0].rows].flatMap(tr => [...tr.cells].slice(1, -1).flatMap((td, k) => {
                    const svg = td.querySelector('svg.compare-spark');
                    return svg ? [[ind(tr.cells[0].querySelector('a')), codes[k], svg.querySelector('title').textContent,
                                   svg.querySelector('path.line').getAttribute('d')]] : [];
                }));
            });""")
        inputs = driver.find_elements(By.CSS_SELECTOR, "form.compare input[name=ags]")
        for field, name in zip(inputs, names + [""] * len(inputs)):
            field.clear()
            if name:
                field.send_keys(name)
        driver.find_element(By.CSS_SELECTOR, "form.compare button[type=submit]").click()
        out["typed"] = driver.execute_script(read)
        out["typedInvalid"] = driver.execute_script(
            "return [...document.querySelectorAll('form.compare input[aria-invalid=true]')].map(i => i.value)")
    finally:
        driver.quit()
        server.shutdown()
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
