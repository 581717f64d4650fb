#!/usr/bin/env bash
# Crash-test harness: N trials of kill -9 (the JVM alone, or the JVM and its PostgreSQL) at random moments of
# StatefulSet create/scale/update/delete, each followed by a restart and checks of acknowledged writes, invariants and
# convergence. Writes the "Crash tests" section of RELIABILITY.md. Not part of `./mvnw verify`; about ten minutes.
#
#   scripts/crash-test.sh [--trials N] [--seed S] [any other option of scripts/crash_test.py]
#   CDS=1 scripts/crash-test.sh ...   # restart with a class-data-sharing archive (see README, "Faster restarts")
#
# Uses target/ordinal-*.jar, building it first when it is missing (set REBUILD=1 to build it anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/ordinal-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$jar" || "${REBUILD:-0}" == 1 ]]; then
  ./mvnw -q -o -DskipTests package
  jar=$(ls target/ordinal-*.jar | grep -v original | head -1)
fi
work=target/crash-test
rm -rf "$work"
mkdir -p "$work"
cp "$jar" "$work/ordinal.jar"   # a copy, so a build during the run does not change the jar under test
if [[ "${CDS:-0}" == 1 ]]; then
  scripts/cds-archive.sh "$work/ordinal.jar" "$work/app"
  exec python3 scripts/crash_test.py --jar "$work/app/ordinal.jar" "--java-opts=-XX:SharedArchiveFile=$work/app/ordinal.jsa -Xlog:cds=off" --workdir "$work" "$@"
fi
exec python3 scripts/crash_test.py --jar "$work/ordinal.jar" --workdir "$work" "$@"
