#!/usr/bin/env bash
# Installs what the tests need and Maven cannot bring: Debian's chromium and chromedriver for the
# browser tests. PostgreSQL, Redis, SMTP and OIDC come as jars. Runs from `mvn verify` before the tests.
set -u
have() { command -v "$1" >/dev/null 2>&1; }
if have chromium && have chromedriver; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && have apt-get; then
  echo "[opensignup] installing chromium and chromium-driver for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) >/tmp/opensignup-apt.log 2>&1 \
    || { echo "[opensignup] WARNING: apt-get could not install chromium (see /tmp/opensignup-apt.log); browser tests will be skipped, and fail under CI=true"; exit 0; }
  exit 0
fi
echo "[opensignup] WARNING: chromium/chromedriver missing and cannot be installed here (need root and apt-get)."
echo "[opensignup]          Browser tests will be SKIPPED (and FAIL under CI=true). Install: apt-get install -y chromium chromium-driver"
exit 0
