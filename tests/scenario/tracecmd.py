#!/usr/bin/env python3
"""Debian's trace-cmd inside reflex, and its trace.dat read on the host.

reflex boots with the e1000 on a dgram netdev (tools/framepeer.py) and
build/tracecmd.cpio.gz laid over the built-in initramfs: the shell as init,
/bin/udp_echo, and /usr/bin/trace-cmd with its libraries and plugins. In
the guest:

    trace-cmd record -e irq -e napi -e sched -e net -o /tmp/trace.dat /bin/udp_echo 7070 20

while the host sends 20 datagrams to port 7070 and waits for each echo;
udp_echo exits after the last, which ends the recording. Then
`trace-cmd report`, `trace-cmd show` and `trace-cmd list -e` in the guest;
the trace.dat comes out over the serial line as base64 (coreutils' base64,
between markers) and the host's trace-cmd reports it too. Both reports must
hold the e1000's irq_handler_entry, napi_poll, sched_switch, the receive
and transmit events, and no warning, error or failure line; and the two
must list the same events. KernelShark (its library, as its window loads a
file: tests/scenario/kshark.py) then loads the host's copy: nothing printed
but its plugin chatter, as many entries as the report has events, and its
list row for row what `trace-cmd report -l` prints. Runs at -smp 1 and
-smp 4."""
import base64
import json
import os
import re
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import framepeer as fp  # noqa: E402
import serialpipe  # noqa: E402
import kshark  # noqa: E402  (tests/scenario/kshark.py: KernelShark's loading)
import perfetto  # noqa: E402  (tests/scenario/perfetto.py: the format checker)

DEADLINE = float(os.environ.get("QEMU_TIMEOUT", "120"))
GUEST_MAC = "52:54:00:12:34:56"
INITRD = os.environ.get("TRACECMD_INITRD", "build/tracecmd.cpio.gz")
PORT = 7070		# udp_echo's port in the traced run
DATAGRAMS = 20		# enough events for whole pages, which record splices out
BAD = re.compile(r"warning|error|failed|unknown|bad|cannot|can't|missing|no such file|"
                 r"not permitted|denied", re.I)


class Guest:
    """QEMU with the serial console on pipes, the shell as init."""

    def __init__(self, tag, smp, append="", initrd=None, qemu_extra=(), log="tracecmd"):
        """initrd: laid over the built-in initramfs (default: trace-cmd's);
        qemu_extra: more QEMU arguments (make trace-demo's -icount)."""
        self.tag = tag
        self.log = log
        initrd = INITRD if initrd is None else initrd
        self.prompt = b"# "
        self.transcript = bytearray()
        for _ in range(5):
            self.peer = fp.Peer(guest_mac=GUEST_MAC)
            self.proc = subprocess.Popen(
                ["timeout", "-k", "5", str(int(DEADLINE * 3)), "qemu-system-x86_64",
                 "-M", "pc", "-cpu", "max", "-m", "512M", "-smp", str(smp),
                 "-display", "none", *serialpipe.monitor_args(), "-serial", "stdio", "-no-reboot",
                 "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                 "-netdev", self.peer.netdev(), "-device", "e1000,netdev=n0,mac=" + GUEST_MAC,
                 "-kernel", "build/reflex.elf"] + (["-initrd", initrd] if initrd else []) +
                list(qemu_extra) + ["-append", "console=ttyS0 " + append],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            self.boot = self.read_until(self.prompt, DEADLINE)
            if self.boot is not None or b"Address already in use" not in self.transcript:
                return
            self.proc.wait()
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

    def send_line(self, line):
        self.proc.stdin.write(line.encode() + b"\r")
        self.proc.stdin.flush()

    def run(self, line, timeout=60):
        """Runs a command and returns its output and exit status, found by
        markers the shell prints afterwards (a trace's own "# " lines look
        like the prompt; the echoed input reads end''-of-..., not the marker)."""
        self.send_line(line + "; echo end''-of-command $? end''-of-status")
        out = self.read_until(b"end-of-status", timeout)
        m = re.search(r"^(.*?)end-of-command (\d+) end-of-status", out or "", re.S)
        if not m:
            return out, None
        body = m.group(1).split("\n", 1)[1] if "\n" in m.group(1) else ""
        return body, int(m.group(2))

    def close(self):
        if self.proc.poll() is None:
            self.send_line("poweroff")
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.makedirs("build/test-logs", exist_ok=True)
        with open("build/test-logs/%s-%s.log" % (self.log, self.tag), "wb") as f:
            f.write(self.transcript)


def check(g, name, ok, detail=""):
    print(("ok - " if ok else "not ok - ") + "tracecmd-%s: %s" % (g.tag, name))
    if not ok:
        if detail:
            for line in str(detail).splitlines()[-30:]:
                print("    " + line)
        print("    --- serial transcript tail ---")
        for line in g.transcript.decode(errors="replace").replace("\r", "").splitlines()[-25:]:
            print("    | " + line)
        serialpipe.print_cpus()
    sys.stdout.flush()
    return ok


def e1000_irq(interrupts):
    m = re.search(r"^\s*(\d+):.*\beth0\s*$", interrupts, re.M)
    return int(m.group(1)) if m else None


def report_events(text):
    """(cpu, event name, fields) of every event line of a trace-cmd report."""
    return re.findall(r"^\s*\S.*?\[(\d{3})\]\s+[\d.]+:\s+(\w+):\s+(.*)$", text, re.M)


def bad_lines(text):
    """Lines that complain: not event lines, nor "system:event" names (error_apic_entry)."""
    return [line for line in text.splitlines() if BAD.search(line) and not
            re.search(r"\[\d{3}\]\s+[\d.]+:\s+\w+:", line)
            and not re.match(r"^\w+:\w+$", line.strip())]


def check_report(g, who, text, irq):
    events = report_events(text)
    names = {e[1] for e in events}
    check(g, "%s trace-cmd report: no warning, error or failure line" % who,
          text and not bad_lines(text), "\n".join(bad_lines(text or "")[:20]))
    check(g, "%s report: irq_handler_entry for the e1000's IRQ %s" % (who, irq),
          any(e[1] == "irq_handler_entry" and re.search(r"\birq=%s name=eth0\b" % irq, e[2])
              for e in events), sorted(names))
    want = ["napi_poll", "sched_switch", "sched_waking", "softirq_entry", "netif_receive_skb",
            "net_dev_queue", "net_dev_xmit", "irq_handler_exit"]
    check(g, "%s report: %s" % (who, ", ".join(want)), set(want) <= names,
          "missing %s; got %s" % (sorted(set(want) - names), sorted(names)))
    check(g, "%s report: napi_poll names eth0, sched_switch to udp_echo" % who,
          any(e[1] == "napi_poll" and "device eth0" in e[2] for e in events)
          and any(e[1] == "sched_switch" and re.search(r"==> udp_echo:\d+", e[2])
                  for e in events))
    return events


def check_kshark(g, path, report, events):
    """KernelShark loads the trace.dat quietly, with as many entries as the
    host's report has events, listed as report -l lists them."""
    if not kshark.available():
        print("# tracecmd-%s: KernelShark checks skipped: Debian's kernelshark is not "
              "installed (scripts/deps.sh test)" % g.tag)
        return
    summary, out = kshark.load(path)
    noise = kshark.complaints(out, path, summary and summary["kvm_events"])
    check(g, "KernelShark loads trace.dat with no warning or error", summary and not noise,
          out)
    if not summary:
        return
    check(g, "KernelShark loads %d entries, as many as the host report's events" % events,
          summary["entries"] == events, "KernelShark %d entries" % summary["entries"])
    lat = subprocess.run(["trace-cmd", "report", "-l", "-i", path], capture_output=True,
                         text=True, timeout=60)
    want = kshark.as_kernelshark(kshark.report_rows(lat.stdout))
    got = kshark.kshark_rows(summary)
    diff = next(("report -l: %s\nKernelShark: %s" % (a, b) for a, b in zip(want, got)
                 if a != b), "report -l %d rows, KernelShark %d" % (len(want), len(got)))
    check(g, "KernelShark's list (task, PID, CPU, time, latency, event, info) is report -l's, "
          "row for row", lat.returncode == 0 and len(want) == events and got == want, diff)
    names = sorted({t for t, _ in re.findall(r"^\s*(.*?)-(\d+)\s+\[\d{3}\]", report, re.M)})
    check(g, "KernelShark's tasks are the report's: %s" % ", ".join(names),
          kshark.tasks(summary) == names, kshark.tasks(summary))


def run(tag, smp):
    g = Guest(tag, smp)
    try:
        if not check(g, "boots to the shell with trace-cmd's initrd", g.boot is not None):
            return
        out, st = g.run("/usr/bin/trace-cmd list -e")
        check(g, "trace-cmd list -e lists irq:irq_handler_entry, napi:napi_poll, "
              "sched:sched_switch, net:net_dev_xmit", st == 0 and all(
                  e in (out or "") for e in ("irq:irq_handler_entry", "napi:napi_poll",
                                             "sched:sched_switch", "net:net_dev_xmit"))
              and not bad_lines(out), (out or "")[-2000:])
        out, st = g.run("cat /proc/interrupts")
        irq = e1000_irq(out or "")
        p = g.peer
        p.arp_resolve()
        g.send_line("/usr/bin/trace-cmd record -e irq -e napi -e sched -e net "
                    "-o /tmp/trace.dat /bin/udp_echo %d %d; echo end''-of-record $? end''-of-status"
                    % (PORT, DATAGRAMS))
        listening = g.read_until(b"udp_echo: listening", DEADLINE)
        echoed = 0
        if listening is not None:
            for i in range(DATAGRAMS):
                data = b"traced datagram %d" % i
                for _ in range(5):		# the echo is the acknowledgement
                    p.send(p.udp_frame(41000 + i, PORT, data))
                    r = p.recv(3.0, lambda f: "udp" in f and f["udp"]["sport"] == PORT)
                    if r and r["udp"]["data"] == data:
                        echoed += 1
                        break
        rec = g.read_until(b"end-of-status", DEADLINE)
        m = re.search(r"end-of-record (\d+) end-of-status", rec or "")
        status = m.group(1) if m else ""
        check(g, "trace-cmd record around udp_echo: %d datagrams echoed, exit status 0" % DATAGRAMS,
              echoed == DATAGRAMS and rec is not None and status.startswith("0"),
              "echoed %d; record output:\n%s" % (echoed, rec))
        check(g, "trace-cmd record: no warning, error or failure line",
              rec is not None and not bad_lines(rec), "\n".join(bad_lines(rec or "")))
        inside, st = g.run("/usr/bin/trace-cmd report -i /tmp/trace.dat", 120)
        check(g, "trace-cmd report in the guest exits 0", st == 0, (inside or "")[-2000:])
        ev_in = check_report(g, "guest", inside or "", irq)
        out, st = g.run("/usr/bin/trace-cmd show")
        check(g, "trace-cmd show prints the trace file's header", st == 0 and
              "# tracer: nop" in (out or "") and not bad_lines(out or ""), (out or "")[-2000:])
        # trace.dat out over the serial line, as base64 between markers.
        g.send_line("echo begin''-of-dat; /usr/bin/base64 /tmp/trace.dat; echo end''-of-dat")
        dump = g.read_until(b"end-of-dat", 120) or ""
        m = re.search(r"begin-of-dat\n(.*?)end-of-dat", dump, re.S)
        dat = base64.b64decode("".join(m.group(1).split())) if m else b""
        check(g, "trace.dat copied out of the guest (%d bytes)" % len(dat),
              dat[:10] == b"\x17\x08\x44tracing")
        path = "build/test-logs/tracecmd-%s.dat" % tag
        with open(path, "wb") as f:
            f.write(dat)
        host = subprocess.run(["trace-cmd", "report", "-i", path], capture_output=True,
                              text=True, timeout=60)
        text = host.stdout + host.stderr
        check(g, "host trace-cmd report exits 0", host.returncode == 0, text[-2000:])
        ev_host = check_report(g, "host", text, irq)
        conv = subprocess.run([sys.executable, "tools/trace2perfetto.py"], input=text,
                              capture_output=True, text=True, timeout=60)
        try:
            errs = perfetto.validate(json.loads(conv.stdout))
        except ValueError as exc:
            errs = [str(exc)]
        check(g, "tools/trace2perfetto.py turns the host's report into a valid Perfetto trace",
              conv.returncode == 0 and not errs, "\n".join(errs[:20]) + conv.stderr)
        check(g, "host and guest reports hold the same %d events" % len(ev_in),
              ev_in and ev_in == ev_host,
              "guest %d events, host %d" % (len(ev_in), len(ev_host)))
        check_kshark(g, path, text, len(ev_host))
    finally:
        g.close()


def main():
    if not os.path.exists(INITRD) or not subprocess.run(["sh", "-c", "command -v trace-cmd"],
                                                        capture_output=True).returncode == 0:
        print("# tracecmd skipped: trace-cmd is not installed (scripts/deps.sh test)")
        return
    smps = [int(a) for a in sys.argv[1:]] or [1, 4]
    for smp in smps:
        run("smp%d" % smp, smp)


if __name__ == "__main__":
    main()
