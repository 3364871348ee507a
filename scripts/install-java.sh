#!/usr/bin/env bash
# A Java 17 runtime for the Spark backend's tests (Debian's openjdk-17-jre-headless), installed
# only when no `java` is on the PATH. Needs root or sudo; without them the Spark tests skip.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "install-java: not root and no sudo; Spark tests will be skipped" >&2
  exit 0
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
java -version
