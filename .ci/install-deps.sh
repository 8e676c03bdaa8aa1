#!/usr/bin/env bash
# Installs the C library the build links (Debian 12, as root): cmark, the
# CommonMark reference implementation, for the editorial pages' Markdown
# (the system-library target Sources/Ccmark). Does nothing when it is there.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if [ ! -f /usr/include/cmark.h ]; then
  echo "install-deps: apt-get install libcmark-dev"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libcmark-dev >/dev/null
fi
test -f /usr/include/cmark.h
echo "install-deps: ok"
