#!/usr/bin/env python3
"""Run QEMU with a time limit, as timeout(1) does, but on a hang say where
every CPU was first.

    qemu_timeout.py SECONDS MONITOR-SOCKET -- qemu-system-x86_64 ARGS...

QEMU gets "-monitor unix:MONITOR-SOCKET,server=on,wait=off" added, and
stdin, stdout and stderr as given. When it ends in time its status is
returned. When it does not, the monitor is asked for each CPU's registers
and the top of its stack, which are written to stderr with the kernel
symbols (of the -kernel ELF, else build/reflex.elf) of RIP and of every stack word that points into kernel
text; then QEMU is stopped and the status is 124, as timeout(1)'s.
"""
import bisect
import os
import re
import signal
import socket
import subprocess
import sys
import time

STACK_WORDS = 64
STACK_SYMBOLS = 12


def load_symbols(elf):
    """Sorted (address, name) of ELF's text symbols, or [] without nm."""
    try:
        out = subprocess.run(["nm", "-n", elf], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def symbolize(syms, addrs, addr):
    i = bisect.bisect_right(addrs, addr) - 1
    if i < 0 or addr >= addrs[-1] + 0x10000:
        return None
    return "%s+0x%x" % (syms[i][1], addr - syms[i][0])


class Monitor:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(10)
        self.sock.connect(path)
        self.buf = b""
        self.read_to_prompt()

    def read_to_prompt(self):
        while not self.buf.endswith(b"(qemu) "):
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.buf += chunk
        out, self.buf = self.buf, b""
        return out.decode(errors="replace")

    def cmd(self, line):
        self.sock.sendall(line.encode() + b"\n")
        out = self.read_to_prompt()
        # The monitor echoes the command (with terminal escapes) first.
        return out.split("\n", 1)[1] if "\n" in out else ""


def dump_cpus(mon_path, elf, err, resume=False, label="hang:"):
    """Each CPU's RIP, IF and stack symbols to err; with resume the guest runs on."""
    syms = load_symbols(elf)
    addrs = [a for a, _ in syms]
    mon = Monitor(mon_path)
    mon.cmd("stop")
    cpus = re.findall(r"CPU #(\d+)", mon.cmd("info cpus"))
    for cpu in cpus:
        mon.cmd("cpu " + cpu)
        regs = mon.cmd("info registers")
        rip = re.search(r"RIP=([0-9a-f]+)", regs)
        rsp = re.search(r"RSP=([0-9a-f]+)", regs)
        rfl = re.search(r"RFL=([0-9a-f]+)", regs)
        if not rip or not rsp:
            continue
        rip, rsp = int(rip.group(1), 16), int(rsp.group(1), 16)
        flags = int(rfl.group(1), 16) if rfl else 0
        where = (symbolize(syms, addrs, rip) if syms else None) or "?"
        err.write("%s CPU %s RIP %016x %s RSP %016x IF=%d\n"
                  % (label, cpu, rip, where, rsp, (flags >> 9) & 1))
        words = re.findall(r"0x([0-9a-f]{16})", mon.cmd("x /%dgx 0x%x" % (STACK_WORDS, rsp)))
        frames = [symbolize(syms, addrs, int(w, 16)) for w in words
                  if syms and int(w, 16) >= 0xffffffff80000000]
        frames = [f for f in frames if f][:STACK_SYMBOLS]
        if frames:
            err.write("%s   stack: %s\n" % (label, " ".join(frames)))
    if resume:
        mon.cmd("cont")
    err.flush()


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit(__doc__)
    seconds, mon_path = float(sys.argv[1]), sys.argv[2]
    cmd = sys.argv[4:] + ["-monitor", "unix:%s,server=on,wait=off" % mon_path]
    elf = "build/reflex.elf"
    if "-kernel" in cmd[:-1]:
        elf = cmd[cmd.index("-kernel") + 1]
    proc = subprocess.Popen(cmd)
    try:
        sys.exit(proc.wait(timeout=seconds))
    except subprocess.TimeoutExpired:
        pass
    try:
        dump_cpus(mon_path, elf, sys.stderr)
    except (OSError, socket.timeout) as e:
        sys.stderr.write("hang: no register dump (%s)\n" % e)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    sys.stderr.write("qemu_timeout: stopped QEMU after %g s\n" % seconds)
    sys.exit(124)


if __name__ == "__main__":
    try:
        main()
    finally:
        if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
            os.unlink(sys.argv[2])
