#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (never `playwright install`, which
# downloads a browser).
exec bash "$(dirname "$0")/apt-ensure.sh" chromium chromium "the browser tests"
