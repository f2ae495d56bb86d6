#!/usr/bin/env python3
"""make trace-demo: one UDP packet's journey through reflex, as an SVG.

Boots reflex under -icount shift=0,sleep=off (one instruction is one
nanosecond of guest time, so every duration in the trace is an exact
instruction count) with the e1000 on a dgram netdev (tools/framepeer.py)
and the shell as init, which starts /bin/udp_echo on port 7. Through the
shell it enables the events of the path (irq, napi, net, sched_waking,
sched_switch, raw_syscalls, skb), empties the buffer, and the host sends
ONE datagram to port 7 and waits for its echo; then tracing stops and the
trace is read back. Then the same in Debian's Linux, booted in the same
QEMU as make bench boots it (bench-init's journey steps), when /boot has
a kernel. tools/journey_svg.py draws both, a lane set each.

    scripts/trace_demo.py [OUTDIR] [--no-linux]     (default build/trace-demo)

Writes OUTDIR/journey-trace.txt (reflex's trace), linux-journey-trace.txt
and OUTDIR/journey.svg; prints the stages with their times. Exits 1 when
the packet did not come back through reflex or its trace lacks a stage;
Linux's lane is shown when it can be had."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, os.path.join(ROOT, "tests", "scenario"))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, HERE)
import tracecmd  # noqa: E402  (its Guest: QEMU on pipes with a framepeer)
import journey_svg  # noqa: E402

T = "/sys/kernel/tracing/"
EVENTS = ["irq/irq_handler_entry", "irq/irq_handler_exit", "irq/softirq_raise",
          "irq/softirq_entry", "irq/softirq_exit", "napi/napi_poll", "net/netif_receive_skb",
          "net/net_dev_queue", "net/net_dev_xmit", "sched/sched_waking", "sched/sched_switch",
          "raw_syscalls/sys_enter", "raw_syscalls/sys_exit", "skb/consume_skb",
          "skb/kfree_skb"]
ICOUNT = ["-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]
FILTERS = [("irq/softirq_raise", "vec == 3"), ("irq/softirq_entry", "vec == 3"),
           ("irq/softirq_exit", "vec == 3"), ("sched/sched_waking", 'comm == "udp_echo"'),
           ("sched/sched_switch", 'prev_comm == "udp_echo" || next_comm == "udp_echo"')]


def record(outdir):
    """The trace text of one echoed datagram, or None (with the reason printed)."""
    g = tracecmd.Guest("demo", 1, initrd="", qemu_extra=ICOUNT, log="trace-demo")
    try:
        if g.boot is None:
            print("trace-demo: reflex did not boot to the shell")
            return None
        if b"udp_echo: listening" not in g.transcript:
            g.read_until(b"udp_echo: listening", 30)
        p = g.peer
        p.arp_resolve()
        # One echo before tracing: ARP and first-use work stay out of the picture.
        p.send(p.udp_frame(40000, 7, b"warm-up"))
        p.recv(5.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
        g.run("echo 1024 > %sbuffer_size_kb" % T)
        for ev in EVENTS:
            g.run("echo 1 > %sevents/%s/enable" % (T, ev))
        # What an idle machine does meanwhile (timers, other tasks) stays out,
        # as in Linux's recording (bench-init's journey step).
        for ev, flt in FILTERS:
            g.run("echo '%s' > %sevents/%s/filter" % (flt, T, ev))
        # Under -icount the TSC counts virtual nanoseconds: instructions, at shift=0.
        g.run("echo x86-tsc > %strace_clock" % T)
        g.run("echo > %strace" % T)
        data = b"one packet's journey"
        p.send(p.udp_frame(40001, 7, data))
        r = p.recv(10.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
        # The TX completion interrupt follows the echo, after the NIC's
        # interrupt delay: the buffer stops once it holds a second eth0
        # interrupt (each look is a command line, so guest time goes on).
        for _ in range(100):
            out, _st = g.run("grep -c 'irq_handler_entry: .*name=eth0' %strace" % T)
            if out.strip().isdigit() and int(out.strip()) >= 2:
                break
        g.run("echo 0 > %stracing_on" % T)
        if not r or r["udp"]["data"] != data:
            print("trace-demo: the datagram was not echoed")
            return None
        g.send_line("cat %strace; echo end''-of-trace" % T)
        text = g.read_until(b"end-of-trace\r\n", 120) or g.read_until(b"end-of-trace\n", 5)
        if not text:
            print("trace-demo: could not read the trace back")
            return None
        body = text.split("\n", 1)[1].rsplit("end-of-trace", 1)[0]
        with open(os.path.join(outdir, "journey-trace.txt"), "w") as f:
            f.write(body)
        return body
    finally:
        g.close()


def record_linux(outdir):
    """The same datagram's journey through Debian's Linux in the same QEMU
    (make bench's kernel and initramfs, bench-init's journey steps), or None
    with the reason printed: it is shown when it can be had."""
    try:
        import bench  # scripts/bench.py
        vmlinuz, release = bench.linux_kernel()
        bench.RESULTS = os.path.abspath(outdir)
        initrd = bench.build_initramfs(release)
    except (SystemExit, Exception) as exc:	# noqa: BLE001 (any reason is reported)
        print("trace-demo: no Linux lane (%s)" % exc)
        return None
    # The first wait-peer lets the host resolve ARP and warm the path up
    # before the journey is armed, as for reflex.
    append = ("console=ttyS0 quiet rdinit=/bench-init "
              "bench.run=net,echo,wait-peer,journey,wait-peer,journey-dump")
    g = bench.Guest("linux-journey", vmlinuz, append, initrd, icount=ICOUNT, net=True,
                    timeout=300)
    try:
        p, lines = g.peer, []
        p.sock.settimeout(1.0)
        line = ""
        while line is not None and "waiting for peer" not in line:
            line = g.next_line()
        p.arp_resolve()
        for _ in range(20):	# udp_echo may still be starting
            p.send(p.udp_frame(40000, 7, b"warm-up"))
            if p.recv(2.0, lambda f: "udp" in f and f["udp"]["sport"] == 7):
                break
        p.send(p.udp_frame(40002, 5001, b"go"))
        while line is not None and "journey armed" not in line:
            line = g.next_line()
        if line is None:
            print("trace-demo: Linux did not arm the journey")
            return None
        data = b"one packet's journey"
        r = None
        p.send(p.udp_frame(40001, 7, data))
        r = p.recv(10.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
        p.send(p.udp_frame(40002, 5001, b"go"))		# wait-peer: then the dump
        while line is not None and "journey dumped" not in line:
            line = g.next_line()
            if line and line.startswith("bench: trace "):
                lines.append(line[len("bench: trace "):])
        if not r or r["udp"]["data"] != data or not lines:
            print("trace-demo: Linux did not echo the datagram or print its trace")
            return None
        body = "\n".join(lines) + "\n"
        with open(os.path.join(outdir, "linux-journey-trace.txt"), "w") as f:
            f.write(body)
        return body
    finally:
        g.finish()


def show(name, stages):
    t0 = stages[0]["us"] if stages else 0
    print("%s:" % name)
    for st in stages:
        print("  %+12.0f ns  CPU %d  %-28s %s" % ((st["us"] - t0) * 1000, st["cpu"],
                                                 st["stage"], st["detail"][:100]))
    missing = [s for s in journey_svg.STAGES if s not in {st["stage"] for st in stages}]
    if missing:
        print("  missing: " + ", ".join(missing))
    return missing


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    outdir = args[0] if args else "build/trace-demo"
    os.makedirs(outdir, exist_ok=True)
    os.makedirs("build/test-logs", exist_ok=True)
    text = record(outdir)
    if text is None:
        return 1
    sets = [("reflex", journey_svg.journey(journey_svg.parse(text.splitlines())))]
    missing = show("reflex", sets[0][1])
    if "--no-linux" not in sys.argv:
        ltext = record_linux(outdir)
        if ltext:
            sets.append(("Linux", journey_svg.journey(journey_svg.parse(ltext.splitlines()))))
            show("Linux", sets[1][1])
    svg = os.path.join(outdir, "journey.svg")
    with open(svg, "w") as f:
        f.write(journey_svg.render_sets(sets, "One UDP datagram to udp_echo and back "
                                        "(-icount shift=0: 1 ns = 1 instruction)"))
    print("trace-demo: %s (%s)" % (svg, ", ".join("%s %d stages" % (n, len(st))
                                                  for n, st in sets)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
