"""QEMU's serial line on pipes, for the host-driven tests: read the
guest's output until a marker appears or a deadline passes (never a
sleep), keeping a transcript for the failure report."""
import os
import select
import time


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
