#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (when missing and when we may):
# swaks for SMTP, chromium and chromium-driver for the dashboard's browser tests.
set -euo pipefail
need=()
command -v swaks >/dev/null 2>&1 || need+=(swaks)
# The browser tests use /usr/bin/chromium and /usr/bin/chromedriver exactly (never a downloaded driver).
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test dependencies: ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >&2 \
      || echo "warning: could not install ${need[*]}; tests that need them will fail" >&2
  else
    echo "warning: missing ${need[*]} and not root; install them for the full suite (apt-get install -y ${need[*]})" >&2
  fi
fi
