#!/usr/bin/env python3
"""netcost: the instructions reflex's receive path spends, read from Linux's
trace events.

Boots build/reflex.elf to its shell under -icount shift=0,sleep=off -rtc
clock=vm, where guest time is instruction count: with tracefs's trace_clock
set to x86-tsc, the difference between two events' timestamps is the number
of instructions executed between them. The e1000 is on a dgram netdev driven
by framepeer; /bin/udp_echo (started by /etc/rc) answers on port 7.

The tool enables these events, and nothing else:

    irq:irq_handler_entry, irq:irq_handler_exit   (name=eth0 and its irq)
    irq:softirq_entry, irq:softirq_exit           (vec=3, NET_RX)
    napi:napi_poll                                (work: frames per poll)
    net:netif_receive_skb                         (one per frame)

sends UDP datagrams to port 7, reads the guest's `trace` over the serial
console, and prints, at low load (one echo at a time) and high load
(bursts of 100):

    hard IRQ   instructions per eth0 interrupt: irq_handler_entry to
               irq_handler_exit, i.e. e1000_intr();
    NET_RX     instructions per NET_RX softirq pass: softirq_entry to
               softirq_exit for vec=3, i.e. net_rx_action() (the NAPI polls,
               the driver's ring work and the stack inside it);
    frame      instructions per frame: from its netif_receive_skb to the
               next event of the pass (the next frame's netif_receive_skb or
               the poll's napi_poll), i.e. the stack's delivery of the frame
               to the socket, waking udp_echo, plus the driver's work up to
               the next frame or the end of the poll (there is no exit
               event for netif_receive_skb to close it sooner);
    frames/poll  the mean of napi_poll's work;
    per echo   (all hard IRQ + all NET_RX instructions) / datagrams echoed.

The interrupt entry and exit around the handler, the softirq dispatch around
net_rx_action(), and udp_echo's own recvfrom/sendto (the reply leaves from
its task) are outside these intervals.

The events cost instructions themselves, and that cost is inside every
interval. The tool measures it with one more low-load run in which
napi:napi_poll is off: each NET_RX pass then holds one event fewer, and
how much less a pass costs (passes compared with passes that took as many
frames) is one event's cost. napi_poll names its device, as
irq_handler_entry and netif_receive_skb do, so it stands for them. Each
figure is printed twice: "raw" as the timestamps give it, and "net of
events" with that cost subtracted once for each event the interval holds,
plus once for the interval's own pair (the end of its entry event and the
start of its exit event add up to about one event). This is an estimate:
an event's cost varies (a new page of the ring buffer, a task's comm saved
for the first time), so the net figures are close, not exact. A third
low-load run enables irq:softirq_raise (one u32 field, no name), which
fires once inside each eth0 hard IRQ, and prints its cost beside: the
smallest event's.

The trace's header must show no event lost (entries-in-buffer equal to
entries-written); otherwise the tool says so and exits non-zero.

    tools/netcost.py [--count N] [--burst N] [--buffer-kb KB] [--append ARGS]

With NAPI only: the event cost is measured inside NET_RX passes.
"""
import argparse
import os
import re
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import framepeer as fp  # noqa: E402

TRACE = "/sys/kernel/tracing/"
EVENTS = ["irq/irq_handler_entry", "irq/irq_handler_exit", "irq/softirq_entry",
          "irq/softirq_exit", "napi/napi_poll", "net/netif_receive_skb"]
NAMED = "napi/napi_poll"	# the events whose own cost is measured
SMALL = "irq/softirq_raise"
NET_RX = 3
PROMPT = b"# "
# "  udp_echo-21  [000] d.h1. 1234567: irq_handler_entry: irq=11 name=eth0"
LINE = re.compile(r"^\s*\S.*?-\d+\s+\[(\d{3})\]\s+(?:\S{4,5}\s+)?(\d+): (\w+): (.*)$")


class Console:
    """The guest's shell on QEMU's serial line."""

    def __init__(self, proc):
        self.proc = proc
        self.buf = bytearray()

    def read_until(self, marker, timeout):
        end = time.monotonic() + timeout
        start = len(self.buf)
        while marker not in self.buf[start:]:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf.extend(chunk)
        return self.buf[start:].decode(errors="replace").replace("\r", "")

    def run(self, line, timeout=30):
        """@line's output. The trace's own "# " lines look like the prompt, so
        the end is a marker the shell prints (its echo reads "end''-of-cmd")."""
        self.proc.stdin.write((line + "; echo end''-of-cmd\r").encode())
        self.proc.stdin.flush()
        out = self.read_until(b"end-of-cmd\r\n", timeout)
        if out is None:
            raise RuntimeError("no answer to %r; serial tail:\n%s"
                               % (line, self.buf[-2000:].decode(errors="replace")))
        self.read_until(PROMPT, 5)
        return out

    def write(self, path, value):
        out = self.run("echo %s > %s%s" % (value, TRACE, path))
        if "rror" in out or "denied" in out or "No such" in out:
            raise RuntimeError("echo %s > %s: %s" % (value, path, out.strip()))


def parse(text):
    """The trace's event lines as (cpu, tsc, event, fields), and the header's
    entries-in-buffer/entries-written."""
    head = re.search(r"^# entries-in-buffer/entries-written: (\d+)/(\d+)", text, re.M)
    events = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            events.append((int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)))
    return events, (int(head.group(1)), int(head.group(2))) if head else None


def field(fields, name):
    m = re.search(r"(?:^|\s)%s=(\S+)" % name, fields)
    return m.group(1) if m else None


def measure(events):
    """Hard IRQ, NET_RX pass and frame intervals, each as (instructions, the
    events recorded inside it[, for a pass the frames it took]); napi_poll's
    work for eth0."""
    hard, passes, frames, work = [], [], [], []
    state = {}	# per CPU: the open intervals and the frame awaiting its next event
    for cpu, tsc, name, fields in events:
        st = state.setdefault(cpu, {"hard": None, "pass": None, "frame": None, "irq": None})
        if st["frame"] is not None and st["pass"] is not None:
            frames.append((tsc - st["frame"], 0))
            st["frame"] = None
        closing = None
        if name == "irq_handler_entry" and field(fields, "name") == "eth0" and not st["hard"]:
            st["irq"] = field(fields, "irq")
            st["hard"] = [tsc, 0]
            continue
        if name == "irq_handler_exit" and st["hard"] and field(fields, "irq") == st["irq"]:
            closing = "hard"
        elif name == "softirq_entry" and field(fields, "vec") == str(NET_RX):
            st["pass"] = [tsc, 0, 0]
            continue
        elif name == "softirq_exit" and field(fields, "vec") == str(NET_RX) and st["pass"]:
            closing = "pass"
        if closing:
            start, inside = st[closing][:2]
            if closing == "hard":
                hard.append((tsc - start, inside))
            else:
                passes.append((tsc - start, inside, st["pass"][2]))
            st[closing] = None
            if st["hard"] is None and closing == "hard" and st["pass"]:
                st["pass"][1] += 2	# a hard IRQ inside the pass: its entry and exit
            continue
        for key in ("hard", "pass"):
            if st[key]:
                st[key][1] += 1
        if name == "netif_receive_skb" and field(fields, "dev") == "eth0":
            st["frame"] = tsc
            if st["pass"]:
                st["pass"][2] += 1
        elif name == "napi_poll":
            m = re.search(r"for device (\S+) work (\d+)", fields)
            if m and m.group(1) == "eth0":
                work.append(int(m.group(2)))
    return hard, passes, frames, work


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def net(intervals, cost):
    """The mean of @intervals with @cost taken once per event inside, and once
    for the interval's own entry/exit pair."""
    return mean([x[0] - cost * (x[1] + 1) for x in intervals])


class Run:
    def __init__(self, con, peer):
        self.con, self.peer = con, peer

    def traced(self, load, extra=(), without=()):
        """@load() with the events (and @extra, but not @without) on, from an
        empty buffer: the intervals it gives and the datagrams echoed."""
        for e in EVENTS + list(extra):
            self.con.write("events/%s/enable" % e, 0 if e in without else 1)
        self.con.run("echo > " + TRACE + "trace")
        self.con.write("tracing_on", 1)
        echoed = load()
        self.con.write("tracing_on", 0)
        text = self.con.run("cat " + TRACE + "trace", timeout=600)
        for e in extra:
            self.con.write("events/%s/enable" % e, 0)
        for e in without:
            self.con.write("events/%s/enable" % e, 1)
        events, head = parse(text)
        if not head or head[0] != head[1] or head[0] != len(events):
            raise RuntimeError("the trace lost events or was misread: header %s, %d lines "
                               "(a bigger --buffer-kb?)" % (head, len(events)))
        return measure(events) + (echoed,)

    def low(self, count):
        data = b"e" * 64
        echoed = 0
        for _ in range(count):
            self.peer.send(self.peer.udp_frame(40000, 7, data))
            echoed += self.peer.recv(2.0, lambda f: "udp" in f and f["udp"]["sport"] == 7) \
                is not None
        echoed += len([f for f in self.peer.drain(0.3) if "udp" in f])
        return echoed

    def high(self, burst):
        frame = self.peer.udp_frame(40000, 7, b"e" * 64)
        echoed = 0
        for _ in range(burst // 100):
            for _ in range(100):
                self.peer.send(frame)
            echoed += len([f for f in self.peer.drain(0.05) if "udp" in f])
        echoed += len([f for f in self.peer.drain(0.5) if "udp" in f])
        return echoed


def inside_cost(base, probed, key):
    """One event's instructions: how much the mean interval grows when the
    probe event, which fires inside it, is enabled, divided by how many more
    events each interval then holds. @key picks the intervals compared
    (alike paths only: passes by the frames they took)."""
    d = e = 0.0
    for k in set(map(key, probed)):
        a = [x for x in base if key(x) == k]
        b = [x for x in probed if key(x) == k]
        if a and b:
            w = min(len(a), len(b))
            d += w * (mean([x[0] for x in b]) - mean([x[0] for x in a]))
            e += w * (mean([x[1] for x in b]) - mean([x[1] for x in a]))
    return d / e if e > 0.5 else None


def report(label, r, cost, mode):
    hard, passes, frames, work, echoed = r
    raw = lambda xs: mean([x[0] for x in xs])
    total = sum(x[0] for x in hard + passes) / echoed if echoed else 0
    total_net = sum(x[0] - cost * (x[1] + 1) for x in hard + passes) / echoed if echoed else 0
    if mode == "raw":
        row = (raw(hard), raw(passes), raw(frames), total)
    else:
        row = (net(hard, cost), net(passes, cost), net(frames, cost), total_net)
    print("%-26s %-14s %9.0f %9.0f %9.0f %7.1f %9.0f" % (label, mode, row[0], row[1], row[2],
                                                          mean(work), row[3]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=300, help="low-load echoes")
    ap.add_argument("--burst", type=int, default=3000, help="high-load datagrams")
    ap.add_argument("--buffer-kb", type=int, default=8192)
    ap.add_argument("--append", default="")
    a = ap.parse_args()
    peer = fp.Peer()
    proc = subprocess.Popen(
        ["qemu-system-x86_64", "-M", "pc", "-cpu", "max", "-m", "256M", "-display", "none",
         "-monitor", "none", "-serial", "stdio", "-no-reboot",
         "-icount", "shift=0,sleep=off", "-rtc", "clock=vm",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
         "-netdev", peer.netdev(), "-device", "e1000,netdev=n0,mac=52:54:00:12:34:56",
         "-kernel", "build/reflex.elf",
         "-append", "console=ttyS0 " + a.append],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    con = Console(proc)
    try:
        if con.read_until(b"udp_echo: listening", 120) is None:
            print("no shell with udp_echo; serial tail:\n%s" % con.buf[-2000:].decode(errors="replace"))
            return 1
        con.read_until(PROMPT, 5)
        con.write("buffer_size_kb", a.buffer_kb)
        con.write("trace_clock", "x86-tsc")
        peer.arp_resolve()
        peer.ping(1, 1, b"warm")	# the guest learns our MAC (ARP) before measuring
        run = Run(con, peer)
        low = run.traced(lambda: run.low(a.count))
        nopoll = run.traced(lambda: run.low(a.count), without=[NAMED])
        raised = run.traced(lambda: run.low(a.count), extra=[SMALL])
        high = run.traced(lambda: run.high(a.burst))
        cost = inside_cost(nopoll[1], low[1], lambda x: x[2])
        small = inside_cost(low[0], raised[0], lambda x: 0)
        if cost is None or small is None:
            print("a probe event did not fire inside its intervals: no event cost (%s, %s)"
                  % (cost, small))
            return 1
        print("instructions (x86-tsc under -icount shift=0) on reflex's receive path,"
              " UDP echo with a 64-byte payload:")
        print("%-26s %-14s %9s %9s %9s %7s %9s" % ("", "", "hard IRQ", "NET_RX", "frame",
                                                   "fr/poll", "per echo"))
        for label, r in (("low load (one at a time)", low), ("high load (bursts of 100)", high)):
            report(label, r, cost, "raw")
            report("", r, cost, "net of events")
            hard, passes, frames, work, echoed = r
            print("%-26s (%d echoes, %d hard IRQs, %d NET_RX passes, %d frames, %d polls)"
                  % ("", echoed, len(hard), len(passes), len(frames), len(work)))
        print("one event costs %.0f instructions: %s, which names its device as "
              "irq_handler_entry and netif_receive_skb do, measured inside the NET_RX passes "
              "(%.0f without it, %.0f with it); subtracted above" % (
                  cost, NAMED, mean([x[0] for x in nopoll[1]]), mean([x[0] for x in low[1]])))
        print("a smaller event, %s (one u32), costs %.0f (inside the hard IRQs: %.0f -> %.0f)"
              % (SMALL, small, mean([x[0] for x in low[0]]), mean([x[0] for x in raised[0]])))
    finally:
        proc.kill()
        proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
