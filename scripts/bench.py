#!/usr/bin/env python3
"""make bench: reflex and Debian's Linux side by side in the same QEMU.

Every figure comes from the same static programs (build/user/, bench/*.c)
run by the same PID 1 (bench/bench-init.c) from the same initramfs
(build/bench/bench.cpio.gz) on both kernels. The instruction-count runs use

    -M pc -cpu max -m 256M -smp 1 -icount shift=0,sleep=off -rtc clock=vm

where a guest rdtsc delta is an exact instruction count and virtual time
is instructions, so those figures repeat exactly run to run (the runs that
take packets from the host are the exception: where a packet lands follows
the host's clock). One vCPU for the main table: under -icount QEMU runs
vCPUs round robin on one thread, and a TSC delta counts the instructions of
every vCPU that ran in between.

The multi-CPU figures take that into account rather than avoid it:

  - the one-CPU figures again at -smp 4 (boots linux-smp4, reflex-smp4 and
    the UDP-cost ones linux-flood-smp4, reflex-flood-smp4): bench-init's
    first steps are cpus-up (Linux boots with maxcpus=1 and brings the
    other three CPUs online through sysfs: its boot-time bring-up of APs
    never finishes under -icount on QEMU 7.2, the hotplug path does) and
    pin:0 (sched_setaffinity to CPU 0, checked with getcpu), inherited by
    every program; the other CPUs idle. A figure is still a TSC delta, so it
    includes whatever the idle CPUs executed meanwhile: their timer ticks,
    their idle loops' passes, and for the UDP echo the work of whichever CPU
    took the NIC's interrupt. Each reflex -smp 4 figure is shown next to
    reflex's -smp 1 figure (ratio) and Linux's -smp 4 one;
  - bench_pipe in the same boots: a one-byte pipe ping-pong between two
    processes pinned to CPUs 0 and 1, instructions per round trip summed
    over all CPUs (the waiting side idles; QEMU switches vCPU when one halts
    or executes PAUSE, and at the end of its time slice);
  - bench_thread in the same boots: threads (raw clone with musl's pthread
    flags) created and joined on CPU 0; a futex ping-pong between threads
    on CPUs 0 and 1 (round trip); a PI futex handed over by its owner on
    CPU 0 to a FUTEX_LOCK_PI waiter on CPU 1 (the unlock to the waiter's
    return as owner); kill() to self and a ud2 caught by SIGILL, each to a
    handler that returns (delivery + rt_sigreturn). A kernel without the
    threads or futexes shows those figures as unavailable;
  - the KUnit suite bench at -smp 2, 4 and 8 (reflex-kunit-smpN): an
    smp_call_function_single round trip (wait=1) to another CPU, the
    wake-up of a FIFO kthread bound to another CPU until it runs, and a
    one-page flush_tlb_kernel_range to the 1, 3 or 7 other CPUs; also
    instructions summed over CPUs.

Interrupts across CPUs, at -smp 4 as the UDP echo above (pinned to CPU 0,
instructions summed over CPUs):

  - the UDP echo's cost per packet with the NIC's work spread other ways:
    the e1000e (-device e1000e) with one queue (reflex e1000e.queues=1;
    Linux's own e1000e.ko) and with two (reflex e1000e.queues=2; Linux's
    e1000e drives one queue: n/a), and RPS to two and to four CPUs on the
    e1000 (bench-init's rps:3 and rps:f write rx-0/rps_cpus; both kernels).
    The host sends one datagram at a time from one source port: one flow,
    so RSS and RPS put all of it on the one queue and CPU its hash picks.
    A boot whose rps step failed shows its figures as unavailable;
  - bench_irqcpu (boots linux-irqcpu-smp4, reflex-irqcpu-smp4): the cost of
    moving the e1000's interrupt between CPUs 1 and 2 through
    /proc/irq/N/smp_affinity, from the write to the first interrupt handled
    on the new CPU (the guest fires the line itself: each datagram it sends
    raises the transmit-done interrupt), and of the write alone; the cost of
    taking CPU 3 offline and back online through sysfs. Its docstring says
    how the spinner counts instructions while the operation's task sleeps.

Echo throughput at 1, 2 and 4 CPUs (scale-*): no instruction counts but a
rate, under -icount shift=SCALE_SHIFT,align=on,sleep=on so that the guest
is slower than the host and the host's clock is the guest's; the highest
echo rate without loss (the livelock curve's knee search), SCALE_FLOWS
flows from the host, RPS to every CPU on the e1000 (both kernels) and, in
the full run, reflex's e1000e with two queues; scaling.svg plots it. Under
-icount all vCPUs together execute one CPU's instructions per virtual
second (QEMU runs them round robin on one clock), so the curve cannot rise
with the CPUs: it shows what spreading the same work costs each kernel.

A boot with fewer CPUs online than asked ("bench-init: ... cpus=N") or
whose pin step failed shows its figures as "unavailable (REASON)"; a figure
the kernel cannot take prints "bench: NAME unavailable (REASON)" and shows
as such, never as a number. A boot that shows no bench-init or KUnit
output within BOOT_TIMEOUT is stopped.

The user-space test programs (build/tests.cpio.gz under test-init) run on
both kernels too, without -icount (scripts/abi_compare.py): every KTAP case
side by side in abi.md, which passes on both and which on one only.

The receive-livelock experiment (scripts/livelock.py) runs the guest as a
slow CPU in step with the host's clock (-icount shift=N,align=on,sleep=on),
so that the guest and not the host limits the echo rate: reflex with NAPI,
with reflex.napi=off and the other variants, and Linux, each three times
(QUICK: once, the three main variants, a shorter curve); livelock.svg.

Writes bench/results/latest.md (the table, the QEMU version, every command
line), bench/results/*.log (raw serial logs), bench/results/*.svg (plots,
with gnuplot). QUICK=1 (or --quick): fewer samples, a shorter curve, all of
it in bench/results/quick/.
"""
import argparse
import os
import re
import select
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import framepeer as fp  # noqa: E402

RESULTS = os.path.join(ROOT, "bench", "results")
UDPFLOOD = os.path.join(ROOT, "build", "tools", "udpflood")
BUILD = os.path.join(ROOT, "build", "bench")
GUEST_MAC = "52:54:00:12:34:56"
QEMU = "qemu-system-x86_64"
QEMU_BASE = [QEMU, "-M", "pc", "-cpu", "max", "-m", "256M", "-smp", "1",
             "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
ICOUNT = ["-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]
# Under a flood from the host, an idle guest's clock must follow the host's
# or a host rate means nothing in guest time: sleep=on (busy time is still
# counted in instructions).
ICOUNT_FLOOD = ["-icount", "shift=0,sleep=on", "-rtc", "clock=vm"]
# The price of sleep=on: while the guest halts, its clock is the host's, so a
# host scheduling delay of QEMU's threads (waking to deliver the guest's timer
# interrupt, with the flooder and the receiver competing for the cores) is
# guest latency, milliseconds of it on a loaded host. A busy guest's clock
# counts instructions and never sees it, so the less a kernel works per frame
# the more of it it gets. The flood boots therefore run QEMU at a real-time
# priority on the host when the host allows it (root, chrt, 2+ cores); the
# command lines in latest.md show it.
HOST_RT = ["chrt", "-f", "10"]
BOOT_TIMEOUT = 240
PROGRAMS = ["bench_vdso", "bench_syscall", "bench_fault", "bench_fork", "cyclictest", "udp_echo",
            "bench_udpcost", "bench_pipe", "bench_irqcpu", "bench_thread"]

FULL = dict(syscall=10000, fault=4096, fork=1000, cyclic=10000, udp=2000, pipe=2000,
            thread=2000, rt_loops=10000, hackbench_loops=100, pi_secs=10,
            flood_rate=20000, timeout=900, moves=50, cycles=10,
            scale_start=500.0, scale_step=1.0, scale_halvings=4, scale_series=3)
QUICK = dict(syscall=2000, fault=512, fork=100, cyclic=1000, udp=300, pipe=300,
             thread=300, rt_loops=1000, hackbench_loops=20, pi_secs=2,
             flood_rate=20000, timeout=300, moves=10, cycles=3,
             scale_start=500.0, scale_step=0.5, scale_halvings=2, scale_series=2)

LINE = re.compile(r"^(?:\[[ 0-9.]*\] )?bench: (\S+) (.*)$")
CPUS = re.compile(r"^bench-init: (?:kernel .* )?cpus=(\d+)")
HIST = re.compile(r"^hist: (\S+) us=(\d+)\+? count=(\d+)")


def progress(msg):
    print("bench: " + msg, flush=True)


def linux_kernel():
    found = sorted(f for f in os.listdir("/boot") if f.startswith("vmlinuz-"))
    if not found:
        sys.exit("bench: no /boot/vmlinuz-*: apt-get install linux-image-amd64")
    return os.path.join("/boot", found[-1]), found[-1][len("vmlinuz-"):]


# Linux's NIC drivers, loaded by bench-init's "net" in this order: e1000e
# needs ptp, ptp needs pps_core (both built into Debian's 6.1 kernel, where
# they have no .ko and nothing is loaded for them).
MODULES = [("pps_core.ko", "kernel/drivers/pps/pps_core.ko"),
           ("ptp.ko", "kernel/drivers/ptp/ptp.ko"),
           ("e1000.ko", "kernel/drivers/net/ethernet/intel/e1000/e1000.ko"),
           ("e1000e.ko", "kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko")]


def linux_modules(release):
    """(name in the initramfs, path on the host or None) for each of MODULES."""
    out = []
    builtin = ""
    try:
        with open("/lib/modules/%s/modules.builtin" % release) as f:
            builtin = f.read()
    except OSError:
        pass
    for name, rel in MODULES:
        path = "/lib/modules/%s/%s" % (release, rel)
        if os.path.exists(path):
            out.append((name, path))
        else:
            if rel not in builtin:
                progress("no %s: Linux runs without it" % path)
            out.append((name, None))
    return out


# Debian's rt-tests, dynamically linked, as /bin/rt-NAME with their libraries.
RT_TOOLS = ["cyclictest", "hackbench", "pi_stress"]


def build_initramfs(release):
    """The one initramfs both kernels boot: bench-init, the programs, Linux's e1000.ko."""
    os.makedirs(BUILD, exist_ok=True)
    lines = ["dir /dev 0755 0 0", "nod /dev/console 0600 0 0 c 5 1", "dir /proc 0755 0 0",
             "dir /tmp 1777 0 0", "dir /bin 0755 0 0",
             "file /bench-init build/user/bench-init 0755 0 0"]
    lines += ["file /bin/%s build/user/%s 0755 0 0" % (p, p) for p in PROGRAMS]
    for ko in linux_modules(release):
        if ko[1]:
            lines.append("file /%s %s 0644 0 0" % ko)
    for tool in RT_TOOLS:
        path = "/usr/bin/" + tool
        if not os.path.exists(path):
            progress("no %s: the rt-tests figures are unavailable (scripts/deps.sh test "
                     "installs rt-tests)" % path)
            continue
        closure = subprocess.run([os.path.join(ROOT, "scripts", "dyn_closure.sh"), path,
                                  "/bin/rt-" + tool], capture_output=True, text=True,
                                 check=True).stdout.splitlines()
        lines += [l for l in closure if l not in lines]
    busybox = shutil.which("busybox")
    if busybox and "statically linked" in subprocess.run(
            ["file", "-L", busybox], capture_output=True, text=True).stdout:
        lines.append("file /bin/busybox %s 0755 0 0" % busybox)
    lst = os.path.join(BUILD, "initramfs_list")
    with open(lst, "w") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(BUILD, "bench.cpio.gz")
    cpio = subprocess.run([os.path.join(ROOT, "build/scripts/gen_init_cpio"), lst],
                          cwd=ROOT, capture_output=True, check=True).stdout
    with open(out, "wb") as f:
        f.write(subprocess.run(["gzip", "-9n"], input=cpio, capture_output=True,
                               check=True).stdout)
    return out


_host_rt = None


def host_rt():
    """HOST_RT when it works here (cached), else an empty prefix."""
    global _host_rt
    if _host_rt is None:
        ok = (os.cpu_count() or 1) >= 2 and shutil.which("chrt") is not None and \
            subprocess.run(HOST_RT + ["true"], capture_output=True).returncode == 0
        _host_rt = HOST_RT if ok else []
        if not ok:
            progress("QEMU not at a real-time priority for the flood runs (needs root, "
                     "chrt, 2+ cores): their tails include host scheduling delays")
    return list(_host_rt)


class Guest:
    """One QEMU boot: serial on a pipe, read line by line; optional e1000 on a framepeer."""

    def __init__(self, name, kernel, append, initrd, icount=True, net=False, timeout=600,
                 smp=1, nic="e1000"):
        self.name, self.lines, self.peer = name, [], None
        self.deadline = time.monotonic() + timeout
        if isinstance(icount, list):	# an explicit -icount (the scaling runs)
            cmd = list(QEMU_BASE) + icount
        else:
            cmd = list(QEMU_BASE) + ((ICOUNT_FLOOD if net else ICOUNT) if icount else [])
        cmd[cmd.index("-smp") + 1] = str(smp)
        if net and icount:
            cmd = host_rt() + cmd
        if net:
            self.peer = fp.Peer(guest_mac=GUEST_MAC)
            self.peer.sock.settimeout(None)
            cmd += ["-netdev", self.peer.netdev(), "-device",
                    "%s,netdev=n0,mac=%s" % (nic, GUEST_MAC)]
        cmd += ["-kernel", kernel, "-initrd", initrd, "-append", append]
        self.cmd = cmd
        self.log = open(os.path.join(RESULTS, name + ".log"), "w")
        self.log.write("# " + " ".join(shlex.quote(c) for c in cmd) + "\n")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, cwd=ROOT)
        self.buf = b""

    def next_line(self):
        """The next serial line, or None at EOF or the deadline."""
        while b"\n" not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        line = line.decode(errors="replace").rstrip("\r")
        self.lines.append(line)
        self.log.write(line + "\n")
        self.log.flush()
        return line

    def finish(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.log.close()
        if self.peer:
            self.peer.sock.close()
        return self.proc.returncode


def parse_figures(lines):
    figs, hist = {}, {}
    for line in lines:
        m = CPUS.match(line)
        if m:
            figs["cpus_online"] = {"n": int(m.group(1))}
            continue
        m = LINE.match(line)
        if m and m.group(2).startswith("unavailable"):
            figs[m.group(1)] = {"unavailable": m.group(2)[len("unavailable"):].strip(" ()")}
            continue
        if m:
            kv = dict(x.split("=", 1) for x in m.group(2).split() if "=" in x)
            figs[m.group(1)] = {k: (float(v) if re.match(r"^-?[0-9.]+$", v) else v)
                                for k, v in kv.items()}
            continue
        m = HIST.match(line)
        if m:
            hist.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3))))
    return figs, hist


STEP = re.compile(r"^(?:\[[ 0-9.]*\] )?bench-init: \[\d+/\d+\] (\S+)")
RT_HIST = re.compile(r"^(\d{6})((?:\s+\d{6})+)\s*$")


def rt_segments(lines):
    """(step, its output lines) for each bench-init step of an rt-* program."""
    segs, cur = [], None
    for line in lines:
        m = STEP.match(line)
        if m or "bench-init: done" in line:
            cur = None
            if m and m.group(1).startswith("rt-"):
                cur = (m.group(1), [])
                segs.append(cur)
            continue
        if cur is not None:
            cur[1].append(line)
    return segs


def rt_cyclictest(out, hmax):
    """Debian cyclictest -q -h HMAX: min, avg, p99 (all threads' histograms
    merged; None when more than 1% overflowed) and max, in us, and the threads."""
    buckets, mins, avgs, maxs, over = {}, [], [], [], []
    for line in out:
        m = RT_HIST.match(line)
        if m:
            buckets[int(m.group(1))] = buckets.get(int(m.group(1)), 0) + \
                sum(int(x) for x in m.group(2).split())
            continue
        for key, dst in (("# Min Latencies:", mins), ("# Avg Latencies:", avgs),
                         ("# Max Latencies:", maxs), ("# Histogram Overflows:", over)):
            if line.startswith(key):
                dst += [int(x) for x in line[len(key):].split()]
    if not maxs:
        return {"unavailable": "no cyclictest summary"}
    total = sum(buckets.values()) + sum(over)
    p99, seen = None, 0
    for us in sorted(buckets):
        seen += buckets[us]
        if seen >= 0.99 * total:
            p99 = us
            break
    return {"min": min(mins), "avg": sum(avgs) / len(avgs), "p99": p99, "max": max(maxs),
            "threads": len(maxs), "samples": total, "overflows": sum(over), "hmax": hmax}


def rt_figures(lines):
    """The rt-tests figures of one boot: cyclictest, hackbench (instructions:
    under -icount shift=0 a guest second is 10^9 instructions), pi_stress."""
    figs = {}
    for step, out in rt_segments(lines):
        args = step.split(":")
        text = "\n".join(out)
        if args[0] == "rt-cyclictest":
            hmax = int(args[args.index("-h") + 1]) if "-h" in args else 0
            figs["rt_cyclictest"] = rt_cyclictest(out, hmax)
        elif args[0] == "rt-hackbench":
            key = "rt_hackbench_" + ("pipes" if "-p" in args else "sockets")
            m = re.search(r"^Time: ([0-9.]+)", text, re.M)
            loops = int(args[args.index("-l") + 1])
            figs[key] = ({"time": float(m.group(1)), "instr": float(m.group(1)) * 1e9,
                          "loops": loops} if m else {"unavailable": "no Time: line"})
        elif args[0] == "rt-pi_stress":
            m = re.search(r"Total inversion performed: (\d+)", text)
            secs = [int(a.split("=")[1]) for a in args if a.startswith("--duration=")]
            figs["rt_pi_stress"] = ({"inversions": int(m.group(1)),
                                     "per_sec": int(m.group(1)) / secs[0]}
                                    if m and secs else {"unavailable": "no inversion total"})
    return figs


def rt_boots(cfg, vmlinuz, reflex, base):
    """Debian's rt-tests on both kernels: (name, kernel, append, net, smp)."""
    cyc = "rt-cyclictest:-q:-m:-p:80:-i:1000:-l:%d:-h:2000" % cfg["rt_loops"]
    cyc_t = cyc.replace("-q:-m:", "-q:-m:-t:-a:")
    hb = "rt-hackbench:-g:4:-l:%d" % cfg["hackbench_loops"]
    hb_p = "rt-hackbench:-p:-g:4:-l:%d" % cfg["hackbench_loops"]
    pi = "rt-pi_stress:--groups=1:--duration=%d:--quiet" % cfg["pi_secs"]
    vdso = "bench_vdso:%d" % cfg["syscall"]
    plan = ",".join(["rtenv", vdso, cyc, hb, hb_p, pi])
    flood = "rtenv,net,echo,wait-peer," + cyc
    cyc, cyc_t = "rtenv," + cyc, "rtenv," + cyc_t
    # Under the flood both kernels poll in idle (idle=poll, Linux's): a
    # halted guest under -icount sleep=on waits for the host to wake it at
    # its next timer, late by whatever the host's scheduling adds, and the
    # kernel that idles more between frames (the cheaper one) would be
    # charged more of the host's jitter. Polling, the guest's clock counts
    # instructions only and a timer fires when its time comes.
    base_flood = base + "idle=poll "
    return [
        ("linux-rt", vmlinuz, base + "bench.run=" + plan, False, 1),
        ("reflex-rt", reflex, base + "bench.run=" + plan, False, 1),
        ("linux-rt-preempt-full", vmlinuz, base + "preempt=full bench.run=" + cyc, False, 1),
        ("reflex-rt-threadirqs", reflex, base + "threadirqs bench.run=" + cyc, False, 1),
        ("linux-rt-flood", vmlinuz, base_flood + "bench.run=" + flood, True, 1),
        ("reflex-rt-flood", reflex, base_flood + "bench.run=" + flood, True, 1),
        ("linux-rt-preempt-full-flood", vmlinuz, base_flood + "preempt=full bench.run=" + flood,
         True, 1),
        ("reflex-rt-threadirqs-flood", reflex, base_flood + "threadirqs bench.run=" + flood,
         True, 1),
        ("linux-rt-smp4", vmlinuz, base + "maxcpus=1 bench.run=cpus-up," + cyc_t, False, 4),
        ("reflex-rt-smp4", reflex, base + "bench.run=cpus-up," + cyc_t, False, 4),
    ]


def rt_cell(f):
    if f is None:
        return "not measured"
    if "unavailable" in f:
        return "unavailable (%s)" % f["unavailable"]
    p99 = "> %d" % f["hmax"] if f["p99"] is None else "%d" % f["p99"]
    return "%d / %.0f / %s / %d (%d thread%s)" % (f["min"], f["avg"], p99, f["max"],
                                                   f["threads"], "s" if f["threads"] > 1 else "")


def rt_report(res):
    """Debian's rt-tests side by side: cyclictest, hackbench, pi_stress, the vDSO."""
    out = ["", "## Debian's rt-tests on both kernels", "",
           "cyclictest (`-q -m -p 80 -i 1000 -h 2000`, `-t -a` at -smp 4), latencies in "
           "virtual us (min / avg / p99 / max; p99 from the histogram of every thread). "
           "Target: reflex's p99 and max ≤ Linux's.", "",
           "| cyclictest | Linux | reflex | met |", "|---|---|---|---|"]
    pairs = [("idle, as booted", "linux-rt", "reflex-rt"),
             ("idle, Linux preempt=full vs reflex threadirqs", "linux-rt-preempt-full",
              "reflex-rt-threadirqs"),
             ("UDP flood, as booted", "linux-rt-flood", "reflex-rt-flood"),
             ("UDP flood, Linux preempt=full vs reflex threadirqs",
              "linux-rt-preempt-full-flood", "reflex-rt-threadirqs-flood"),
             ("idle, -smp 4, a thread per CPU", "linux-rt-smp4", "reflex-rt-smp4")]
    for label, lb, rb in pairs:
        lf = res.get(lb, {}).get("rt_cyclictest")
        rf = res.get(rb, {}).get("rt_cyclictest")
        if not lf or not rf or "unavailable" in lf or "unavailable" in rf:
            met = "not measured"
        elif rf["p99"] is None:	# more than 1% beyond the histogram
            met = "**no**"
        elif lf["p99"] is None:
            met = "yes" if rf["max"] <= lf["max"] else "**no**"
        else:
            met = "yes" if rf["p99"] <= lf["p99"] and rf["max"] <= lf["max"] else "**no**"
        out.append("| %s | %s | %s | %s |" % (label, rt_cell(lf), rt_cell(rf), met))
    out += ["", "hackbench (`-g 4`, 160 tasks; sockets, and `-p` pipes) and the vDSO: "
            "instructions (hackbench: its Time in virtual seconds × 10^9; the vDSO: median per "
            "call). Target: reflex ≤ 1/2 of Linux. pi_stress (`--groups=1`): inversions per "
            "virtual second, more is better.", "",
            "| figure | Linux | reflex | reflex/Linux | target | met |", "|---|---|---|---|---|---|"]
    L, R = res.get("linux-rt", {}), res.get("reflex-rt", {})
    for key, label, field in [("rt_hackbench_sockets", "hackbench, sockets, processes", "instr"),
                              ("rt_hackbench_pipes", "hackbench, pipes, processes", "instr"),
                              ("vdso_clock_gettime", "clock_gettime(CLOCK_MONOTONIC) through the "
                               "vDSO (musl)", "median"),
                              ("syscall_clock_gettime", "clock_gettime as a system call",
                               "median")]:
        lf, rf = L.get(key), R.get(key)
        lv = lf.get(field) if lf and "unavailable" not in lf else None
        rv = rf.get(field) if rf and "unavailable" not in rf else None
        r = rv / lv if lv and rv is not None else None
        target = "≤ 1/2" if key != "syscall_clock_gettime" else "—"
        met = "—" if target == "—" else ("not measured" if r is None else
                                         ("yes" if r <= 0.5 else "**no**"))
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            label, "%.0f" % lv if lv is not None else "not measured",
            "%.0f" % rv if rv is not None else "not measured",
            "%.2f" % r if r is not None else "—", target, met))
    lf, rf = L.get("rt_pi_stress"), R.get("rt_pi_stress")
    lv = lf.get("per_sec") if lf and "unavailable" not in lf else None
    rv = rf.get("per_sec") if rf and "unavailable" not in rf else None
    out.append("| pi_stress inversions per virtual second | %s | %s | %s | ≥ Linux | %s |" % (
        "%.0f" % lv if lv is not None else "not measured",
        "%.0f" % rv if rv is not None else "not measured",
        "%.2f" % (rv / lv) if lv and rv is not None else "—",
        "not measured" if lv is None or rv is None else ("yes" if rv >= lv else "**no**")))
    return out


class Receiver(threading.Thread):
    """Counts the guest's UDP echoes (source port 7) and answers its ARP requests."""

    def __init__(self, peer):
        super().__init__(daemon=True)
        self.peer, self.echoes, self.stop = peer, 0, False

    def run(self):
        sock = self.peer.sock
        while not self.stop:
            if not select.select([sock], [], [], 0.05)[0]:
                continue
            try:
                data = sock.recv(65536, socket.MSG_DONTWAIT)
            except (BlockingIOError, OSError):
                continue
            f = fp.parse(data)
            a = f.get("arp")
            if a and a["op"] == 1 and a["tip"] == self.peer.ip:
                sock.sendto(fp.eth(a["sha"], self.peer.mac, fp.ETH_P_ARP,
                                   fp.arp(2, self.peer.mac, self.peer.ip, a["sha"], a["sip"])),
                            ("127.0.0.1", self.peer.qemu_port))
            elif "udp" in f and f["udp"]["sport"] == 7:
                self.echoes += 1


class Flooder(threading.Thread):
    """Sends UDP frames to the guest's echo port at a fixed rate until stopped."""

    def __init__(self, peer, rate):
        super().__init__(daemon=True)
        self.peer, self.rate, self.stop, self.sent = peer, rate, False, 0

    def run(self):
        frame = self.peer.udp_frame(40001, 7, b"x" * 18)
        start = time.monotonic()
        batch = max(1, self.rate // 1000)
        while not self.stop:
            for _ in range(batch):
                self.peer.sock.sendto(frame, ("127.0.0.1", self.peer.qemu_port))
            self.sent += batch
            ahead = self.sent / self.rate - (time.monotonic() - start)
            if ahead > 0:
                time.sleep(ahead)


def run_boot(name, kernel, append, initrd, cfg, icount=True, net=False, smp=1, nic="e1000"):
    """Boots, reacts to bench-init's cues (send the UDP-cost packets, flood), returns the lines."""
    progress("%s: booting (-smp %d, %s, %s)" % (name, smp, nic if net else "no NIC", append))
    g = Guest(name, kernel, append, initrd, icount=icount, net=net, timeout=cfg["timeout"],
              smp=smp, nic=nic)
    rx = flood = None
    if g.peer:
        rx = Receiver(g.peer)
        rx.start()
    t0 = time.monotonic()
    # A kernel that hangs while booting (no bench-init, no KUnit output yet)
    # is given up on after BOOT_TIMEOUT rather than the whole run's timeout.
    deadline, started = g.deadline, False
    g.deadline = min(deadline, t0 + BOOT_TIMEOUT)
    while True:
        line = g.next_line()
        if line is None:
            if not started:
                progress("%s: no bench-init or KUnit output within %d s; stopped"
                         % (name, BOOT_TIMEOUT))
            break
        if not started and ("bench-init:" in line or "KTAP version" in line or
                            "TAP version" in line):
            started, g.deadline = True, deadline
        if line.startswith("bench-init: [") or line.startswith("bench: ") or \
                line.startswith("# bench") or "Kernel panic" in line:
            progress("%s: %s" % (name, line))
        m = re.match(r"bench_udpcost: send (\d+)", line)
        if m and g.peer:
            n = int(m.group(1))
            frame = g.peer.udp_frame(40000, 7, b"u" * 18)
            g.peer.send(g.peer.arp_request())	# the guest learns our MAC first
            time.sleep(0.2)
            base = rx.echoes
            for i in range(n):	# one at a time: each echo before the next send
                g.peer.send(frame)
                end = time.monotonic() + 1.0
                while rx.echoes <= base + i and time.monotonic() < end:
                    time.sleep(0.0002)
            progress("%s: %d UDP datagrams sent, %d echoed" % (name, n, rx.echoes - base))
        if line.startswith("bench_irqcpu: arp") and g.peer:
            g.peer.send(g.peer.arp_request())	# the guest learns our MAC
        if line.startswith("bench-init: waiting for peer") and g.peer:
            g.peer.send(g.peer.udp_frame(40002, 5001, b"go"))
            flood = Flooder(g.peer, cfg["flood_rate"])
            flood.start()
            progress("%s: UDP flood at %d frames/s started" % (name, cfg["flood_rate"]))
        if (line.startswith("bench: cyclictest_latency") or "bench-init: done" in line) \
                and flood and not flood.stop:
            flood.stop = True
            flood.join()
            progress("%s: flood stopped after %d frames (%d echoed)"
                     % (name, flood.sent, rx.echoes))
        if "bench-init: done" in line or "reboot: Power down" in line:
            pass
    if flood:
        flood.stop = True
    if rx:
        rx.stop = True
    status = g.finish()
    progress("%s: finished in %.1f s (QEMU status %s)" % (name, time.monotonic() - t0, status))
    return g.lines, g.cmd


# --- echo throughput across CPUs -------------------------------------------------

# The guest runs as a CPU of 2^SCALE_SHIFT ns per instruction (31 million
# instructions per second at 5), in step with the host's clock (align=on),
# so that QEMU's one TCG thread and the host's sender keep up with it and
# the guest is what limits the rate. Under -icount QEMU runs the vCPUs round
# robin on that one thread and the virtual clock counts the instructions of
# all of them: N CPUs together execute 2^-SCALE_SHIFT instructions per ns,
# as one CPU does. More CPUs can therefore not add instructions per second;
# what the curve shows is how much of a fixed budget each kernel loses or
# saves by spreading the work (idle CPUs cost nothing, IPIs and cross-CPU
# wake-ups do).
SCALE_SHIFT = 5
ICOUNT_SCALE = ["-icount", "shift=%d,align=on,sleep=on" % SCALE_SHIFT, "-rtc", "clock=vm"]
SCALE_FLOWS = 8	# source ports: RPS and RSS spread flows by their hash


def scaling(name, kernel, append, initrd, cfg, smp, nic="e1000"):
    """The highest UDP echo rate without loss, frames/s (host clock, which the guest's
    follows), and the probes that found it; or why it could not be measured."""
    progress("%s: booting (-smp %d, %s, %s), %s" % (name, smp, nic, append,
                                                   " ".join(ICOUNT_SCALE)))
    g = Guest(name, kernel, append, initrd, icount=ICOUNT_SCALE, net=True,
              timeout=cfg["timeout"], smp=smp, nic=nic)
    rx = Receiver(g.peer)
    rx.start()
    out = {"probes": []}
    ready, online = False, 0
    g.deadline = min(g.deadline, time.monotonic() + BOOT_TIMEOUT * 2)
    while not ready:
        line = g.next_line()
        if line is None:
            out["unavailable"] = "no udp_echo within the boot timeout"
            break
        m = CPUS.match(line)
        if m:	# the last count (after cpus-up) is the one that holds
            online = int(m.group(1))
        m = LINE.match(line)
        if m and m.group(1) == "rps_cpus" and m.group(2).startswith("unavailable"):
            out["unavailable"] = "no RPS: " + m.group(2)[len("unavailable"):].strip(" ()")
        if line.startswith("bench-init: rps_cpus="):
            progress("%s: %s" % (name, line))
        ready = "udp_echo: listening" in line
    if ready and online < smp:
        out["unavailable"] = "%d of %d CPUs online" % (online, smp)
    if ready and "unavailable" not in out:
        time.sleep(0.5)
        for _ in range(20):
            g.peer.send(g.peer.udp_frame(40003, 7, b"p" * 18))
            time.sleep(0.05)
        time.sleep(0.5)
        if rx.echoes == 0:
            out["unavailable"] = "no echo from the guest"
    rx.stop = True
    rx.join()
    if ready and "unavailable" not in out:
        knee, rate, bad, short = None, cfg["scale_start"], None, 0
        while rate < 1e6:
            p = ll_step(g, rate, cfg["scale_step"], SCALE_FLOWS)
            out["probes"].append(p[:2])
            progress("%s: probe offered %.0f/s delivered %.0f/s%s" % (
                name, p[0], p[1], "" if p[4] else " (lossy)"))
            if p[0] < 0.8 * rate:
                # The host did not get to send (its cores are shared): the
                # probe says nothing of the guest. Tried again twice, then
                # the knee found so far is only a lower bound.
                short += 1
                if short <= 2:
                    continue
                out["host_limited"] = p[0]
                break
            if not p[4]:
                bad = rate
                break
            knee = p[0]
            rate *= 1.5
        for _ in range(cfg["scale_halvings"] if knee and bad else 0):
            rate = (knee * bad) ** 0.5
            p = ll_step(g, rate, cfg["scale_step"], SCALE_FLOWS)
            out["probes"].append(p[:2])
            progress("%s: probe offered %.0f/s delivered %.0f/s%s" % (
                name, p[0], p[1], "" if p[4] else " (lossy)"))
            if p[4]:
                knee = p[0]
            else:
                bad = rate
        if knee:
            out["mlfr"] = knee
            if "host_limited" in out:
                out["note"] = "at least: the host offered only %.0f/s of the next probe's " \
                    "%.0f/s" % (out["host_limited"], rate)
        else:
            out["unavailable"] = "lossy already at %.0f frames/s" % cfg["scale_start"]
    g.finish()
    return out, g.cmd


def ll_step(g, rate, secs, flows=1):
    """One step, sent and counted by build/tools/udpflood on the peer's socket: offered
    frames/s, delivered (echoed) frames/s in the steady part of the window, frames
    sent, frames echoed in all, loss-free, frames the host's kernel dropped. With
    @flows, the frames come from that many source ports in turn."""
    p = g.peer
    frame = ",".join(p.udp_frame(40001 + i, 7, b"x" * 18).hex() for i in range(flows))
    drops0 = fp.host_udp_drops(p.port) + fp.host_udp_drops(p.qemu_port)
    out = subprocess.run([UDPFLOOD, str(p.sock.fileno()), str(p.qemu_port), "%.0f" % rate,
                          str(secs), frame, fp.mac_text(p.mac), socket.inet_ntoa(p.ip)],
                         pass_fds=[p.sock.fileno()], capture_output=True, text=True,
                         timeout=secs + 30)
    r = dict(kv.split("=") for kv in out.stdout.split())
    sent, got = int(r["sent"]), int(r["echoes"])
    offered = sent / float(r["secs"])
    delivered = int(r["window"]) / float(r["window_secs"])
    # Frames the host's kernel dropped at QEMU's socket or at ours: not the guest's doing.
    drops = fp.host_udp_drops(p.port) + fp.host_udp_drops(p.qemu_port) - drops0
    return (offered, delivered, sent, got, got >= 0.995 * sent and delivered >= 0.97 * offered,
            drops)


# --- the report -----------------------------------------------------------------

def fmt(v):
    return "—" if v is None else ("%.0f" % v if abs(v) >= 10 else "%.2f" % v)


def cell(f, keys=("median", "p99", "max")):
    if not f:
        return "not measured"
    if "unavailable" in f:
        return "unavailable (%s)" % f["unavailable"]
    if "mean" in f:
        return "%s (mean)" % fmt(f["mean"])
    return " / ".join(fmt(f.get(k)) for k in keys)


def ratio(a, b, key="median"):
    if not a or not b or "unavailable" in a or "unavailable" in b:
        return None
    ka = "mean" if "mean" in a else key
    if not b.get(ka):
        return None
    return a[ka] / b[ka]


IRQCPU_ROWS = [("irq_affinity_write", "write() to /proc/irq/N/smp_affinity, alone (TSC delta "
                                      "around it)"),
               ("irq_move_total", "affinity change: from the write to the first interrupt "
                                  "handled on the new CPU, measuring rounds included"),
               ("irq_move_rounds", "… rounds (one transmit interrupt each) that took"),
               ("irq_move_net", "… less those rounds at the no-move round's median"),
               ("irq_round", "one measuring round without a move (send, 1 ms sleep, read "
                             "/proc/interrupts)"),
               ("cpu_offline", "CPU 3 offline: write \"0\" to cpu3/online until it returns"),
               ("cpu_online", "CPU 3 online: write \"1\" to cpu3/online until it returns"),
               ("op_null", "the request/answer pipe round trip in each figure above")]


def issue12_report(res, sc):
    """Interrupts across CPUs: echo cost per NIC setup, affinity and hotplug costs, scaling."""
    def udp(boot):
        return res.get(boot, {}).get("udp_echo_per_packet") if boot else None

    def c(f):
        return cell(f) if f is not None else "not measured"

    def r(a, b):
        x = ratio(a, b)
        return "—" if x is None else "%.2f" % x

    rows = [("e1000, one queue, no RPS (the -smp 4 figure above)", "linux-flood-smp4",
             "reflex-flood-smp4", None),
            ("e1000e, one queue (reflex `e1000e.queues=1`; Linux's e1000e.ko)",
             "linux-e1000e-smp4", "reflex-e1000e-q1-smp4", None),
            ("e1000e, two queues with RSS (reflex `e1000e.queues=2`)", None,
             "reflex-e1000e-q2-smp4", "n/a (Linux's e1000e drives one queue)"),
            ("e1000, RPS to CPUs 0-1 (rps_cpus 3)", "linux-rps2-smp4", "reflex-rps2-smp4", None),
            ("e1000, RPS to CPUs 0-3 (rps_cpus f)", "linux-rps4-smp4", "reflex-rps4-smp4", None)]
    out = ["", "## Interrupts across CPUs (-smp 4)", "",
           "UDP echo, instructions per echoed packet (mean), measured as the -smp 4 UDP echo "
           "above: bench_udpcost pinned to CPU 0 with udp_echo, one flow (the host sends one "
           "datagram at a time from one source port, so RSS and RPS put all of it on one "
           "queue and one CPU, whichever their hash picks), everything every CPU executed "
           "meanwhile counted (QEMU runs the vCPUs round robin under -icount).", "",
           "| setup | Linux | reflex | reflex/Linux |", "|---|---|---|---|"]
    for label, lb, rb, lna in rows:
        lf, rf = udp(lb), udp(rb)
        out.append("| %s | %s | %s | %s |" % (label, lna or c(lf), c(rf), r(rf, lf)))
    L, R = res.get("linux-irqcpu-smp4", {}), res.get("reflex-irqcpu-smp4", {})
    out += ["", "Moving an interrupt and taking a CPU offline (bench_irqcpu, -smp 4, pinned "
            "to CPU 0; instructions summed over all CPUs: a SCHED_OTHER spinner on CPU 0 "
            "counts what is taken from it while a SCHED_FIFO child does the operation, less "
            "the idle rate). The line is the e1000's, fired from user space by sending a "
            "datagram (its transmit-done interrupt): reflex has no /dev/rtc for the RTC's "
            "periodic interrupt, and neither kernel lets user space write the NIC's "
            "interrupt-cause register. Moves alternate between CPUs 1 and 2. Cells read "
            "median / p99 / max.", "",
            "| metric | Linux | reflex | reflex/Linux |", "|---|---|---|---|"]
    for key, label in IRQCPU_ROWS:
        lf, rf = L.get(key), R.get(key)
        out.append("| %s | %s | %s | %s |" % (label, c(lf), c(rf), r(rf, lf)))
    if sc:
        out += ["", "## Echo throughput at 1, 2 and 4 CPUs (`-icount shift=%d,align=on,"
                "sleep=on`)" % SCALE_SHIFT, "",
                "Maximum loss-free UDP echo rate, frames/s, %d flows (source ports) from the "
                "host, udp_echo unpinned. The guest runs at 2^%d ns per instruction in step "
                "with the host's clock, slow enough that the host is not the limit. Under "
                "-icount QEMU runs the vCPUs round robin and the virtual clock counts the "
                "instructions of all of them: N CPUs together have one CPU's instructions "
                "per second. The curve therefore cannot rise with N; its shape says how "
                "much each kernel loses (IPIs, cross-CPU wake-ups) or gains by "
                "spreading the same work." % (SCALE_FLOWS, SCALE_SHIFT), "",
                "| setup | 1 CPU | 2 CPUs | 4 CPUs | 4 CPUs / 1 CPU |", "|---|---|---|---|---|"]
        for label, key in [("Linux, e1000, RPS to every CPU", "scale-linux-rps-smp%d"),
                           ("reflex, e1000, RPS to every CPU", "scale-reflex-rps-smp%d"),
                           ("reflex, e1000e, two queues", "scale-reflex-e1000e-q2-smp%d")]:
            cells, vals = [], []
            for n in (1, 2, 4):
                f = sc.get(key % n)
                if f is None:
                    cells.append("not measured")
                    vals.append(None)
                elif "mlfr" in f and "note" in f:	# a lower bound is not a point
                    cells.append("≥ %.0f (%s)" % (f["mlfr"], f["note"]))
                    vals.append(None)
                elif "mlfr" in f:
                    cells.append("%.0f" % f["mlfr"])
                    vals.append(f["mlfr"])
                else:
                    cells.append("unavailable (%s)" % f.get("unavailable"))
                    vals.append(None)
            rel = "%.2f" % (vals[2] / vals[0]) if vals[0] and vals[2] else "—"
            out.append("| %s | %s | %s |" % (label, " | ".join(cells), rel))
    return out


def report(res, cmds, ll, cfg, quick, qemu_version, sc=None):
    L, R = res.get("linux", {}), res.get("reflex", {})
    out = ["# make bench%s" % (" QUICK=1" if quick else ""), "",
           "QEMU: %s; `-M pc -cpu max -m 256M -smp 1`; instruction counts under "
           "`-icount shift=0,sleep=off -rtc clock=vm` (1 TSC cycle = 1 instruction, "
           "1 virtual ns = 1 instruction)." % qemu_version, "",
           "Cells read median / p99 / max. Instruction counts include the two "
           "`lfence; rdtsc; lfence` brackets (see rdtsc_overhead).", "",
           "| metric | Linux | reflex | reflex/Linux | target | met |",
           "|---|---|---|---|---|---|"]
    rows = [("rdtsc_overhead", "rdtsc bracket (instructions)", None),
            ("syscall_getppid", "SYSCALL round trip, getppid (instructions)", 1 / 3),
            ("int80_getpid", "int 0x80 round trip, getpid (instructions)", 1 / 2),
            ("syscall_invalid", "invalid syscall number (instructions)", None),
            ("anon_first_touch", "anonymous page, first touch (instructions)", 1 / 2),
            ("cow_fault", "COW fault after fork (instructions)", 1 / 2),
            ("fork_exit_wait", "fork+exit+wait4 (instructions)", 1 / 2),
            ("udp_echo_per_packet", "UDP echo, per packet (instructions, mean)", 1 / 2)]
    src = {"udp_echo_per_packet": ("linux-flood", "reflex-flood")}
    for key, label, target in rows:
        ls, rs = src.get(key, ("linux", "reflex"))
        lf, rf = res.get(ls, {}).get(key), res.get(rs, {}).get(key)
        r = ratio(rf, lf)
        met = "—" if target is None else ("not measured" if r is None else
                                           ("yes" if r <= target else "**no**"))
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            label, cell(lf), cell(rf), fmt(r) if r is not None else "—",
            "≤ %s" % ("1/3" if target and target < 0.4 else "1/2") if target else "—", met))
    # Wake-up latency: each reflex variant against Linux as booted and preempt=full.
    pairs = [("idle", "linux", "reflex", "Linux as booted vs reflex"),
             ("idle", "linux-preempt-full", "reflex-threadirqs",
              "Linux preempt=full vs reflex threadirqs"),
             ("idle", "linux", "reflex-threadirqs", "Linux as booted vs reflex threadirqs"),
             ("UDP flood", "linux-flood", "reflex-flood", "Linux as booted vs reflex"),
             ("UDP flood", "linux-preempt-full-flood", "reflex-threadirqs-flood",
              "Linux preempt=full vs reflex threadirqs"),
             ("UDP flood", "linux-flood", "reflex-threadirqs-flood",
              "Linux as booted vs reflex threadirqs")]
    for load, lr, rr, what in pairs:
        lf = res.get(lr, {}).get("cyclictest_latency")
        rf = res.get(rr, {}).get("cyclictest_latency")
        r99, rmax = ratio(rf, lf, "p99"), ratio(rf, lf, "max")
        if r99 is None:
            met = "not measured"
        else:
            met = "yes" if rf["p99"] <= lf["p99"] and rf["max"] <= lf["max"] else "**no**"
        target = "p99, max ≤ Linux" if "threadirqs" in rr else "(reference)"
        out.append("| wake-up latency, %s, ns: %s | %s | %s | p99 %s, max %s | %s | %s |" % (
            load, what, cell(lf), cell(rf), fmt(r99) if r99 else "—",
            fmt(rmax) if rmax else "—", target, met if "threadirqs" in rr else "—"))
    out += events_report(res)
    out += ["", "## reflex only (KUnit suite `bench`, reflex.test=bench; instructions)", "",
            "| metric | reflex (median / p99 / max) |", "|---|---|"]
    for key, label in [("self_ipi_round_trip", "self-IPI round trip"),
                       ("hardirq_entry_to_handler", "hard-IRQ entry to handler (ICR write to "
                                                    "handler)"),
                       ("eoi", "EOI (apic_eoi, nothing in service)"),
                       ("context_switch", "context switch (complete() to woken FIFO kthread)"),
                       ("softirq_raise_to_run", "softirq raise (hard IRQ) to run")]:
        out.append("| %s | %s |" % (label, cell(res.get("reflex-kunit", {}).get(key))))
    out += ftrace_report(res)
    out += smp_report(res)
    out += rt_report(res)
    out += issue12_report(res, sc or {})
    if ll:
        out += ["", ll.rstrip("\n"), ""]
    out += ["## Command lines", ""]
    for name, cmd in cmds:
        out.append("- %s: `%s`" % (name, " ".join(shlex.quote(c) for c in cmd)))
    return "\n".join(out) + "\n"


def ftrace_report(res):
    """The function tracer's cost: each traced function's entry nop (reflex
    against the same kernel built with FTRACE=0), and the tracer on with a
    filter naming getppid's handler (one record a SYSCALL round trip)."""
    off, nops, on = (res.get(b, {}) for b in ("reflex-noftrace", "reflex",
                                              "reflex-ftrace-getppid"))
    out = ["", "## The function tracer (instructions, median / p99 / max)", "",
           "Built without the tracer (`FTRACE=0`), built with it and off (every traced "
           "function starts with a 5-byte nop), and on from boot with "
           "`ftrace=function ftrace_filter=__x64_sys_getppid` (the other sites stay nops).", "",
           "| metric | FTRACE=0 | nops | nops/FTRACE=0 | on, filter getppid | on/nops |",
           "|---|---|---|---|---|---|"]
    for key, label in SMP_ROWS[:5]:
        a, b, c = off.get(key), nops.get(key), on.get(key)
        r1, r2 = ratio(b, a), ratio(c, b)
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            label, cell(a), cell(b), fmt(r1) if r1 is not None else "—", cell(c),
            fmt(r2) if r2 is not None else "—"))
    return out


def events_report(res):
    """reflex with every trace event compiled in and off (the reflex boots) and
    with the irq, napi and sched events recording (bench-init's "events" step)."""
    out = ["", "## Trace events: compiled in and off, and irq/napi/sched on (reflex; "
           "instructions)", "",
           "| metric | events off | irq, napi, sched on | on/off |", "|---|---|---|---|"]
    for key, label, off, on in [
            ("syscall_getppid", "SYSCALL round trip, getppid", "reflex", "reflex-events"),
            ("anon_first_touch", "anonymous page, first touch", "reflex", "reflex-events"),
            ("cow_fault", "COW fault after fork", "reflex", "reflex-events"),
            ("udp_echo_per_packet", "UDP echo, per packet (mean)", "reflex-flood",
             "reflex-flood-events")]:
        a, b = res.get(off, {}).get(key), res.get(on, {}).get(key)
        r = ratio(b, a)
        out.append("| %s | %s | %s | %s |" % (label, cell(a), cell(b),
                                              fmt(r) if r is not None else "—"))
    return out


SMP_ROWS = [("syscall_getppid", "SYSCALL round trip, getppid"),
            ("int80_getpid", "int 0x80 round trip, getpid"),
            ("syscall_invalid", "invalid syscall number"),
            ("anon_first_touch", "anonymous page, first touch"),
            ("cow_fault", "COW fault after fork"),
            ("fork_exit_wait", "fork+exit+wait4"),
            ("udp_echo_per_packet", "UDP echo, per packet (mean)")]


def boot_state(res, boot):
    """"NAME: N CPUs online, pinned to CPU 0" or what went wrong, for the report."""
    if boot not in res:
        return "%s not run" % boot
    figs = res[boot]
    online = figs.get("cpus_online", {}).get("n")
    pin = figs.get("pin")
    return "%s: %s CPUs online, %s" % (
        boot, "?" if online is None else online,
        "not pinned (%s)" % pin["unavailable"] if pin and "unavailable" in pin
        else "pinned to CPU 0")


THREAD_ROWS = [("thread_create_join", "thread create (raw clone, pthread flags) + join (futex "
                                      "wait on the cleared tid word)"),
               ("futex_wake_to_run", "futex ping-pong, threads on CPUs 0 and 1 (FUTEX_WAKE, "
                                     "then FUTEX_WAIT), per round trip"),
               ("pi_futex_handover", "PI futex handover: owner's unlock on CPU 0 to the "
                                     "FUTEX_LOCK_PI waiter on CPU 1 returning as owner"),
               ("sigreturn_round_trip", "kill() of SIGUSR1 to self, handler, rt_sigreturn"),
               ("sigill_round_trip", "ud2, SIGILL handler stepping over it, rt_sigreturn")]


def thread_report(res):
    """bench_thread's figures in the -smp 4 boots, against the issue's target."""
    out = ["", "## Threads, futexes and signals (-smp 4)", "",
           "bench_thread in the -smp 4 boots, pinned to CPU 0 (the second thread of the "
           "futex and PI figures pinned to CPU 1); instructions summed over all CPUs, "
           "median / p99 / max. Target: ≤ 1/2 of Linux's instructions (medians).", "",
           "| metric | Linux | reflex | reflex/Linux | target | met |",
           "|---|---|---|---|---|---|"]
    for key, label in THREAD_ROWS:
        lf, rf = res.get("linux-smp4", {}).get(key), res.get("reflex-smp4", {}).get(key)
        r = ratio(rf, lf)
        met = "not measured" if r is None else ("yes" if r <= 1 / 2 else "**no**")
        out.append("| %s | %s | %s | %s | ≤ 1/2 | %s |" % (
            label, cell(lf), cell(rf), fmt(r) if r is not None else "—", met))
    return out


def smp_report(res):
    """The -smp 4 tables: the one-CPU figures pinned to CPU 0, the pipe, the kernel's."""
    def fig(boot, key):
        if key == "udp_echo_per_packet":
            boot = boot.replace("-smp4", "-flood-smp4") if "smp4" in boot else boot + "-flood"
        return res.get(boot, {}).get(key)

    def median(f):
        return "—" if not f else ("unavailable (%s)" % f["unavailable"] if "unavailable" in f
                                  else fmt(f.get("mean", f.get("median"))))

    def r(a, b):
        x = ratio(a, b)
        return "—" if x is None else "%.2f" % x

    out = ["", "## -smp 4: the one-CPU figures with the measuring task pinned to CPU 0",
           "", "Same programs, same plan, bench-init first pinned to CPU 0 "
           "(`pin:0`: sched_setaffinity, checked with getcpu; every program it starts "
           "inherits the mask); the other three CPUs idle. Under `-icount` QEMU runs the "
           "vCPUs round robin on one thread and the TSC counts the instructions of all of "
           "them, so a figure includes whatever the idle CPUs executed in between (their "
           "timer ticks, an idle loop's passes); the UDP echo's stolen time includes the "
           "work of whichever CPU took the NIC's interrupt. Medians (means for UDP echo), "
           "instructions.", "",
           "Boots: " + "; ".join(boot_state(res, b) for b in (
               "linux-smp4", "linux-flood-smp4", "reflex-smp4", "reflex-flood-smp4")) + ".", "",
           "| metric | Linux -smp 1 | Linux -smp 4 | reflex -smp 1 | reflex -smp 4 | "
           "reflex -smp 4 / -smp 1 | reflex/Linux at -smp 4 |", "|---|---|---|---|---|---|---|"]
    for key, label in SMP_ROWS:
        l1, l4 = fig("linux", key), fig("linux-smp4", key)
        r1, r4 = fig("reflex", key), fig("reflex-smp4", key)
        out.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            label, median(l1), median(l4), median(r1), median(r4), r(r4, r1), r(r4, l4)))
    lp, rp = fig("linux-smp4", "pipe_pingpong"), fig("reflex-smp4", "pipe_pingpong")
    out += ["", "## Pipe ping-pong across CPUs (bench_pipe, -smp 4, processes pinned to "
            "CPUs 0 and 1; instructions per round trip, summed over CPUs)", "",
            "| metric | Linux | reflex | reflex/Linux |", "|---|---|---|---|",
            "| one-byte pipe round trip (median / p99 / max) | %s | %s | %s |" % (
                cell(lp), cell(rp), r(rp, lp))]
    out += thread_report(res)
    k2, k4, k8 = (res.get("reflex-kunit-smp%d" % n, {}) for n in (2, 4, 8))

    def tlb(k, n):
        f = k.get("tlb_shootdown_1page_to_%d" % n)
        if f is None:	# printed under another name when it could not be taken
            f = next((v for kk, v in k.items() if kk.startswith("tlb_shootdown")), None)
        return f
    out += ["", "## reflex across CPUs (KUnit suite `bench` at -smp 2, 4, 8; instructions "
            "summed over all CPUs, see above)", "",
            "| metric | boot | reflex (median / p99 / max) |", "|---|---|---|",
            "| smp_call_function_single round trip, wait=1, to another CPU | -smp 4 | %s |"
            % cell(k4.get("smp_call_single_round_trip")),
            "| wake-up of a FIFO kthread bound to another CPU, wake_up_process to it "
            "running | -smp 4 | %s |" % cell(k4.get("remote_wakeup")),
            "| TLB shootdown, one kernel page (flush_tlb_kernel_range), 1 other CPU | "
            "-smp 2 | %s |" % cell(tlb(k2, 1)),
            "| TLB shootdown, one kernel page, 3 other CPUs | -smp 4 | %s |" % cell(tlb(k4, 3)),
            "| TLB shootdown, one kernel page, 7 other CPUs | -smp 8 | %s |" % cell(tlb(k8, 7))]
    return out


def plots(hists, sc=None):
    gp = shutil.which("gnuplot")
    if not gp:
        progress("no gnuplot: no plots (apt-get install gnuplot-nox)")
        return []
    made = []
    series = [(k, v) for k, v in sorted(hists.items()) if v]
    if series:
        dat = []
        for k, v in series:
            path = os.path.join(BUILD, "hist-%s.dat" % k)
            with open(path, "w") as f:
                f.writelines("%d %d\n" % (us, c) for us, c in v)
            dat.append((k, path))
        script = ['set terminal svg size 900,560 dynamic', 'set output "%s"'
                  % os.path.join(RESULTS, "wakeup-latency.svg"),
                  'set title "Timer wake-up latency (cyclictest, 1 ms, SCHED_FIFO 80; '
                  'virtual us under -icount)"',
                  'set xlabel "latency (us, 1 us buckets)"', 'set ylabel "samples"',
                  'set logscale y', 'set logscale x 2', 'set key outside right',
                  'plot ' + ", ".join('"%s" using ($1+0.5):2 with linespoints title "%s"'
                                      % (p, k) for k, p in dat)]
        subprocess.run([gp], input="\n".join(script), text=True)
        made.append("wakeup-latency.svg")
    series = []
    for label, key in [("Linux, e1000, RPS", "scale-linux-rps-smp%d"),
                       ("reflex, e1000, RPS", "scale-reflex-rps-smp%d"),
                       ("reflex, e1000e, two queues", "scale-reflex-e1000e-q2-smp%d")]:
        pts = [(n, (sc or {}).get(key % n, {}).get("mlfr")) for n in (1, 2, 4)
               if "note" not in (sc or {}).get(key % n, {})]
        pts = [p for p in pts if p[1]]
        if pts:
            path = os.path.join(BUILD, (key % 0).replace("-smp0", "") + ".dat")
            with open(path, "w") as f:
                f.writelines("%d %.1f\n" % p for p in pts)
            series.append((label, path))
    if series:
        script = ['set terminal svg size 900,560 dynamic', 'set output "%s"'
                  % os.path.join(RESULTS, "scaling.svg"),
                  'set title "UDP echo, max loss-free rate by CPUs (-icount shift=%d,align=on: '
                  'all CPUs share one CPU\'s instructions per second)"' % SCALE_SHIFT,
                  'set xlabel "CPUs (-smp)"', 'set ylabel "echoed frames/s"',
                  'set xtics (1, 2, 4)', 'set xrange [0.5:4.5]', 'set yrange [0:*]',
                  'set key bottom right',
                  'plot ' + ", ".join('"%s" using 1:2 with linespoints title "%s"' % (p, n)
                                      for n, p in series)]
        subprocess.run([gp], input="\n".join(script), text=True)
        made.append("scaling.svg")
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", default=os.environ.get("QUICK", "") not in ("", "0"))
    ap.add_argument("--only", help="comma-separated boot names to run (for debugging)")
    ap.add_argument("--no-livelock", action="store_true")
    ap.add_argument("--no-scaling", action="store_true")
    ap.add_argument("--no-abi", action="store_true",
                    help="skip the user-space tests on both kernels (scripts/abi_compare.py)")
    ap.add_argument("--results", help="directory for latest.md, the logs and plots "
                    "(default bench/results, bench/results/quick with --quick)")
    a = ap.parse_args()
    cfg = QUICK if a.quick else FULL
    global RESULTS
    if a.results:
        RESULTS = os.path.abspath(a.results)
    elif a.quick:	# a quick run leaves the full run's logs alone
        RESULTS = os.path.join(RESULTS, "quick")
    os.makedirs(RESULTS, exist_ok=True)
    vmlinuz, release = linux_kernel()
    initrd = build_initramfs(release)
    reflex = os.path.join(ROOT, "build", "reflex.elf")
    reflex_noftrace = os.path.join(ROOT, "build", "noftrace", "reflex.elf")
    qemu_version = subprocess.run([QEMU, "--version"], capture_output=True,
                                  text=True).stdout.splitlines()[0]
    progress("%s; Linux %s; reflex %s; %s mode" % (qemu_version, release, reflex,
                                                    "QUICK" if a.quick else "full"))
    micro = "bench_syscall:%d,bench_fault:%d,bench_fork:%d" % (cfg["syscall"], cfg["fault"],
                                                                cfg["fork"])
    cyc = "cyclictest:-l:%d" % cfg["cyclic"]
    flood = "net,bench_udpcost:%d,echo,wait-peer,%s" % (cfg["udp"], cyc)
    flood_nocost = "net,echo,wait-peer,%s" % cyc
    base = "console=ttyS0 quiet rdinit=/bench-init "
    boots = [
        ("linux", vmlinuz, base + "bench.run=%s,%s" % (micro, cyc), False),
        ("linux-preempt-full", vmlinuz, base + "preempt=full bench.run=" + cyc, False),
        ("linux-flood", vmlinuz, base + "bench.run=" + flood, True),
        ("linux-preempt-full-flood", vmlinuz, base + "preempt=full bench.run=" + flood_nocost, True),
        ("reflex", reflex, base + "bench.run=%s,%s" % (micro, cyc), False),
        ("reflex-kunit", reflex, "console=ttyS0 reflex.test=bench", False),
        # The function tracer's cost: built without it (no entry nops), and
        # on from boot with a filter naming the SYSCALL figure's own handler.
        ("reflex-noftrace", reflex_noftrace, base + "bench.run=" + micro, False),
        ("reflex-ftrace-getppid", reflex, base + "ftrace=function ftrace_filter=__x64_sys_getppid "
         "bench.run=" + micro, False),
        ("reflex-threadirqs", reflex, base + "threadirqs bench.run=" + cyc, False),
        ("reflex-flood", reflex, base + "bench.run=" + flood, True),
        ("reflex-threadirqs-flood", reflex, base + "threadirqs bench.run=" + flood_nocost, True),
        # The same figures with the irq, napi and sched events recording (every
        # event is compiled in; the boots above have them all off).
        ("reflex-events", reflex, base + "bench.run=events," + micro, False),
        ("reflex-flood-events", reflex, base + "bench.run=events,net,bench_udpcost:%d,echo,"
         "wait-peer" % cfg["udp"], True),
    ]
    boots = [b + (1,) for b in boots]
    # Several CPUs: the same one-CPU figures with bench-init (and so every
    # program) pinned to CPU 0 while the other CPUs idle, the pipe ping-pong
    # across CPUs 0 and 1, and the kernel's cross-CPU figures.
    # Linux boots with maxcpus=1 and bench-init's cpus-up brings the others
    # online through sysfs: under -icount its boot-time bring-up of the
    # other CPUs never finishes (QEMU 7.2, Linux 6.1), the hotplug one does.
    # On reflex cpus-up finds no offline CPU and only reports the count.
    smp_micro = "cpus-up,pin:0,%s,bench_pipe:%d,bench_thread:%d" % (micro, cfg["pipe"],
                                                                   cfg["thread"])
    smp_udp = "net,cpus-up,pin:0,bench_udpcost:%d" % cfg["udp"]
    boots += [
        ("linux-smp4", vmlinuz, base + "maxcpus=1 bench.run=" + smp_micro, False, 4),
        ("linux-flood-smp4", vmlinuz, base + "maxcpus=1 bench.run=" + smp_udp, True, 4),
        ("reflex-smp4", reflex, base + "bench.run=" + smp_micro, False, 4),
        ("reflex-flood-smp4", reflex, base + "bench.run=" + smp_udp, True, 4),
        ("reflex-kunit-smp2", reflex, "console=ttyS0 reflex.test=bench", False, 2),
        ("reflex-kunit-smp4", reflex, "console=ttyS0 reflex.test=bench", False, 4),
        ("reflex-kunit-smp8", reflex, "console=ttyS0 reflex.test=bench", False, 8),
    ]
    # Interrupts across CPUs, -smp 4, measured as reflex-flood-smp4 is: the
    # UDP echo's cost with the NIC's work wherever each setup puts it (the
    # e1000e with one queue and with two, RPS to two and to four CPUs), then
    # moving the NIC's interrupt and taking a CPU offline and online.
    # Linux's e1000e drives one queue only; its e1000e.ko needs ptp and
    # pps_core, built into Debian's kernel.
    smp_irq = "net,cpus-up,pin:0,bench_irqcpu:%d:%d" % (cfg["moves"], cfg["cycles"])
    boots += [
        ("linux-e1000e-smp4", vmlinuz, base + "maxcpus=1 bench.run=" + smp_udp, True, 4,
         "e1000e"),
        ("reflex-e1000e-q1-smp4", reflex, base + "e1000e.queues=1 bench.run=" + smp_udp, True,
         4, "e1000e"),
        ("reflex-e1000e-q2-smp4", reflex, base + "e1000e.queues=2 bench.run=" + smp_udp, True,
         4, "e1000e"),
        ("linux-rps2-smp4", vmlinuz, base + "maxcpus=1 bench.run=" +
         smp_udp.replace("pin:0", "rps:3,pin:0"), True, 4),
        ("linux-rps4-smp4", vmlinuz, base + "maxcpus=1 bench.run=" +
         smp_udp.replace("pin:0", "rps:f,pin:0"), True, 4),
        ("reflex-rps2-smp4", reflex, base + "bench.run=" + smp_udp.replace("pin:0", "rps:3,pin:0"),
         True, 4),
        ("reflex-rps4-smp4", reflex, base + "bench.run=" + smp_udp.replace("pin:0", "rps:f,pin:0"),
         True, 4),
        ("linux-irqcpu-smp4", vmlinuz, base + "maxcpus=1 bench.run=" + smp_irq, True, 4),
        ("reflex-irqcpu-smp4", reflex, base + "bench.run=" + smp_irq, True, 4),
    ]
    boots += rt_boots(cfg, vmlinuz, reflex, base)
    only = set(a.only.split(",")) if a.only else None
    if only and "rt" in only:
        only |= {b[0] for b in rt_boots(cfg, vmlinuz, reflex, base)}
    res, hists, cmds = {}, {}, []
    t0 = time.monotonic()
    for i, b in enumerate(boots):
        name, kernel, append, net, smp = b[:5]
        nic = b[5] if len(b) > 5 else "e1000"
        if only and name not in only:
            continue
        progress("[%d/%d] %s" % (i + 1, len(boots), name))
        lines, cmd = run_boot(name, kernel, append, initrd, cfg, net=net, smp=smp, nic=nic)
        cmds.append((name, cmd))
        figs, h = parse_figures(lines)
        figs.update(rt_figures(lines))
        online = figs.get("cpus_online", {}).get("n")
        if smp > 1 and online is not None and online < smp:
            # A figure taken with the other CPUs down is a one-CPU figure: not shown as -smp N.
            why = "%d of %d CPUs online" % (online, smp)
            progress("%s: %s; its figures are unavailable" % (name, why))
            for k in list(figs):
                if k != "cpus_online" and "unavailable" not in figs[k]:
                    figs[k] = {"unavailable": why}
        elif "rps_cpus" in figs and "unavailable" in figs["rps_cpus"]:
            # Without RPS the figure is the plain -smp 4 one, not RPS's.
            why = "no RPS: " + figs["rps_cpus"]["unavailable"]
            progress("%s: %s; its figures are unavailable" % (name, why))
            for k in list(figs):
                if k != "cpus_online" and "unavailable" not in figs[k]:
                    figs[k] = {"unavailable": why}
        elif "pin" in figs and "unavailable" in figs["pin"]:
            # Unpinned, the measuring task may move between CPUs mid-figure.
            why = "not pinned: " + figs["pin"]["unavailable"]
            progress("%s: %s; its figures are unavailable" % (name, why))
            for k in list(figs):
                if k not in ("cpus_online", "pipe_pingpong") and "unavailable" not in figs[k]:
                    figs[k] = {"unavailable": why}
        if "threadirqs" in append and not any("threadirqs" in l for l in lines) and not figs:
            progress("%s: reflex did not run with threadirqs; skipped" % name)
        res[name] = figs
        for k, v in h.items():
            hists[name] = v
    ll = ""
    if not a.no_livelock and (not only or "livelock" in only):
        # The receive-livelock experiment on a slow guest CPU (scripts/livelock.py).
        import livelock
        lcfg = livelock.config(a.quick)
        lres, lcmds = livelock.experiment(sys.modules[__name__], reflex, vmlinuz, initrd,
                                          base, lcfg)
        ll = livelock.report(lres, livelock.SHIFT)
        if livelock.plot(lres, RESULTS, BUILD, livelock.SHIFT):
            ll += "\nPlot: [livelock.svg](livelock.svg)\n"
        cmds += lcmds
    sc = {}
    if not a.no_scaling:
        # Echo throughput at 1, 2 and 4 CPUs: RPS over every CPU on the e1000
        # (both kernels), and (not in QUICK) reflex's e1000e with two queues.
        for smp in (1, 2, 4):
            mask = "%x" % ((1 << smp) - 1)
            rps = ",rps:" + mask if smp > 1 else ""
            runs = [("scale-linux-rps-smp%d" % smp, vmlinuz,
                     base + "maxcpus=1 bench.run=net,cpus-up%s,echo,hold" % rps, "e1000"),
                    ("scale-reflex-rps-smp%d" % smp, reflex,
                     base + "bench.run=net%s,echo,hold" % rps, "e1000"),
                    ("scale-reflex-e1000e-q2-smp%d" % smp, reflex,
                     base + "e1000e.queues=2 bench.run=net,echo,hold", "e1000e")]
            for name, kernel, append, nic in runs[:cfg["scale_series"]]:
                if only and name not in only and "scaling" not in only:
                    continue
                out, cmd = scaling(name, kernel, append, initrd, cfg, smp, nic)
                sc[name] = out
                cmds.append((name, cmd))
                progress("%s: %s" % (name, "max loss-free %.0f frames/s" % out["mlfr"]
                                     if "mlfr" in out else "unavailable (%s)"
                                     % out.get("unavailable")))
    abi = None
    if not a.no_abi and (not only or "abi" in only):
        # The user-space test programs on both kernels, case by case: a
        # report of its own (abi.md), summed up here.
        progress("abi: the user-space tests on reflex and on Linux")
        out = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "abi_compare.py"),
                              "--results", RESULTS], capture_output=True, text=True).stdout
        abi = [l for l in out.splitlines() if l.startswith("abi_compare: pass on both")]
        progress(abi[0] if abi else "abi: no summary (see abi-reflex.log, abi-linux.log)")
    md = report(res, cmds, ll, cfg, a.quick, qemu_version, sc)
    if abi is not None:
        md += ("\nThe user-space tests (build/tests.cpio.gz) on both kernels, case by case: "
               "[abi.md](abi.md). %s\n" % (abi[0][len("abi_compare: "):] if abi else
                                            "No summary: see abi-reflex.log and abi-linux.log."))
    made = plots(hists, sc)
    if made:
        md += "\nPlots: " + ", ".join("[%s](%s)" % (m, m) for m in made) + "\n"
    md += "\nTotal time: %.0f s on the host.\n" % (time.monotonic() - t0)
    with open(os.path.join(RESULTS, "latest.md"), "w") as f:
        f.write(md)
    print()
    print(md)
    progress("written to %s" % os.path.relpath(os.path.join(RESULTS, "latest.md"), ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
