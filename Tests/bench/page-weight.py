#!/usr/bin/env python3
"""Page weight of a built site (issue 17, item 8): bytes raw and gzip-compressed
(level 9, what a web server sends) per page kind, against the budgets, and
every script and the style sheet; then whether any page loads something from
another host. Prints figures and ratios; exit 1 when a budget is exceeded or
a page loads from elsewhere.

usage: python3 Tests/bench/page-weight.py [SITE_DIR]   (default Site)
"""
import gzip
import re
import statistics
import sys
from pathlib import Path

# Budgets in KB (1,000 bytes) gzip, from the issue.
BUDGETS = {"kreis": 30, "indikator": 60, "start": 30}
SCRIPT_BUDGET = 20

# What a page loads: src of script, img, iframe, and link href of stylesheets/icons.
LOADS = re.compile(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="([^"]*)"|<link\b[^>]*\brel="(?:stylesheet|icon|preload)"[^>]*\bhref="([^"]*)"')


def kind(rel):
    parts = rel.split("/")
    if parts[0] == "en":
        parts = parts[1:]
    if parts == ["index.html"]:
        return "start"
    if parts[0] == "indikator" and len(parts) == 3:
        return "indikator"
    if parts[0] == "indikator":
        return "indikator (Gemeinden)"
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".html")


def main():
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "Site")
    pages = sorted(p for p in site.rglob("*.html"))
    if not pages:
        print(f"page-weight: no pages in {site}", file=sys.stderr)
        return 2
    # The site's own address (the 404 page links it absolutely), from robots.txt.
    robots = site / "robots.txt"
    own = re.search(r"Sitemap:\s*(\S+?)sitemap\.xml", robots.read_text()) if robots.is_file() else None
    kinds, foreign = {}, []
    for p in pages:
        raw = p.read_bytes()
        rel = p.relative_to(site).as_posix()
        kinds.setdefault(kind(rel), []).append((len(raw), len(gzip.compress(raw, 9)), rel))
        for m in LOADS.finditer(raw.decode("utf-8", "replace")):
            url = m.group(1) or m.group(2)
            if re.match(r"^(https?:)?//", url) and not (own and url.startswith(own.group(1))):
                foreign.append(f"{rel}: {url}")
    over = []
    print(f"page weight of {site}: {len(pages)} pages; KB = 1,000 bytes; gzip level 9")
    print(f"{'kind':<24}{'pages':>6}{'median raw':>12}{'median gz':>11}{'max gz':>9}{'budget':>8}{'max/budget':>12}  largest")
    for name in sorted(kinds):
        sizes = kinds[name]
        raw = statistics.median(s[0] for s in sizes) / 1000
        gz = statistics.median(s[1] for s in sizes) / 1000
        largest = max(sizes, key=lambda s: s[1])
        budget = BUDGETS.get(name)
        ratio = f"{largest[1] / 1000 / budget:>11.2f}" if budget else f"{'':>11}"
        print(f"{name:<24}{len(sizes):>6}{raw:>11.1f}K{gz:>10.1f}K{largest[1] / 1000:>8.1f}K"
              f"{(str(budget) + 'K') if budget else '':>8} {ratio}  {largest[2]}")
        if budget and largest[1] / 1000 > budget:
            over.append(f"{name}: {largest[2]} is {largest[1] / 1000:.1f} KB gzip, budget {budget} KB")
    print(f"{'asset':<24}{'raw':>8}{'gzip':>9}{'budget':>8}")
    for a in sorted((site / "assets").iterdir()):
        raw = a.read_bytes()
        gz = len(gzip.compress(raw, 9)) / 1000
        budget = SCRIPT_BUDGET if a.suffix == ".js" else None
        print(f"{a.name:<24}{len(raw) / 1000:>7.1f}K{gz:>8.1f}K{(str(budget) + 'K') if budget else '':>8}")
        if budget and gz > budget:
            over.append(f"assets/{a.name} is {gz:.1f} KB gzip, budget {budget} KB")
    print(f"requests to another host: {len(foreign)}")
    for f in foreign[:10]:
        print(f"  {f}")
    for o in over:
        print(f"over budget: {o}")
    return 1 if over or foreign else 0


if __name__ == "__main__":
    sys.exit(main())
