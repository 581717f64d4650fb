#!/bin/bash
# Counts the transactions PostgreSQL commits while a jar converges a fleet of three-replica StatefulSets with claims.
# Usage: scripts/fleet-commits.sh JAR NAME SETS [PORT]
# Starts JAR on a fresh embedded database in /tmp/fleet-commits-NAME, POSTs SETS sets one by one with curl, waits
# until all their pods are Ready, and prints pg_stat_database.xact_commit after minus before. Needs curl and psql.
set -euo pipefail
JAR=$(realpath "$1"); NAME=$2; SETS=$3; PORT=${4:-18290}
PSQL=${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}
D=/tmp/fleet-commits-$NAME
rm -rf "$D"; mkdir -p "$D"; cd "$D"
setsid nohup java -jar "$JAR" --server.port="$PORT" --ordinal.embedded-postgres.data-dir="$D/pg" > "$D/out.log" 2>&1 &
JAVA_PID=$!
trap 'kill $JAVA_PID 2>/dev/null || true' EXIT
until curl -sf "localhost:$PORT/version" >/dev/null; do sleep 0.5; done
sleep 5 # Let start-up's own writes finish.
PGPORT=$(sed -n 4p "$D/pg/postmaster.pid" | tr -d ' ')
commits() {
    PGPASSWORD=$(cat "$D/pg.password") "$PSQL" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc \
        "select xact_commit from pg_stat_database where datname = 'postgres'"
}
before=$(commits)
for i in $(seq 1 "$SETS"); do
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
        "localhost:$PORT/apis/apps/v1/namespaces/default/statefulsets" --data @- <<JSON
{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"s-$i"},
 "spec":{"podManagementPolicy":"Parallel","replicas":3,"serviceName":"s","selector":{"matchLabels":{"app":"s-$i"}},
  "template":{"metadata":{"labels":{"app":"s-$i"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}},
  "volumeClaimTemplates":[{"metadata":{"name":"www"},
   "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
JSON
done
until [ "$(curl -s "localhost:$PORT/api/v1/namespaces/default/pods" \
        | grep -o '"type":"Ready","status":"True"' | wc -l)" -ge $((SETS * 3)) ]; do
    sleep 1
done
sleep 3 # The last status and event writes.
echo "$NAME: $(( $(commits) - before )) commits for $SETS sets ($((SETS * 3)) pods)"
