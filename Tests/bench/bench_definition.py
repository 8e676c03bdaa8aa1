#!/usr/bin/env python3
"""Writes an atlas definition (Data/) for the reference generator's synthetic data,
so that `atlas build` reads the same districts.csv / indicators.yaml / values.csv
that Hugo's prepare.py converts. Usage: bench_definition.py DATA_DIR OUT_DATA_DIR [LANGUAGES]
LANGUAGES: "de" (default; the Hugo reference is German only) or "de,en".

5-digit keys (preset small): the regions are Kreise, each with its Steckbrief.
8-digit keys (preset large, 10,800 regions): the regions are Gemeinden with
their own pages (`pages: true`); the Kreise are the 5-digit prefixes (the
generator's keys carry no real Kreis), and each indicator is aggregated from
the Gemeinden to the Kreise, weighted by population (districts.csv), as the real
atlas does with the Zensus figures."""
import csv, os, re, sys

data, out = sys.argv[1], sys.argv[2]
langs = (sys.argv[3] if len(sys.argv) > 3 else "de").split(",")
os.makedirs(os.path.join(out, "indicators"), exist_ok=True)
states, rows = {}, []
with open(os.path.join(data, "districts.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        states.setdefault(row["ags"][:2], row["state"])
        rows.append(row)
gemeinden = len(rows[0]["ags"]) == 8
with open(os.path.join(out, "laender.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["code", "name"])
    for code in sorted(states):
        w.writerow([code, states[code]])
if gemeinden:
    with open(os.path.join(out, "kreise.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ags", "name", "land"])
        for code in sorted({r["ags"][:5] for r in rows}):
            w.writerow([code, f"Kreis {code}", code[:2]])
    with open(os.path.join(out, "gemeinden.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ags", "name", "kreis", "population"])
        for r in rows:
            w.writerow([r["ags"], r["name"], r["ags"][:5], r["population"]])
years = set()
with open(os.path.join(data, "values.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        years.add(int(row["year"]))
def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
def t(s, en=None):
    """A text in every language of the benchmark atlas (the same words: synthetic data)."""
    return "{" + ", ".join(f"{l}: {q(en if (l == 'en' and en) else s)}" for l in langs) + "}"
if gemeinden:
    regions = """  land: {table: laender, key_column: code, name_column: name}
  kreis: {table: kreise, key_column: ags, name_column: name, parent_column: land}
  gemeinde: {table: gemeinden, key_column: ags, name_column: name, parent_column: kreis, pages: true}
tables:
  laender: {path: laender.csv, root: data}
  kreise: {path: kreise.csv, root: data}
  gemeinden: {path: gemeinden.csv, root: data}"""
else:
    regions = """  land: {table: laender, key_column: code, name_column: name}
  kreis: {table: districts, key_column: ags, name_column: name}
tables:
  laender: {path: laender.csv, root: data}
  districts: {path: districts.csv}"""
open(os.path.join(out, "atlas.yaml"), "w").write(f"""title: {t('Benchmark')}
languages: [{', '.join(langs)}]
gebietsstand: 2021-07-01
reference_year: {max(years)}
sources: {os.path.abspath(data)}
regions:
{regions}
  values: {{path: values.csv}}
licences:
  cc0: {{name: synthetic, url: "https://example.org/synthetic"}}
# The atlas asks every definition to say what it does without (issue 18):
# synthetic regions have no history, no borders, no offers, no Kreistypen.
territorial_changes: none
geometry: none
offers: none
peer_groups: none
""")
open(os.path.join(out, "themes.yaml"), "w").write(f"- {{id: alle, title: {t('Alle', 'All')}}}\n")
level = "gemeinde" if gemeinden else "kreis"
if gemeinden:
    open(os.path.join(out, "indicators", "einwohner.yaml"), "w").write(f"""id: einwohner
title: {t('Einwohner')}
short: {t('Einwohnerinnen und Einwohner')}
definition: {t('Einwohnerinnen und Einwohner (synthetisch)')}
unit: Personen
decimals: 0
theme: alle
polarity: neutral
years: {{from: {max(years)}, to: {max(years)}}}
reference: sum
source: {{publisher: synthetic, licence: cc0, datenstand: 2024-06-01}}
values: {{table: gemeinden, level: gemeinde, key_column: ags, year: {max(years)}, value_column: population}}
aggregate: {{rule: sum}}
""")
text = open(os.path.join(data, "indicators.yaml"), encoding="utf-8").read()
for block in re.split(r"\n(?=- id:)", text):
    m = dict(re.findall(r'^\s*-?\s*(\w+): "?(.*?)"?$', block, re.M))
    if "id" not in m:
        continue
    ident = m["id"].replace("_", "-")
    aggregate = "aggregate: {rule: weighted-mean, weight: einwohner}\n" if gemeinden else ""
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
values: {{table: values, level: {level}, key_column: ags, year_column: year, value_column: value, where: {{indicator: {m['id']}}}}}
{aggregate}""")
