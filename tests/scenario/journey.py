#!/usr/bin/env python3
"""make trace-demo as a test: scripts/trace_demo.py boots reflex under
-icount shift=0,sleep=off, sends one datagram to udp_echo and draws its
journey (tools/journey_svg.py), then Linux's in the same QEMU where /boot
has Debian's kernel. The SVG must be produced, well-formed and
non-empty, and name every stage of the path; the packet's receive stages
must come in the path's order, each on the CPU that took the interrupt;
and journey_svg must say so, and fail, on a trace without the journey."""
import os
import re
import subprocess
import sys
import xml.dom.minidom

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import journey_svg  # noqa: E402

OUT = "build/test-logs/trace-demo"


def ok(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + "journey: " + name)
    if not cond and detail:
        for line in str(detail).splitlines()[-30:]:
            print("    " + line)
    sys.stdout.flush()
    return cond


def main():
    r = subprocess.run([sys.executable, "scripts/trace_demo.py", OUT], capture_output=True,
                       text=True, timeout=600)
    out = r.stdout + r.stderr
    log = "build/test-logs/trace-demo-demo.log"
    tail = open(log, errors="replace").read().splitlines()[-25:] if os.path.exists(log) else []
    if not ok("scripts/trace_demo.py records the datagram's journey and exits 0",
              r.returncode == 0, out + "\n--- serial tail ---\n" + "\n".join(tail)):
        return
    svg_path = os.path.join(OUT, "journey.svg")
    svg = open(svg_path).read() if os.path.exists(svg_path) else ""
    try:
        doc = xml.dom.minidom.parseString(svg)
        well = doc.documentElement.tagName == "svg"
    except Exception as exc:	# noqa: BLE001 (any parse failure is the finding)
        well, out = False, str(exc)
    ok("the SVG is produced, well-formed and non-empty (%d bytes)" % len(svg),
       well and len(svg) > 2000 and svg.count("<rect") > 5, out)
    missing = [s for s in journey_svg.STAGES if s not in svg]
    ok("the SVG names every stage: " + ", ".join(journey_svg.STAGES), not missing,
       "missing: %s" % missing)
    trace = open(os.path.join(OUT, "journey-trace.txt")).read()
    stages = journey_svg.journey(journey_svg.parse(trace.splitlines()))
    at = {s["stage"]: s for s in stages}
    order = ["NIC interrupt", "softirq NET_RX", "netif_receive_skb", "UDP queue wakes udp_echo",
             "switch to udp_echo", "recvfrom returns", "sendto", "net_dev_queue", "net_dev_xmit",
             "TX completion"]
    # The TX completion may interrupt sendto before it returns: both follow the transmit.
    ok("the path's stages in order in time", all(s in at for s in order + ["sendto returns"])
       and all(at[a]["us"] <= at[b]["us"] for a, b in zip(order, order[1:]))
       and at["net_dev_xmit"]["us"] <= at["sendto returns"]["us"],
       "\n".join("%s %s" % (s["us"], s["stage"]) for s in stages))
    ok("the receive until the wake-up runs on the CPU that took the NIC interrupt",
       all(at[s]["cpu"] == at["NIC interrupt"]["cpu"] for s in order[:4] if s in at))
    ok("durations are in ns = instructions: the trace's clock is x86-tsc (integers)",
       re.search(r"\]\s+\S+\s+\d+: irq_handler_entry: irq=\d+ name=eth0", trace) is not None)
    linux = os.path.join(OUT, "linux-journey-trace.txt")
    if os.path.exists("/boot") and any(f.startswith("vmlinuz-") for f in os.listdir("/boot")):
        text = open(linux).read() if os.path.exists(linux) else ""
        lst = journey_svg.journey(journey_svg.parse(text.splitlines()))
        lmiss = [s for s in journey_svg.STAGES if s not in {x["stage"] for x in lst}]
        llog = os.path.join(OUT, "linux-journey.log")
        ltail = open(llog, errors="replace").read().splitlines()[-25:] \
            if os.path.exists(llog) else ["(no %s)" % llog]
        ok("Linux's journey in the same QEMU: every stage, and its lanes in the SVG",
           text and not lmiss and "Linux CPU 0 softirq" in svg,
           "missing: %s\n%s\n--- Linux serial tail ---\n%s" % (
               lmiss, "\n".join(l for l in out.splitlines() if "Linux" in l),
               "\n".join(ltail)))
    else:
        print("# journey: no /boot/vmlinuz-*: Linux's lanes not drawn")
    bad = os.path.join("build", "test-logs", "journey-empty.txt")
    open(bad, "w").write(trace.split("irq_handler_entry")[0].rsplit("\n", 1)[0] + "\n")
    r = subprocess.run([sys.executable, "tools/journey_svg.py", bad, "-o", bad + ".svg"],
                       capture_output=True, text=True, timeout=60)
    ok("journey_svg exits 1 and names the missing stages on a trace without the packet",
       r.returncode == 1 and "stages not found: NIC interrupt" in r.stderr, r.stderr)


if __name__ == "__main__":
    main()
