#!/usr/bin/env bash
# Scale benchmark of `atlas check` (issue 18, item 10): a Gemeinde table of about a million
# rows (the 10,786 real Gemeinden x 93 years), summed to Kreise and Länder, with disclosure
# control (min 3) on it. Prints wall time and peak RSS per run; asserts nothing (targets:
# <= 10 s and <= 500 MiB on 2 cores). Synthetic data, generated here, never committed.
# Usage: Tests/bench/scale-bench.sh [runs] [years]   (defaults 3, 93)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
years=${2:-93}
# ATLAS_BIN: a release binary already built (skips the build).
if [ -z "${ATLAS_BIN:-}" ]; then swift build -c release --product atlas >/dev/null; fi
bin=${ATLAS_BIN:-$(pwd)/.build/release/atlas}
real=$(cd ../shared/data/real && pwd)

tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
mkdir -p "$tmp/Data/indicators" "$tmp/sources"
cp "$real/laender.csv" "$real/kreise.csv" "$real/gemeinden_zensus2022.csv" "$tmp/sources/"
python3 - "$tmp/sources" "$years" <<'PY'
import csv, random, sys
out, years = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261130)
codes = [r["ags"] for r in csv.DictReader(open(f"{out}/gemeinden_zensus2022.csv", encoding="utf-8"))]
with open(f"{out}/gross.csv", "w") as f:
    f.write("ags,jahr,wert\n")
    for year in range(2022 - years + 1, 2023):
        for c in codes:
            v = rng.choice([".", "1", "2"]) if rng.random() < 0.01 else str(rng.randrange(0, 5000))
            f.write(f"{c},{year},{v}\n")
print(f"{len(codes) * years:,} rows", file=sys.stderr)
PY
cat > "$tmp/Data/atlas.yaml" <<YAML
title: {de: Skalierung, en: Scale}
languages: [de, en]
gebietsstand: 2021-07-01
reference_year: 2021
sources: ../sources
regions:
  land: {table: laender, key_column: land_code, name_column: name, short_name_column: abbr}
  kreis: {table: kreise, key_column: ags, name_column: name, short_name_column: name_short, type_column: type, parent_column: land_code}
  gemeinde: {table: gemeinden, key_column: ags, name_column: name, parent_column: kreis_ags}
tables:
  laender: {path: laender.csv}
  kreise: {path: kreise.csv}
  gemeinden: {path: gemeinden_zensus2022.csv}
  gross: {path: gross.csv}
licences:
  dl-de/by-2-0: {name: Datenlizenz Deutschland – Namensnennung – Version 2.0, url: "https://www.govdata.de/dl-de/by-2-0"}
territorial_changes: none
geometry: none
offers: none
peer_groups: none
YAML
echo '- {id: demografie, title: {de: Demografie, en: Demography}}' > "$tmp/Data/themes.yaml"
cat > "$tmp/Data/indicators/gross.yaml" <<YAML
id: gross
title: {de: Fälle, en: Cases}
short: {de: Fälle, en: Cases}
definition: {de: Synthetische Fallzahl, en: Synthetic count}
unit: Fälle
decimals: 0
theme: demografie
polarity: neutral
years: {from: $((2022 - years + 1)), to: 2022}
reference: sum
source: {publisher: Test, licence: dl-de/by-2-0, datenstand: 2022-12-31}
values: {table: gross, level: gemeinde, key_column: ags, year_column: jahr, value_column: wert}
aggregate: {rule: sum}
disclosure: {min: 3}
YAML
ls -la "$tmp/sources/gross.csv" | awk '{printf "table: %.1f MB\n", $5/1e6}'
for k in $(seq 1 "$runs"); do
  /usr/bin/time -f "run $k: %e s wall, %M KiB peak RSS" "$bin" check --data "$tmp/Data" 2>&1 | tail -2
done
