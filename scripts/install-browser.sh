#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (never `playwright install`, which
# downloads a browser). Needs root or sudo; without them the browser tests skip.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "install-browser: not root and no sudo; browser tests will be skipped" >&2
  exit 0
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
chromium --version
