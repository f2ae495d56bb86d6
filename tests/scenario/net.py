#!/usr/bin/env python3
"""The network path end to end: QEMU's e1000 on a dgram netdev, driven by
tools/framepeer.py from the host, the guest's counters read over the kernel
console. Runs twice: with NAPI (the default) and with reflex.napi=off.

Each boot checks: the e1000's INTx row in /proc/interrupts; ARP; 100 ICMP
echoes; UDP echo for every payload size 0-1472; 2,000 malformed frames
dropped and counted; a 100,000-frame flood during which the console answers
and the timer ticks, accounted for frame by frame; and the stack traces at
e1000_intr and e1000_clean_rx_irq."""
import os
import random
import re
import select
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
import framepeer as fp  # noqa: E402

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
NONAPI_RX_CHAIN = ["e1000_clean_rx_irq", "e1000_intr", "__handle_irq_event_percpu",
                   "handle_irq_event", "handle_fasteoi_irq", "__common_interrupt",
                   "common_interrupt", "asm_common_interrupt"]


class Guest:
    """QEMU with the serial console on pipes and the e1000 on a framepeer.
    reflex.kconsole keeps the kernel console instead of starting init."""

    def __init__(self, tag, append, user_space=False):
        """user_space: boot /init (the shell, which starts /bin/udp_echo on
        port 7) instead of the kernel console."""
        self.tag = tag
        self.prompt = b"# " if user_space else PROMPT
        self.transcript = bytearray()
        if not user_space:
            append = "reflex.kconsole " + append
        for _ in range(5):
            self.peer = fp.Peer(guest_mac=GUEST_MAC)
            self.proc = subprocess.Popen(
                ["timeout", "-k", "5", str(int(DEADLINE * 3)), "qemu-system-x86_64",
                 "-M", "pc", "-cpu", "max", "-m", "256M", "-display", "none",
                 "-monitor", "none", "-serial", "stdio", "-no-reboot",
                 "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                 "-netdev", self.peer.netdev(), "-device", "e1000,netdev=n0,mac=" + GUEST_MAC,
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
        self.proc.stdin.write(line.encode() + b"\r")
        self.proc.stdin.flush()
        return self.read_until(self.prompt, timeout)

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
        for line in self.cat("/proc/net/e1000").splitlines():
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
            elif all(w.isdigit() for w in words):
                for n, v in zip(header[m.group(1)], words):
                    c[m.group(1) + n] = int(v)
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
          re.search(r"^\s*\d+:\s+\d+\s+IO-APIC\s+\d+-fasteoi\s+eth0$", inter, re.M) is not None,
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
    time, which a loaded host can stretch."""
    end = time.monotonic() + timeout
    while True:
        c = g.counters()
        if done(c) or time.monotonic() >= end:
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
    driver_of = lambda c: dk(c, "rx_packets") + dk(c, "rx_drop") - dk(c, "hw:rx_missed_errors") + dk(c, "rx_errs")
    after = wait_for_counters(g, lambda c: driver_of(c) == dk(c, "hw:rx_packets") and
                              dk(c, "hw:rx_packets") + dk(c, "hw:rx_missed_errors")
                              + p.host_drops() - drops0 >= FLOOD_COUNT)
    host = p.host_drops() - drops0
    d = lambda k: after.get(k, 0) - before.get(k, 0)
    nic_rx, missed = d("hw:rx_packets"), d("hw:rx_missed_errors")
    driver = d("rx_packets") + (after["rx_drop"] - before["rx_drop"] - missed) + d("rx_errs")
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
    p = g.peer
    if not armed_on_cmdline:
        g.command("stacktrace e1000_intr 1")
        g.command("stacktrace e1000_clean_rx_irq 1")
    start = len(g.transcript)
    p.ping(7, 7, b"trace me")
    g.command("echo traced")
    text = g.transcript[start:].decode(errors="replace").replace("\r", "") if not armed_on_cmdline \
        else g.transcript.decode(errors="replace").replace("\r", "")
    intr = trace_chain(text, "e1000_intr")
    rx = trace_chain(text, "e1000_clean_rx_irq")
    check(g, "stack trace at e1000_intr: " + " <- ".join(DESIGN_INTR_CHAIN),
          contains_in_order(intr, DESIGN_INTR_CHAIN), "got: %s" % " ".join(intr))
    want_rx = DESIGN_RX_CHAIN if g.tag == "napi" else NONAPI_RX_CHAIN
    check(g, "stack trace at e1000_clean_rx_irq: " + " <- ".join(want_rx),
          contains_in_order(rx, want_rx), "got: %s" % " ".join(rx))


def test_user_echo():
    """The echo service as a user program: init (the shell) starts
    /bin/udp_echo 7, which sleeps in recvfrom until NET_RX wakes it."""
    g = Guest("user", "", user_space=True)
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
        test_socket_overflow(g)
    finally:
        g.close()


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


def run(tag, append, traces_on_cmdline):
    g = Guest(tag, append)
    try:
        if not check(g, "boots to the console with the e1000 on a dgram netdev", g.boot is not None):
            return
        if traces_on_cmdline:
            test_traces(g, True)
        test_basics(g)
        test_malformed(g)
        test_flood(g)
        if not traces_on_cmdline:
            test_traces(g, False)
    finally:
        g.close()


def main():
    os.makedirs("build/test-logs", exist_ok=True)
    run("napi", "", False)
    run("nonapi", "reflex.napi=off reflex.stacktrace=e1000_intr,e1000_clean_rx_irq", True)
    test_user_echo()


if __name__ == "__main__":
    main()
    sys.exit(0)
