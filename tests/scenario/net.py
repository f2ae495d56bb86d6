#!/usr/bin/env python3
"""The network path end to end: QEMU's e1000 on a dgram netdev, driven by
tools/framepeer.py from the host, the guest's counters read over the kernel
console. Runs twice: with NAPI (the default) on -smp 4 and with
reflex.napi=off on -smp 1; the user-space echo runs on -smp 4. The -smp 4
boot also steers 16 flows to CPUs 1-3 with Receive Packet Steering, and a
short -smp 4 boot with reflex.napi=off does the same from the hard IRQ.

Each boot checks: the e1000's INTx row in /proc/interrupts; ARP; 100 ICMP
echoes; UDP echo for every payload size 0-1472; 2,000 malformed frames
dropped and counted; a 100,000-frame flood during which the console answers
and the timer ticks, accounted for frame by frame; and the stack traces at
e1000_intr and e1000_clean_rx_irq. A last -smp 4 boot floods with every
trace event enabled, then traces a flood with the receive path's events on the
x86-tsc clock as tools/netcost.py does ("net.py trace-flood" runs only that one)."""
import os
import random
import re
import select
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import framepeer as fp  # noqa: E402
import serialpipe  # noqa: E402
import netcost  # noqa: E402

DEADLINE = float(os.environ.get("QEMU_TIMEOUT", "90"))
FLOOD_COUNT = int(os.environ.get("NET_FLOOD_COUNT", "100000"))
FLOOD_RATE = int(os.environ.get("NET_FLOOD_RATE", "25000"))
PROMPT = b"reflex> "
GUEST_MAC = "52:54:00:12:34:56"

DESIGN_RX_CHAIN = ["e1000_clean_rx_irq", "e1000_clean", "__napi_poll", "net_rx_action",
                   "handle_softirqs", "__irq_exit_rcu", "common_interrupt", "asm_common_interrupt"]
DESIGN_INTR_CHAIN = ["e1000_intr", "__handle_irq_event_percpu", "handle_irq_event",
                     "handle_fasteoi_irq", "__common_interrupt", "common_interrupt",
                     "asm_common_interrupt"]
# reflex.napi=off: the receive work runs inside the hard IRQ handler.
# RPS: the backlog of a CPU in rps_cpus, polled in that CPU's NET_RX.
RPS_BACKLOG_CHAIN = ["process_backlog", "__napi_poll", "net_rx_action", "handle_softirqs"]
NONAPI_RX_CHAIN = ["e1000_clean_rx_irq", "e1000_intr", "__handle_irq_event_percpu",
                   "handle_irq_event", "handle_fasteoi_irq", "__common_interrupt",
                   "common_interrupt", "asm_common_interrupt"]


class Guest:
    """QEMU with the serial console on pipes and the e1000 on a framepeer.
    reflex.kconsole keeps the kernel console instead of starting init."""

    def __init__(self, tag, append, user_space=False, smp=1, nic="e1000"):
        """user_space: boot /init (the shell, which starts /bin/udp_echo on
        port 7) instead of the kernel console. smp: QEMU's -smp. nic: the
        QEMU device (e1000 or e1000e; its driver's counters are in
        /proc/net/NIC)."""
        self.tag = tag
        self.nic = nic
        self.append = append
        self.prompt = b"# " if user_space else PROMPT
        self.transcript = bytearray()
        if not user_space:
            append = "reflex.kconsole " + append
        for _ in range(5):
            self.peer = fp.Peer(guest_mac=GUEST_MAC)
            self.proc = subprocess.Popen(
                ["timeout", "-k", "5", str(int(DEADLINE * 3)), "qemu-system-x86_64",
                 "-M", "pc", "-cpu", "max", "-m", "256M", "-smp", str(smp),
                 "-display", "none", *serialpipe.monitor_args(), "-serial", "stdio", "-no-reboot",
                 "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                 "-netdev", self.peer.netdev(), "-device", nic + ",netdev=n0,mac=" + GUEST_MAC,
                 "-kernel", "build/reflex.elf", "-append", "console=ttyS0 " + append],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            self.boot = self.read_until(self.prompt, DEADLINE)
            if self.boot is not None or b"Address already in use" not in self.transcript:
                return
            self.proc.wait()	# the port was taken meanwhile: another pick
            self.transcript.clear()

    def read_until(self, marker, timeout):
        start = len(self.transcript)
        end = time.monotonic() + timeout
        while marker not in self.transcript[start:]:
            left = end - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.transcript.extend(chunk)
        return self.transcript[start:].decode(errors="replace").replace("\r", "")

    def poll_output(self):
        """Takes whatever the serial line has written, without waiting."""
        while select.select([self.proc.stdout], [], [], 0)[0]:
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return
            self.transcript.extend(chunk)

    def command(self, line, timeout=20):
        if self.prompt != b"# ":
            self.proc.stdin.write(line.encode() + b"\r")
            self.proc.stdin.flush()
            return self.read_until(self.prompt, timeout)
        # The shell's "# " prompt also starts a trace's header lines: the
        # command's end is a marker the shell prints (the echoed input
        # reads end''-of-command, not the marker), then the prompt.
        self.proc.stdin.write(line.encode() + b"; echo end''-of-command\r")
        self.proc.stdin.flush()
        start = len(self.transcript)
        out = self.read_until(b"end-of-command", timeout)
        if out is None:
            return None
        after = self.transcript[start:]
        if b"# " not in after[after.rindex(b"end-of-command"):]:
            self.read_until(b"# ", 5)
        return out.rsplit("end-of-command", 1)[0]

    def cat(self, path):
        return self.command("cat " + path) or ""

    def counters(self):
        """Every counter the accounting needs, in one place."""
        c = {}
        dev = self.cat("/proc/net/dev")
        m = re.search(r"^\s*eth0:\s+(.*)$", dev, re.M)
        if m:
            v = [int(x) for x in m.group(1).split()]
            c.update(rx_bytes=v[0], rx_packets=v[1], rx_errs=v[2], rx_drop=v[3], rx_frame=v[5],
                     tx_packets=v[9], tx_drop=v[11])
        for line in self.cat("/proc/net/drop_reasons").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                c["drop:" + parts[0]] = int(parts[1])
        c["drops"] = sum(v for k, v in c.items() if k.startswith("drop:"))
        for line in self.cat("/proc/net/" + getattr(self, "nic", "e1000")).splitlines():
            m = re.match(r"\s+(\w+): (\d+)$", line)
            if m:
                c["hw:" + m.group(1)] = int(m.group(2))
        # Linux's layout: a "Ip: Name Name ..." line, then "Ip: 1 2 ...".
        header = {}
        for line in self.cat("/proc/net/snmp").splitlines():
            m = re.match(r"^(\w+): (.*)$", line)
            if not m:
                continue
            words = m.group(2).split()
            if m.group(1) not in header:
                header[m.group(1)] = words
            elif all(re.match(r"^-?\d+$", w) for w in words):	# Tcp's MaxConn is -1
                for n, v in zip(header[m.group(1)], words):
                    c[m.group(1) + n] = int(v)
        for line in self.cat("/proc/net/netstat").splitlines():
            m = re.match(r"^IpExt: (.*)$", line)
            if m and not m.group(1).split()[0].isdigit():
                names = m.group(1).split()
            elif m:
                c.update({"IpExt" + n: int(v) for n, v in zip(names, m.group(1).split())})
        rt = [line.split() for line in self.cat("/proc/net/stat/rt_cache").splitlines()]
        names = next((r for r in rt if r[:1] == ["entries"]), [])
        # A line per CPU, each counting what that CPU routed: summed, as lnstat -s does.
        for r in rt:
            if names and len(r) == len(names) and re.match(r"^[0-9a-f]{8}$", r[0]):
                for n, v in zip(names, r):
                    c["rt:" + n] = c.get("rt:" + n, 0) + int(v, 16)
        for line in self.cat("/proc/net/softnet_stat").splitlines():
            if re.match(r"^([0-9a-f]{8} ){14}[0-9a-f]{8}$", line):
                cols = [int(x, 16) for x in line.split()]
                c.update(processed=cols[0], time_squeeze=cols[2])
                break
        inter = self.cat("/proc/interrupts")
        m = re.search(r"^\s*LOC:\s+(\d+)", inter, re.M)
        c["LOC"] = int(m.group(1)) if m else None
        c["interrupts"] = inter
        return c

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.write(b"poweroff\r")
            self.proc.stdin.flush()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        with open("build/test-logs/net-%s.log" % self.tag, "wb") as f:
            f.write(self.transcript)


def check(g, name, ok, detail=""):
    print(("ok - " if ok else "not ok - ") + "net-%s: %s" % (g.tag, name))
    if not ok:
        if detail:
            print("    " + detail)
        print("    --- serial transcript tail ---")
        for line in g.transcript.decode(errors="replace").replace("\r", "").splitlines()[-25:]:
            print("    | " + line)
        serialpipe.print_cpus()
    return ok


def trace_chain(text, func):
    """The function names of the first "stacktrace: func" trace in text, innermost first."""
    m = re.search(r"stacktrace: %s\n(.*?)</TASK>" % re.escape(func), text, re.S)
    if not m:
        return []
    return re.findall(r"^\[[ 0-9.]*\]  ([A-Za-z_0-9.]+)\+0x", m.group(1), re.M)


def contains_in_order(chain, want):
    i = 0
    for name in chain:
        if i < len(want) and name == want[i]:
            i += 1
    return i == len(want) and chain[:1] == want[:1]


def test_basics(g):
    p = g.peer
    check(g, "boot: e1000 probed, eth0 up, IP-Config from the default",
          g.boot is not None and "e1000 0000:00:03.0 eth0: (PCI:33MHz:32-bit) 52:54:00:12:34:56" in g.boot
          and "ipaddr=10.0.2.15, mask=255.255.255.0, gw=10.0.2.2" in g.boot)
    inter = g.cat("/proc/interrupts")
    check(g, "/proc/interrupts shows the INTx line as IO-APIC N-fasteoi eth0",
          re.search(r"^\s*\d+:(\s+\d+)+\s+IO-APIC\s+\d+-fasteoi\s+eth0$", inter, re.M) is not None,
          inter)
    f = p.arp_resolve()
    check(g, "ARP: a request for 10.0.2.15 is answered with the NIC's MAC",
          f is not None and f["arp"]["sha"] == fp.mac_bytes(GUEST_MAC)
          and f["arp"]["sip"] == p.guest_ip and f["arp"]["tha"] == p.mac and f["arp"]["tip"] == p.ip
          and f["dst"] == p.mac)
    ok = 0
    for seq in range(100):
        data = os.urandom(56)
        r = p.ping(0x4242, seq, data)
        ok += bool(r and r["icmp"]["data"] == data and r["icmp"]["csum_ok"] and r["ip"]["csum_ok"])
    check(g, "ICMP: 100 of 100 echo requests answered with intact payloads", ok == 100, "%d/100" % ok)
    bad = []
    for size in range(0, 1473):
        data = os.urandom(size)
        p.send(p.udp_frame(40000 + size % 7, 7, data))
        r = p.recv(2.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
        if not r or r["udp"]["data"] != data or not r["udp"]["csum_ok"] \
                or r["udp"]["dport"] != 40000 + size % 7:
            bad.append(size)
    check(g, "UDP echo: every payload size 0-1472 comes back unchanged, checksum valid",
          not bad, "sizes failing: %s" % bad[:20])


def malformed_frames(p, rng):
    """2,000 frames the stack must drop, with what each kind is."""
    good_ip = lambda payload, **kw: fp.ipv4(p.ip, p.guest_ip, 17,
                                            fp.udp(p.ip, p.guest_ip, 5000, 7, payload), **kw)
    kinds = [
        ("runt", lambda: p.to_guest(fp.ETH_P_IP, os.urandom(rng.randint(0, 19)))[:rng.randint(14, 33)]),
        ("oversized", lambda: p.to_guest(fp.ETH_P_IP, os.urandom(rng.randint(1530, 3000)))),
        ("truncated-ip", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"x" * 200)[:rng.randint(1, 19)])),
        ("bad-version", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"v", version=rng.choice([0, 5, 6, 15])))),
        ("bad-ihl", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"i", ihl=rng.randint(0, 4)))),
        ("ihl-past-end", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"", ihl=15)[:40])),
        ("len-too-long", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"l" * 10, tot_len=rng.randint(200, 65535)))),
        ("len-below-ihl", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"s" * 10, tot_len=rng.randint(0, 19)))),
        ("bad-ip-csum", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"c", csum=rng.randint(1, 0xfffe)))),
        ("fragment", lambda: p.to_guest(fp.ETH_P_IP, good_ip(b"f" * 16, flags_frag=rng.choice([0x2000, 0x0001, 0x2010])))),
        ("bad-udp-csum", lambda: p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 17,
                                            fp.udp(p.ip, p.guest_ip, 5000, 7, b"u" * 8, csum=0x1234)))),
        ("udp-len", lambda: p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 17,
                                       fp.udp(p.ip, p.guest_ip, 5000, 7, b"u" * 8, csum=0, length=rng.choice([3, 200]))))),
        ("bad-icmp-csum", lambda: p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 1,
                                             fp.icmp_echo(1, 1, b"p" * 8, csum=0x4321)))),
        ("other-host", lambda: p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, fp.ip_bytes("10.0.2.99"), 17,
                                          fp.udp(p.ip, fp.ip_bytes("10.0.2.99"), 5000, 7, b"o")))),
        ("no-port", lambda: p.udp_frame(5000, 31337, b"nobody")),
        ("unknown-proto", lambda: p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 99, b"proto"))),
        ("unknown-ethertype", lambda: p.to_guest(rng.choice([0x86dd, 0x88cc, 0x1234]), os.urandom(50))),
        ("bad-arp", lambda: p.to_guest(fp.ETH_P_ARP, struct.pack("!HHBBH", rng.choice([6, 1]), 0x86dd, 6, 16, 1) + os.urandom(40))),
        ("random", lambda: fp.mac_bytes(GUEST_MAC) + os.urandom(rng.randint(8, 1400))),
    ]
    frames = []
    for i in range(2000):
        name, make = kinds[i % len(kinds)]
        frames.append((name, make()))
    rng.shuffle(frames)
    return frames


def wait_for_counters(g, done, timeout=30):
    """The guest's counters once done(counters) holds, or at the timeout:
    frames are counted when the guest has taken them, not after a fixed
    time, which a loaded host can stretch. The files are read one after
    another while frames may still be in flight (a driver counts a frame
    before NET_RX drops it), so the counters returned are a second reading
    taken after done() held, when nothing moves any more."""
    end = time.monotonic() + timeout
    while True:
        c = g.counters()
        if done(c):
            again = g.counters()
            if done(again):
                return again
        if time.monotonic() >= end:
            return c


def test_malformed(g):
    p = g.peer
    rng = random.Random(5)
    before = g.counters()
    drops0 = p.host_drops()
    frames = malformed_frames(p, rng)
    for i, (_, frame) in enumerate(frames):
        p.send(frame)
        if i % 50 == 49:
            time.sleep(0.005)	# a pace the NIC's ring absorbs; the flood tests the limits
    # A loaded host can still let the ring overflow: the NIC counts those (missed).
    d = lambda c, k: c.get(k, 0) - before.get(k, 0)
    counted = lambda c: (c["drops"] - before["drops"] + d(c, "hw:rx_long_length_errors")
                         + d(c, "hw:rx_missed_errors") + p.host_drops() - drops0)
    after = wait_for_counters(g, lambda c: counted(c) >= 2000)
    p.drain(0.2)
    host = p.host_drops() - drops0
    dropped = after["drops"] - before["drops"]
    oversize, missed = d(after, "hw:rx_long_length_errors"), d(after, "hw:rx_missed_errors")
    detail = "stack drops %d + NIC oversize %d + NIC missed %d + host drops %d != 2000; by reason: %s" % (
        dropped, oversize, missed, host,
        {k[5:]: after[k] - before.get(k, 0) for k in after if k.startswith("drop:") and after[k] != before.get(k, 0)})
    check(g, "malformed: 2,000 frames (runts, oversized, truncated, bad version/IHL/length/"
          "checksums, fragments, random) all dropped and counted",
          dropped + oversize + missed + host == 2000 and after["rx_packets"] - before["rx_packets"] == dropped,
          detail)
    reasons = {k[5:] for k in after if k.startswith("drop:") and after[k] > before.get(k, 0)}
    want = {"IP_INHDR", "IP_CSUM", "PKT_TOO_SMALL", "IP_FRAGMENT", "UDP_CSUM", "ICMP_CSUM",
            "IP_INADDRERRORS", "NO_SOCKET", "IP_NOPROTO", "UNHANDLED_PROTO", "ARP_INVALID"}
    check(g, "malformed: each kind counted under its own reason (/proc/net/drop_reasons, /proc/net/snmp)",
          want <= reasons and after["IpInHdrErrors"] > before["IpInHdrErrors"]
          and after["UdpInCsumErrors"] > before["UdpInCsumErrors"]
          and after["IpReasmFails"] > before["IpReasmFails"], "missing: %s" % (want - reasons))
    data = os.urandom(100)
    p.send(p.udp_frame(41000, 7, data))
    r = p.recv(2.0, lambda f: "udp" in f and f["udp"]["dport"] == 41000)
    check(g, "malformed: the kernel stays up and echo works afterwards",
          r is not None and r["udp"]["data"] == data and g.command("echo alive") is not None)


def test_flood(g):
    p = g.peer
    before = g.counters()
    drops0 = p.host_drops()
    frame = p.udp_frame(40001, 9, b"flood-frame-payload")
    asked = []
    answered = []

    def poke(sent):
        # A third of the way in, type at the console; the answer must come while frames keep coming.
        g.poll_output()
        if not asked and sent >= FLOOD_COUNT // 3:
            asked.append(len(g.transcript))
            g.proc.stdin.write(b"echo flood-midway\r")
            g.proc.stdin.flush()
        elif asked and not answered and b"flood-midway\r\nreflex> " in g.transcript[asked[0]:]:
            answered.append(sent)

    secs = p.flood(frame, FLOOD_COUNT, FLOOD_RATE, poke)
    mid = bool(answered) and answered[0] < FLOOD_COUNT
    g.read_until(PROMPT, 10)
    dk = lambda c, k: c.get(k, 0) - before.get(k, 0)
    driver_of = lambda c: (dk(c, "rx_packets") + dk(c, "rx_drop") - dk(c, "hw:rx_missed_errors")
                           - dk(c, "drop:CPU_BACKLOG") + dk(c, "rx_errs"))
    after = wait_for_counters(g, lambda c: driver_of(c) == dk(c, "hw:rx_packets") and
                              dk(c, "hw:rx_packets") + dk(c, "hw:rx_missed_errors")
                              + p.host_drops() - drops0 >= FLOOD_COUNT)
    host = p.host_drops() - drops0
    d = lambda k: after.get(k, 0) - before.get(k, 0)
    nic_rx, missed = d("hw:rx_packets"), d("hw:rx_missed_errors")
    # rx_drop also counts the core's drops (a full backlog), which the stack's reasons hold.
    driver = d("rx_packets") + (after["rx_drop"] - before["rx_drop"] - missed
                                - d("drop:CPU_BACKLOG")) + d("rx_errs")
    stack = d("UdpInDatagrams") + d("drops")
    print("    # net-%s flood: %d frames at %d/s in %.1f s; NIC received %d, NIC missed %d, "
          "host socket drops %d; driver %d; stack delivered %d + dropped %d; NAPI polls %d, "
          "time_squeeze %d, LOC +%d" % (g.tag, FLOOD_COUNT, FLOOD_RATE, secs, nic_rx, missed, host,
                                        driver, d("UdpInDatagrams"), d("drops"), d("hw:napi_polls"),
                                        d("time_squeeze"), d("LOC")))
    check(g, "flood: the console answers during %d frames and the timer ticks" % FLOOD_COUNT,
          mid and d("LOC") > 0, "answered at frame %s, LOC +%d" % (answered, d("LOC")))
    check(g, "flood: every frame accounted for (peer sent = NIC received + NIC missed + host drops; "
          "NIC = driver = delivered + dropped)",
          nic_rx + missed + host == FLOOD_COUNT and driver == nic_rx and stack == d("rx_packets"),
          "sent %d, NIC %d + missed %d + host %d; driver %d; stack %d vs rx %d"
          % (FLOOD_COUNT, nic_rx, missed, host, driver, stack, d("rx_packets")))
    if g.tag == "napi":
        check(g, "flood: NAPI polls show in the counters (softnet_stat processed, e1000 polls)",
              d("processed") >= nic_rx and d("hw:napi_polls") > 0
              and d("hw:napi_polls") < nic_rx, "processed +%d, polls +%d" % (d("processed"), d("hw:napi_polls")))
    data = os.urandom(64)
    p.send(p.udp_frame(41001, 7, data))
    r = p.recv(3.0, lambda f: "udp" in f and f["udp"]["dport"] == 41001)
    check(g, "flood: echo works afterwards", r is not None and r["udp"]["data"] == data)


def test_traces(g, armed_on_cmdline):
    """The two chains of DESIGN.md. A frame's NET_RX runs on its interrupt's
    exit unless this CPU's ksoftirqd is runnable just then (Linux 6.1's
    rule, kernel/softirq.c): then another exit or ksoftirqd runs it, and
    the chain ends elsewhere. Re-armed, the next frames show the usual
    chain; five tries."""
    p = g.peer
    want_rx = DESIGN_RX_CHAIN if g.tag == "napi" else NONAPI_RX_CHAIN
    for _ in range(1 if armed_on_cmdline else 5):
        if not armed_on_cmdline:
            g.command("stacktrace e1000_intr 1")
            g.command("stacktrace e1000_clean_rx_irq 1")
        start = len(g.transcript)
        p.ping(7, 7, b"trace me")
        g.command("echo traced")
        text = g.transcript[start:].decode(errors="replace").replace("\r", "") \
            if not armed_on_cmdline else g.transcript.decode(errors="replace").replace("\r", "")
        intr = trace_chain(text, "e1000_intr")
        rx = trace_chain(text, "e1000_clean_rx_irq")
        if contains_in_order(intr, DESIGN_INTR_CHAIN) and contains_in_order(rx, want_rx):
            break
    check(g, "stack trace at e1000_intr: " + " <- ".join(DESIGN_INTR_CHAIN),
          contains_in_order(intr, DESIGN_INTR_CHAIN), "got: %s" % " ".join(intr))
    check(g, "stack trace at e1000_clean_rx_irq: " + " <- ".join(want_rx),
          contains_in_order(rx, want_rx), "got: %s" % " ".join(rx))


def softnet(g):
    """/proc/net/softnet_stat: {cpu: (processed, dropped, received_rps, backlog)}, by the
    CPU column (the 13th), Linux 6.6's fifteen columns checked."""
    rows = {}
    for line in g.cat("/proc/net/softnet_stat").splitlines():
        if re.match(r"^([0-9a-f]{8} ){14}[0-9a-f]{8}$", line):
            c = [int(x, 16) for x in line.split()]
            rows[c[12]] = (c[0], c[1], c[9], c[11])
    return rows


def eth0_irqs(g):
    """The e1000's /proc/interrupts row: one count per CPU."""
    m = re.search(r"^\s*\d+:((?:\s+\d+)+)\s+IO-APIC\s+\d+-fasteoi\s+eth0$",
                  g.cat("/proc/interrupts"), re.M)
    return [int(x) for x in m.group(1).split()] if m else []


RPS_PORTS = range(40100, 40116)
RPS_ROUNDS = 50


def test_rps(g):
    """Receive Packet Steering on the single-queue e1000 (-smp 4): rps_cpus e sends the
    frames of 16 flows, received on CPU 0, to the backlogs of CPUs 1-3, which process
    them after the IPI (received_rps); every frame is accounted for, echo works, and
    rps_cpus 0 brings back direct delivery on CPU 0."""
    p = g.peer
    rps = lambda *a: (g.command(" ".join(("rps_cpus eth0 0",) + a)) or "").replace("\r", "")
    check(g, "rps: rx-0's rps_cpus reads 0 by default", "\n0\n" in rps())
    rps("e")
    bad = rps("zz") + rps("1f")
    check(g, "rps: rps_cpus takes e (CPUs 1-3), refuses zz (EINVAL) and 1f (EOVERFLOW), "
          "keeping e", "\ne\n" in rps() and "write error: -22" in bad and "write error: -75" in bad,
          bad)
    g.command("stacktrace process_backlog 1")
    before, sn0, irq0, drops0 = g.counters(), softnet(g), eth0_irqs(g), p.host_drops()
    mark = len(g.transcript)
    count = 0
    for r in range(RPS_ROUNDS):
        for port in RPS_PORTS:
            p.send(p.udp_frame(port, 9, b"rps flow %d" % port))
            count += 1
        time.sleep(0.005)	# 16 frames per 5 ms: a pace the ring absorbs
    d = lambda c, k: c.get(k, 0) - before.get(k, 0)
    after = wait_for_counters(g, lambda c: d(c, "hw:rx_packets") + d(c, "hw:rx_missed_errors")
                              + p.host_drops() - drops0 >= count
                              and d(c, "rx_packets") == d(c, "hw:rx_packets")
                              == d(c, "UdpInDatagrams") + d(c, "drops"))
    sn1, irq1 = softnet(g), eth0_irqs(g)
    dsn = {cpu: [a - b for a, b in zip(sn1[cpu], sn0.get(cpu, (0, 0, 0, 0)))] for cpu in sn1}
    host, missed = p.host_drops() - drops0, d(after, "hw:rx_missed_errors")
    processed = sum(dsn[c][0] for c in dsn)
    dropped = sum(dsn[c][1] for c in dsn)
    print("    # net-%s rps: %d frames; per CPU (processed, dropped, received_rps): %s; "
          "eth0 IRQs per CPU +%s" % (g.tag, count, {c: tuple(dsn[c][:3]) for c in sorted(dsn)},
                                     [a - b for a, b in zip(irq1, irq0)]))
    check(g, "rps: softnet_stat has a line per CPU (0-3), the CPU in column 13",
          sorted(sn1) == [0, 1, 2, 3], "CPUs: %s" % sorted(sn1))
    if sorted(sn1) != [0, 1, 2, 3]:
        return
    check(g, "rps: the e1000's interrupt stays on CPU 0",
          len(irq1) == 4 and irq1[0] > irq0[0] and irq1[1:] == irq0[1:], "%s -> %s" % (irq0, irq1))
    check(g, "rps: CPUs 1-3 each process frames and take RPS IPIs (processed, received_rps "
          "grow); CPU 0 processes none",
          all(dsn[c][0] > 0 and dsn[c][2] > 0 for c in (1, 2, 3)) and dsn[0][0] == 0,
          "per CPU: %s" % dsn)
    check(g, "rps: every frame accounted for (sent = NIC + missed + host drops; "
          "NIC = processed + backlog drops = delivered + dropped)",
          d(after, "hw:rx_packets") + missed + host == count
          and processed + dropped == d(after, "rx_packets") == d(after, "hw:rx_packets")
          and d(after, "UdpInDatagrams") + d(after, "drops") == d(after, "rx_packets"),
          "sent %d; NIC %d + missed %d + host %d; rx %d; processed %d + backlog drops %d; "
          "UDP %d + drops %d" % (count, d(after, "hw:rx_packets"), missed, host,
                                 d(after, "rx_packets"), processed, dropped,
                                 d(after, "UdpInDatagrams"), d(after, "drops")))
    ok = 0
    for port in RPS_PORTS:
        data = os.urandom(32)
        p.send(p.udp_frame(port, 7, data))
        r = p.recv(3.0, lambda f: "udp" in f and f["udp"]["dport"] == port)
        ok += r is not None and r["udp"]["data"] == data
    check(g, "rps: UDP echo answers all 16 flows while they are steered", ok == 16, "%d/16" % ok)
    chain = trace_chain(g.transcript[mark:].decode(errors="replace").replace("\r", ""),
                        "process_backlog")
    check(g, "rps: stack trace at process_backlog: " + " <- ".join(RPS_BACKLOG_CHAIN),
          contains_in_order(chain, RPS_BACKLOG_CHAIN), "got: %s" % " ".join(chain))
    rps("0")
    sn0 = softnet(g)
    for port in RPS_PORTS:
        p.send(p.udp_frame(port, 9, b"direct"))
    before = g.counters()
    ok = barrier(g, 0x7200)	# no RPS: frames are processed in order, so the ping comes last
    sn1 = softnet(g)
    dsn = {cpu: [a - b for a, b in zip(sn1[cpu], sn0[cpu])] for cpu in sn1}
    how = "CPU 0's backlog (netif_rx)" if "napi=off" in g.tag + g.append else "direct delivery"
    check(g, "rps: rps_cpus 0 restores %s: CPU 0 processes the frames, no RPS IPIs" % how, "\n0\n" in rps() and ok and dsn[0][0] >= 17
          and all(dsn[c][0] == 0 and dsn[c][2] == 0 for c in (1, 2, 3)), "per CPU: %s" % dsn)


def test_user_echo():
    """The echo service as a user program: init (the shell) starts
    /bin/udp_echo 7, which sleeps in recvfrom until NET_RX wakes it."""
    g = Guest("user", "", user_space=True, smp=4)
    try:
        if not check(g, "user space: boots to the shell with the e1000 on a dgram netdev",
                     g.boot is not None):
            return
        # /etc/rc starts it in the background. It prints "listening" before
        # it reaches recvfrom, so the state itself is what is waited for.
        if b"udp_echo: listening" not in g.transcript:
            g.read_until(b"udp_echo: listening", 20)
        sleeping, end = None, time.monotonic() + 20
        while not sleeping and time.monotonic() < end:
            ps = g.command("ps") or ""
            sleeping = re.search(r"^\s*\d+ udp_echo\s+NORMAL\s+\d+\s+\d+ S ", ps, re.M)
        check(g, "user space: udp_echo is asleep (in recvfrom) before any packet", bool(sleeping), ps)
        p = g.peer
        p.arp_resolve()
        bad = []
        for size in (0, 1, 64, 512, 1472):
            data = os.urandom(size)
            p.send(p.udp_frame(41000 + size % 5, 7, data))
            r = p.recv(3.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
            if not r or r["udp"]["data"] != data or not r["udp"]["csum_ok"]:
                bad.append(size)
        check(g, "user space: /bin/udp_echo answers the peer, payloads unchanged (0-1472)",
              not bad, "sizes failing: %s" % bad)
        udp = g.command("cat /proc/net/udp") or ""
        # A socket (kmalloc, the direct map) rather than the kernel's static echo port.
        check(g, "user space: the socket on port 7 is the user program's (kernel echo handed over)",
              "Run /init as init process" in g.transcript.decode(errors="replace")
              and re.search(r"^\s*\d+: [0-9A-F]{8}:0007 .* ffff888", udp, re.M) is not None, udp)
        test_function_tracer(g)
        test_socket_overflow(g)
        test_tcp_wire(g)
        test_guest_ping(g)
        test_udp_bound_address(g)
        test_threaded_napi(g)
    finally:
        g.close()


def test_tcp_wire(g):
    """TCP on the wire over the e1000, the peer speaking raw frames: /bin/tcp_echo
    listens on port 7; a SYN gets a SYN-ACK (checksums valid, MSS 1460 from
    the route), the handshake completes, data comes back echoed, and FINs
    close both ways. A SYN to a closed port gets a RST; a SYN with a bad
    checksum is dropped and counted (TCP_CSUM, TcpInCsumErrors)."""
    p = g.peer
    g.command("/bin/tcp_echo 7 1 &")
    g.read_until(b"tcp_echo: listening", 20)
    p.arp_resolve()
    seg = lambda f, sport: "tcp" in f and f["tcp"]["sport"] == sport
    sport, iss = 45000, 1000
    p.send(p.tcp_frame(sport, 7, iss, 0, fp.TCP_SYN, options=fp.tcp_mss_option(1460)))
    sa = p.recv(3.0, lambda f: seg(f, 7) and f["tcp"]["dport"] == sport)
    t = sa and sa["tcp"]
    if not check(g, "tcp wire: a SYN to a listening port gets a SYN-ACK, IP and TCP checksums valid, MSS 1460",
                 t is not None and t["flags"] == fp.TCP_SYN | fp.TCP_ACK and t["ack"] == iss + 1
                 and t["csum_ok"] and sa["ip"]["csum_ok"] and t["mss"] == 1460, str(t)):
        return
    snd, rcv = iss + 1, t["seq"] + 1
    p.send(p.tcp_frame(sport, 7, snd, rcv, fp.TCP_ACK))
    data = b"hello over e1000, " * 20
    p.send(p.tcp_frame(sport, 7, snd, rcv, fp.TCP_ACK | fp.TCP_PSH, data))
    snd += len(data)
    echoed, withheld, resent = b"", None, False
    end = time.monotonic() + 10
    while len(echoed) < len(data) and time.monotonic() < end:
        f = p.recv(1.0, lambda f: seg(f, 7) and f["tcp"]["data"])
        if not f or not f["tcp"]["csum_ok"] or f["tcp"]["seq"] != rcv + len(echoed):
            continue
        if withheld is None:
            withheld = f["tcp"]["data"]	# as if lost: not acked, so the RTO must resend it
            continue
        resent |= not echoed and f["tcp"]["data"] == withheld
        echoed += f["tcp"]["data"]
        p.send(p.tcp_frame(sport, 7, snd, rcv + len(echoed), fp.TCP_ACK))
    check(g, "tcp wire: the handshake completes and tcp_echo's answer comes back whole",
          echoed == data, "%d of %d bytes" % (len(echoed), len(data)))
    check(g, "tcp wire: a segment the peer never acked is sent again by the retransmission timer",
          resent)
    rcv += len(echoed)
    p.send(p.tcp_frame(sport, 7, snd, rcv, fp.TCP_ACK | fp.TCP_FIN))
    fin = p.recv(5.0, lambda f: seg(f, 7) and f["tcp"]["flags"] & fp.TCP_FIN)
    check(g, "tcp wire: our FIN is acked and the guest closes with a FIN of its own",
          fin is not None and fin["tcp"]["ack"] == snd + 1 and fin["tcp"]["seq"] == rcv
          and fin["tcp"]["csum_ok"], str(fin and fin["tcp"]))
    if fin:
        p.send(p.tcp_frame(sport, 7, snd + 1, rcv + 1, fp.TCP_ACK))
    p.send(p.tcp_frame(45001, 9999, 5000, 0, fp.TCP_SYN))
    rst = p.recv(3.0, lambda f: seg(f, 9999))
    check(g, "tcp wire: a SYN to a closed port gets a RST|ACK acking the SYN, checksum valid",
          rst is not None and rst["tcp"]["flags"] == fp.TCP_RST | fp.TCP_ACK
          and rst["tcp"]["ack"] == 5001 and rst["tcp"]["csum_ok"], str(rst and rst["tcp"]))
    before = g.counters()
    g.command("/bin/tcp_echo 7 1 &")
    g.read_until(b"tcp_echo: listening", 20)
    bad = fp.tcp(p.ip, p.guest_ip, 45002, 7, 7000, 0, fp.TCP_SYN, csum=0x1234)
    p.send(p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 6, bad)))
    short = fp.tcp(p.ip, p.guest_ip, 45003, 7, 7000, 0, fp.TCP_SYN, doff=3)
    p.send(p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 6, short)))
    p.send(p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 6, b"\x00\x07" * 5)))
    after = wait_for_counters(g, lambda c: c.get("drop:TCP_CSUM", 0) > before.get("drop:TCP_CSUM", 0)
                              and c.get("drop:PKT_TOO_SMALL", 0) >= before.get("drop:PKT_TOO_SMALL", 0) + 2,
                              timeout=10)
    answer = p.recv(0.5, lambda f: seg(f, 7) and f["tcp"]["dport"] in (45002, 45003))
    d = lambda k: after.get(k, 0) - before.get(k, 0)
    check(g, "tcp wire: a bad checksum, a short doff and a runt header are dropped and counted "
          "(TCP_CSUM, PKT_TOO_SMALL, TcpInCsumErrors, TcpInErrs), nothing answered",
          d("drop:TCP_CSUM") == 1 and d("drop:PKT_TOO_SMALL") == 2 and d("TcpInCsumErrors") == 1
          and d("TcpInErrs") == 2 and answer is None,
          "TCP_CSUM +%d PKT_TOO_SMALL +%d InCsumErrors +%d InErrs +%d answer %s" % (
              d("drop:TCP_CSUM"), d("drop:PKT_TOO_SMALL"), d("TcpInCsumErrors"), d("TcpInErrs"), answer))
    # The listener still works: one good connection, closed with a RST by us.
    p.send(p.tcp_frame(45004, 7, 9000, 0, fp.TCP_SYN))
    sa = p.recv(3.0, lambda f: seg(f, 7) and f["tcp"]["dport"] == 45004)
    check(g, "tcp wire: the listener answers after the malformed segments",
          sa is not None and sa["tcp"]["flags"] == fp.TCP_SYN | fp.TCP_ACK)
    if sa:
        p.send(p.tcp_frame(45004, 7, 9001, 0, fp.TCP_RST))


def test_guest_ping(g):
    """A raw ICMP socket in the guest pings the peer over eth0: the echo
    request on the wire carries the guest's addresses, TTL 64, valid IP and
    ICMP checksums, the id, sequence and data the program built; the
    peer's reply reaches the program."""
    p = g.peer
    g.proc.stdin.write(b"/bin/rawping 10.0.2.2 3\r")
    g.proc.stdin.flush()
    f = p.recv(10.0, lambda f: "icmp" in f and f["icmp"]["type"] == 8)
    ok = f is not None and f["dst"] == p.mac and f["ip"]["src"] == p.guest_ip and \
        f["ip"]["dst"] == p.ip and f["ip"]["csum_ok"] and f["icmp"]["csum_ok"] and \
        f["icmp"]["id"] == 0x7e57 and f["icmp"]["seq"] == 3 and \
        f["icmp"]["data"].startswith(b"ping 32343/3") and f["raw"][14 + 8] == 64
    check(g, "raw socket ping: the guest's echo request on the wire (addresses, TTL 64, "
          "checksums, id, sequence, data)", ok, repr(f))
    if f is None:
        return
    p.send(p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 1,
                                           fp.icmp_echo(0x7e57, 3, f["icmp"]["data"], type_=0),
                                           ttl=55)))
    out = g.read_until(g.prompt, 10) or ""
    check(g, "raw socket ping: the peer's reply reaches the program (source, id, sequence, TTL)",
          "rawping: reply from 10.0.2.2 id 32343 seq 3 ttl 55 bytes 52 data ok" in out, out)


def function_stack_chain(text, func):
    """The "=> name" lines of the first <stack trace> record after a function
    tracer line for func, innermost first (Linux's func_stack_trace)."""
    m = re.search(r": %s <-\S+\n[^\n]*: <stack trace>\n((?: => \S+\n)+)" % re.escape(func), text)
    return re.findall(r"^ => (\S+)$", m.group(1), re.M) if m else []


def test_function_tracer(g):
    """The function tracer from the shell, as on Linux: set_ftrace_filter
    e1000_clean_rx_irq, options/func_stack_trace 1, current_tracer
    function; a datagram for udp_echo gives a "e1000_clean_rx_irq
    <-e1000_clean" line and the DESIGN.md chain in "=>" lines. The NET_RX
    of a frame may run from ksoftirqd (see test_traces): five tries."""
    T = "/sys/kernel/tracing/"
    clean = lambda out: (out or "").replace("\r", "")
    g.command("echo e1000_clean_rx_irq > " + T + "set_ftrace_filter")
    g.command("echo 1 > " + T + "options/func_stack_trace")
    g.command("echo function > " + T + "current_tracer")
    enabled = clean(g.command("cat " + T + "enabled_functions"))
    # e1000 and e1000e each have a static e1000_clean_rx_irq: the glob names both.
    sites = [l.split()[0] for l in enabled.splitlines() if re.match(r"^\w+ \(1\)", l)]
    check(g, "function tracer: enabled_functions lists e1000_clean_rx_irq (e1000's and e1000e's) alone",
          sites == ["e1000_clean_rx_irq"] * 2, enabled)
    p, chain, text = g.peer, [], ""
    for i in range(5):
        g.command("echo > " + T + "trace")
        data = b"function tracer %d" % i
        p.send(p.udp_frame(41200, 7, data))
        p.recv(3.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
        text = clean(g.command("cat " + T + "trace", timeout=30))
        chain = function_stack_chain(text, "e1000_clean_rx_irq")
        if contains_in_order(chain, DESIGN_RX_CHAIN):
            break
    check(g, "function tracer: func_stack_trace at e1000_clean_rx_irq: " + " <= ".join(DESIGN_RX_CHAIN),
          contains_in_order(chain, DESIGN_RX_CHAIN) and
          re.search(r"^\s*\S+-\d+\s+\[\d{3}\] [d.][.nNp][sh.][.\d][.\d] +\d+\.\d{6}: "
                    r"e1000_clean_rx_irq <-e1000_clean$", text, re.M) is not None,
          "got: %s\n%s" % (" ".join(chain), text[-3000:]))
    g.command("echo nop > " + T + "current_tracer")
    g.command("echo 0 > " + T + "options/func_stack_trace")
    g.command("echo > " + T + "set_ftrace_filter")
    enabled = clean(g.command("cat " + T + "enabled_functions"))
    check(g, "function tracer: back to nop, no function is enabled",
          not re.search(r"^\w+ \(", enabled, re.M), enabled)


def echo_ok(p, n, port=41100):
    """@n datagrams to port 7, one at a time: how many came back unchanged."""
    ok = 0
    for i in range(n):
        data = b"threaded %d" % i
        p.send(p.udp_frame(port, 7, data))
        r = p.recv(3.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
        ok += bool(r and r["udp"]["data"] == data)
    return ok


def net_rx_count(g):
    """NET_RX's count on every CPU together, from /proc/softirqs."""
    m = re.search(r"^\s*NET_RX:([\d\s]+)$", (g.command("cat /proc/softirqs") or "").replace("\r", ""),
                  re.M)
    return sum(map(int, m.group(1).split())) if m else None


def test_threaded_napi(g):
    """/sys/class/net/eth0/threaded as Linux's: 0 by default, 1 gives eth0's NAPI
    instance its kthread "napi/eth0-ID" that polls it instead of NET_RX_SOFTIRQ,
    other values are refused (EOPNOTSUPP), 0 brings the softirq back. The
    thread's run time shows in /proc/PID/schedstat (Linux's three fields)."""
    path = "/sys/class/net/eth0/threaded"
    read = lambda: (g.command("cat " + path) or "").replace("\r", "")
    check(g, "threaded NAPI: %s reads 0 by default" % path, "\n0\n" in read(), read())
    out = (g.command("echo 2 > " + path) or "").replace("\r", "")
    check(g, "threaded NAPI: writing 2 is refused (EOPNOTSUPP) and changes nothing",
          "not supported" in out.lower() and "\n0\n" in read(), out)
    g.command("echo 1 > " + path)
    ps = (g.command("ps") or "").replace("\r", "")
    thread = re.search(r"^\s*(\d+) (napi/eth0-\d+)\s", ps, re.M)
    check(g, "threaded NAPI: writing 1 reads back 1 and starts a kthread napi/eth0-ID",
          "\n1\n" in read() and thread is not None, ps)
    if not thread:
        return
    stat = lambda: (g.command("cat /proc/%s/schedstat" % thread.group(1)) or "").replace("\r", "")
    m0 = re.search(r"^(\d+) (\d+) (\d+)$", stat(), re.M)
    rx0 = net_rx_count(g)
    ok = echo_ok(g.peer, 20)
    m1 = re.search(r"^(\d+) (\d+) (\d+)$", stat(), re.M)
    rx1 = net_rx_count(g)
    check(g, "threaded NAPI: udp_echo answers all 20 datagrams; the napi thread ran for them "
          "(its schedstat run time and run count grew) and NET_RX did not",
          ok == 20 and m0 and m1 and int(m1.group(1)) > int(m0.group(1)) and
          int(m1.group(3)) > int(m0.group(3)) and rx0 is not None and rx1 == rx0,
          "echoed %d; schedstat %s -> %s; NET_RX %s -> %s" % (
              ok, m0 and m0.group(0), m1 and m1.group(0), rx0, rx1))
    g.command("echo 0 > " + path)
    rx0 = net_rx_count(g)
    ok = echo_ok(g.peer, 5)
    rx1 = net_rx_count(g)
    check(g, "threaded NAPI: writing 0 brings NET_RX back; the echo still answers",
          "\n0\n" in read() and ok == 5 and rx0 is not None and rx1 is not None and rx1 > rx0,
          "echoed %d; NET_RX %s -> %s" % (ok, rx0, rx1))


UDP_RCVQ_MAX = 256	# net/socket.c: datagrams a socket queues before it drops


def test_socket_overflow(g):
    """A user socket that does not read: what its queue cannot hold is
    dropped and counted as Linux counts it (RcvbufErrors, InErrors, the
    SOCKET_RCVBUFF drop reason, the socket's drops), and the rest waits."""
    p, count, port = g.peer, UDP_RCVQ_MAX + 144, 5003
    before = g.counters()
    drops0 = p.host_drops()
    g.proc.stdin.write(b"/bin/udp_sink %d\r" % port)
    g.proc.stdin.flush()
    if not check(g, "socket overflow: /bin/udp_sink is bound and not reading",
                 g.read_until(b"udp_sink: bound", 10) is not None):
        return
    p.flood(p.udp_frame(40002, port, b"queued-datagram"), count, 2000)
    # Frames are taken in order: once the ping's reply is back, every
    # datagram before it has been through the stack.
    pong = p.ping(0x5170, 1, b"after-the-flood", timeout=5.0)
    g.proc.stdin.write(b"\r")
    g.proc.stdin.flush()
    out = g.read_until(g.prompt, 20) or ""
    m = re.search(r"udp_sink: (\d+) datagrams were queued", out)
    queued = int(m.group(1)) if m else -1
    after = g.counters()
    d = lambda k: after.get(k, 0) - before.get(k, 0)
    lost = count - queued
    check(g, "socket overflow: the queue holds %d datagrams, the reader gets them all"
          % UDP_RCVQ_MAX, pong is not None and queued == UDP_RCVQ_MAX,
          "ping answered: %s; udp_sink: %r" % (pong is not None, out))
    check(g, "socket overflow: each drop counted (RcvbufErrors, InErrors, SOCKET_RCVBUFF), "
          "none uncounted",
          p.host_drops() == drops0 and d("hw:rx_missed_errors") == 0
          and d("UdpRcvbufErrors") == lost and d("UdpInErrors") == lost
          and d("drop:SOCKET_RCVBUFF") == lost and d("UdpInDatagrams") == queued,
          "sent %d, queued %d; RcvbufErrors +%d, InErrors +%d, SOCKET_RCVBUFF +%d, "
          "InDatagrams +%d, NIC missed +%d" % (count, queued, d("UdpRcvbufErrors"),
                                              d("UdpInErrors"), d("drop:SOCKET_RCVBUFF"),
                                              d("UdpInDatagrams"), d("hw:rx_missed_errors")))


# Martians: (source, destination, drop reason, rt_cache counter), Linux 6.x's verdicts.
# The destinations first: with log_martians, Linux's limit (10 lines in 5 s) would hide them.
MARTIANS = [
    ("10.0.2.2", "0.0.0.0", "IP_INVALID_DEST", "rt:in_martian_dst"),
    ("10.0.2.2", "127.0.0.1", "IP_LOCALNET", "rt:in_martian_dst"),
    ("127.0.0.1", "10.0.2.15", "IP_LOCALNET", "rt:in_martian_src"),
    ("0.0.0.0", "10.0.2.15", "IP_INVALID_SOURCE", "rt:in_martian_src"),
    ("224.0.0.5", "10.0.2.15", "IP_INVALID_SOURCE", "rt:in_martian_src"),
    ("255.255.255.255", "10.0.2.15", "IP_INVALID_SOURCE", "rt:in_martian_src"),
    ("10.0.2.255", "10.0.2.15", "IP_INVALID_SOURCE", "rt:in_martian_src"),
    ("10.0.2.15", "10.0.2.15", "IP_LOCAL_SOURCE", "rt:in_martian_src"),
]
# Not martians in Linux 6.x: class E since 2.6.25, 0.x.y.z (but 0.0.0.0) since 5.3.
UNICAST_SOURCES = ["240.0.0.1", "254.1.2.3", "0.1.2.3"]


def delta(before, after, key):
    return after.get(key, 0) - before.get(key, 0)


def barrier(g, ident):
    """Frames are taken in order: once this ping is answered, all sent before it were handled."""
    return g.peer.ping(ident, 1, b"barrier", timeout=5.0) is not None


def test_martians(g, logged):
    """ICMP echo and UDP echo from martian sources and to martian destinations are dropped
    unanswered, each under Linux's drop reason and rt_cache counter."""
    p = g.peer
    before = g.counters()
    for i, (src, dst, _, _) in enumerate(MARTIANS):
        p.send(p.icmp_from(src, dst, 0x6d00 + i, 1))
        p.send(p.udp_from(src, dst, 42000 + i, 7, b"martian"))
    ok = barrier(g, 0x6dff)
    frames = p.drain(0.3)
    after = g.counters()
    answered = [f for f in frames if ("icmp" in f and f["icmp"]["id"] >> 8 == 0x6d)
                or ("udp" in f and 42000 <= f["udp"]["dport"] < 42000 + len(MARTIANS))]
    check(g, "martians: ICMP and UDP echo from 0.0.0.0, 127/8, multicast, broadcasts and our own "
          "address, and to 0.0.0.0 and 127/8, get no answer", ok and not answered,
          "barrier answered: %s; answers: %s" % (ok, [(f["ip"]["src"], f["ip"]["dst"]) for f in answered]))
    want = {}
    for _, _, reason, counter in MARTIANS:
        want["drop:" + reason] = want.get("drop:" + reason, 0) + 2
        want[counter] = want.get(counter, 0) + 2
    got = {k: delta(before, after, k) for k in want}
    check(g, "martians: each dropped under Linux's reason (IP_INVALID_SOURCE, IP_LOCALNET, "
          "IP_LOCAL_SOURCE, IP_INVALID_DEST) and counted in /proc/net/stat/rt_cache",
          got == want and delta(before, after, "IpInDelivers") == 1
          and delta(before, after, "drops") == 2 * len(MARTIANS),
          "want %s, got %s, IpInDelivers +%d" % (want, got, delta(before, after, "IpInDelivers")))
    text = g.transcript.decode(errors="replace")
    line = "martian source 10.0.2.15 from 127.0.0.1, on dev eth0"
    if logged:
        check(g, "martians: sysctl.net.ipv4.conf.all.log_martians=1 logs Linux's lines",
              line in text and "martian destination 0.0.0.0 from 10.0.2.2, dev eth0" in text
              and "ll header: 00000000: 52 54 00 12 34 56 52 54 00 aa bb cc 08 00" in text,
              "no martian lines in the console log")
    else:
        check(g, "martians: nothing logged while log_martians is off", "martian " not in text)
    before = g.counters()
    got = []
    for i, src in enumerate(UNICAST_SOURCES):
        p.send(p.icmp_from(src, "10.0.2.15", 0x6e00 + i, 1))
        r = p.recv(3.0, lambda f: "icmp" in f and f["icmp"]["type"] == 0 and f["icmp"]["id"] == 0x6e00 + i)
        got.append(r is not None and r["ip"]["dst"] == fp.ip_bytes(src) and r["dst"] == p.mac)
    after = g.counters()
    check(g, "martians: class E (240/4) and 0.x.y.z sources are unicast, as in Linux 6.x: "
          "answered through the gateway", all(got) and delta(before, after, "rt:in_martian_src") == 0,
          "answered: %s" % got)


def test_broadcasts(g):
    """ICMP echo to a broadcast or multicast address is ignored (icmp_echo_ignore_broadcasts);
    UDP to a broadcast nobody takes is IgnoredMulti, never NoPorts, and gets no answer."""
    p = g.peer
    before = g.counters()
    bcast = fp.BROADCAST
    p.send(p.icmp_from("10.0.2.2", "255.255.255.255", 0x6f00, 1, eth_dst=bcast))
    p.send(p.icmp_from("10.0.2.2", "10.0.2.255", 0x6f01, 1, eth_dst=bcast))
    p.send(p.icmp_from("10.0.2.2", "224.0.0.1", 0x6f02, 1))
    p.send(p.udp_from("10.0.2.2", "255.255.255.255", 42100, 5999, b"anyone?", eth_dst=bcast))
    p.send(p.udp_from("10.0.2.2", "10.0.2.255", 42101, 5999, b"anyone?", eth_dst=bcast))
    p.send(p.udp_from("10.0.2.2", "224.0.0.1", 42102, 5999, b"anyone?"))
    p.send(p.udp_from("10.0.2.2", "224.0.0.9", 42103, 5999, b"not my group"))
    ok = barrier(g, 0x6fff)
    frames = p.drain(0.3)
    after = g.counters()
    answered = [f for f in frames if ("icmp" in f and f["icmp"]["id"] >> 8 == 0x6f and f["icmp"]["id"] != 0x6fff)
                or "udp" in f or ("icmp" in f and f["icmp"]["type"] == 3)]
    d = lambda k: delta(before, after, k)
    check(g, "broadcasts: ICMP echo to 255.255.255.255, 10.0.2.255 and 224.0.0.1 and UDP to them "
          "get no answer (no echo reply, no port unreachable)", ok and not answered,
          "answers: %s" % [(f["ip"]["src"], f["ip"]["dst"]) for f in answered])
    check(g, "broadcasts: the echoes counted as Linux counts them (IcmpInEchos, IcmpInErrors, "
          "INVALID_PROTO); UDP without a taker as UdpIgnoredMulti, not NoPorts",
          d("IcmpInEchos") == 4 and d("IcmpInErrors") == 3 and d("drop:INVALID_PROTO") == 3
          and d("UdpIgnoredMulti") == 3 and d("UdpNoPorts") == 0 and d("drop:NOT_SPECIFIED") == 4
          and d("IpExtInBcastPkts") == 4 and d("IpExtInMcastPkts") == 2 and d("rt:in_brd") == 4,
          "InEchos +%d InErrors +%d INVALID_PROTO +%d IgnoredMulti +%d NoPorts +%d "
          "NOT_SPECIFIED +%d InBcastPkts +%d InMcastPkts +%d in_brd +%d" % (
              d("IcmpInEchos"), d("IcmpInErrors"), d("drop:INVALID_PROTO"), d("UdpIgnoredMulti"),
              d("UdpNoPorts"), d("drop:NOT_SPECIFIED"), d("IpExtInBcastPkts"),
              d("IpExtInMcastPkts"), d("rt:in_brd")))


OTHER_MAC = fp.mac_bytes("52:54:00:de:ad:01")
# ARP senders that are no other host's, with the reason each is dropped under.
ARP_MARTIANS = [("127.0.0.1", "IP_LOCALNET"), ("224.0.0.1", "IP_INVALID_SOURCE"),
                ("255.255.255.255", "IP_INVALID_SOURCE"), ("10.0.2.255", "IP_INVALID_SOURCE")]


def arp_table(g):
    return re.findall(r"^(\d+\.\d+\.\d+\.\d+)\s+0x1\s", g.cat("/proc/net/arp"), re.M)


def test_arp_martians(g):
    """ARP from martian senders is neither cached nor answered; our address from another MAC
    is a duplicate, counted and logged; an unsolicited reply creates nothing; a request for a
    multicast or loopback target is dropped; a probe from 0.0.0.0 and a hardware-type-6
    request are answered as Linux answers them."""
    p = g.peer
    before = g.counters()
    for sip, _ in ARP_MARTIANS:
        p.send(p.arp_frame(1, sip, "10.0.2.15", sha=OTHER_MAC))
        p.send(p.arp_frame(2, sip, "10.0.2.15", sha=OTHER_MAC))
    p.send(p.arp_frame(1, "10.0.2.15", "10.0.2.15", sha=OTHER_MAC))
    p.send(p.arp_frame(2, "10.0.2.15", "10.0.2.15", sha=OTHER_MAC))
    p.send(p.arp_frame(2, "10.0.2.77", "10.0.2.15", sha=OTHER_MAC))
    p.send(p.arp_frame(1, "10.0.2.2", "224.0.0.1"))
    p.send(p.arp_frame(1, "10.0.2.2", "127.0.0.1"))
    ok = barrier(g, 0x7000)
    frames = p.drain(0.3)
    after = g.counters()
    d = lambda k: delta(before, after, k)
    replies = [f for f in frames if "arp" in f and f["arp"]["op"] == 2]
    check(g, "ARP: requests from 127.0.0.1, 224.0.0.1, 255.255.255.255, 10.0.2.255 and our own "
          "address are not answered", ok and not replies, "replies: %s" % replies)
    table = arp_table(g)
    bad = [ip for ip in table if ip in ("127.0.0.1", "224.0.0.1", "255.255.255.255", "10.0.2.255",
                                        "10.0.2.15", "10.0.2.77", "0.0.0.0")]
    check(g, "ARP: /proc/net/arp holds no martian, no own address, no unsolicited entry",
          not bad and "10.0.2.2" in table, "table: %s" % table)
    want = {"drop:IP_LOCALNET": 2, "drop:IP_INVALID_SOURCE": 6, "drop:ARP_DUP_ADDR": 2,
            "drop:ARP_INVALID": 2, "rt:in_martian_src": 5}
    got = {k: d(k) for k in want}
    text = g.transcript.decode(errors="replace")
    check(g, "ARP: each refusal counted (requests also as in_martian_src), the duplicate of "
          "10.0.2.15 logged", got == want and "eth0: duplicate address 10.0.2.15 claimed by "
          "52:54:00:de:ad:01" in text, "want %s, got %s" % (want, got))
    p.send(p.arp_frame(1, "0.0.0.0", "10.0.2.15", sha=OTHER_MAC))
    probe = p.recv(2.0, lambda f: "arp" in f and f["arp"]["op"] == 2 and f["arp"]["tha"] == OTHER_MAC)
    p.send(p.arp_frame(1, "10.0.2.2", "10.0.2.15", hrd=6))
    ieee = p.recv(2.0, lambda f: "arp" in f and f["arp"]["op"] == 2 and f["arp"]["tha"] == p.mac)
    check(g, "ARP: a probe from 0.0.0.0 for 10.0.2.15 is answered (to its sender) and caches nothing",
          probe is not None and probe["arp"]["sip"] == p.guest_ip and probe["dst"] == OTHER_MAC
          and "0.0.0.0" not in arp_table(g), "reply: %s" % probe)
    check(g, "ARP: a hardware type 6 (IEEE 802) request is answered, with type 1 as Linux's",
          ieee is not None and ieee["arp"]["hrd"] == 1 and ieee["arp"]["sha"] == p.guest_mac,
          "reply: %s" % ieee)
    check(g, "ARP: the link works afterwards (ARP and ping)",
          p.arp_resolve() is not None and barrier(g, 0x7001))


def sink(g, port, addr=None):
    g.proc.stdin.write(("/bin/udp_sink %d%s\r" % (port, " " + addr if addr else "")).encode())
    g.proc.stdin.flush()
    return g.read_until(b"Enter drains the queue", 10) or ""


def sink_drain(g):
    g.proc.stdin.write(b"\r")
    g.proc.stdin.flush()
    out = g.read_until(g.prompt, 20) or ""
    m = re.search(r"udp_sink: (\d+) datagrams were queued", out)
    return int(m.group(1)) if m else -1


def test_udp_bound_address(g):
    """UDP to 255.255.255.255 or 10.0.2.255 reaches a socket bound to INADDR_ANY or to that
    address, never one bound to 10.0.2.15; bind() to an address not ours fails."""
    p = g.peer
    bcast = fp.BROADCAST
    sends = [("255.255.255.255", bcast), ("10.0.2.255", bcast), ("10.0.2.15", None)]
    got = {}
    before = g.counters()
    for port, addr in ((5010, "10.0.2.15"), (5011, None), (5012, "10.0.2.255")):
        bound = sink(g, port, addr)
        for dst, eth_dst in sends:
            p.send(p.udp_from("10.0.2.2", dst, 43000, port, b"to " + dst.encode(), eth_dst=eth_dst))
        barrier(g, 0x7100 + port % 256)
        got[addr or "0.0.0.0"] = (sink_drain(g), "bound to %s port %d" % (addr or "0.0.0.0", port) in bound)
    after = g.counters()
    check(g, "UDP bound address: 10.0.2.15 takes only its unicast, 0.0.0.0 takes all three, "
          "10.0.2.255 only the subnet broadcast",
          got == {"10.0.2.15": (1, True), "0.0.0.0": (3, True), "10.0.2.255": (1, True)}, "got %s" % got)
    check(g, "UDP bound address: broadcasts without a taker are IgnoredMulti (3), unicast without "
          "one NoPorts (1)", delta(before, after, "UdpIgnoredMulti") == 3
          and delta(before, after, "UdpNoPorts") == 1,
          "IgnoredMulti +%d NoPorts +%d" % (delta(before, after, "UdpIgnoredMulti"),
                                            delta(before, after, "UdpNoPorts")))
    g.proc.stdin.write(b"/bin/udp_sink 5013 10.0.2.99\r")
    g.proc.stdin.flush()
    out = g.read_until(g.prompt, 10) or ""
    check(g, "UDP bound address: bind() to 10.0.2.99 (not ours) fails with EADDRNOTAVAIL",
          "udp_sink: Address not available" in out, out)


TRACE = "/sys/kernel/tracing/"
TRACE_LINE = re.compile(r"^ {0,15}\S.{0,15}-\d+ +\[\d{3}\] [dbX.][NnpP.][ZzHhs.][.0-9a-f][.0-9a-f] +\d+\.\d{6}: \w+: ")


def eth0_rx_packets(g):
    m = re.search(r"^\s*eth0:\s+\d+\s+(\d+)", g.cat("/proc/net/dev"), re.M)
    return int(m.group(1)) if m else -1


def test_trace_flood():
    """Every trace event enabled during the 100,000-frame flood on four CPUs,
    with user space up (the shell as init): the kernel survives, the console
    answers during the flood, and afterwards the trace's header, the per-CPU
    stats and the lines the trace file holds agree. The buffer is made small
    (32 KiB a CPU) so that it wraps many times over and trace stays short."""
    g = Guest("trace-flood", "", user_space=True, smp=4)
    try:
        if not check(g, "trace flood: boots to the shell on four CPUs", g.boot is not None):
            return
        g.command("echo 32 > " + TRACE + "buffer_size_kb")
        g.command("echo 1 > " + TRACE + "events/enable")
        enabled = g.cat(TRACE + "events/enable")
        check(g, "trace flood: every event enabled", re.search(r"^1$", enabled, re.M) is not None,
              enabled)
        p = g.peer
        p.arp_resolve()
        rx0 = eth0_rx_packets(g)
        frame = p.udp_frame(40001, 9, b"flood-frame-payload")	# discard: consume_skb each
        asked, answered = [], []

        def poke(sent):
            g.poll_output()
            if not asked and sent >= FLOOD_COUNT // 3:
                asked.append(len(g.transcript))
                g.proc.stdin.write(b"echo flood-midway\r")
                g.proc.stdin.flush()
            elif asked and not answered and b"flood-midway\r\n" + g.prompt in g.transcript[asked[0]:]:
                answered.append(sent)

        # One frame of its own length after the flood stops the tracing at once, so
        # that the buffer keeps the flood's last events rather than the idle ticks after.
        sentinel = p.udp_frame(40002, 9, b"s" * 200)	# IPv4 length 228
        g.command("echo 'traceoff if len == 228' > " + TRACE + "events/net/netif_receive_skb/trigger")
        secs = p.flood(frame, FLOOD_COUNT, FLOOD_RATE, poke)
        p.send(sentinel)
        g.read_until(g.prompt, 10)
        check(g, "trace flood: the console answers during %d frames with every event on"
              % FLOOD_COUNT, bool(answered) and answered[0] < FLOOD_COUNT,
              "answered at frame %s" % answered)
        off, end, sentinels = False, time.monotonic() + 20, 1
        while not off and time.monotonic() < end:
            off = re.search(r"^0$", g.cat(TRACE + "tracing_on"), re.M) is not None
            if not off:
                p.send(sentinel)
                sentinels += 1
        check(g, "trace flood: a traceoff trigger on netif_receive_skb stops the tracing", off)
        rx = eth0_rx_packets(g) - rx0
        stats = [g.cat(TRACE + "per_cpu/cpu%d/stats" % cpu) for cpu in range(4)]
        num = lambda text, key: int((re.search(r"^%s: (\d+)" % key, text, re.M) or [0, -1])[1])
        entries = [num(st, "entries") for st in stats]
        overrun = [num(st, "overrun") for st in stats]
        # The trace's own "# " lines look like the prompt: wait for a marker the
        # shell prints (its input echo reads "end''-of-trace", not the marker).
        g.proc.stdin.write(("cat " + TRACE + "trace; echo end''-of-trace\r").encode())
        g.proc.stdin.flush()
        trace = g.read_until(b"end-of-trace\r\n" + g.prompt, 120) or ""
        head = re.search(r"^# entries-in-buffer/entries-written: (\d+)/(\d+)   #P:(\d+)$", trace, re.M)
        lines = sum(1 for line in trace.splitlines() if TRACE_LINE.match(line))
        kinds = set(re.findall(r"\d+\.\d{6}: (\w+): ", trace))
        print("    # net-trace-flood: %d frames in %.1f s; entries %s, overrun %s; header %s; "
              "%d lines of %d kinds" % (FLOOD_COUNT, secs, entries, overrun,
                                        head.group(0) if head else None, lines, len(kinds)))
        check(g, "trace flood: the header's entries-in-buffer/entries-written are the per-CPU "
              "stats' sums (entries, entries + overrun)",
              head is not None and -1 not in entries + overrun
              and int(head.group(1)) == sum(entries)
              and int(head.group(2)) == sum(entries) + sum(overrun) and head.group(3) == "4",
              "header %s, entries %s, overrun %s" % (head.group(0) if head else None, entries, overrun))
        check(g, "trace flood: the trace holds exactly the entries the buffer says it kept, "
              "each line in Linux's layout", head is not None and lines == int(head.group(1)) > 0,
              "%d lines, header says %s" % (lines, head.group(1) if head else None))
        # Each frame received while tracing was on wrote at least its netif_receive_skb
        # and consume_skb; only the sentinels after the first came in with tracing off.
        check(g, "trace flood: the buffer wrapped, and it was written at least twice per frame "
              "the NIC received while tracing (netif_receive_skb, consume_skb)",
              sum(overrun) > 0 and head is not None and int(head.group(2)) >= 2 * (rx - sentinels)
              and rx > FLOOD_COUNT // 2 and {"netif_receive_skb", "irq_handler_entry"} <= kinds,
              "overrun %s, written %s, frames received %d, kinds %s"
              % (overrun, head.group(2) if head else None, rx, sorted(kinds)))
        g.command("echo '!traceoff' >> " + TRACE + "events/net/netif_receive_skb/trigger")
        g.command("echo 0 > " + TRACE + "events/enable")
        g.command("echo 1 > " + TRACE + "tracing_on")
        pong = p.ping(0x7ace, 1, b"after-the-traced-flood", timeout=5.0)
        check(g, "trace flood: the stack answers afterwards", pong is not None)
        test_trace_cost(g)
    finally:
        g.close()


def stable_rx(g, timeout=30):
    """eth0's rx_packets once two readings in a row agree: the frames sent
    have all been taken (or lost) by the guest, whatever the host's load."""
    end, last = time.monotonic() + timeout, None
    while True:
        now = eth0_rx_packets(g)
        if now == last or time.monotonic() >= end:
            return now
        last = now


def test_trace_cost(g, count=3000):
    """What tools/netcost.py measures, on four CPUs: a flood traced with the
    receive path's events on the x86-tsc clock (irq_handler_entry/exit,
    softirq_entry/exit, napi_poll, netif_receive_skb) and a buffer that
    keeps them all. Every frame eth0 took is one netif_receive_skb event,
    napi_poll's work adds up to them, and eth0's hard IRQs and NET_RX
    passes pair up, each with a cost (TSC ticks between its two events)."""
    g.command("echo 0 > " + TRACE + "tracing_on")
    g.command("echo x86-tsc > " + TRACE + "trace_clock")
    g.command("echo 1024 > " + TRACE + "buffer_size_kb")
    for e in netcost.EVENTS:
        g.command("echo 1 > " + TRACE + "events/" + e + "/enable")
    g.command("echo > " + TRACE + "trace")
    rx0 = stable_rx(g)
    g.command("echo 1 > " + TRACE + "tracing_on")
    g.peer.flood(g.peer.udp_frame(40003, 9, b"traced-frame"), count, FLOOD_RATE)
    rx = stable_rx(g) - rx0
    g.command("echo 0 > " + TRACE + "tracing_on")
    rx_after = eth0_rx_packets(g) - rx0
    g.proc.stdin.write(("cat " + TRACE + "trace; echo end''-of-trace\r").encode())
    g.proc.stdin.flush()
    trace = g.read_until(b"end-of-trace\r\n" + g.prompt, 120) or ""
    events, head = netcost.parse(trace)
    hard, passes, frames, work = netcost.measure(events)
    seen = sum(1 for _, _, name, f in events
               if name == "netif_receive_skb" and netcost.field(f, "dev") == "eth0")
    mean = lambda xs: sum(x[0] for x in xs) // max(1, len(xs))
    print("    # net-trace-cost: %d frames sent, %d taken, %d netif_receive_skb events, napi_poll "
          "work %d in %d polls; %d hard IRQs (%d ticks each), %d NET_RX passes (%d), %d frame "
          "gaps (%d); header %s, %d lines" % (count, rx, seen, sum(work), len(work), len(hard),
                                              mean(hard), len(passes), mean(passes), len(frames),
                                              mean(frames), head, len(events)))
    check(g, "trace cost: the trace kept every event (entries-in-buffer = entries-written = "
          "its lines)", head is not None and head[0] == head[1] == len(events) > 0,
          "header %s, %d lines" % (head, len(events)))
    check(g, "trace cost: every frame eth0 took is one netif_receive_skb event, and napi_poll's "
          "work adds up to them", rx > count // 2 and rx == rx_after == seen == sum(work),
          "sent %d, taken %d (%d after tracing off), events %d, work %d"
          % (count, rx, rx_after, seen, sum(work)))
    check(g, "trace cost: eth0's hard IRQs and NET_RX passes pair up, each with a cost, and "
          "each frame has one", hard and passes and len(frames) == seen
          and all(x[0] > 0 for x in hard + passes + frames),
          "%d hard IRQs, %d passes, %d frame gaps, smallest %s"
          % (len(hard), len(passes), len(frames), min((x[0] for x in hard + passes + frames),
                                                      default=None)))
    for e in netcost.EVENTS:
        g.command("echo 0 > " + TRACE + "events/" + e + "/enable")
    g.command("echo local > " + TRACE + "trace_clock")
    g.command("echo 1 > " + TRACE + "tracing_on")


def run(tag, append, traces_on_cmdline, smp):
    g = Guest(tag, append, smp=smp)
    try:
        if not check(g, "boots to the console with the e1000 on a dgram netdev", g.boot is not None):
            return
        if traces_on_cmdline:
            test_traces(g, True)
        test_basics(g)
        test_malformed(g)
        test_martians(g, "log_martians=1" in append)
        test_broadcasts(g)
        test_arp_martians(g)
        if smp == 4:
            test_rps(g)
        test_flood(g)
        if not traces_on_cmdline:
            test_traces(g, False)
    finally:
        g.close()


def run_rps_nonapi():
    """RPS with reflex.napi=off on four CPUs: the e1000's hard IRQ queues each
    frame with netif_rx() to the backlog of a CPU in rps_cpus."""
    g = Guest("nonapi-rps", "reflex.napi=off", smp=4)
    try:
        if check(g, "boots to the console on four CPUs, reflex.napi=off", g.boot is not None):
            g.peer.arp_resolve()
            test_rps(g)
    finally:
        g.close()


def main():
    os.makedirs("build/test-logs", exist_ok=True)
    # NAPI on four CPUs (the NIC's interrupt on CPU 0, tasks anywhere), the
    # receive work in the hard IRQ on one.
    run("napi", "", False, 4)
    run("nonapi", "reflex.napi=off reflex.stacktrace=e1000_intr,e1000_clean_rx_irq "
        "sysctl.net.ipv4.conf.all.log_martians=1", True, 1)
    run_rps_nonapi()
    test_user_echo()
    test_trace_flood()


if __name__ == "__main__":
    if sys.argv[1:] == ["trace-flood"]:
        os.makedirs("build/test-logs", exist_ok=True)
        test_trace_flood()
        sys.exit(0)
    main()
    sys.exit(0)
