"""Run a command N times from a small process and print each run's seconds and peak RSS.

The benchmark forks from here rather than from itself: a forked child's peak RSS starts
at its parent's size, so measuring from a tiny parent keeps the memory figure honest.
Usage: python -S -I bench/spawn.py N ARGV...
"""

import json
import os
import sys
import time

runs, argv = int(sys.argv[1]), sys.argv[2:]
results = []
for _ in range(runs):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.execvp(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    results.append([time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)])
print(json.dumps(results))
