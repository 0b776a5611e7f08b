#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (when missing and when we may).
set -euo pipefail
need=()
command -v swaks >/dev/null 2>&1 || need+=(swaks)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test dependencies: ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >&2 \
      || echo "warning: could not install ${need[*]}; tests that need them will fail" >&2
  else
    echo "warning: missing ${need[*]} and not root; install them for the full suite" >&2
  fi
fi
