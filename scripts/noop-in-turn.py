#!/usr/bin/env python3
"""Times no-op reruns of the demo pipeline by two toets builds in turn.

usage: scripts/noop-in-turn.py N TOETS_A WORKSPACE_COPY_A TOETS_B WORKSPACE_COPY_B [run options...]

Each WORKSPACE_COPY is a folder holding a copy of the pipeline's root (pipelines/, datasets/,
methods/, reports/) and its workspace (.toets/), so that neither build writes the other's. Needs
the environment `make demo` sets ($TOETS_PSEUDONYM_KEY_FILE, $TOETS_SIGNING_KEY_FILE,
$TOETS_NAME_LISTS). Prints, per build, the median wall and CPU (user + system, from the child's
rusage) seconds of N reruns, and the load average around them; a rerun that executed anything or
published a new folder is reported, as it is no no-op.
"""
import os
import statistics
import subprocess
import sys
import time

count = int(sys.argv[1])
builds = {"A": (sys.argv[2], sys.argv[3]), "B": (sys.argv[4], sys.argv[5])}
extra = sys.argv[6:]
times = {"A": [], "B": []}
loads = [os.getloadavg()[0]]
for _ in range(count):
    for side, (toets, folder) in builds.items():
        start = time.perf_counter()
        child = subprocess.Popen([toets, "run", "pipelines/demo.yaml", "--workspace", ".toets"] + extra, cwd=folder,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if status != 0 or b" 0 executed" not in out or b"as an earlier run published them" not in out:
            print(f"not a no-op ({side}):", out.decode(errors="replace")[-400:])
        times[side].append((wall, usage.ru_utime + usage.ru_stime))
    loads.append(os.getloadavg()[0])
for side, (toets, _) in builds.items():
    wall = [t[0] for t in times[side]]
    cpu = [t[1] for t in times[side]]
    print(f"{side} {toets}: {count} reruns, wall median {statistics.median(wall):.3f} s (min {min(wall):.3f}), "
          f"CPU median {statistics.median(cpu):.3f} s (min {min(cpu):.3f})")
print(f"load average (1 min) around them: {min(loads):.2f}-{max(loads):.2f}")
