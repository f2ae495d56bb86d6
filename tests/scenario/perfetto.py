#!/usr/bin/env python3
"""tools/trace2perfetto.py's output checked against the Trace Event Format
(the JSON that Perfetto and chrome://tracing load), on reflex traces kept in
tests/scenario/data/: a trace-cmd report of the tracecmd scenario's
recording and a tracefs `trace` of the trace-demo's packet.

The format's rules checked here: a JSON object with a traceEvents list;
every event has ph, ts, pid, tid and name of the right types; ph is one the
format defines; B and E pair up per track (pid, tid) with the same name,
none left open; time stamps never go back on a track; instants have a scope,
flow events an id, metadata events args. Then the content: as many hard IRQ
and softirq slices as the input has entries, the NAPI polls, a task slice
per sched_switch, and the track names. And the checker itself must reject
broken documents (unmatched E, time going back, a missing key), and the
converter must fail on input with no events."""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
TOOL = os.path.join(ROOT, "tools", "trace2perfetto.py")
PHASES = set("BEXiIsftfMCbenOND") | {"(", ")"}


def validate(doc):
    """The list of the document's violations of the format (empty: valid)."""
    errs = []
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        return ["no traceEvents list"]
    stacks, last = {}, {}
    for i, e in enumerate(doc["traceEvents"]):
        for key, types in (("ph", str), ("ts", (int, float)), ("pid", int), ("tid", int),
                           ("name", str)):
            if not isinstance(e.get(key), types):
                errs.append("event %d: %s missing or of the wrong type" % (i, key))
        if errs and errs[-1].startswith("event %d:" % i):
            continue
        ph, track = e["ph"], (e["pid"], e["tid"])
        if ph not in PHASES:
            errs.append("event %d: unknown phase %r" % (i, ph))
        if ph == "M":
            if not isinstance(e.get("args"), dict):
                errs.append("event %d: metadata without args" % i)
            continue
        if e["ts"] < last.get(track, float("-inf")):
            errs.append("event %d: time goes back on track %s" % (i, track))
        last[track] = e["ts"]
        if ph == "B":
            stacks.setdefault(track, []).append(e["name"])
        elif ph == "E":
            st = stacks.get(track)
            if not st:
                errs.append("event %d: E without B on track %s" % (i, track))
            elif st.pop() != e["name"]:
                errs.append("event %d: E closes another slice than its B" % i)
        elif ph in "iI" and e.get("s", "t") not in ("t", "p", "g"):
            errs.append("event %d: instant with scope %r" % (i, e.get("s")))
        elif ph in "stf" and "id" not in e:
            errs.append("event %d: flow event without id" % i)
        elif ph == "X" and not isinstance(e.get("dur"), (int, float)):
            errs.append("event %d: X without dur" % i)
    for track, st in stacks.items():
        if st:
            errs.append("track %s: %d slices left open" % (track, len(st)))
    return errs


def ok(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + "perfetto: " + name)
    if not cond and detail:
        for line in str(detail).splitlines()[:20]:
            print("    " + line)
    return cond


def convert(path):
    r = subprocess.run([sys.executable, TOOL, path], capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


def check_sample(label, path):
    text = open(path, errors="replace").read()
    rc, out, err = convert(path)
    if not ok("%s: trace2perfetto exits 0" % label, rc == 0, err):
        return
    try:
        doc = json.loads(out)
    except ValueError as exc:
        ok("%s: the output is JSON" % label, False, exc)
        return
    errs = validate(doc)
    ok("%s: the output follows the Trace Event Format (%d events)" % (label,
       len(doc["traceEvents"])), not errs, "\n".join(errs))
    evs = doc["traceEvents"]
    count = lambda ev: len(re.findall(r"\s%s:\s" % ev, text))
    hard = [e for e in evs if e["ph"] == "B" and e.get("cat") == "hardirq"]
    soft = [e for e in evs if e["ph"] == "B" and e.get("cat") == "softirq"]
    napi = [e for e in evs if e.get("cat") == "napi"]
    tasks = [e for e in evs if e["ph"] == "B" and e.get("cat") == "sched"]
    ok("%s: a hard IRQ slice per irq_handler_entry (%d), named by IRQ and device"
       % (label, len(hard)), len(hard) == count("irq_handler_entry") > 0
       and all(re.match(r"irq \d+ \S+", e["name"]) for e in hard))
    ok("%s: a softirq slice per softirq_entry (%d), NET_RX among them" % (label, len(soft)),
       len(soft) == count("softirq_entry") > 0
       and any(e["name"] == "softirq NET_RX" for e in soft))
    ok("%s: every napi_poll on its CPU's irq track (%d)" % (label, len(napi)),
       len(napi) == count("napi_poll") > 0 and all(e["tid"] % 2 == 1 for e in napi))
    ok("%s: a task slice per sched_switch (%d), udp_echo among them" % (label, len(tasks)),
       len(tasks) == count("sched_switch") > 0
       and any(e["name"].startswith("udp_echo:") for e in tasks))
    names = {e["args"]["name"] for e in evs if e["ph"] == "M" and e["name"] == "thread_name"}
    ok("%s: tracks named CPU N and CPU N irq" % label,
       "CPU 0" in names and "CPU 0 irq" in names, sorted(names))
    flows = [e for e in evs if e["ph"] in "sf"]
    ok("%s: flow arrows from netif_receive_skb to the wake-up, in pairs" % label,
       flows and len(flows) % 2 == 0, "%d flow events" % len(flows))


def main():
    data = os.path.join(HERE, "data")
    check_sample("trace-cmd report", os.path.join(data, "tracecmd-report.txt"))
    check_sample("tracefs trace", os.path.join(data, "journey-trace.txt"))
    good = {"traceEvents": [{"ph": "B", "ts": 1, "pid": 0, "tid": 0, "name": "a"},
                            {"ph": "E", "ts": 2, "pid": 0, "tid": 0, "name": "a"}]}
    bad_e = {"traceEvents": [{"ph": "E", "ts": 2, "pid": 0, "tid": 0, "name": "a"}]}
    back = {"traceEvents": [{"ph": "i", "ts": 2, "pid": 0, "tid": 0, "name": "a", "s": "t"},
                            {"ph": "i", "ts": 1, "pid": 0, "tid": 0, "name": "b", "s": "t"}]}
    nokey = {"traceEvents": [{"ph": "i", "ts": 2, "pid": 0, "name": "a"}]}
    ok("the checker accepts a well-formed pair and rejects an unmatched E, time going back "
       "and a missing tid", not validate(good) and validate(bad_e) and validate(back)
       and validate(nokey) and validate({"traceEvents": good["traceEvents"][:1]}))
    empty = os.path.join(ROOT, "build", "test-logs", "perfetto-empty.txt")
    os.makedirs(os.path.dirname(empty), exist_ok=True)
    open(empty, "w").write("# tracer: nop\n#\n")
    rc, _, err = convert(empty)
    ok("trace2perfetto fails, saying so, on a trace with no events", rc == 1
       and "no event lines" in err, err)


if __name__ == "__main__":
    main()
