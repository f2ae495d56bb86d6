#!/usr/bin/env python3
"""trace2perfetto: a reflex (or Linux) event trace as a Perfetto-loadable trace.

Reads the text of `trace-cmd report` or of tracefs's `trace`/`trace_pipe`
and writes the Chrome/Perfetto "Trace Event Format" JSON
(https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAqU8),
which ui.perfetto.dev and chrome://tracing open:

  - one process "CPUs", and per CPU two tracks: "CPU N" with a slice per
    task that ran there (from sched_switch; the task's name and pid), and
    "CPU N irq" with hard IRQ slices (irq_handler_entry/exit), softirq
    slices (softirq_entry/exit, named by action) and NAPI polls (napi_poll,
    an instant on that track: the event marks the poll's end);
  - every other event as an instant on the CPU's irq track, its fields as
    arguments;
  - a flow arrow per received packet, from its netif_receive_skb to the
    wake-up of the task that reads it (sched_waking in the same softirq).

Slices are B/E pairs that always match per track: an exit without its
entry (the trace began inside the handler) is dropped, and whatever is
still open at the end is closed at the last time stamp of the trace.
Time stamps become microseconds, as the format asks: "s.us" text, or an
integer count taken as nanoseconds (the x86-tsc clock under QEMU's -icount).

    tools/trace2perfetto.py [INPUT] [-o OUTPUT.json]
"""
import argparse
import json
import re
import sys

# trace-cmd report:  comm-pid [cpu] ts: event: fields
# tracefs trace:     comm-pid [cpu] flags ts: event: fields
LINE = re.compile(r"^\s*(?P<comm>.+?)-(?P<pid>\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(?P<cpu>\d+)\]\s+"
                  r"(?:(?P<flags>[.a-zA-Z0-9]{4,5})\s+)?(?P<ts>\d+(?:\.\d+)?):\s+(?P<event>\w+):\s*"
                  r"(?P<fields>.*)$")
SOFTIRQ_NAMES = ["HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED",
                 "HRTIMER", "RCU"]


def parse(lines):
    """The event lines of a trace as dicts, in input order (per CPU in time order)."""
    out = []
    for line in lines:
        m = LINE.match(line.rstrip("\n"))
        if m:
            d = m.groupdict()
            d["cpu"] = int(d["cpu"])
            d["pid"] = int(d["pid"])
            # "s.us" text, or an integer nanosecond counter (x86-tsc under -icount).
            d["us"] = float(d["ts"]) * 1e6 if "." in d["ts"] else int(d["ts"]) / 1000.0
            out.append(d)
    return out


def fields(text):
    """key=value pairs of an event's text (Linux's print formats mostly use them)."""
    return dict(re.findall(r"(\w+)=(\S+)", text))


def switch_next(ev):
    """(comm, pid) that sched_switch switched to, from the raw or the plugin format."""
    f = fields(ev["fields"])
    if "next_comm" in f:
        return f["next_comm"], int(f.get("next_pid", 0))
    m = re.search(r"==>\s+(.+?):(\d+)", ev["fields"])
    return (m.group(1), int(m.group(2))) if m else ("?", 0)


def softirq_name(text):
    m = re.search(r"action=(\w+)", text)
    if m:
        return m.group(1)
    m = re.search(r"vec=(\d+)", text)
    return SOFTIRQ_NAMES[int(m.group(1))] if m and int(m.group(1)) < 10 else "softirq"


class Builder:
    def __init__(self):
        self.events = []
        self.open = {}		# tid -> stack of open slice names
        self.cpus = set()
        self.last = 0.0

    def tid(self, cpu, irq):
        self.cpus.add(cpu)
        return cpu * 2 + (1 if irq else 0)

    def emit(self, ph, tid, us, name, cat, args=None, **extra):
        e = {"ph": ph, "ts": us, "pid": 0, "tid": tid, "name": name, "cat": cat}
        if args:
            e["args"] = args
        e.update(extra)
        self.events.append(e)

    def begin(self, tid, us, name, cat, args=None):
        self.open.setdefault(tid, []).append(name)
        self.emit("B", tid, us, name, cat, args)

    def end(self, tid, us, name_prefix):
        """Ends the innermost open slice if it is one of @name_prefix's kind."""
        stack = self.open.get(tid, [])
        if stack and stack[-1].startswith(name_prefix):
            self.emit("E", tid, us, stack.pop(), "")
            return True
        return False

    def feed(self, ev):
        us, cpu, name = ev["us"], ev["cpu"], ev["event"]
        self.last = max(self.last, us)
        irq_tid = self.tid(cpu, True)
        task_tid = self.tid(cpu, False)
        f = fields(ev["fields"])
        if name == "sched_switch":
            comm, pid = switch_next(ev)
            while self.open.get(task_tid):
                self.emit("E", task_tid, us, self.open[task_tid].pop(), "")
            self.begin(task_tid, us, "%s:%d" % (comm, pid), "sched", {"pid": pid})
        elif name == "irq_handler_entry":
            self.begin(irq_tid, us, "irq %s %s" % (f.get("irq", "?"), f.get("name", "")),
                       "hardirq", f)
        elif name == "irq_handler_exit":
            self.end(irq_tid, us, "irq ")
        elif name == "softirq_entry":
            self.begin(irq_tid, us, "softirq " + softirq_name(ev["fields"]), "softirq")
        elif name == "softirq_exit":
            self.end(irq_tid, us, "softirq ")
        else:
            args = f or {"text": ev["fields"]}
            args["comm"] = "%s-%d" % (ev["comm"], ev["pid"])
            cat = "napi" if name == "napi_poll" else "event"
            self.emit("i", irq_tid, us, name, cat, args, s="t")

    def flows(self, evs):
        """An arrow from each netif_receive_skb to the next sched_waking on that CPU."""
        pending, n = {}, 0
        for ev in evs:
            if ev["event"] == "netif_receive_skb":
                pending[ev["cpu"]] = ev
            elif ev["event"] == "sched_waking" and ev["cpu"] in pending:
                src = pending.pop(ev["cpu"])
                n += 1
                self.emit("s", self.tid(src["cpu"], True), src["us"], "packet", "flow", id=n)
                self.emit("f", self.tid(ev["cpu"], True), ev["us"], "packet", "flow", id=n,
                          bp="e")

    def finish(self):
        for tid, stack in self.open.items():
            while stack:
                self.emit("E", tid, self.last, stack.pop(), "")
        meta = [{"ph": "M", "ts": 0, "pid": 0, "tid": 0, "name": "process_name",
                 "args": {"name": "CPUs"}}]
        for cpu in sorted(self.cpus):
            for irq in (False, True):
                tid = cpu * 2 + irq
                meta.append({"ph": "M", "ts": 0, "pid": 0, "tid": tid, "name": "thread_name",
                             "args": {"name": "CPU %d%s" % (cpu, " irq" if irq else "")}})
                meta.append({"ph": "M", "ts": 0, "pid": 0, "tid": tid,
                             "name": "thread_sort_index", "args": {"sort_index": tid}})
        # Stable: events of one track stay in input order, which is time order.
        body = sorted(self.events, key=lambda e: e["ts"])
        return {"traceEvents": meta + body, "displayTimeUnit": "ns"}


def convert(lines):
    evs = parse(lines)
    b = Builder()
    for ev in evs:
        b.feed(ev)
    b.flows(evs)
    return b.finish()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", help="trace text (default: standard input)")
    ap.add_argument("-o", "--output", help="JSON file (default: standard output)")
    a = ap.parse_args()
    src = open(a.input, errors="replace") if a.input else sys.stdin
    doc = convert(src)
    dst = open(a.output, "w") if a.output else sys.stdout
    json.dump(doc, dst, separators=(",", ":"))
    dst.write("\n")
    if not doc["traceEvents"][1:]:
        print("trace2perfetto: no event lines found", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
