#!/usr/bin/env bash
# Makes a class-data-sharing archive for faster starts: copies the jar into a directory of its own (an archive is
# valid only for the jar it was made from, at the same path) and records the classes one start loads, with a
# throwaway embedded PostgreSQL, exiting once the context has refreshed.
#
#   scripts/cds-archive.sh target/ordinal-0.1.0-SNAPSHOT.jar app
#   java -XX:SharedArchiveFile=app/ordinal.jsa -jar app/ordinal.jar
set -euo pipefail
jar=$1
dest=$2
rm -rf "$dest"
mkdir -p "$dest"
cp "$jar" "$dest/ordinal.jar"
train=$(mktemp -d)
java -XX:ArchiveClassesAtExit="$dest/ordinal.jsa" -Xlog:cds=off -Dspring.context.exit=onRefresh -jar "$dest/ordinal.jar" \
  --server.port=0 --ordinal.embedded-postgres.data-dir="$train/pg" --ordinal.embedded-postgres.durable=false \
  --ordinal.controllers.enabled=false > "$dest/training.log" 2>&1
rm -rf "$train"
