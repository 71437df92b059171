#!/usr/bin/env bash
# Installs what the tests need and Maven cannot bring: Debian's chromium and chromedriver for the
# browser tests, and axe-core (npm) that the browser tests run on every page state. PostgreSQL, Redis,
# SMTP and OIDC come as jars. Runs from `mvn verify` (and `mvn test`) before the tests, from the project root.
set -u
have() { command -v "$1" >/dev/null 2>&1; }

install_browser() {
  if have chromium && have chromedriver; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && have apt-get; then
    echo "[opensignup] installing chromium and chromium-driver for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) >/tmp/opensignup-apt.log 2>&1 \
      || echo "[opensignup] WARNING: apt-get could not install chromium (see /tmp/opensignup-apt.log); browser tests will be skipped, and fail under CI=true"
    return 0
  fi
  echo "[opensignup] WARNING: chromium/chromedriver missing and cannot be installed here (need root and apt-get)."
  echo "[opensignup]          Browser tests will be SKIPPED (and FAIL under CI=true). Install: apt-get install -y chromium chromium-driver"
}

# axe-core into target/test-parts (the path the tests read: support/Axe.java); npm's cache makes a
# reinstall after `mvn clean` cheap
install_axe() {
  local dir=target/test-parts/axe
  if [ -f "$dir/node_modules/axe-core/axe.min.js" ]; then
    return 0
  fi
  if ! have npm && [ "$(id -u)" = "0" ] && have apt-get; then
    echo "[opensignup] installing npm for axe-core"
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq npm) >/tmp/opensignup-apt-npm.log 2>&1 || true
  fi
  if have npm; then
    echo "[opensignup] installing axe-core for the accessibility checks of the browser tests"
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" axe-core@4 >/tmp/opensignup-npm.log 2>&1 \
      || echo "[opensignup] WARNING: npm could not install axe-core (see /tmp/opensignup-npm.log); accessibility checks will be skipped, and fail under CI=true"
  else
    echo "[opensignup] WARNING: npm missing: accessibility checks will be SKIPPED (and FAIL under CI=true)."
  fi
}

install_browser
install_axe
exit 0
