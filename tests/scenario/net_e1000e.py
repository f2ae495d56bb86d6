#!/usr/bin/env python3
"""The e1000e (82574L) driver end to end: QEMU's -device e1000e on a dgram
netdev, driven by tools/framepeer.py, counters read over the kernel console.

Boots:
  rss     -smp 4, the default two queues: five MSI-X vectors; ARP, ICMP, UDP
          echo; RSS puts each TCP flow (16 source ports) and each UDP flow (16
          source addresses) on the queue the Toeplitz hash and the driver's
          key and redirection table predict; each receive vector, a managed
          interrupt, counts on one CPU of its mask, the queues apart, and a
          user's smp_affinity write gets EIO; malformed frames dropped
          and counted; a 20,000-frame flood over both queues accounted for.
  linux   -smp 4, e1000e.queues=1: Linux's three vectors rx-0, tx-0, other;
          everything on queue 0.
  smp1    -smp 1, two queues: both queues work, all on CPU 0.
  intx    pci=nomsi: Linux's fallback, MSI-X -> MSI -> INTx, one queue.
The rss boot also steers each queue with its own rps_cpus (RPS). Both
-smp 4 boots also check the stack traces at e1000_intr_msix_rx and
e1000_clean_rx_irq."""
import os
import random
import re
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import framepeer as fp  # noqa: E402
import net  # noqa: E402
import serialpipe  # noqa: E402

DEADLINE = float(os.environ.get("QEMU_TIMEOUT", "90"))
FLOOD_COUNT = int(os.environ.get("E1000E_FLOOD_COUNT", "20000"))
FLOOD_RATE = int(os.environ.get("E1000E_FLOOD_RATE", "20000"))
GUEST_MAC = net.GUEST_MAC
PCI = "0000:00:03.0"

# The driver's RSS key (netdev.c) and redirection table: entry i -> queue i & 1.
RSS_KEY = bytes([
    0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
    0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
    0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
    0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa])


def toeplitz(data, key=RSS_KEY):
    """Microsoft's RSS hash: for each set input bit, XOR in the key's 32 bits at that position."""
    k = int.from_bytes(key, "big")
    klen = len(key) * 8
    h = 0
    for i, byte in enumerate(data):
        for b in range(8):
            if byte & (0x80 >> b):
                h ^= (k >> (klen - 32 - (i * 8 + b))) & 0xffffffff
    return h


def rss_queue(src, dst, ports=None):
    """The queue the 82574 picks: IPv4 (or IPv4/TCP with ports) hash, RETA[hash & 127], bit 7."""
    data = fp.ip_bytes(src) + fp.ip_bytes(dst) + (struct.pack("!HH", *ports) if ports else b"")
    return (toeplitz(data) & 0x7f) & 1


def tcp_syn(src_ip, dst_ip, sport, dport):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4, 0x02, 8192, 0, 0)
    pseudo = src_ip + dst_ip + struct.pack("!BBH", 0, 6, len(hdr))
    csum = fp.checksum(pseudo + hdr)
    return hdr[:16] + struct.pack("!H", csum) + hdr[18:]


class Guest(net.Guest):
    """net.py's guest with an e1000e instead of the e1000."""

    def __init__(self, tag, append, smp):
        import subprocess
        self.tag = "e1000e-" + tag
        self.smp = smp
        self.prompt = net.PROMPT
        self.transcript = bytearray()
        for _ in range(5):
            self.peer = fp.Peer(guest_mac=GUEST_MAC)
            self.proc = subprocess.Popen(
                ["timeout", "-k", "5", str(int(DEADLINE * 3)), "qemu-system-x86_64",
                 "-M", "pc", "-cpu", "max", "-m", "256M", "-smp", str(smp),
                 "-display", "none", *serialpipe.monitor_args(), "-serial", "stdio", "-no-reboot",
                 "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                 "-netdev", self.peer.netdev(), "-device", "e1000e,netdev=n0,mac=" + GUEST_MAC,
                 "-kernel", "build/reflex.elf",
                 "-append", "console=ttyS0 reflex.kconsole " + append],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            self.boot = self.read_until(self.prompt, DEADLINE)
            if self.boot is not None or b"Address already in use" not in self.transcript:
                return
            self.proc.wait()
            self.transcript.clear()

    def counters(self):
        c = super().counters()
        for line in self.cat("/proc/net/e1000e").splitlines():
            m = re.match(r"\s+(\w+): (-?\d+)$", line)
            if m:
                c["hw:" + m.group(1)] = int(m.group(2))
        return c


def check(g, name, ok, detail=""):
    return net.check(g, name, ok, detail)


def irq_rows(inter):
    """name -> (MSI-X entry, [count per CPU]) for the PCI-MSI(X) rows."""
    rows = {}
    for m in re.finditer(r"^\s*\d+:((?:\s+\d+)+)\s+PCI-MSIX?-%s\s+(\d+)-edge\s+(\S+)$" % PCI,
                         inter, re.M):
        rows[m.group(3)] = (int(m.group(2)), [int(x) for x in m.group(1).split()])
    return rows


def test_probe(g, queues):
    vecs = 2 * queues + 1
    boot = g.boot or ""
    check(g, "probe: eth0 with the NIC's MAC, MSI-X with %d queue(s) and %d vectors, IP-Config" % (queues, vecs),
          "e1000e %s eth0: (PCI Express:2.5GT/s:Width x1) %s" % (PCI, GUEST_MAC) in boot
          and "e1000e %s eth0: MSI-X, %d queue%s, %d vectors" % (
              PCI, queues, "s (RSS)" if queues > 1 else "", vecs) in boot
          and "ipaddr=10.0.2.15, mask=255.255.255.0, gw=10.0.2.2" in boot, boot[-1500:])
    inter = g.cat("/proc/interrupts")
    want = ["eth0-rx-%d" % q for q in range(queues)] + ["eth0-tx-%d" % q for q in range(queues)] + ["eth0"]
    rows = irq_rows(inter)
    check(g, "/proc/interrupts: PCI-MSIX rows %s, MSI-X entries 0-%d in that order"
          % (", ".join(want), vecs - 1),
          [(n, rows.get(n, (None,))[0]) for n in want] == [(n, i) for i, n in enumerate(want)]
          and len(rows) == vecs, inter)


def test_echo(g):
    p = g.peer
    f = p.arp_resolve()
    check(g, "ARP: a request for 10.0.2.15 is answered with the NIC's MAC",
          f is not None and f["arp"]["sha"] == fp.mac_bytes(GUEST_MAC))
    ok = 0
    for seq in range(50):
        data = os.urandom(56)
        r = p.ping(0x4242, seq, data)
        ok += bool(r and r["icmp"]["data"] == data and r["icmp"]["csum_ok"])
    check(g, "ICMP: 50 of 50 echo requests answered", ok == 50, "%d/50" % ok)
    bad = []
    for size in list(range(0, 1473, 23)) + [1472]:
        data = os.urandom(size)
        p.send(p.udp_frame(40000 + size % 7, 7, data))
        r = p.recv(2.0, lambda f: "udp" in f and f["udp"]["sport"] == 7)
        if not r or r["udp"]["data"] != data or not r["udp"]["csum_ok"]:
            bad.append(size)
    check(g, "UDP echo: payloads 0-1472 come back unchanged", not bad, "failing: %s" % bad)


def queue_deltas(before, after, queues):
    return [after.get("hw:rx_queue_%d_packets" % q, 0) - before.get("hw:rx_queue_%d_packets" % q, 0)
            for q in range(queues)]


def test_flows(g, queues):
    """16 TCP flows (source ports) and 16 UDP echo flows (source addresses): each frame on the
    queue RSS predicts (the 82574 hashes TCP ports, never UDP ports: UDP flows differ by address)."""
    p = g.peer
    per_flow = 5
    before = g.counters()
    predicted = [0, 0]
    for i in range(16):
        sport = 33000 + 97 * i
        seg = tcp_syn(p.ip, p.guest_ip, sport, 80)
        for _ in range(per_flow):
            p.send(p.to_guest(fp.ETH_P_IP, fp.ipv4(p.ip, p.guest_ip, 6, seg)))
        predicted[rss_queue("10.0.2.2", "10.0.2.15", (sport, 80)) if queues > 1 else 0] += per_flow
    net.barrier(g, 0x7e00)	# ICMP: hashed on the addresses alone
    predicted[rss_queue("10.0.2.2", "10.0.2.15") if queues > 1 else 0] += 1
    after = g.counters()
    got = queue_deltas(before, after, queues)
    want = predicted[:queues]
    check(g, "RSS: 16 TCP flows x %d frames (+1 ping) land on the queues the Toeplitz hash "
          "predicts %s" % (per_flow, want), got == want and (queues == 1 or min(want) > 0),
          "per queue: got %s, predicted %s" % (got, want))
    before = after
    answered, predicted = 0, [0, 0]
    for i in range(16):
        src = "192.168.7.%d" % (10 + i)
        data = ("flow %d" % i).encode()
        p.send(p.udp_from(src, "10.0.2.15", 41000 + i, 7, data))
        r = p.recv(2.0, lambda f: "udp" in f and f["udp"]["sport"] == 7 and f["udp"]["dport"] == 41000 + i)
        answered += bool(r and r["udp"]["data"] == data and r["ip"]["dst"] == fp.ip_bytes(src))
        predicted[rss_queue(src, "10.0.2.15") if queues > 1 else 0] += 1
    after = wait_counters(g, lambda c: sum(queue_deltas(before, c, queues)) >= 16)
    got = queue_deltas(before, after, queues)
    # The guest may also have taken an ARP reply for the gateway (not IPv4: queue 0).
    extra = got[0] - predicted[0]
    check(g, "RSS: UDP echo from 16 source addresses all answered, each on its predicted queue %s"
          % predicted[:queues], answered == 16 and got[1:] == predicted[1:queues] and extra in (0, 1)
          and (queues == 1 or min(predicted[:queues]) > 0),
          "answered %d; per queue got %s, predicted %s" % (answered, got, predicted[:queues]))
    return after


def wait_counters(g, done, timeout=20):
    end = time.monotonic() + timeout
    while True:
        c = g.counters()
        if done(c) or time.monotonic() >= end:
            return c


def irq_numbers(inter):
    """name -> Linux IRQ number for the PCI-MSI(X) rows."""
    return {m.group(2): int(m.group(1)) for m in re.finditer(
        r"^\s*(\d+):(?:\s+\d+)+\s+PCI-MSIX?-%s\s+\d+-edge\s+(\S+)$" % PCI, inter, re.M)}


def cpu_list(text):
    cpus = set()
    for part in text.strip().split(","):
        if "-" in part:
            a, b = part.split("-")
            cpus.update(range(int(a), int(b) + 1))
        elif part.isdigit():
            cpus.add(int(part))
    return cpus


def read_mask(g, irq):
    """The CPUs of /proc/irq/IRQ/smp_affinity_list, an empty set if unreadable."""
    lines = [line.strip() for line in g.cat("/proc/irq/%d/smp_affinity_list" % irq).splitlines()
             if re.match(r"^[0-9][0-9,-]*$", line.strip())]
    return cpu_list(lines[-1]) if lines else set()


def test_placement(g, queues, c):
    """One queue (Linux's layout): both vectors on the first CPU. Two queues: the
    queue vectors are managed interrupts spread by the kernel: each receive
    vector counts on one CPU column only, inside its mask
    (/proc/irq/N/smp_affinity_list), the receive queues on different CPUs
    when there are several, and each ring's NAPI poll ran where its vector
    did."""
    rows = irq_rows(c["interrupts"])
    irqs = irq_numbers(c["interrupts"])
    cols = {name: [cpu for cpu, n in enumerate(counts) if n] for name, (_, counts) in rows.items()}
    masks = {name: read_mask(g, irq) for name, irq in irqs.items()}
    napi = [c.get("hw:rx_queue_%d_cpu" % q) for q in range(queues)]
    rx = ["eth0-rx-%d" % q for q in range(queues)]
    if queues == 1:
        ok = cols.get("eth0-rx-0") == [0] and set(cols.get("eth0-tx-0", [])) <= {0} and napi == [0]
    else:
        ok = all(len(cols.get(n, [])) == 1 and set(cols[n]) <= masks.get(n, set()) for n in rx) \
            and (g.smp == 1 or len({cols[n][0] for n in rx}) == queues) \
            and napi == [cols[n][0] for n in rx] \
            and all(set(cols.get("eth0-tx-%d" % q, [])) <= masks.get("eth0-tx-%d" % q, set())
                    for q in range(queues))
    check(g, "placement: each receive vector counts on one CPU of its mask, the queues apart, "
          "its NAPI polled there", ok,
          "columns with counts %s; masks %s; NAPI last ran on %s" % (cols, masks, napi))
    if queues > 1 and "eth0-rx-0" in irqs:
        irq = irqs["eth0-rx-0"]
        out = g.command("echo %d > /proc/irq/%d/smp_affinity_list" % (g.smp - 1, irq)) or ""
        check(g, "placement: a managed vector refuses a user's affinity (EIO), its mask unchanged",
              "echo: write error: -5" in out and read_mask(g, irq) == masks["eth0-rx-0"], out)


def test_flood(g, queues):
    """FLOOD_COUNT frames alternating between a flow for each queue: every one accounted for."""
    p = g.peer
    flows = [None, None]
    for i in range(64):
        src = "192.168.9.%d" % (10 + i)
        q = rss_queue(src, "10.0.2.15") if queues > 1 else 0
        if flows[q] is None:
            flows[q] = p.udp_from(src, "10.0.2.15", 40001, 9, b"flood-frame-payload")
    frames = [f for f in flows if f is not None]
    before = g.counters()
    drops0 = p.host_drops()
    start = time.monotonic()
    batch = 200
    sent = 0
    while sent < FLOOD_COUNT:
        for _ in range(min(batch, FLOOD_COUNT - sent)):
            p.sock.sendto(frames[sent % len(frames)], ("127.0.0.1", p.qemu_port))
            sent += 1
        ahead = sent / FLOOD_RATE - (time.monotonic() - start)
        if ahead > 0:
            time.sleep(ahead)
    p.sent += sent
    secs = time.monotonic() - start
    dk = lambda c, k: c.get(k, 0) - before.get(k, 0)
    driver_of = lambda c: dk(c, "rx_packets") + dk(c, "rx_drop") + dk(c, "rx_errs")
    after = wait_counters(g, lambda c: driver_of(c) == dk(c, "hw:rx_packets") and
                          dk(c, "hw:rx_packets") + dk(c, "hw:rx_missed_errors")
                          + p.host_drops() - drops0 >= FLOOD_COUNT, timeout=30)
    host = p.host_drops() - drops0
    d = lambda k: dk(after, k)
    nic, missed = d("hw:rx_packets"), d("hw:rx_missed_errors")
    per_q = queue_deltas(before, after, queues)
    driver = d("rx_packets") + d("rx_drop") + d("rx_errs")
    stack = d("UdpInDatagrams") + d("drops")
    print("    # net-%s flood: %d frames at %d/s in %.1f s; NIC received %d, missed %d, host drops %d;"
          " per queue %s; stack delivered %d + dropped %d" % (g.tag, FLOOD_COUNT, FLOOD_RATE, secs, nic,
                                                            missed, host, per_q, d("UdpInDatagrams"), d("drops")))
    check(g, "flood: %d frames accounted for (sent = NIC received + NIC missed + host drops; "
          "NIC = sum of the queues = delivered + dropped)" % FLOOD_COUNT,
          nic + missed + host == FLOOD_COUNT and driver == nic and sum(per_q) == nic
          and stack == d("rx_packets"),
          "sent %d, NIC %d + missed %d + host %d; queues %s; driver %d; stack %d vs rx %d"
          % (FLOOD_COUNT, nic, missed, host, per_q, driver, stack, d("rx_packets")))
    if queues > 1:
        check(g, "flood: both receive queues carried it", min(per_q) > 0, "per queue %s" % per_q)
    data = os.urandom(64)
    p.send(p.udp_frame(41001, 7, data))
    r = p.recv(3.0, lambda f: "udp" in f and f["udp"]["dport"] == 41001)
    check(g, "flood: echo works afterwards", r is not None and r["udp"]["data"] == data)


def test_rps_queues(g):
    """Each receive queue has its own rps_cpus (/sys/class/net/eth0/queues/rx-N): with rx-0
    steered to CPU 2 and rx-1 to CPU 3, each queue's frames are processed on its CPU."""
    rps = lambda q, *a: (g.command(" ".join(("rps_cpus eth0 %d" % q,) + a)) or "").replace("\r", "")
    check(g, "RPS: rx-0 and rx-1 each have rps_cpus, reading 0; there is no rx-2",
          "\n0\n" in rps(0) and "\n0\n" in rps(1) and "no such device or receive queue" in rps(2))
    rps(0, "4")
    rps(1, "8")
    p = g.peer
    before, sn0 = g.counters(), net.softnet(g)
    count = 0
    for r in range(10):
        for i in range(16):
            p.send(p.udp_from("192.168.8.%d" % (10 + i), "10.0.2.15", 42000 + i, 9, b"rps per queue"))
            count += 1
        time.sleep(0.005)
    d = lambda c, k: c.get(k, 0) - before.get(k, 0)
    after = wait_counters(g, lambda c: d(c, "UdpInDatagrams") >= count)
    sn1 = net.softnet(g)
    dsn = {cpu: [a - b for a, b in zip(sn1[cpu], sn0[cpu])] for cpu in sn1}
    per_q = queue_deltas(before, after, 2)
    check(g, "RPS: rx-0's frames processed on CPU 2, rx-1's on CPU 3 (after their IPIs), none "
          "on CPUs 0-1", d(after, "UdpInDatagrams") == count and min(per_q) > 0
          and [dsn[c][0] for c in range(4)] == [0, 0, per_q[0], per_q[1]]
          and dsn[2][2] > 0 and dsn[3][2] > 0,
          "UDP +%d of %d; per queue %s; per CPU (processed, dropped, received_rps) %s"
          % (d(after, "UdpInDatagrams"), count, per_q, dsn))
    rps(0, "0")
    rps(1, "0")
    check(g, "RPS: rps_cpus 0 on both queues turns it off", "\n0\n" in rps(0) and "\n0\n" in rps(1))


MSIX_RX_CHAIN = ["e1000_intr_msix_rx", "__handle_irq_event_percpu", "handle_irq_event",
                 "handle_edge_irq", "__common_interrupt", "common_interrupt", "asm_common_interrupt"]
# NET_RX runs on the way out of whichever hard interrupt comes first after the
# vector's (often the vector's own, sometimes the local timer's), or in ksoftirqd.
POLL_RX_CHAIN = ["e1000_clean_rx_irq", "e1000e_poll", "__napi_poll", "net_rx_action",
                 "handle_softirqs"]


def test_traces(g):
    """Linux's path: the queue's MSI-X vector (an edge interrupt) schedules NAPI; the ring is
    cleaned by e1000e_poll in NET_RX_SOFTIRQ."""
    g.command("stacktrace e1000_intr_msix_rx 1")
    g.command("stacktrace e1000_clean_rx_irq 1")
    start = len(g.transcript)
    g.peer.ping(7, 7, b"trace me")
    g.command("echo traced")
    text = g.transcript[start:].decode(errors="replace").replace("\r", "")
    intr = net.trace_chain(text, "e1000_intr_msix_rx")
    rx = net.trace_chain(text, "e1000_clean_rx_irq")
    check(g, "stack trace at e1000_intr_msix_rx: " + " <- ".join(MSIX_RX_CHAIN),
          net.contains_in_order(intr, MSIX_RX_CHAIN), "got: %s" % " ".join(intr))
    check(g, "stack trace at e1000_clean_rx_irq: " + " <- ".join(POLL_RX_CHAIN),
          net.contains_in_order(rx, POLL_RX_CHAIN), "got: %s" % " ".join(rx))


def run(tag, append, smp, queues, full):
    g = Guest(tag, append, smp)
    try:
        if not check(g, "boots to the console with the e1000e on a dgram netdev", g.boot is not None):
            return
        test_probe(g, queues)
        test_echo(g)
        c = test_flows(g, queues)
        test_placement(g, queues, c)
        if smp > 1:
            test_traces(g)
        if smp == 4 and queues == 2:
            test_rps_queues(g)
        if full:
            net.test_malformed(g)
            test_flood(g, queues)
    finally:
        g.close()


def run_intx():
    g = Guest("intx", "pci=nomsi", 1)
    try:
        boot = g.boot or ""
        check(g, "pci=nomsi: Linux's fallback MSI-X -> MSI -> INTx, one queue",
              "Falling back to MSI interrupts" in boot and "Falling back to legacy interrupts" in boot
              and "e1000e %s eth0: INTx, 1 queue, 1 vector" % PCI in boot, boot[-1500:])
        inter = g.cat("/proc/interrupts")
        check(g, "/proc/interrupts shows the INTx line as IO-APIC N-fasteoi eth0",
              re.search(r"^\s*\d+:(\s+\d+)+\s+IO-APIC\s+\d+-fasteoi\s+eth0$", inter, re.M) is not None, inter)
        test_echo(g)
    finally:
        g.close()


def main():
    os.makedirs("build/test-logs", exist_ok=True)
    start = time.monotonic()
    run("rss", "", 4, 2, True)
    run("linux", "e1000e.queues=1", 4, 1, False)
    run("smp1", "", 1, 2, True)
    run_intx()
    print("    # net_e1000e: %.0f s" % (time.monotonic() - start))


if __name__ == "__main__":
    main()
    sys.exit(0)
