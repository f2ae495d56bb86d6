#!/usr/bin/env python3
"""Interrupts that move while packets flood in, on four CPUs: the user
program /bin/churn (tests/user/churn.c) rewrites the e1000 line's
/proc/irq/N/smp_affinity_list 10,000 times, or takes CPUs 1-3 offline and
back 1,000 times, while the host floods the NIC through tools/framepeer.py
(the machinery of net.py).

Each run checks what the issue behind it asks: every frame accounted for
(peer sent = NIC received + NIC missed + host drops; NIC = driver =
delivered + dropped), no "No irq handler for vector", no warning or oops,
the device never stalls (echo answers afterwards, udp_echo still runs),
no vector leaked (the vector matrix's "Global available" in
/sys/kernel/debug/irq/domains/VECTOR is what it was), and the line really
moved (its /proc/interrupts row counts on more than one CPU)."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import net  # noqa: E402
from net import Guest, check, wait_for_counters  # noqa: E402

CHUNK = 20000
RATE = net.FLOOD_RATE
IRQ_MOVES = int(os.environ.get("NET_CHURN_MOVES", "10000"))
CPU_CYCLES = int(os.environ.get("NET_CHURN_CYCLES", "1000"))


def irq_row(interrupts, name):
    """(irq, [count per CPU]) of the first /proc/interrupts row whose actions include name."""
    lines = interrupts.splitlines()
    header = next((i for i, line in enumerate(lines) if re.match(r"^\s+CPU0", line)), None)
    if header is None:
        return None, []
    ncpu = len(re.findall(r"CPU\d+", lines[header]))
    for line in lines[header + 1:]:
        m = re.match(r"^\s*(\d+):((?:\s+\d+){%d})\s+(.*)$" % ncpu, line)
        if m and re.search(r"(^|[\s,])%s(,|$)" % re.escape(name), m.group(3)):
            return int(m.group(1)), [int(x) for x in m.group(2).split()]
    return None, []


def vector_available(g):
    m = re.search(r"Global available:\s+(\d+)", g.cat("/sys/kernel/debug/irq/domains/VECTOR"))
    return int(m.group(1)) if m else None


def churn_flood(g, what, cmd, done_re, min_frames, rate=RATE, chunk=CHUNK, max_chunks=60):
    """Starts cmd (a churn command) in the background, floods in chunks until
    churn has printed its result and at least min_frames were sent, then
    checks the accounting. Returns (sent, churn's line, counters before, after)."""
    p = g.peer
    before = g.counters()
    drops0 = p.host_drops()
    mark = len(g.transcript)
    g.proc.stdin.write(cmd.encode() + b" &\r")
    g.proc.stdin.flush()
    frame = p.udp_frame(40011, 9, b"churn-flood-payload")
    sent, line = 0, None
    # The flood must cover the churn: go on while churn runs (a bounded number of chunks).
    for _ in range(max_chunks):
        p.flood(frame, chunk, rate, lambda n: g.poll_output())
        sent += chunk
        m = re.search(done_re, g.transcript[mark:].decode(errors="replace"))
        if m and sent >= min_frames:
            line = m.group(0)
            break
    if line is None:
        g.read_until(b"churn: ", 120)
        m = re.search(done_re, g.transcript[mark:].decode(errors="replace"))
        line = m.group(0) if m else None
    g.command("")
    dk = lambda c, k: c.get(k, 0) - before.get(k, 0)
    after = wait_for_counters(g, lambda c: dk(c, "hw:rx_packets") + dk(c, "hw:rx_missed_errors")
                              + p.host_drops() - drops0 >= sent, timeout=60)
    host = p.host_drops() - drops0
    d = lambda k: after.get(k, 0) - before.get(k, 0)
    nic_rx, missed = d("hw:rx_packets"), d("hw:rx_missed_errors")
    driver = d("rx_packets") + (after["rx_drop"] - before["rx_drop"] - missed) + d("rx_errs")
    stack = d("UdpInDatagrams") + d("drops")
    print("    # net-%s: %d frames at %d/s; NIC received %d, missed %d, host drops %d; %s"
          % (g.tag, sent, rate, nic_rx, missed, host, line))
    check(g, "%s: churn finished with nothing failed (%s)" % (what, line),
          line is not None and line.endswith(" 0 failed"),
          g.transcript[mark:].decode(errors="replace")[-2000:])
    check(g, "%s: every frame accounted for (peer sent = NIC received + NIC missed + host drops; "
          "NIC = driver = delivered + dropped)" % what,
          nic_rx + missed + host == sent and driver == nic_rx and stack == d("rx_packets"),
          "sent %d, NIC %d + missed %d + host %d; driver %d; stack %d vs rx %d"
          % (sent, nic_rx, missed, host, driver, stack, d("rx_packets")))
    return sent, line, before, after


def common_checks(g, what, avail0):
    text = g.transcript.decode(errors="replace")
    bad = [w for w in ("No irq handler for vector", "WARNING:", "BUG:", "Oops", "Kernel panic")
           if w in text]
    check(g, "%s: no \"No irq handler for vector\", warning or oops" % what, not bad, "found %s" % bad)
    p = g.peer
    data = os.urandom(64)
    p.send(p.udp_frame(41011, 7, data))
    r = p.recv(5.0, lambda f: "udp" in f and f["udp"]["dport"] == 41011)
    check(g, "%s: the NIC never stalls: /bin/udp_echo still answers" % what,
          r is not None and r["udp"]["data"] == data)
    avail = vector_available(g)
    check(g, "%s: no vector leaked (VECTOR Global available %s, was %s)" % (what, avail, avail0),
          avail is not None and avail == avail0)


def echo_once(g, sport, size=32):
    """One UDP echo through /bin/udp_echo: an interrupt or more on the NIC's lines."""
    p = g.peer
    data = os.urandom(size)
    p.send(p.udp_frame(sport, 7, data))
    r = p.recv(5.0, lambda f: "udp" in f and f["udp"]["dport"] == sport)
    return r is not None and r["udp"]["data"] == data


def test_each_cpu(g, line):
    """The line moved to each CPU in turn (echo N > smp_affinity_list): once
    effective_affinity_list says N, its count grows in CPU N's column only."""
    irq, _ = irq_row(g.cat("/proc/interrupts"), line)
    bad = []
    for cpu in range(4):
        g.command("echo %d > /proc/irq/%d/smp_affinity_list" % (cpu, irq))
        # An IOAPIC line moves at its next interrupt: echo until it has.
        moved = False
        for i in range(20):
            echo_once(g, 42000 + i)
            eff = g.cat("/proc/irq/%d/effective_affinity_list" % irq)
            if re.search(r"^%d$" % cpu, eff, re.M):
                moved = True
                break
        _, before = irq_row(g.cat("/proc/interrupts"), line)
        answered = sum(echo_once(g, 42100 + i) for i in range(10))
        _, after = irq_row(g.cat("/proc/interrupts"), line)
        grew = [c for c, (a, b) in enumerate(zip(before, after)) if b > a]
        if not moved or grew != [cpu] or answered != 10:
            bad.append((cpu, moved, grew, answered))
    check(g, "%s moved to each CPU in turn counts in that CPU's column only" % line, not bad,
          "(cpu, moved, columns that grew, echoes answered): %s" % bad)


def test_irq_churn(g, line="eth0"):
    what = "affinity churn of %s" % line
    irq, counts0 = irq_row(g.cat("/proc/interrupts"), line)
    if not check(g, "%s: the line is in /proc/interrupts" % what, irq is not None):
        return
    test_each_cpu(g, line)
    avail0 = vector_available(g)
    check(g, "%s: /sys/kernel/debug/irq/domains/VECTOR shows the matrix" % what, avail0 is not None)
    churn_flood(g, what, "/bin/churn irq %d %d" % (irq, IRQ_MOVES),
                r"churn: irq %d: %d moves, \d+ failed" % (irq, IRQ_MOVES), 100000)
    _, counts = irq_row(g.cat("/proc/interrupts"), line)
    grew = [cpu for cpu, (a, b) in enumerate(zip(counts0, counts)) if b > a]
    # A move of an IOAPIC line happens at its next interrupt, and NAPI keeps
    # interrupts rare under a flood: pending moves fold into the last one.
    check(g, "%s: the line moved under the flood: it counted on several CPUs (grew on %s)"
          % (what, grew), len(grew) >= 2, "before %s after %s" % (counts0, counts))
    common_checks(g, what, avail0)


def test_cpu_churn(g):
    what = "hotplug churn"
    avail0 = vector_available(g)
    # Every cycle stops every CPU (stop_machine) and waits for the dying
    # one: a slower flood, kept up for as long as the churn runs.
    churn_flood(g, what, "/bin/churn cpu %d" % CPU_CYCLES,
                r"churn: cpu: %d cycles, \d+ failed" % CPU_CYCLES, 100000,
                rate=10000, chunk=10000, max_chunks=150)
    online = g.cat("/sys/devices/system/cpu/online")
    check(g, "%s: every CPU is back online (/sys/devices/system/cpu/online reads 0-3)" % what,
          re.search(r"^0-3$", online, re.M) is not None, online)
    ps = g.command("ps") or ""
    check(g, "%s: every task still runs: udp_echo is alive" % what, "udp_echo" in ps, ps)
    common_checks(g, what, avail0)


def main():
    os.makedirs("build/test-logs", exist_ok=True)
    # The e1000's INTx line (IOAPIC, fasteoi: moved at its next interrupt,
    # masked), the e1000e's receive vector in Linux's one-queue layout
    # (MSI-X, unmanaged: moved at once, the entry masked), and hotplug.
    runs = (("irqchurn", "", "e1000", test_irq_churn),
            ("irqchurn-e1000e", "e1000e.queues=1", "e1000e",
             lambda g: test_irq_churn(g, "eth0-rx-0")),
            ("cpuchurn", "", "e1000", test_cpu_churn))
    for name, append, nic, test in runs:
        g = Guest(name, append, user_space=True, smp=4, nic=nic)
        try:
            if check(g, "boots to the shell on four CPUs with the e1000 on a dgram netdev",
                     g.boot is not None):
                if b"udp_echo: listening" not in g.transcript:
                    g.read_until(b"udp_echo: listening", 20)
                g.peer.arp_resolve()
                test(g)
        finally:
            g.close()


if __name__ == "__main__":
    main()
    sys.exit(0)
