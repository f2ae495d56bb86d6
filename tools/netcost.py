#!/usr/bin/env python3
"""netcost: instructions per echoed UDP packet on reflex's receive path.

Boots build/reflex.elf under -icount shift=0,sleep=off -rtc clock=vm (guest
time is instruction count, so the TSC deltas in /proc/net/rxcost are exact
instruction counts), with the e1000 on a dgram netdev driven by framepeer,
and prints per echoed packet the instructions spent in the NIC's hard IRQ
handler (e1000_intr), in NET_RX softirq outside the stack (net_rx_action,
e1000_clean, ring handling), and in the stack (netif_receive_skb through
the reply handed to the NIC's ring), at low load (one echo at a time) and
high load (bursts). The interrupt entry/exit around e1000_intr and the
softirq dispatch around net_rx_action are not included.

    tools/netcost.py [--napi off] [--count N] [--burst N]
"""
import argparse
import os
import re
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import framepeer as fp  # noqa: E402


def read_until(proc, buf, marker, timeout):
    end = time.monotonic() + timeout
    start = len(buf)
    while marker not in buf[start:]:
        left = end - time.monotonic()
        if left <= 0 or not select.select([proc.stdout], [], [], left)[0]:
            return None
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            return None
        buf.extend(chunk)
    return buf[start:].decode(errors="replace")


def rxcost(proc, buf):
    proc.stdin.write(b"cat /proc/net/rxcost\r")
    proc.stdin.flush()
    out = read_until(proc, buf, b"reflex> ", 30) or ""
    m = re.search(r"^0\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", out, re.M)
    keys = ("irqs", "hardirq", "rx_actions", "softirq", "frames", "stack")
    return dict(zip(keys, map(int, m.groups()))) if m else None


def report(label, a, b, echoed):
    d = {k: b[k] - a[k] for k in a}
    hard = d["hardirq"] / echoed
    if d["softirq"]:
        soft, stack = (d["softirq"] - d["stack"]) / echoed, d["stack"] / echoed
    else:	# no NET_RX time at all: the stack ran inside the hard IRQ
        hard, soft, stack = (d["hardirq"] - d["stack"]) / echoed, 0, d["stack"] / echoed
    print("%-34s %8.0f %8.0f %8.0f %8.0f   (%d echoes, %d irqs, %d NET_RX runs)"
          % (label, hard, soft, stack, hard + soft + stack, echoed, d["irqs"], d["rx_actions"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--napi", default="on")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--burst", type=int, default=3000)
    ap.add_argument("--append", default="")
    a = ap.parse_args()
    peer = fp.Peer()
    buf = bytearray()
    proc = subprocess.Popen(
        ["qemu-system-x86_64", "-M", "pc", "-cpu", "max", "-m", "256M", "-display", "none",
         "-monitor", "none", "-serial", "stdio", "-no-reboot",
         "-icount", "shift=0,sleep=off", "-rtc", "clock=vm",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
         "-netdev", peer.netdev(), "-device", "e1000,netdev=n0,mac=52:54:00:12:34:56",
         "-kernel", "build/reflex.elf",
         "-append", "console=ttyS0 rdinit=/none reflex.napi=%s %s" % (a.napi, a.append)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        if read_until(proc, buf, b"reflex> ", 60) is None:
            print("no console prompt")
            return 1
        peer.arp_resolve()
        peer.ping(1, 1, b"warm")	# the guest learns our MAC (ARP) before measuring
        print("reflex.napi=%s, instructions per echoed UDP packet (64-byte payload):" % a.napi)
        print("%-34s %8s %8s %8s %8s" % ("", "hardirq", "softirq", "stack", "total"))
        data = b"e" * 64
        before = rxcost(proc, buf)
        echoed = 0
        for i in range(a.count):
            peer.send(peer.udp_frame(40000, 7, data))
            echoed += peer.recv(2.0, lambda f: "udp" in f and f["udp"]["dport"] == 40000) is not None
            time.sleep(0.002)
        report("low load (one at a time)", before, rxcost(proc, buf), echoed)
        before = rxcost(proc, buf)
        frame = peer.udp_frame(40000, 7, data)
        echoed = 0
        for _ in range(a.burst // 100):
            for _ in range(100):
                peer.send(frame)
            echoed += len([f for f in peer.drain(0.05) if "udp" in f])
        echoed += len([f for f in peer.drain(0.5) if "udp" in f])
        report("high load (bursts of 100)", before, rxcost(proc, buf), echoed)
    finally:
        proc.kill()
        proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
