"""QEMU's serial line on pipes, for the host-driven tests: read the
guest's output until a marker appears or a deadline passes (never a
sleep), keeping a transcript for the failure report."""
import atexit
import os
import select
import sys
import tempfile
import time

import qemu_timeout

# The monitor sockets of the QEMUs this test started (monitor_args()).
_monitors = []


def _remove_monitors():
    for path in _monitors:
        if os.path.exists(path):
            os.unlink(path)


atexit.register(_remove_monitors)


def monitor_args():
    """QEMU arguments for a monitor socket print_tail() can ask where the CPUs are."""
    path = os.path.join(tempfile.gettempdir(), "reflex-mon.%d.%d" % (os.getpid(), len(_monitors)))
    _monitors.append(path)
    return ["-monitor", "unix:%s,server=on,wait=off" % path]


def print_cpus(elf="build/reflex.elf"):
    """Where each CPU of the newest QEMU still running is (RIP, IF, stack symbols)."""
    for path in reversed(_monitors):
        if not os.path.exists(path):
            continue
        try:
            print("    --- where each CPU is (QEMU monitor) ---")
            qemu_timeout.dump_cpus(path, elf, sys.stdout, resume=True, label="    |")
            return
        except OSError:
            continue


def read_until(proc, transcript, marker, timeout, start=None):
    """Output from start (default: the end of transcript so far) until
    marker has appeared, or None at the deadline or end of output."""
    if start is None:
        start = len(transcript)
    end = time.monotonic() + timeout
    while marker not in transcript[start:]:
        left = end - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if not ready:
            return None
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            return None
        transcript.extend(chunk)
    return transcript[start:].decode(errors="replace").replace("\r", "")


def print_tail(transcript, n=30):
    tail = transcript.decode(errors="replace").replace("\r", "").splitlines()[-n:]
    print("    --- serial transcript tail ---")
    for line in tail:
        print("    | " + line)
    print_cpus()
