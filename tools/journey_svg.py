#!/usr/bin/env python3
"""journey_svg: the journey of one UDP datagram through the kernel, as SVG.

Reads a tracefs `trace` (or trace-cmd report) holding one datagram sent to
udp_echo and its echo (scripts/trace_demo.py records one), finds the
stages of the path in order, and draws them on a time line with a lane per
CPU and context (task, hard IRQ, softirq): the NIC interrupt and its hard
IRQ, the NET_RX raise and softirq, the NAPI poll, netif_receive_skb, the
wake-up of udp_echo by the UDP queue, the switch to it, recvfrom's return,
sendto, the transmit (net_dev_queue, net_dev_xmit), sendto's return, and
the TX completion (the next e1000 interrupt). A table under the picture
gives each stage's time from the NIC interrupt and from the stage before.
No library beyond Python's.

Time stamps: "s.us" text (microseconds), or integers from the x86-tsc
clock, which under QEMU's -icount counts virtual nanoseconds (at
shift=0, instructions).

    tools/journey_svg.py TRACE [-o OUT.svg] [--title TEXT]
"""
import argparse
import re
import sys
from html import escape

LINE = re.compile(r"^\s*(?P<comm>.+?)-(?P<pid>\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(?P<cpu>\d+)\]\s+"
                  r"(?:(?P<flags>[.a-zA-Z0-9]{4,5})\s+)?(?P<ts>\d+(?:\.\d+)?):\s+(?P<event>\w+):\s*"
                  r"(?P<fields>.*)$")
NR_RECVFROM, NR_SENDTO = 45, 44
STAGES = ["NIC interrupt", "hard IRQ done", "softirq_raise NET_RX", "softirq NET_RX",
          "napi_poll", "netif_receive_skb", "UDP queue wakes udp_echo", "switch to udp_echo",
          "recvfrom returns", "sendto", "net_dev_queue", "net_dev_xmit", "sendto returns",
          "TX completion"]


def parse(lines):
    out = []
    for line in lines:
        m = LINE.match(line.rstrip("\n"))
        if m:
            d = m.groupdict()
            d["cpu"] = int(d["cpu"])
            d["pid"] = int(d["pid"])
            # Microseconds: "s.us" text, or a nanosecond counter (x86-tsc under -icount).
            d["us"] = float(d["ts"]) * 1e6 if "." in d["ts"] else int(d["ts"]) / 1000.0
            out.append(d)
    return out


def is_eth_irq(e):
    return e["event"] == "irq_handler_entry" and re.search(r"name=eth\d", e["fields"])


def journey(evs):
    """The stages found in order, each {stage, us, cpu, detail, end_us?}."""
    st, i, n = [], 0, len(evs)

    def find(pred, start):
        for j in range(start, n):
            if pred(evs[j]):
                return j
        return None

    def add(name, j, detail=None, end=None):
        e = evs[j]
        st.append({"stage": name, "us": e["us"], "cpu": e["cpu"], "detail": detail or
                   "%s: %s" % (e["event"], e["fields"]),
                   "end_us": evs[end]["us"] if end is not None else None})

    # The receive: the e1000 interrupt whose NET_RX delivers a datagram to udp_echo.
    while True:
        i = find(is_eth_irq, i)
        if i is None:
            return st
        rx = find(lambda e: e["event"] == "netif_receive_skb", i)
        wake = find(lambda e: e["event"] == "sched_waking" and "comm=udp_echo" in e["fields"], i)
        nxt = find(is_eth_irq, i + 1)
        if rx is not None and wake is not None and (nxt is None or rx < nxt):
            break
        i += 1
    cpu = evs[i]["cpu"]
    oncpu = lambda name, pred=lambda e: True: (lambda e: e["cpu"] == cpu and
                                              e["event"] == name and pred(e))
    hx = find(oncpu("irq_handler_exit"), i)
    add("NIC interrupt", i, end=hx)
    if hx is not None:
        add("hard IRQ done", hx)
    raise_ = find(oncpu("softirq_raise", lambda e: "NET_RX" in e["fields"]), i)
    if raise_ is not None:
        add("softirq_raise NET_RX", raise_)
    se = find(oncpu("softirq_entry", lambda e: "NET_RX" in e["fields"]), i)
    sx = find(oncpu("softirq_exit", lambda e: "NET_RX" in e["fields"]), se) if se else None
    if se is not None:
        add("softirq NET_RX", se, end=sx)
    nr = find(lambda e: e["event"] == "netif_receive_skb", i)
    np_ = find(lambda e: e["event"] == "napi_poll" and re.search(r"work [1-9]", e["fields"]), i)
    if np_ is not None:
        add("napi_poll", np_)
    add("netif_receive_skb", nr)
    w = find(lambda e: e["event"] == "sched_waking" and "comm=udp_echo" in e["fields"], nr)
    add("UDP queue wakes udp_echo", w)
    sw = find(lambda e: e["event"] == "sched_switch" and
              re.search(r"next_comm=udp_echo|==> udp_echo:", e["fields"]), w)
    if sw is None:
        return st
    out = find(lambda e: e["event"] == "sched_switch" and e["cpu"] == evs[sw]["cpu"] and
               re.search(r"prev_comm=udp_echo|udp_echo:\d+ \[\d+\] \S+ ==>", e["fields"]), sw + 1)
    add("switch to udp_echo", sw, end=out)
    mine = lambda name, nr_: (lambda e: e["comm"] == "udp_echo" and e["event"] == name and
                              re.match(r"NR %d\b" % nr_, e["fields"]))
    j = find(mine("sys_exit", NR_RECVFROM), sw)
    if j is not None:
        add("recvfrom returns", j)
    se2 = find(mine("sys_enter", NR_SENDTO), sw)
    if se2 is None:
        return st
    sx2 = find(mine("sys_exit", NR_SENDTO), se2)
    add("sendto", se2, end=sx2)
    q = find(lambda e: e["event"] == "net_dev_queue", se2)
    if q is not None:
        add("net_dev_queue", q)
    x = find(lambda e: e["event"] == "net_dev_xmit", se2)
    if x is not None:
        add("net_dev_xmit", x)
    if sx2 is not None:
        add("sendto returns", sx2)
    tx = find(is_eth_irq, x if x is not None else se2)
    if tx is not None:
        add("TX completion", tx, detail="the e1000's next interrupt (%s)" % evs[tx]["fields"],
            end=find(lambda e: e["event"] == "irq_handler_exit" and e["cpu"] == evs[tx]["cpu"],
                     tx))
    st.sort(key=lambda s: s["us"])
    return st


LANES = [("task", "#cfe8cf"), ("hardirq", "#f4b6b6"), ("softirq", "#f7d9a8")]
LANE_OF = {"NIC interrupt": "hardirq", "hard IRQ done": "hardirq",
           "softirq_raise NET_RX": "hardirq", "softirq NET_RX": "softirq",
           "napi_poll": "softirq", "netif_receive_skb": "softirq",
           "UDP queue wakes udp_echo": "softirq", "TX completion": "hardirq"}


def scale_span(stages):
    """The time the picture spans: to the last stage, but a TX completion
    far behind the rest (a NIC that reports it only with the next packet's
    interrupt) is left off the scale, drawn at the edge with its time."""
    t0 = stages[0]["us"]
    ends = [max(s["us"], s["end_us"] or 0) - t0 for s in stages if s["stage"] != "TX completion"]
    full = max(max(s["us"], s["end_us"] or 0) - t0 for s in stages)
    rest = max(ends or [1e-3])
    return full if full <= 3 * rest else rest * 1.25


def render(stages, title, span=None, name=""):
    """The SVG text of @stages; @span (microseconds) fixes the time scale,
    @name labels the lanes."""
    w, left, right, top, lane_h = 1200, 150, 30, 60, 34
    if not stages:
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60">'
                '<text x="10" y="30">no journey found</text></svg>\n')
    t0 = stages[0]["us"]
    t1 = max(max(s["us"], s["end_us"] or 0) for s in stages)
    span = span or scale_span(stages)
    x = lambda us: left + min((us - t0) / span, 1.0) * (w - left - right)
    cpus = sorted({s["cpu"] for s in stages})
    rows = [(c, lane) for c in cpus for lane, _ in LANES]
    y_of = {r: top + k * lane_h for k, r in enumerate(rows)}
    label_top = top + len(rows) * lane_h + 20
    table_top = label_top + 26 * 3 + 30
    h = table_top + 22 * (len(stages) + 2)
    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="12">' % (w, h),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="10" y="24" font-size="16" font-weight="bold">%s</text>' % escape(title),
         '<text x="10" y="44">time from the NIC interrupt: %.0f ns to the last stage '
         '(scale: %.0f ns across)</text>' % ((t1 - t0) * 1000, span * 1000)]
    for (c, lane), y in y_of.items():
        color = dict(LANES)[lane]
        o.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s" fill-opacity="0.25"/>'
                 % (left, y, w - left - right, lane_h - 4, color))
        o.append('<text x="10" y="%d">%sCPU %d %s</text>' % (y + lane_h / 2 + 2,
                                                            escape(name + " ") if name else "",
                                                            c, lane))
    for s in stages:
        lane = LANE_OF.get(s["stage"], "task")
        y = y_of[(s["cpu"], lane)]
        if s["end_us"] is not None:
            x0, x1 = x(s["us"]), x(s["end_us"])
            o.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#555">'
                     '<title>%s: %.0f ns</title></rect>'
                     % (x0, y + 2, max(x1 - x0, 1.5), lane_h - 8, dict(LANES)[lane],
                        escape(s["stage"]), (s["end_us"] - s["us"]) * 1000))
    for k, s in enumerate(stages):
        lane = LANE_OF.get(s["stage"], "task")
        xs, y = x(s["us"]), y_of[(s["cpu"], lane)]
        ly = label_top + (k % 3) * 26
        o.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333" '
                 'stroke-dasharray="2,2"/>' % (xs, y, xs, ly - 10))
        o.append('<circle cx="%.1f" cy="%d" r="4" fill="#1f4e9a"/>' % (xs, y + lane_h / 2 - 2))
        off = (s["us"] - t0) > span
        o.append('<text x="%.1f" y="%d" text-anchor="%s">%d%s</text>'
                 % (xs, ly, "end" if off else "middle", k + 1,
                    " (off scale: +%.0f ns)" % ((s["us"] - t0) * 1000) if off else ""))
    o.append('<text x="10" y="%d" font-weight="bold">#  stage</text>' % table_top)
    o.append('<text x="330" y="%d" font-weight="bold">CPU</text>' % table_top)
    o.append('<text x="380" y="%d" font-weight="bold" text-anchor="end" dx="120">'
             'at (ns)</text>' % table_top)
    o.append('<text x="520" y="%d" font-weight="bold" text-anchor="end" dx="110">'
             '+ from previous</text>' % table_top)
    o.append('<text x="660" y="%d" font-weight="bold">event</text>' % table_top)
    prev = t0
    for k, s in enumerate(stages):
        y = table_top + 22 * (k + 1)
        dur = " (%.0f ns long)" % ((s["end_us"] - s["us"]) * 1000) if s["end_us"] else ""
        o.append('<text x="10" y="%d">%d  %s%s</text>' % (y, k + 1, escape(s["stage"]),
                                                        escape(dur)))
        o.append('<text x="330" y="%d">%d</text>' % (y, s["cpu"]))
        o.append('<text x="500" y="%d" text-anchor="end">%.0f</text>' % (y, (s["us"] - t0) * 1000))
        o.append('<text x="630" y="%d" text-anchor="end">%.0f</text>'
                 % (y, (s["us"] - prev) * 1000))
        o.append('<text x="660" y="%d">%s</text>' % (y, escape(s["detail"][:90])))
        prev = s["us"]
    o.append("</svg>")
    return "\n".join(o) + "\n"


def render_sets(sets, title):
    """Several kernels' journeys, one above the other on one time scale:
    @sets is [(name, stages)], each set's time counted from its own NIC
    interrupt. One set is render()'s picture with the name in its lanes."""
    parts = []
    span = max([scale_span(st) for _, st in sets if st] or [1e-3])
    for name, st in sets:
        parts.append(render(st, "%s: %s" % (name, title), span=span, name=name))
    if len(parts) == 1:
        return parts[0]
    heights = [int(re.search(r'height="(\d+)"', p).group(1)) for p in parts]
    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="%d">' % sum(heights)]
    y = 0
    for p, h in zip(parts, heights):
        o.append('<g transform="translate(0,%d)" font-family="sans-serif" font-size="12">' % y)
        o.append(p.split(">", 1)[1].rsplit("</svg>", 1)[0])
        o.append("</g>")
        y += h
    o.append("</svg>")
    return "\n".join(o) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trace")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--title", default="one UDP datagram to udp_echo and back")
    a = ap.parse_args()
    stages = journey(parse(open(a.trace, errors="replace")))
    svg = render(stages, a.title)
    if a.output == "-":
        sys.stdout.write(svg)
    else:
        open(a.output, "w").write(svg)
    missing = [s for s in STAGES if s not in {st["stage"] for st in stages}]
    if missing:
        print("journey_svg: stages not found: " + ", ".join(missing), file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
