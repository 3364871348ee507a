#!/usr/bin/env bash
# A Java 17 runtime for the Spark backend's tests (Debian's openjdk-17-jre-headless).
exec bash "$(dirname "$0")/apt-ensure.sh" java openjdk-17-jre-headless "the Spark tests"
