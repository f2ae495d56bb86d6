#!/usr/bin/env python3
"""The kernel console as a person uses it: QEMU's serial line on pipes,
commands typed at the "reflex> " prompt, answers read back. Every wait
ends at the prompt or at a deadline; a failure prints the transcript."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import qemu_timeout  # noqa: E402
import serialpipe  # noqa: E402

DEADLINE = float(os.environ.get("QEMU_TIMEOUT", "90"))
PROMPT = b"reflex> "
results = []
transcript = bytearray()


def check(name, ok, detail=""):
    print(("ok - " if ok else "not ok - ") + name)
    if not ok:
        if detail:
            print("    " + detail)
        serialpipe.print_tail(transcript)
    results.append(ok)


def read_until(proc, marker, timeout):
    return serialpipe.read_until(proc, transcript, marker, timeout)


def command(proc, line, timeout=20):
    proc.stdin.write(line.encode() + b"\r")
    proc.stdin.flush()
    return read_until(proc, PROMPT, timeout)


def row_count(text, label):
    m = re.search(r"^\s*%s:\s+(\d+)" % re.escape(label), text, re.M)
    return int(m.group(1)) if m else None


def boot(extra=""):
    """QEMU at -smp 2 with the kernel console; returns it and its monitor socket."""
    mon = serialpipe.monitor_args()
    proc = subprocess.Popen(
        ["timeout", "-k", "5", str(int(DEADLINE)), "qemu-system-x86_64",
         "-M", "pc", "-cpu", "max", "-m", "256M", "-smp", "2", "-display", "none",
         *mon, "-serial", "stdio", "-no-reboot",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
         "-kernel", "build/reflex.elf", "-append", "console=ttyS0 reflex.kconsole " + extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return proc, mon[1].split(",")[0][len("unix:"):]


HALT_SAMPLES = 20


def halted_samples(mon_path):
    """Of HALT_SAMPLES looks at CPU 1's state (QEMU's HLT flag), how many found it
    halted. CPU 1 runs only its idle task; CPU 0 runs the console, which halts
    while it waits for a key whatever the idle loop does."""
    mon = qemu_timeout.Monitor(mon_path)
    mon.cmd("cpu 1")
    return sum("HLT=1" in mon.cmd("info registers") for _ in range(HALT_SAMPLES))


def idle_poll():
    """idle=poll: the idle CPU spins, so QEMU never finds it halted."""
    proc, mon_path = boot("idle=poll")
    try:
        up = read_until(proc, PROMPT, DEADLINE)
        check("console: idle=poll boots to the prompt, saying so",
              up is not None and "using polling idle threads" in up)
        if up is None:
            return
        halted = halted_samples(mon_path)
        check("console: idle=poll: the idle CPU is never found halted (QEMU's HLT flag)",
              halted == 0, "%d of %d looks found it halted" % (halted, HALT_SAMPLES))
        proc.stdin.write(b"poweroff\r")
        proc.stdin.flush()
        proc.wait(timeout=DEADLINE)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def main():
    os.makedirs("build/test-logs", exist_ok=True)
    proc, mon_path = boot()
    try:
        up = read_until(proc, PROMPT, DEADLINE)
        check("console: boots to the reflex> prompt", up is not None)
        if up is None:
            return
        # The probe idle_poll() relies on: an idle CPU that halts is seen halted.
        halted = halted_samples(mon_path)
        check("console: the idle CPU is found halted (QEMU's HLT flag)", halted > 0,
              "0 of %d looks found it halted" % HALT_SAMPLES)
        first = command(proc, "cat /proc/interrupts")
        check("console: cat /proc/interrupts answers", first is not None)
        if first is None:
            return
        # One column per online CPU, each "CPU%-8d" after 11 spaces of IRQ column.
        header_ok = re.search(r"^ {11}CPU0 {7}(CPU\d+ +)* *$", first, re.M) is not None
        tty_ok = re.search(r"^  4:( +\d+)+   IO-APIC   4-edge      ttyS0$", first, re.M) is not None
        check("console: /proc/interrupts has Linux's header and the ttyS0 row "
              "(IO-APIC 4-edge ttyS0)", header_ok and tty_ok)
        check("console: /proc/interrupts has the NMI, LOC, SPU, ERR rows",
              all(row_count(first, r) is not None for r in ("NMI", "LOC", "SPU", "ERR")))
        # Each read takes a little guest time; read again until the tick has
        # moved (bounded), rather than sleeping for it.
        loc1, tty1 = row_count(first, "LOC"), row_count(first, "4")
        loc2 = tty2 = None
        for _ in range(200):
            second = command(proc, "cat /proc/interrupts") or ""
            loc2, tty2 = row_count(second, "LOC"), row_count(second, "4")
            if None in (loc1, loc2) or loc2 > loc1:
                break
        check("console: counts grow between two reads (LOC and ttyS0)",
              None not in (loc1, loc2, tty1, tty2) and loc2 > loc1 and tty2 > tty1,
              "LOC %s -> %s, ttyS0 %s -> %s" % (loc1, loc2, tty1, tty2))
        out = command(proc, "help") or ""
        check("console: help lists the commands", "cat FILE" in out and "poweroff" in out)
        out = command(proc, "cat /proc/nope") or ""
        check("console: a missing file is reported", "No such file or directory" in out)
        out = command(proc, "frobnicate") or ""
        check("console: an unknown command is reported", "command not found" in out)
        out = command(proc, "ls /proc") or ""
        check("console: ls /proc lists interrupts", "interrupts" in out)
        # sysrq-l's equivalent: every online CPU (two here) answers its NMI.
        out = command(proc, "backtrace") or ""
        check("console: backtrace prints every CPU's stack through an NMI",
              all("NMI backtrace for cpu %d" % c in out for c in (0, 1))
              and "did not answer" not in out)
        proc.stdin.write(b"poweroff\r")
        proc.stdin.flush()
        try:
            status = proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            status = None
        read_until(proc, b"\x00", 0.5)
        check("console: poweroff leaves QEMU (isa-debug-exit status 1)", status == 1,
              "status %s" % status)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        with open("build/test-logs/console.log", "wb") as f:
            f.write(transcript)


if __name__ == "__main__":
    main()
    idle_poll()
    sys.exit(0)
