#!/usr/bin/env python3
"""Writes an atlas definition (Data/) for the reference generator's synthetic data,
so that `atlas build` reads the same districts.csv / indicators.yaml / values.csv
that Hugo's prepare.py converts. Usage: bench_definition.py DATA_DIR OUT_DATA_DIR [LANGUAGES]
LANGUAGES: "de" (default; the Hugo reference is German only) or "de,en"."""
import csv, os, re, sys

data, out = sys.argv[1], sys.argv[2]
langs = (sys.argv[3] if len(sys.argv) > 3 else "de").split(",")
os.makedirs(os.path.join(out, "indicators"), exist_ok=True)
states = {}
with open(os.path.join(data, "districts.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        states.setdefault(row["ags"][:2], row["state"])
with open(os.path.join(out, "laender.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["code", "name"])
    for code in sorted(states):
        w.writerow([code, states[code]])
years = set()
with open(os.path.join(data, "values.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        years.add(int(row["year"]))
def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
def t(s, en=None):
    """A text in every language of the benchmark atlas (the same words: synthetic data)."""
    return "{" + ", ".join(f"{l}: {q(en if (l == 'en' and en) else s)}" for l in langs) + "}"
open(os.path.join(out, "atlas.yaml"), "w").write(f"""title: {t('Benchmark')}
languages: [{', '.join(langs)}]
gebietsstand: 2021-07-01
reference_year: {max(years)}
sources: {os.path.abspath(data)}
regions:
  land: {{table: laender, key_column: code, name_column: name}}
  kreis: {{table: districts, key_column: ags, name_column: name}}
tables:
  laender: {{path: laender.csv, root: data}}
  districts: {{path: districts.csv}}
  values: {{path: values.csv}}
licences:
  cc0: {{name: synthetic, url: "https://example.org/synthetic"}}
""")
open(os.path.join(out, "themes.yaml"), "w").write(f"- {{id: alle, title: {t('Alle', 'All')}}}\n")
text = open(os.path.join(data, "indicators.yaml"), encoding="utf-8").read()
for block in re.split(r"\n(?=- id:)", text):
    m = dict(re.findall(r'^\s*-?\s*(\w+): "?(.*?)"?$', block, re.M))
    if "id" not in m:
        continue
    ident = m["id"].replace("_", "-")
    open(os.path.join(out, "indicators", ident + ".yaml"), "w").write(f"""id: {ident}
title: {t(m['title'])}
short: {t(m['description'])}
definition: {t(m['description'])}
unit: {q(m['unit'])}
decimals: 1
theme: alle
polarity: {'higher-is-better' if m.get('higher_is_better') == 'true' else 'lower-is-better'}
years: {{from: {min(years)}, to: {max(years)}}}
reference: median
source: {{publisher: synthetic, licence: cc0, datenstand: 2024-06-01}}
values: {{table: values, key_column: ags, year_column: year, value_column: value, where: {{indicator: {m['id']}}}}}
""")
