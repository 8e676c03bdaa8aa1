#!/usr/bin/env python3
"""Prints every Steckbrief of a built site to PDF in headless Chromium (A4, as
the page's print style sheet asks) and checks the handout: at most 2 pages,
no visible text under 7 pt on paper, and the page says its sources, licence,
Stand of the data and its address.

usage: print_check.py SITE_DIR [MAX_PAGES]

Prints one line per Steckbrief that fails, then a summary line
"print_check: N Steckbriefe (at most 2 pages: n, ...), F failed"; exit 1 on failures.
Uses the tools of site_check.py (selenium with chromedriver and Chromium).
"""
import base64
import concurrent.futures
import re
import sys
from pathlib import Path

from site_check import tool_paths

# What the print style sheet must show of a Steckbrief, read in print media:
# every visible text's size in pt (the smallest), and the handout's parts.
PROBE = """
const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
let smallest = 1000, where = '';
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (!n.textContent.trim() || !n.parentElement || !visible(n.parentElement)) continue;
  const pt = parseFloat(getComputedStyle(n.parentElement).fontSize) * 0.75;
  if (pt < smallest) { smallest = pt; where = n.parentElement.tagName + ' ' + n.textContent.trim().slice(0, 30); }
}
const text = sel => { const e = document.querySelector(sel); return e && visible(e) ? e.textContent : ''; };
const svgText = [...document.querySelectorAll('svg text')].filter(visible).length;
return {smallest, where, sources: text('.sources'), imprint: text('.imprint'), table: text('.summary-table'),
        cards: [...document.querySelectorAll('.card')].filter(visible).length, svgText};
"""


def pages_of(pdf):
    """The number of pages of a PDF as Chromium writes it (one /Type /Page object each)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def print_pages(pages, site, chromium, driver_path, limit):
    """Prints `pages` in one browser: (path, PDF pages, problems) each."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    out = []
    try:
        for k, page in enumerate(pages):
            driver.get(page.as_uri())
            n = count_pages(driver, limit)
            # The sizes and parts come from the theme, the same on every
            # Steckbrief: read on every tenth (and on each that prints too long).
            probe = None
            if k % 10 == 0 or n > limit:
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
                probe = driver.execute_script(PROBE)
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            out.append((page.relative_to(site).as_posix(), n, problems_of(n, probe, limit)))
    finally:
        driver.quit()
    return out


def count_pages(driver, limit):
    """The printed pages, or `limit` for a print that has no page limit+1:
    asking Chromium for that page alone fails fast when there is none, which
    spares writing the whole PDF of the 800 that fit."""
    def pdf(ranges):
        options = {"preferCSSPageSize": True, "printBackground": False, "displayHeaderFooter": False}
        if ranges:
            options["pageRanges"] = ranges
        return base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", options)["data"])
    try:
        pdf(str(limit + 1))
    except Exception as e:
        if "Page range exceeds page count" in str(e):
            return limit
        raise
    return pages_of(pdf(None))


def problems_of(n, probe, limit):
    problems = []
    if n == 0 or n > limit:
        problems.append(f"{n} pages (at most {limit})")
    if probe is None:
        return problems
    if probe["smallest"] < 7 - 1e-3:
        problems.append(f"text of {probe['smallest']:.1f} pt on paper: {probe['where']}")
    if probe["svgText"]:
        problems.append(f"{probe['svgText']} chart texts on paper (their size scales with the chart)")
    if probe["cards"]:
        problems.append(f"{probe['cards']} cards on paper (the handout prints the table)")
    if not probe["table"].strip():
        problems.append("no table of figures on paper")
    if "dl-de/by-2-0" not in probe["sources"] and "Datenlizenz Deutschland" not in probe["sources"]:
        problems.append("no licence (dl-de/by-2-0) on paper")
    if not re.search(r"(Stand|as of) \d", probe["sources"]):
        problems.append("no Stand of the data on paper")
    if "kreis/" not in probe["imprint"]:
        problems.append("no address of the page on paper")
    return problems


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: print_check.py SITE_DIR [MAX_PAGES]", file=sys.stderr)
        return 2
    site = Path(sys.argv[1]).resolve()
    limit = int(sys.argv[2]) if len(sys.argv) == 3 else 2
    _, _, _, chromium, driver_path, _ = tool_paths()
    if chromium is None or driver_path is None:
        print("print_check: missing Chromium or chromedriver: run .ci/install-site-tools.sh", file=sys.stderr)
        return 2
    pages = sorted(p for p in site.glob("kreis/*/index.html")) + sorted(site.glob("*/kreis/*/index.html"))
    # Two browsers at once (two cores): a print is half waiting.
    lanes = 2
    with concurrent.futures.ThreadPoolExecutor(lanes) as pool:
        results = [r for part in pool.map(lambda k: print_pages(pages[k::lanes], site, chromium, driver_path, limit), range(lanes))
                   for r in part]
    failed, counts = [], {}
    for rel, n, problems in sorted(results):
        counts[n] = counts.get(n, 0) + 1
        if problems:
            failed.append(rel)
            print(f"{rel}: " + "; ".join(problems))
    spread = ", ".join(f"{'at most ' if k == limit else ''}{k} pages: {v}" for k, v in sorted(counts.items()))
    print(f"print_check: {len(pages)} Steckbriefe ({spread}), {len(failed)} failed")
    return 1 if failed or not pages else 0


if __name__ == "__main__":
    sys.exit(main())
