#!/usr/bin/env python3
"""Crash-test driver for Ordinal: kill -9 at random moments of StatefulSet work, restart, check what survived.

Each trial: (setup) a 10-replica StatefulSet, converged; (phase) one of create / scale / update / delete of it while a
writer creates and deletes Services; kill -9 of the JVM alone, or of the JVM and its PostgreSQL (both process groups),
at a random moment; restart; then check that every acknowledged write is there (and every acknowledged delete gone),
that no pod, claim or volume binding is duplicated, that no read-write-once volume is attached to two nodes, and that
the set converges. Writes the figures into the "Crash tests" section of RELIABILITY.md. Standard library only.
"""
import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request

NS = "crash"
PSQL = "/usr/lib/postgresql/15/bin/psql"


class Server:
    def __init__(self, args):
        self.args = args
        self.proc = None
        self.starts = 0

    def base(self):
        return "http://127.0.0.1:%d" % self.args.port

    def start(self):
        """Starts the jar in its own process group; returns seconds until the API answered and the log's phases."""
        self.starts += 1
        log = os.path.join(self.args.workdir, "start-%03d.log" % self.starts)
        cmd = ["java"] + self.args.java_opts.split() + ["-jar", self.args.jar, "--server.port=%d" % self.args.port,
               "--ordinal.embedded-postgres.data-dir=" + os.path.join(self.args.workdir, "data"),
               "--ordinal.embedded-postgres.port=%d" % self.args.pg_port,
               "--ordinal.simulation.start-seconds=0", "--ordinal.simulation.ready-seconds=0",
               "--ordinal.simulation.termination-grace-seconds=0"]
        t0 = time.time()
        self.proc = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited during start, see " + log)
            if time.time() - t0 > self.args.start_timeout:
                raise RuntimeError("server did not answer within %ds, see %s" % (self.args.start_timeout, log))
            code, _ = http("GET", self.base() + "/api/v1/namespaces/default", timeout=2)
            if code == 200:
                return time.time() - t0, phases(log, t0)
            time.sleep(0.1)

    def kill(self, mode):
        """SIGKILL to the JVM alone, or ("group") to the JVM's process group and to PostgreSQL's, back to back, as a
        container kill does. pg_ctl starts the postmaster in a session of its own, so it needs its own signal."""
        if mode == "group":
            pid_file = os.path.join(self.args.workdir, "data", "postmaster.pid")
            pg = int(open(pid_file).readline()) if os.path.exists(pid_file) else None
            os.killpg(self.proc.pid, signal.SIGKILL)
            if pg:
                try:
                    os.killpg(os.getpgid(pg), signal.SIGKILL)
                except ProcessLookupError:
                    pass
        else:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def phases(log, t0):
    """Seconds from the JVM's start to: PostgreSQL up, Flyway done, JPA ready, Spring started (from the log)."""
    marks = {"postgres": "Embedded PostgreSQL on port", "jpa": "Initialized JPA EntityManagerFactory",
             "started": "Started OrdinalApplication", "lease": "took the controller lease"}
    out = {}
    first = None
    for line in open(log, errors="replace"):
        m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)Z", line)
        if not m:
            continue
        ts = time.mktime(time.strptime(m.group(1)[:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone \
            + float("0." + m.group(1)[20:])
        first = first or ts
        for key, text in marks.items():
            if text in line and key not in out:
                out[key] = round(ts - t0, 1)
    out["jvm"] = round(first - t0, 1) if first else None
    return out


def http(method, url, body=None, ctype="application/json", timeout=10):
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.loads(e.read() or b"null")
        except ValueError:
            return e.code, None
    except (OSError, ValueError):
        return None, None


def sql(args, query):
    # The embedded server asks for the password Ordinal generated and keeps beside its data directory.
    with open(os.path.join(args.workdir, "data.password")) as f:
        env = dict(os.environ, PGPASSWORD=f.read().strip())
    out = subprocess.run([PSQL, "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "-d", "postgres",
                          "-At", "-F", "|", "-c", query], capture_output=True, text=True, timeout=60, env=env)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return [l for l in out.stdout.splitlines() if l]


def statefulset(name, replicas, image="nginx:1.25"):
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": name},
            "spec": {"replicas": replicas, "serviceName": name, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [{"name": "nginx", "image": image}]}},
                     "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {
                         "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}}


class Writer(threading.Thread):
    """Creates Services and deletes every third one it created, recording what the API acknowledged."""

    def __init__(self, server, prefix):
        super().__init__(daemon=True)
        self.server, self.prefix = server, prefix
        self.created, self.deleted, self.delete_sent = set(), set(), set()
        self.stopped = False

    def run(self):
        n = 0
        svc = self.server.base() + "/api/v1/namespaces/%s/services" % NS
        while not self.stopped:
            n += 1
            name = "%s-%d" % (self.prefix, n)
            code, _ = http("POST", svc, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name},
                                         "spec": {"ports": [{"port": 80}]}}, timeout=5)
            if code == 201:
                self.created.add(name)
            elif code is None:
                time.sleep(0.2)
            if n % 3 == 0 and ("%s-%d" % (self.prefix, n - 1)) in self.created:
                victim = "%s-%d" % (self.prefix, n - 1)
                # A delete whose answer was lost may have happened: its create is then not counted as lost.
                self.delete_sent.add(victim)
                code, _ = http("DELETE", svc + "/" + victim, timeout=5)
                if code in (200, 202):
                    self.deleted.add(victim)


def converged(server, name, expect_gone):
    """None when converged, else what is still wrong."""
    base = server.base()
    code, sts = http("GET", base + "/apis/apps/v1/namespaces/%s/statefulsets/%s" % (NS, name))
    _, pods = http("GET", base + "/api/v1/namespaces/%s/pods?labelSelector=app%%3D%s" % (NS, name))
    if code is None or pods is None:
        return "API not answering"
    pods = pods["items"]
    if code == 404:
        if expect_gone is False:
            return "set lost"
        return None if not pods else "%d pods left after the set was deleted" % len(pods)
    if expect_gone:
        return "set still there after an acknowledged delete"
    want = sts["spec"]["replicas"]
    names = sorted(p["metadata"]["name"] for p in pods)
    expected = sorted("%s-%d" % (name, i) for i in range(want))
    if names != expected:
        return "pods %s, want %s" % (names, expected)
    image = sts["spec"]["template"]["spec"]["containers"][0]["image"]
    for p in pods:
        ready = any(c["type"] == "Ready" and c["status"] == "True" for c in p.get("status", {}).get("conditions", []))
        if p.get("metadata", {}).get("deletionTimestamp") or not ready:
            return "pod %s not ready" % p["metadata"]["name"]
        if p["spec"]["containers"][0]["image"] != image:
            return "pod %s not updated" % p["metadata"]["name"]
    return None


def invariants(args):
    """Violations of the database's invariants, each as a string."""
    bad = []
    for row in sql(args, "select kind, namespace, name from resource group by 1,2,3 having count(*) > 1"):
        bad.append("duplicate object " + row)
    for row in sql(args, "select body->'spec'->'claimRef'->>'namespace', body->'spec'->'claimRef'->>'name' from "
                         "resource where kind='PersistentVolume' and body->'spec'->'claimRef' is not null "
                         "group by 1,2 having count(*) > 1"):
        bad.append("claim bound by two volumes " + row)
    for row in sql(args, "select body->'spec'->>'volumeName' from resource where kind='PersistentVolumeClaim' "
                         "and body->'spec'->>'volumeName' is not null group by 1 having count(*) > 1"):
        bad.append("volume bound to two claims " + row)
    for row in sql(args, "select a.body->'spec'->'source'->>'persistentVolumeName' from resource a "
                         "join resource pv on pv.kind='PersistentVolume' "
                         "and pv.name=a.body->'spec'->'source'->>'persistentVolumeName' "
                         "where a.kind='VolumeAttachment' "
                         "and (pv.body->'spec'->'accessModes')::text like '%ReadWriteOnce%' "
                         "group by 1 having count(distinct a.body->'spec'->>'nodeName') > 1"):
        bad.append("read-write-once volume attached to two nodes " + row)
    for row in sql(args, "select body->'metadata'->'labels'->>'app', body->'metadata'->'labels'->>"
                         "'apps.kubernetes.io/pod-index', count(*) from resource where kind='Pod' and namespace='"
                         + NS + "' and body->'metadata'->>'deletionTimestamp' is null group by 1,2 having count(*) > 1"):
        bad.append("two live pods for one ordinal " + row)
    return bad


def wait_converged(server, name, expect_gone, timeout):
    t0 = time.time()
    why = "not checked"
    while time.time() - t0 < timeout:
        why = converged(server, name, expect_gone)
        if why is None:
            return time.time() - t0, None
        time.sleep(0.25)
    return None, why


def trial(args, server, k, mode, phase, results):
    name = "set-%d" % k
    sts_url = server.base() + "/apis/apps/v1/namespaces/%s/statefulsets" % NS
    if phase != "create":
        code, _ = http("POST", sts_url, statefulset(name, 10))
        assert code == 201, code
        t, why = wait_converged(server, name, False, args.converge_timeout)
        if t is None:
            raise RuntimeError("setup of %s did not converge: %s" % (name, why))
    writers = [Writer(server, "t%d-w%d" % (k, i)) for i in range(2)]
    for w in writers:
        w.start()
    acked = {}

    def act():
        if phase == "create":
            acked["code"], _ = http("POST", sts_url, statefulset(name, 10), timeout=30)
        elif phase == "scale":
            acked["replicas"] = random.choice([3, 5, 7])
            acked["code"], _ = http("PATCH", sts_url + "/" + name + "/scale",
                                    json.dumps({"spec": {"replicas": acked["replicas"]}}).encode(),
                                    "application/merge-patch+json", timeout=30)
        elif phase == "update":
            acked["image"] = "nginx:1.%d" % random.randint(26, 99)
            acked["code"], _ = http("PATCH", sts_url + "/" + name, json.dumps({"spec": {"template": {"spec": {
                "containers": [{"name": "nginx", "image": acked["image"]}]}}}}).encode(),
                                    "application/strategic-merge-patch+json", timeout=30)
        else:
            acked["code"], _ = http("DELETE", sts_url + "/" + name, timeout=30)

    time.sleep(random.uniform(1.0, 3.0))
    op = threading.Thread(target=act, daemon=True)
    op.start()
    time.sleep(random.uniform(0.0, args.max_kill_delay))
    server.kill(mode)
    for w in writers:
        w.stopped = True
    op.join(35)
    for w in writers:
        w.join(10)
    created = set().union(*[w.created for w in writers])
    deleted = set().union(*[w.deleted for w in writers])
    delete_sent = set().union(*[w.delete_sent for w in writers])
    restart, marks = server.start()
    lost, violations = [], []
    _, svcs = http("GET", server.base() + "/api/v1/namespaces/%s/services" % NS, timeout=60)
    present = {s["metadata"]["name"] for s in svcs["items"]}
    lost += ["create of service " + s for s in created - delete_sent if s not in present]
    lost += ["delete of service " + s for s in deleted if s in present]
    ok = acked.get("code") in (200, 201, 202)
    code, sts = http("GET", sts_url + "/" + name)
    if ok and phase == "create" and code != 200:
        lost.append("create of " + name)
    if ok and phase == "scale" and (code != 200 or sts["spec"]["replicas"] != acked["replicas"]):
        lost.append("scale of " + name)
    if ok and phase == "update" and (code != 200 or
                                     sts["spec"]["template"]["spec"]["containers"][0]["image"] != acked["image"]):
        lost.append("update of " + name)
    expect_gone = True if (ok and phase == "delete") else (None if phase in ("create", "delete") else False)
    converge, why = wait_converged(server, name, expect_gone, args.converge_timeout)
    if converge is None:
        violations.append("%s did not converge in %ds: %s" % (name, args.converge_timeout, why))
    violations += invariants(args)
    results.append({"trial": k, "mode": mode, "phase": phase, "acked_op": ok,
                    "acked_writes": len(created) + len(deleted) + (1 if ok else 0),
                    "lost": lost, "violations": violations, "restart_s": round(restart, 1),
                    "converge_s": None if converge is None else round(converge, 1), "restart_phases": marks})
    print(json.dumps(results[-1]), flush=True)


def summary(args, results, started):
    def stats(xs):
        xs = [x for x in xs if x is not None]
        if not xs:
            return "n/a"
        return "min %.1f / median %.1f / max %.1f" % (min(xs), statistics.median(xs), max(xs))

    rows = ["| | kill -9 of the JVM | kill -9 of the JVM and PostgreSQL |", "|---|---|---|"]
    for phase in ("create", "scale", "update", "delete"):
        rows.append("| kills during %s | %d | %d |" % (phase, *[
            sum(1 for r in results if r["phase"] == phase and r["mode"] == m) for m in ("jvm", "group")]))
    for label, key in (("acknowledged writes checked", "acked_writes"),):
        rows.append("| %s | %d | %d |" % (label, *[sum(r[key] for r in results if r["mode"] == m)
                                                  for m in ("jvm", "group")]))
    rows.append("| lost acknowledged writes | %d | %d |" % tuple(
        sum(len(r["lost"]) for r in results if r["mode"] == m) for m in ("jvm", "group")))
    rows.append("| invariant violations | %d | %d |" % tuple(
        sum(len(r["violations"]) for r in results if r["mode"] == m) for m in ("jvm", "group")))
    rows.append("| restart until the API answers, s | %s | %s |" % tuple(
        stats([r["restart_s"] for r in results if r["mode"] == m]) for m in ("jvm", "group")))
    rows.append("| convergence after restart, s | %s | %s |" % tuple(
        stats([r["converge_s"] for r in results if r["mode"] == m]) for m in ("jvm", "group")))
    phase_rows = ["| restart phase (seconds from launch) | median | max |", "|---|---|---|"]
    for key, label in (("jvm", "first log line (JVM up)"), ("postgres", "embedded PostgreSQL answering"),
                       ("jpa", "Flyway done, JPA ready"), ("started", "Spring context started"),
                       ("lease", "controllers running (lease taken)")):
        xs = [r["restart_phases"].get(key) for r in results if r["restart_phases"].get(key) is not None]
        if xs:
            phase_rows.append("| %s | %.1f | %.1f |" % (label, statistics.median(xs), max(xs)))
    problems = [("trial %d (%s, %s): " % (r["trial"], r["mode"], r["phase"])) + p
                for r in results for p in r["lost"] + r["violations"]]
    text = ["## Crash tests", "",
            "`scripts/crash-test.sh` (%d trials, %s, %.0f minutes, on %s). Each trial converges a 10-replica "
            "StatefulSet, then kills at a random moment during its create, scale, update or delete while two "
            "writers create and delete Services, restarts the jar on the same data directory, and checks every acknowledged "
            "write, the database invariants and convergence.%s" % (
                len(results), time.strftime("%Y-%m-%d", time.gmtime()), (time.time() - started) / 60,
                args.machine, " JVM options: `%s`." % args.java_opts if args.java_opts else ""), ""] + rows + ["", "Where a restart's time goes:", ""] + phase_rows + [""]
    text += ["Problems found: none." if not problems else "Problems found:"] + ["- " + p for p in problems] + [""]
    return "\n".join(text)


def write_report(path, section):
    old = open(path).read() if os.path.exists(path) else "# Reliability\n\n"
    m = re.search(r"^## Crash tests\n.*?(?=^## |\Z)", old, re.S | re.M)
    new = old[:m.start()] + section + "\n" + old[m.end():] if m else old.rstrip("\n") + "\n\n" + section + "\n"
    open(path, "w").write(new)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jar", required=True)
    p.add_argument("--trials", type=int, default=12)
    p.add_argument("--workdir", default="target/crash-test")
    p.add_argument("--port", type=int, default=18480)
    p.add_argument("--pg-port", type=int, default=18432)
    p.add_argument("--max-kill-delay", type=float, default=2.0)
    p.add_argument("--start-timeout", type=int, default=300)
    p.add_argument("--converge-timeout", type=int, default=180)
    p.add_argument("--report", default="RELIABILITY.md")
    p.add_argument("--machine", default="%d cores" % os.cpu_count())
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--java-opts", default="", help="JVM options, given as --java-opts='-XX:SharedArchiveFile=app.jsa ...'")
    args = p.parse_args()
    random.seed(args.seed)
    os.makedirs(args.workdir, exist_ok=True)
    server = Server(args)
    results, started = [], time.time()
    try:
        first, _ = server.start()
        print("first start: %.1fs" % first, flush=True)
        http("POST", server.base() + "/api/v1/namespaces",
             {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NS}})
        for k in range(1, args.trials + 1):
            trial(args, server, k, "jvm" if k % 2 else "group", ("create", "scale", "update", "delete")[
                ((k - 1) // 2) % 4], results)
    finally:
        server.stop()
        json.dump(results, open(os.path.join(args.workdir, "results.json"), "w"), indent=1)
    section = summary(args, results, started)
    print(section)
    write_report(args.report, section)
    bad = sum(len(r["lost"]) + len(r["violations"]) for r in results)
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
