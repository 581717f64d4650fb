#!/usr/bin/env python3
"""CPU of each thread of a running JVM over a window, from /proc: where an idle instance's CPU goes.

Usage: scripts/idle-threads.py PID [SECONDS]   (default 60 s; Linux only)

Prints the total in ticks and in % of one core, then the threads by name (numbered threads of one pool folded into
one line, e.g. "reconcile-kubelet-N"), busiest first. Names are the kernel's, cut to 15 characters.
"""
import os
import re
import sys
import time


def snapshot(pid):
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
        except OSError:
            continue  # The thread ended meanwhile.
        name = stat[stat.index('(') + 1:stat.rindex(')')]
        fields = stat[stat.rindex(')') + 2:].split()
        out[tid] = (name, int(fields[11]) + int(fields[12]))  # utime + stime
    return out


def main():
    pid = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    before = snapshot(pid)
    time.sleep(seconds)
    after = snapshot(pid)
    by_name = {}
    for tid, (name, ticks) in after.items():
        used = ticks - before.get(tid, (name, 0))[1]
        key = re.sub(r'-?\d+$', '-N', name)
        by_name[key] = by_name.get(key, 0) + used
    total = sum(by_name.values())
    hz = os.sysconf('SC_CLK_TCK')
    print(f'total {total} ticks = {100.0 * total / hz / seconds:.2f} % of a core over {seconds:.0f} s')
    for name, used in sorted(by_name.items(), key=lambda kv: -kv[1]):
        if used:
            print(f'{used:6d}  {name}')


if __name__ == '__main__':
    main()
