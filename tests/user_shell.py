#!/usr/bin/env python3
"""The shell (usr/sh.c), reflex's default /init, as a person uses it: QEMU's
serial line on pipes, commands typed at the "# " prompt, answers read back.
Run by tests/user.sh once the kernel runs user space. Every wait ends at
the prompt or at a deadline; a failure prints the transcript's tail."""
import os
import subprocess
import sys

import serialpipe

DEADLINE = float(os.environ.get("QEMU_TIMEOUT", "90"))
PROMPT = b"\n# "
transcript = bytearray()
failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok - " if ok else "not ok - ") + "user: sh: " + name)
    if not ok:
        failures += 1
        if detail:
            print("    " + detail)
        serialpipe.print_tail(transcript)


def read_until(proc, marker, timeout, start=None):
    return serialpipe.read_until(proc, transcript, marker, timeout, start)


def lines(out):
    return out.splitlines() if out is not None else []


def command(proc, line, timeout=30):
    proc.stdin.write(line.encode() + b"\r")
    proc.stdin.flush()
    return read_until(proc, PROMPT, timeout)


def main():
    kernel = os.environ.get("USER_SHELL_KERNEL", "build/reflex.elf")
    extra = os.environ.get("USER_SHELL_QEMU", "").split()
    proc = subprocess.Popen(
        ["timeout", "-k", "5", str(int(DEADLINE)), "qemu-system-x86_64",
         "-M", "pc", "-cpu", "max", "-m", "256M", "-smp", "2", "-display", "none",
         *serialpipe.monitor_args(), "-serial", "stdio", "-no-reboot",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
         "-kernel", kernel, "-append", "console=ttyS0"] + extra,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        banner = b"'help' lists the commands"
        boot = read_until(proc, banner, DEADLINE)
        if boot is not None:
            boot = read_until(proc, b"# ", 10, start=transcript.find(banner))
        check("boots to the shell's '# ' prompt", boot is not None)
        if boot is None:
            return
        # /etc/rc starts /bin/udp_echo in the background; its "listening"
        # line may come after the prompt. Wait for it so that it cannot
        # land inside the first command's answer.
        ready = read_until(proc, b"udp_echo: listening on 0.0.0.0:7\r\n", 20, start=0)
        check("/etc/rc starts /bin/udp_echo in the background", ready is not None)
        out = command(proc, "echo hello   reflex")
        check("echo prints its arguments", lines(out) and "hello reflex" in lines(out), repr(out))
        out = command(proc, "nosuchcmd")
        check("an unknown command is 'not found'",
              out is not None and "sh: nosuchcmd: not found" in out, repr(out))
        out = command(proc, "echo status=$?")
        check("$? holds the exit status (127)", out is not None and "status=127" in out, repr(out))
        out = command(proc, "ls /bin")
        check("ls /bin lists the programs",
              "sh" in lines(out) and "udp_echo" in lines(out), repr(out))
        out = command(proc, "cat /proc/interrupts")
        check("cat /proc/interrupts", out is not None and "CPU0" in out and "LOC:" in out,
              repr(out))
        out = command(proc, "/bin/sh -c 'exit 7'; echo child=$?")
        check("a program's exit status through fork, execve and wait4",
              out is not None and "child=7" in out, repr(out))
        # '>' as any shell: a /proc file takes the line in one write, a
        # refused write is reported as bash reports it; the e1000's line
        # (IRQ 11, QEMU's default NIC) moves to CPU 1.
        out = command(proc, "echo 1 > /proc/irq/11/smp_affinity_list; "
                      "cat /proc/irq/11/smp_affinity_list")
        check("echo 1 > /proc/irq/11/smp_affinity_list, read back",
              out is not None and "1" in lines(out), repr(out))
        out = command(proc, "echo 7 > /proc/irq/11/smp_affinity_list; echo st=$?")
        check("a refused write: 'sh: echo: write error: ...', status 1",
              out is not None and "sh: echo: write error: " in out and "st=1" in out, repr(out))
        out = command(proc, "echo first > /tmp/f; echo second >> /tmp/f; cat /tmp/f")
        got = [line.strip() for line in lines(out)]
        check("'>' truncates, '>>' appends",
              "first" in got and got[got.index("first") + 1:][:1] == ["second"], repr(out))
        out = command(proc, "echo 'unterminated")
        check("bad input is refused and the shell lives on",
              out is not None and "unterminated" in out, repr(out))
        out = command(proc, "ps")
        check("ps lists the tasks", out is not None and len(out.splitlines()) > 2, repr(out))
        proc.stdin.write(b"poweroff\r")
        proc.stdin.flush()
        try:
            status = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            status = None
        # isa-debug-exit: reflex's poweroff leaves QEMU with status 1.
        expected = int(os.environ.get("USER_SHELL_POWEROFF_STATUS", "1"))
        check("poweroff leaves QEMU", status == expected,
              "QEMU exit status %s, expected %d" % (status, expected))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        with open("build/test-logs/user-shell.log", "wb") as f:
            f.write(transcript)


if __name__ == "__main__":
    main()
    sys.exit(0)
