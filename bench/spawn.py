"""Run commands in alternation from a small process; print each run's seconds, peak RSS and exit.

The benchmark forks from here rather than from itself: a forked child's peak RSS starts at its
parent's size, so measuring from a tiny parent keeps the memory figure honest. Reads a plan on
stdin, ``{"rounds": N, "slots": [{"argv": [...], "env": {...}, "copy": [SRC, DST]?,
"remove": [PATH...]?, "before": [ARGV...]?}, ...]}``, and runs every slot once per round, in order (so F, the
command, F, the command, …). Before a slot's run, outside the timed region, it copies SRC over
DST and flushes the copy to disk (so a write command pays for its own writes, not for the
copy's), removes each PATH (either also removes the ``-wal``/``-shm`` files beside it), and
runs each ``before`` command to its end (a sync's remote made anew, files for the inbox).
A slot with ``"columns": N`` runs at a terminal of N columns: stdout and stderr are a
pseudo-terminal of that size (stdin stays /dev/null), which this process reads until the child
closes it, as a terminal would; the timing includes that reading.
Prints a JSON list per slot of ``[seconds, peak RSS in MiB, exit code]``.

Usage: python -S -I bench/spawn.py < plan.json
"""

import fcntl
import json
import os
import struct
import sys
import termios
import time


def remove(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.lexists(path + suffix):
            os.unlink(path + suffix)


def copy(src, dst):
    remove(dst)
    fin = os.open(src, os.O_RDONLY)
    fout = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        size, done = os.fstat(fin).st_size, 0
        while done < size:
            done += os.sendfile(fout, fin, done, size - done)
        os.fsync(fout)
    finally:
        os.close(fin)
        os.close(fout)


def run_quietly(argv, env, null):
    pid = os.fork()
    if pid == 0:
        try:
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    os.waitpid(pid, 0)


def terminal(columns):
    """A pseudo-terminal (master, slave) of 50 rows and ``columns`` columns."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    return master, slave


def drain(master):
    """Read what the child writes to its terminal until it closes it."""
    while True:
        try:
            if not os.read(master, 65536):
                return
        except OSError:  # EIO: every slave end is closed
            return


def main():
    plan = json.load(sys.stdin)
    results = [[] for _ in plan["slots"]]
    null = os.open(os.devnull, os.O_RDWR)
    for _ in range(plan["rounds"]):
        for slot, out in zip(plan["slots"], results, strict=True):
            if slot.get("copy"):
                copy(*slot["copy"])
            for path in slot.get("remove", ()):
                remove(path)
            for argv in slot.get("before", ()):
                run_quietly(argv, slot["env"], null)
            tty = terminal(slot["columns"]) if slot.get("columns") else None
            start = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                try:
                    for fd in (0, 1, 2):
                        os.dup2(tty[1] if tty and fd else null, fd)
                    if tty:
                        os.close(tty[0])
                        os.close(tty[1])
                    os.execve(slot["argv"][0], slot["argv"], slot["env"])
                finally:
                    os._exit(127)
            if tty:
                os.close(tty[1])
                drain(tty[0])
                os.close(tty[0])
            _, status, usage = os.wait4(pid, 0)
            seconds = time.perf_counter() - start
            out.append([seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)])
    print(json.dumps(results))


main()
