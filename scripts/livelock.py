#!/usr/bin/env python3
"""The receive-livelock experiment (Mogul and Ramakrishnan, 1997) on reflex and Linux.

Offered against delivered UDP echo rate, with the guest, not the host, as
the bottleneck: QEMU runs the guest under -icount shift=SHIFT,align=on,
sleep=on, a CPU of exactly 2^SHIFT ns per instruction kept in step with the
host's clock (shift 6: 15.6 million instructions per second). At several
thousand instructions per echoed frame the maximum loss-free rate (MLFR)
is then a few thousand frames/s, which tools/udpflood offers many times
over, and what limits delivery is the guest's instruction budget and how
the kernel spends it, the same from run to run.

QEMU keeps up when the guest's clock advances with the host's: after each
step the guest's TSC (virtual nanoseconds under -icount) is compared with
the host's clock, and a step where the guest ran less than 97% of the
host's time is marked as QEMU falling behind (its rate then says nothing
of the guest).

Each variant boots RUNS times. In each run probes as long as the steps
find the MLFR (x1.5 until a probe loses frames, then bisections): a
shorter probe ends before the socket queue fills and the receive path
settles into its steady mode, and finds a rate the steps then cannot
hold. Then the offered rate
steps from 0.25x to 6x that MLFR; delivered = echoes the host receives in
the steady part of each step. After each step the guest's own counters
(bench-init's hold step): frames the NIC took and missed, socket-queue
drops, and the shares of the CPU in hard IRQ, softirq (ksoftirqd
included), ksoftirqd alone, the echo task and idle, from /proc/stat and
/proc/PID/schedstat (reflex keeps IRQ time apart, as Linux's
CONFIG_IRQ_TIME_ACCOUNTING, which Debian's kernel does not enable: there a
task's run time includes the interrupts run in its context).

Run by make bench (scripts/bench.py), or alone:
    scripts/livelock.py [--quick] [--only NAME,...] [--runs N] [--shift N]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

SHIFT = 6
RUNS = 3
FRACS = [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0]
QUICK_FRACS = [0.5, 1.0, 2.0, 4.0]
KEEPUP = 0.97	# guest clock / host clock below this: QEMU fell behind
PLAN = "net%s,%s,hold"
CUSTOM_PLAN = None


def variants(reflex, vmlinuz):
    """(name, kernel, extra command line, bench.run plan, -smp, NIC, in QUICK)."""
    echo = PLAN % ("", "echo")
    v = [("reflex-napi", reflex, "", echo, 1, "e1000", True),
         ("reflex-napi-off", reflex, "reflex.napi=off ", echo, 1, "e1000", True),
         ("linux-napi", vmlinuz, "", echo, 1, "e1000", True),
         ("reflex-napi-threaded", reflex, "", PLAN % (",threaded", "echo"), 1, "e1000", True),
         ("linux-napi-threaded", vmlinuz, "", PLAN % (",threaded", "echo"), 1, "e1000", False),
         ("reflex-napi-threaded-echo-fifo", reflex, "", PLAN % (",threaded", "echo:fifo:50"),
          1, "e1000", False),
         ("reflex-threadirqs", reflex, "threadirqs ", echo, 1, "e1000", False),
         ("reflex-napi-off-threadirqs", reflex, "reflex.napi=off threadirqs ", echo, 1,
          "e1000", False),
         ("reflex-echo-fifo", reflex, "", PLAN % ("", "echo:fifo:50"), 1, "e1000", False),
         ("reflex-napi-off-echo-fifo", reflex, "reflex.napi=off ",
          PLAN % ("", "echo:fifo:50"), 1, "e1000", False)]
    if CUSTOM_PLAN:
        v.append(("custom", reflex, "", CUSTOM_PLAN, 1, "e1000", False))
    for smp in (2, 4):
        mask = "%x" % ((1 << smp) - 1)
        v += [("reflex-rps-smp%d" % smp, reflex, "", PLAN % (",rps:" + mask, "echo"), smp,
               "e1000", False),
              ("reflex-e1000e-q2-smp%d" % smp, reflex, "e1000e.queues=2 ", echo, smp,
               "e1000e", False),
              ("linux-rps-smp%d" % smp, vmlinuz, "maxcpus=1 ",
               PLAN % (",cpus-up,rps:" + mask, "echo"), smp, "e1000", False)]
    return v


def counters(B, g, timeout=20.0):
    """The guest's counters after a datagram to bench-init's port 5002: NIC, UDP,
    /proc/stat CPU buckets (clock ticks), the receive tasks' ticks, the TSC."""
    g.peer.send(g.peer.udp_frame(40005, 5002, b"stats"))
    end = time.monotonic() + timeout
    st, udp_names = {"ksoftirqd": 0, "irq_threads": 0, "napi_threads": 0, "echo": 0}, None
    while time.monotonic() < end:
        line = g.next_line()
        if line is None:
            return None
        if line.startswith("bench: win "):
            win_line(st.setdefault("win", [{}, {}]), line.split()[2:])
            continue
        if not line.startswith("bench: stats "):
            continue
        f = line.split()[2:]
        if f[0] == "end":
            st["host_ns"] = time.monotonic_ns()
            return st
        if f[0] == "tsc":
            st["tsc"] = int(f[1])
        elif f[0] == "/proc/net/dev":
            v = " ".join(f[1:]).split(":", 1)[1].split()
            st["nic_rx"], st["nic_missed"] = int(v[1]), int(v[3]) + int(v[4])
            st["nic_tx"], st["tx_dropped"] = int(v[9]), int(v[11])
        elif f[0] == "/proc/net/snmp":
            if udp_names is None:
                udp_names = f[2:]
            else:
                u = dict(zip(udp_names, map(int, f[2:])))
                st["udp_in"], st["sock_drops"] = u["InDatagrams"], u["RcvbufErrors"]
        elif f[0] == "/proc/stat" and f[1] == "cpu":
            # user nice system idle iowait irq softirq: all CPUs together.
            t = list(map(int, f[2:9]))
            st["cpu_user"], st["cpu_system"] = t[0] + t[1], t[2]
            st["cpu_idle"], st["cpu_irq"], st["cpu_softirq"] = t[3] + t[4], t[5], t[6]
        elif f[0] == "task":
            comm, ticks = f[2], int(f[3]) + int(f[4])
            key = "ksoftirqd" if comm.startswith("ksoftirqd/") else \
                "irq_threads" if comm.startswith("irq/") else \
                "napi_threads" if comm.startswith("napi/") else "echo"
            st[key] += ticks
    return None


def win_line(win, f):
    """One "bench: win N ..." line into win[N]: mono ns, the cpu ticks, task run times."""
    w = win[int(f[0])]
    if f[1] == "mono":
        w["mono"] = int(f[2])
    elif f[1] == "cpu":
        w["cpu"] = list(map(int, f[2:9]))
    elif f[1] == "task":
        w.setdefault("tasks", {})[int(f[2])] = (f[3], int(f[4]))


def task_kind(comm):
    for prefix, kind in (("ksoftirqd/", "ksoftirqd"), ("irq/", "irq_threads"),
                         ("napi/", "napi_threads"), ("udp_echo", "echo")):
        if comm.startswith(prefix):
            return kind
    return "other"


def win_shares(win):
    """Shares of the measurement window inside the flood: hard IRQ, softirq and idle
    from /proc/stat's buckets; each kind of task from its run time
    (/proc/PID/schedstat). Linux (tick-based, as Debian builds it) counts the
    interrupts and softirqs that ran in a task's context as its run time; reflex
    (IRQ time accounting) keeps them out of it and has them exactly in /proc/stat."""
    w0, w1 = win
    if not all(k in w for w in win for k in ("mono", "cpu", "tasks")):
        return None
    span = w1["mono"] - w0["mono"]
    ticks = [b - a for a, b in zip(w0["cpu"], w1["cpu"])]
    if span <= 0 or sum(ticks) <= 0:
        return None
    sh = {"cpu_irq": ticks[5] / sum(ticks), "cpu_softirq": ticks[6] / sum(ticks),
          "cpu_idle": (ticks[3] + ticks[4]) / sum(ticks), "window_ms": span / 1e6}
    for pid, (comm, run) in w1["tasks"].items():
        d = run - w0["tasks"].get(pid, (comm, 0))[1]
        k = task_kind(comm)
        sh[k] = sh.get(k, 0) + d / span
    return sh


def delta(a, b):
    keys = set(a or {}) - {"win"}
    if not a or not b or keys != set(b) - {"win"}:
        return None
    return {k: b[k] - a[k] for k in keys}


def step(B, g, rate, secs, before):
    """One step: the bench's udpflood step with a measurement window armed inside its
    steady part (from 0.3 to 0.9 of it), then the guest's counters for it."""
    g.peer.send(g.peer.udp_frame(40005, 5002, b"window %d %d" % (300 * secs, 600 * secs)))
    p = B.ll_step(g, rate, secs)
    after = counters(B, g)
    d = delta(before, after)
    pt = {"offered": p[0], "delivered": p[1], "sent": p[2], "echoed": p[3],
          "loss_free": p[4], "host_drops": p[5]}
    if d and d["host_ns"] > 0:
        pt["keepup"] = d["tsc"] / d["host_ns"]
        ticks = sum(d[k] for k in ("cpu_user", "cpu_system", "cpu_idle", "cpu_irq",
                                   "cpu_softirq"))
        pt["guest"] = d
        sh = win_shares(after["win"]) if after and "win" in after else None
        if sh:
            pt["share"] = sh
        elif ticks > 0:	# no window: the whole step in clock ticks
            pt["share"] = {k: d[k] / ticks for k in ("cpu_irq", "cpu_softirq", "ksoftirqd",
                                                      "irq_threads", "napi_threads", "echo",
                                                      "cpu_idle")}
    return pt, after


def one_run(B, name, kernel, append, initrd, cfg, smp, nic, shift):
    """Boot, find the MLFR, step the curve. {"mlfr", "points", "probes"} or
    {"unavailable": why}; and the QEMU command line."""
    icount = ["-icount", "shift=%d,align=on,sleep=on" % shift, "-rtc", "clock=vm"]
    B.progress("%s: booting (-smp %d, %s, %s), %s" % (name, smp, nic, append,
                                                     " ".join(icount)))
    g = B.Guest(name, kernel, append, initrd, icount=icount, net=True,
                timeout=cfg["ll_timeout"], smp=smp, nic=nic)
    out = {"probes": [], "points": []}
    rx = B.Receiver(g.peer)
    rx.start()
    ready = False
    while not ready:
        line = g.next_line()
        if line is None:
            out["unavailable"] = "no udp_echo within the boot timeout"
            break
        for what in ("rps_cpus", "fifo", "threaded"):
            m = B.LINE.match(line)
            if m and m.group(1) == what and m.group(2).startswith("unavailable"):
                out["unavailable"] = line.split("bench: ", 1)[1]
        ready = "udp_echo: listening" in line
    if ready and "unavailable" not in out:
        time.sleep(0.5)
        for _ in range(20):	# ARP, and proof that the echo path works at all
            g.peer.send(g.peer.udp_frame(40003, 7, b"p" * 18))
            time.sleep(0.05)
        time.sleep(1.0)
        if rx.echoes == 0:
            out["unavailable"] = "no echo from the guest"
    rx.stop = True	# from here udpflood owns the peer's socket
    rx.join()
    if "unavailable" in out:
        g.finish()
        return out, g.cmd
    knee, bad, rate = None, None, cfg["ll_start"]
    while rate < 1e6:
        p = B.ll_step(g, rate, cfg["ll_probe"])
        out["probes"].append(p[:2])
        B.progress("%s: probe offered %.0f/s delivered %.0f/s%s" % (
            name, p[0], p[1], "" if p[4] else " (lossy)"))
        if not p[4]:
            bad = rate
            break
        knee, rate = p[0], rate * 1.5
    for _ in range(cfg["ll_bisect"] if knee and bad else 0):
        rate = (knee * bad) ** 0.5
        p = B.ll_step(g, rate, cfg["ll_probe"])
        out["probes"].append(p[:2])
        B.progress("%s: probe offered %.0f/s delivered %.0f/s%s" % (
            name, p[0], p[1], "" if p[4] else " (lossy)"))
        if p[4]:
            knee = p[0]
        else:
            bad = rate
    if not knee:
        out["unavailable"] = "lossy already at %.0f frames/s" % cfg["ll_start"]
        g.finish()
        return out, g.cmd
    out["mlfr"] = knee
    before = counters(B, g)
    for i, f in enumerate(cfg["ll_fracs"]):
        pt, before = step(B, g, knee * f, cfg["ll_step"], before)
        pt["frac"] = f
        out["points"].append(pt)
        sh = pt.get("share", {})
        B.progress("%s: step %d/%d offered %.0f/s delivered %.0f/s (%.2fx MLFR) guest clock "
                   "%.3f of the host's; irq %.0f%% softirq %.0f%% echo %.0f%% idle %.0f%%" % (
                       name, i + 1, len(cfg["ll_fracs"]), pt["offered"], pt["delivered"],
                       pt["delivered"] / knee, pt.get("keepup", 0),
                       100 * sh.get("cpu_irq", 0), 100 * sh.get("cpu_softirq", 0),
                       100 * sh.get("echo", 0), 100 * sh.get("cpu_idle", 0)))
    g.finish()
    return out, g.cmd


def experiment(B, reflex, vmlinuz, initrd, base, cfg, only=None, shift=SHIFT):
    """Every variant (QUICK: the three of the paper's plot), RUNS boots each."""
    res, cmds = {}, []
    for name, kernel, extra, plan, smp, nic, quick in variants(reflex, vmlinuz):
        if only and name not in only:
            continue
        if cfg.get("quick") and not quick and not only:
            continue
        runs = []
        # The paper's three curves and threaded NAPI RUNS times; the rest once.
        for r in range(cfg["ll_runs"] if quick else cfg["ll_runs_extra"]):
            out, cmd = one_run(B, "%s-run%d" % (name, r + 1), kernel,
                               base + extra + "bench.run=" + plan, initrd, cfg, smp, nic, shift)
            runs.append(out)
            if r == 0:
                cmds.append((name, cmd))
            if "unavailable" in out:	# a variant that cannot run once will not run twice
                break
        res[name] = runs
    return res, cmds


def curve(runs):
    """Per step fraction: (frac, median, min, max of delivered/MLFR, the runs' points)."""
    ok = [r for r in runs if "mlfr" in r]
    rows = []
    for i in range(min((len(r["points"]) for r in ok), default=0)):
        pts = [r["points"][i] for r in ok]
        rel = [p["delivered"] / r["mlfr"] for p, r in zip(pts, ok)]
        rows.append((pts[0]["frac"], statistics.median(rel), min(rel), max(rel), pts))
    return rows


def at(rows, frac):
    return next((r for r in rows if abs(r[0] - frac) < 1e-6), None)


def pct(x):
    return "%.0f%%" % (100 * x) if x is not None else "—"


def report(res, shift):
    out = ["## Receive livelock (UDP echo, -icount shift=%d,align=on,sleep=on: the guest is "
           "a CPU of %.1f million instructions/s in step with the host's clock)" % (
               shift, 1e3 / (1 << shift)), "",
           "Method: scripts/livelock.py (its docstring). Rates relative to each run's maximum "
           "loss-free rate (MLFR: at least 99.5%% echoed); delivered is the median of the runs, "
           "with their min–max. The guest's accounting: NIC, socket and transmit drops over the "
           "step; CPU shares inside a window from 0.3 to 0.9 of the step: hard IRQ, softirq "
           "(ksoftirqd's included) and idle from /proc/stat, ksoftirqd, the IRQ and NAPI "
           "threads and the echo task from their run time (/proc/PID/schedstat; Linux's "
           "includes the interrupts and softirqs run in the task's context, reflex's, with IRQ "
           "time accounting, does not); medians of the runs. \"clock\": the "
           "lowest ratio of guest to host time over the runs' steps (below %.2f QEMU fell "
           "behind and the step is marked)." % KEEPUP, ""]
    out.append("| variant | MLFR frames/s (runs) | spread | at 2x | at 4x | at 6x |")
    out.append("|---|---|---|---|---|---|")
    for name, runs in res.items():
        ok = [r for r in runs if "mlfr" in r]
        if not ok:
            out.append("| %s | unavailable (%s) | | | | |" % (
                name, runs[0].get("unavailable", "no run") if runs else "no run"))
            continue
        m = [r["mlfr"] for r in ok]
        rows = curve(runs)
        cells = []
        for f in (2.0, 4.0, 6.0):
            r = at(rows, f)
            cells.append("%.2f (%.2f–%.2f)" % r[1:4] if r else "—")
        out.append("| %s | %s | %s | %s |" % (
            name, ", ".join("%.0f" % x for x in m),
            "±%.1f%%" % (100 * (max(m) - min(m)) / 2 / statistics.median(m)) if len(m) > 1
            else "one run", " | ".join(cells)))
    for name, runs in res.items():
        rows = curve(runs)
        if not rows:
            continue
        out += ["", "### %s" % name, "",
                "| offered/MLFR | delivered/MLFR (min–max) | NIC missed | socket drops | "
                "TX dropped | hard IRQ | softirq | ksoftirqd | IRQ/NAPI threads | echo task | "
                "idle | clock |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for frac, med, lo, hi, pts in rows:
            def mid(key, sub="share"):
                v = [p[sub].get(key, 0) for p in pts if sub in p]
                return statistics.median(v) if v else None

            def count(key):
                v = mid(key, "guest")
                return "%.0f" % v if v is not None else "—"
            thr = [p["share"].get("irq_threads", 0) + p["share"].get("napi_threads", 0)
                   for p in pts if "share" in p]
            keep = min((p.get("keepup", 0) for p in pts), default=0)
            out.append("| %.2f | %.2f (%.2f–%.2f) | %s | %s | %s | %s | %s | %s | %s | %s | %s | "
                       "%.3f%s |" % (
                           frac, med, lo, hi, count("nic_missed"), count("sock_drops"),
                           count("tx_dropped"), pct(mid("cpu_irq")), pct(mid("cpu_softirq")),
                           pct(mid("ksoftirqd")),
                           pct(statistics.median(thr) if thr else None),
                           pct(mid("echo")), pct(mid("cpu_idle")), keep,
                           "" if keep >= KEEPUP else " (behind)"))
    out += ["", "Targets:"]
    for name, frac, cmp, target, what in [
            ("reflex-napi-off", 4.0, "le", 0.2, "napi=off collapses: ≤ 0.2×MLFR at 4×"),
            ("reflex-napi", 2.0, "ge", 0.9, "NAPI: ≥ 0.9×MLFR at 2×"),
            ("reflex-napi", 4.0, "ge", 0.9, "NAPI: ≥ 0.9×MLFR at 4×")]:
        r = at(curve(res.get(name, [])), frac)
        if not r:
            out.append("- %s: not measured" % what)
            continue
        met = r[1] <= target if cmp == "le" else r[1] >= target
        out.append("- %s: %.2f (runs %.2f–%.2f) — %s" % (what, r[1], r[2], r[3],
                                                         "met" if met else "**not met**"))
    return "\n".join(out) + "\n"


def plot(res, results, build, shift):
    """livelock.svg: delivered against offered frames/s, every variant, min–max bars."""
    import shutil
    gp = shutil.which("gnuplot")
    if not gp:
        return None
    series = []
    for name, runs in res.items():
        rows = curve(runs)
        if not rows:
            continue
        m = statistics.median(r["mlfr"] for r in runs if "mlfr" in r)
        path = os.path.join(build, "ll-%s.dat" % name)
        with open(path, "w") as f:
            f.writelines("%.1f %.1f %.1f %.1f\n" % (frac * m, med * m, lo * m, hi * m)
                         for frac, med, lo, hi, _ in rows)
        series.append((name, path))
    if not series:
        return None
    script = ['set terminal svg size 1000,620 dynamic',
              'set output "%s"' % os.path.join(results, "livelock.svg"),
              'set title "Receive livelock: UDP echo (after Mogul & Ramakrishnan 1997), '
              '-icount shift=%d,align=on; median and min-max of the runs"' % shift,
              'set xlabel "offered frames/s"', 'set ylabel "delivered (echoed) frames/s"',
              'set key outside right', 'set yrange [0:*]', 'set xrange [0:*]',
              'plot ' + ", ".join('"%s" using 1:2:3:4 with yerrorlines title "%s"' % (p, n)
                                  for n, p in series) + ', x with lines dt 2 title "loss-free"']
    subprocess.run([gp], input="\n".join(script), text=True)
    return "livelock.svg"


def config(quick):
    return dict(quick=quick, ll_runs=1 if quick else RUNS, ll_runs_extra=1, ll_start=300.0,
                ll_probe=1.5 if quick else 3.0, ll_bisect=2 if quick else 4,
                ll_step=1.5 if quick else 3.0, ll_timeout=1800,
                ll_fracs=QUICK_FRACS if quick else FRACS)


def main():
    sys.path.insert(0, HERE)
    import bench as B
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", help="comma-separated variant names")
    ap.add_argument("--runs", type=int)
    ap.add_argument("--shift", type=int, default=SHIFT)
    ap.add_argument("--plan", help="bench.run plan for a one-off variant \"custom\" on reflex")
    ap.add_argument("--results", default=os.path.join(B.RESULTS, "livelock"))
    a = ap.parse_args()
    B.RESULTS = os.path.abspath(a.results)
    os.makedirs(B.RESULTS, exist_ok=True)
    os.makedirs(B.BUILD, exist_ok=True)
    cfg = config(a.quick)
    if a.runs:
        cfg["ll_runs"] = a.runs
    vmlinuz, release = B.linux_kernel()
    initrd = B.build_initramfs(release)
    reflex = os.path.join(B.ROOT, "build", "reflex.elf")
    base = "console=ttyS0 quiet rdinit=/bench-init "
    global CUSTOM_PLAN
    CUSTOM_PLAN = a.plan
    res, cmds = experiment(B, reflex, vmlinuz, initrd, base, cfg,
                           set(a.only.split(",")) if a.only else None, a.shift)
    md = report(res, a.shift)
    md += "\n" + "\n".join("- %s: `%s`" % (n, " ".join(c)) for n, c in cmds) + "\n"
    if plot(res, B.RESULTS, B.BUILD, a.shift):
        md += "\nPlot: [livelock.svg](livelock.svg)\n"
    with open(os.path.join(B.RESULTS, "livelock.md"), "w") as f:
        f.write(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
