#!/usr/bin/env python3
"""Timing and table for speed.sh.

usage: speedtable.py CMDS.json TARGET DIR RUNS_BGSPEC RUNS_PY [HYPERFINE_BG.json HYPERFINE_PY.json]
CMDS.json holds [bgspec_cmd, cfn_lint_cmd, botocore_cmd] (argv lists). Without hyperfine exports the
commands are timed here: perf_counter for wall time, getrusage(RUSAGE_CHILDREN) for CPU time
(user+sys), one warm-up run each. Prints a Markdown table and exits 1 when cfn-lint's fastest run
is less than TARGET times bgspec's fastest run (fastest: least disturbed by other load)."""
import json
import os
import resource
import subprocess
import sys
import time


def measure(cmd, n):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    walls = []
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) / n
    return sum(walls) / n * 1e3, min(walls) * 1e3, cpu * 1e3


def main(a):
    cmds = json.load(open(a[0]))
    target, d, runs_bg, runs_py = float(a[1]), a[2], int(a[3]), int(a[4])
    if len(a) > 6:
        res = json.load(open(a[5]))["results"] + json.load(open(a[6]))["results"]
        rows = [(x["mean"] * 1e3, x["min"] * 1e3, (x["user"] + x["system"]) * 1e3) for x in res]
        tool = "hyperfine"
    else:
        rows = [measure(c, runs_bg if i == 0 else runs_py) for i, c in enumerate(cmds)]
        tool = "speedtable.py (perf_counter, getrusage); install hyperfine to use it instead"
    names = ["bgspec validate (3 files + cross-file rules)",
             "cfn-lint (taskdef.json only)",
             "botocore bcvalidate.py --strict (taskdef.json only)"]
    runs = [runs_bg, runs_py, runs_py]
    bg = rows[0]
    print(f"speed: revision {d}")
    print(f"speed: timed with {tool}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; a fresh process per run")
    print(f"| {'command':<52} | {'runs':>4} | {'mean ms':>9} | {'min ms':>9} | {'CPU ms':>9} | {'× bgspec (min)':>14} | {'× bgspec (CPU)':>14} |")
    print(f"|{'-'*54}|{'-'*6}|{'-'*11}|{'-'*11}|{'-'*11}|{'-'*16}|{'-'*16}|")
    for name, n, (mean, mn, cpu) in zip(names, runs, rows):
        print(f"| {name:<52} | {n:>4} | {mean:>9.2f} | {mn:>9.2f} | {cpu:>9.2f} | {mn/bg[1]:>13.1f}× | {cpu/max(bg[2], 0.01):>13.1f}× |")
    ratio = rows[1][1] / bg[1]
    ok = ratio >= target
    print(f"speed: bgspec is {ratio:.0f}× faster than cfn-lint (fastest runs; means {rows[1][0]/bg[0]:.0f}×, "
          f"CPU {rows[1][2]/max(bg[2], 0.01):.0f}×); target ≥ {target:.0f}×: {'OK' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
