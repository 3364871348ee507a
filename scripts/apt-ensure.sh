#!/usr/bin/env bash
# Install a Debian package unless its command is already on the PATH:
#   scripts/apt-ensure.sh COMMAND PACKAGE WHAT-SKIPS-WITHOUT-IT
# Needs root or sudo; without them it says what will be skipped and succeeds.
set -euo pipefail
command=$1 package=$2 skipped=$3
if command -v "$command" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "apt-ensure: not root and no sudo; $skipped will be skipped" >&2
  exit 0
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$package" >/dev/null
"$command" --version 2>&1 | head -1 || "$command" -version 2>&1 | head -1
