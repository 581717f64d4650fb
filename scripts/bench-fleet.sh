#!/usr/bin/env bash
# Issue 10's benchmark against one or more built jars, each started as `java -jar` on a fresh embedded PostgreSQL
# with zero simulated delays. Prints progress, then a figure table with one column per jar. It never asserts.
#
#   scripts/bench-fleet.sh [options] JAR...        e.g. scripts/bench-fleet.sh /work/bench-jars/baseline.jar target/ordinal-0.1.0-SNAPSHOT.jar
#   scripts/bench-fleet.sh --sizes 50 --phases fleet,reaction --idle 10 JAR     (a quick run)
#
# Options (see Options.java): --sizes 100,300,1000  --timeout 300  --phases fleet,reaction,api,idle,memory,bulk
#   --reactions 30  --idle 60  --settle 300  --bulk 30000  --clients 8  --pgss  --work target/bench-fleet
set -euo pipefail
cd "$(dirname "$0")/.."

# The driver is test code: compile it, and resolve the test classpath once (Jackson, the PostgreSQL driver).
./mvnw -q test-compile
if [[ ! -s target/bench-fleet.classpath || pom.xml -nt target/bench-fleet.classpath ]]; then
  ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-fleet.classpath
fi
# Everything printed is also kept in target/bench-fleet/last-run.txt.
mkdir -p target/bench-fleet
java -cp "target/test-classes:$(cat target/bench-fleet.classpath)" dev.ordinal.bench.fleet.FleetBenchmark "$@" \
  2>&1 | tee target/bench-fleet/last-run.txt
