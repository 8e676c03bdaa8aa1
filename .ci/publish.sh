#!/usr/bin/env bash
# Nightly publish: check, build, run the site checks, and only if all pass copy
# the site to its target. Never a half-built site: the build replaces Site/
# atomically, and rsync moves files into place only at the end (--delay-updates).
# Unchanged files keep their bytes, so --checksum moves only what changed.
#
# Environment:
#   PUBLISH_TARGET  where to publish (a folder or an rsync destination); empty: build and check only
#   BASE_URL        the public address of the site (canonical links, sitemap, DCAT); required
#                   unless base_url is in atlas.yaml: `atlas build --publish` refuses a site
#                   without it, and refuses placeholders [[…]] left in Data/pages
#   DATA, SOURCES   the atlas definition and the source root (defaults: Data, from atlas.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-Data}
sources=()
[ -n "${SOURCES:-}" ] && sources=(--sources "$SOURCES")
base=()
[ -n "${BASE_URL:-}" ] && base=(--base-url "$BASE_URL")

swift build -c release --product atlas
atlas=.build/release/atlas
"$atlas" check --data "$data" "${sources[@]}"
"$atlas" build --publish --data "$data" "${sources[@]}" "${base[@]}" --output Site
bash .ci/install-site-tools.sh
python3 Tests/SiteCheck/site_check.py Site

if [ -n "${PUBLISH_TARGET:-}" ]; then
  command -v rsync >/dev/null || { apt-get update -qq && apt-get install -y -qq rsync >/dev/null; }
  rsync -a --checksum --delete --delay-updates --itemize-changes Site/ "$PUBLISH_TARGET/" | tee /tmp/atlas-publish.log
  echo "publish: $(grep -c '^[<>ch*]' /tmp/atlas-publish.log || true) entries transferred or deleted to $PUBLISH_TARGET"
else
  echo "publish: PUBLISH_TARGET is not set; the site was built and checked, nothing was published"
fi
