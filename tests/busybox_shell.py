#!/usr/bin/env python3
"""make run's userland as a person uses it: Debian's busybox (its init,
then ash on ttyS0 with ttyS0 as its controlling terminal) over QEMU's
serial line on pipes, at -smp 1 and -smp 4 (build/busybox.cpio.gz over
the built-in initramfs, as scripts/qemu-run.sh boots it). Commands with
known answers, job control (^Z, jobs, bg, fg, ^C, SIGTTIN, TOSTOP's
SIGTTOU), TCP between two of busybox's nc and netstat -tan, the terminal's modes (raw reads with VMIN and VTIME, echo off)
and ash's line editing over the serial line. Then
scripts/mkinitramfs-debian.sh must name a package it cannot get.
Every wait ends at the prompt, a marker or a deadline; a failure prints
the transcript's tail."""
import os
import re
import subprocess
import sys

import serialpipe

DEADLINE = float(os.environ.get("QEMU_TIMEOUT", "90"))
# ash's prompt for root in /root ('\w \$ '); its line editor then asks
# the terminal where the cursor is (ESC [6n), which a pipe never answers.
PROMPT = b"~ # "
INITRD = "build/busybox.cpio.gz"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class Shell:
    def __init__(self, smp):
        self.tag = "user: busybox-smp%d: " % smp
        self.transcript = bytearray()
        self.failures = 0
        self.proc = subprocess.Popen(
            ["timeout", "-k", "5", str(int(DEADLINE)), "qemu-system-x86_64",
             "-M", "pc", "-cpu", "max", "-m", "256M", "-smp", str(smp),
             "-display", "none", *serialpipe.monitor_args(), "-serial", "stdio", "-no-reboot",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
             "-kernel", "build/reflex.elf", "-initrd", INITRD, "-append", "console=ttyS0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def check(self, name, ok, detail=""):
        print(("ok - " if ok else "not ok - ") + self.tag + name)
        if not ok:
            self.failures += 1
            if detail:
                print("    " + detail)
            serialpipe.print_tail(self.transcript)

    def until(self, marker, timeout=20):
        out = serialpipe.read_until(self.proc, self.transcript, marker, timeout)
        return ANSI.sub("", out) if out is not None else None

    def send(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def command(self, line, timeout=20):
        """Type a line, return what came back up to the next prompt,
        the echoed line excluded."""
        self.send(line.encode() + b"\r")
        out = self.until(b"\n" + PROMPT, timeout)
        if out is None:
            return None
        return out.split("\n", 1)[1] if "\n" in out else ""

    def key(self, data, marker, timeout=20):
        """A keystroke (a control character, an escape sequence), then
        the output up to marker."""
        self.send(data)
        return self.until(marker, timeout)

    def close(self):
        # SIGTERM reaches "timeout", which passes it on to QEMU; SIGKILL
        # would leave QEMU running without it.
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def lines(out):
    return [line.strip() for line in out.splitlines()] if out is not None else []


def answers(sh, smp):
    out = sh.command("echo hello   busybox")
    sh.check("echo", "hello busybox" in lines(out), repr(out))
    out = sh.command("ls /")
    sh.check("ls / lists the root", out is not None and
             {"bin", "dev", "etc", "proc", "init"} <= set(out.split()), repr(out))
    out = sh.command("cat /proc/version")
    sh.check("cat /proc/version", out is not None and out.startswith("reflex version"), repr(out))
    mask = "%x" % ((1 << smp) - 1)
    out = sh.command("taskset -p 1")
    sh.check("taskset -p 1: init may run on every CPU",
             "pid 1's current affinity mask: " + mask in lines(out), repr(out))
    out = sh.command("chrt -p 1")
    sh.check("chrt -p 1 (util-linux's chrt and its libraries)",
             lines(out)[:2] == ["pid 1's current scheduling policy: SCHED_OTHER",
                                "pid 1's current scheduling priority: 0"], repr(out))
    # TCP over lo between two of busybox's nc: the client waits for the
    # listener's line in /proc/net/tcp (port 5555 is 15B3, LISTEN is 0A).
    out = sh.command("(nc -l -p 5555 > /tmp/nc.out; echo listener-exit $?) & "
                     "until grep -q ':15B3 00000000:0000 0A' /proc/net/tcp; do :; done; "
                     "echo tcp-through-nc | nc -w 2 127.0.0.1 5555; echo client-exit $?; "
                     "wait; cat /tmp/nc.out", 60)
    sh.check("nc: a line from a client to a listener over TCP on 127.0.0.1",
             {"listener-exit 0", "client-exit 0", "tcp-through-nc"} <= set(lines(out)), repr(out))
    out = sh.command("netstat -tan 2>/dev/null")
    sh.check("netstat -tan reads /proc/net/tcp: the connection just closed",
             re.search(r"^tcp\s+0\s+0\s+127\.0\.0\.1:\d+\s+127\.0\.0\.1:\d+\s+TIME_WAIT",
                       out or "", re.M) is not None and "5555" in (out or ""), repr(out))
    out = sh.command("tty; /bin/sh.reflex -c 'echo reflex shell'")
    sh.check("ttyS0 is the shell's terminal; reflex's shell is /bin/sh.reflex",
             lines(out)[:2] == ["/dev/ttyS0", "reflex shell"], repr(out))
    # Debian's strace on a busybox command: its lines as on Linux (the
    # command's own output to /dev/null, so that the two do not mix).
    out = sh.command("strace -e trace=write,exit_group busybox echo hello >/dev/null")
    sh.check("strace traces a busybox command as on Linux",
             [" ".join(l.split()) for l in lines(out)][:3] ==
             ['write(1, "hello\\n", 6) = 6', "exit_group(0) = ?", "+++ exited with 0 +++"],
             repr(out))
    # rt-tests and trace-cmd are there, with their libraries.
    out = sh.command("cyclictest -q -l 100 -i 500 -m; echo status=$?")
    sh.check("cyclictest (rt-tests) runs: its summary line, status 0",
             re.search(r"^T: 0 \( *\d+\) P: 0 I:500 C: +100 Min: +\d+ Act: +\d+ Avg: +\d+ Max: +\d+$",
                       out or "", re.M) is not None and "status=0" in lines(out), repr(out))
    out = sh.command("trace-cmd list -e irq:; echo status=$?")
    sh.check("trace-cmd lists the irq events", "irq:irq_handler_entry" in lines(out) and
             "status=0" in lines(out), repr(out))


def ping(sh):
    """busybox ping as root opens a raw ICMP socket: three echo requests
    over lo, each answered by the kernel, then its summary and status 0;
    then over eth0 to QEMU's user-mode gateway, which answers echo
    requests to its own address (ARP first)."""
    out = sh.command("ping -c 3 127.0.0.1; echo status=$?", timeout=30)
    got = lines(out)
    replies = [l for l in got if re.match(r"64 bytes from 127\.0\.0\.1: seq=\d ttl=64 time=[\d.]+ ms$", l)]
    sh.check("ping -c 3 127.0.0.1: three replies, the summary, status 0",
             got[:1] == ["PING 127.0.0.1 (127.0.0.1): 56 data bytes"] and
             [re.search(r"seq=(\d)", l).group(1) for l in replies] == ["0", "1", "2"] and
             "3 packets transmitted, 3 packets received, 0% packet loss" in got and
             "status=0" in got, repr(out))
    out = sh.command("ping -c 2 -s 100 10.0.2.2; echo status=$?", timeout=30)
    got = lines(out)
    replies = [l for l in got if re.match(r"108 bytes from 10\.0\.2\.2: seq=\d ttl=\d+ time=[\d.]+ ms$", l)]
    sh.check("ping -c 2 -s 100 10.0.2.2: over eth0 to the gateway and back",
             len(replies) == 2 and "status=0" in got and
             "2 packets transmitted, 2 packets received, 0% packet loss" in got, repr(out))


def start_job(sh, program):
    """A foreground job that says "started" once it runs: by then ash has
    made its group the foreground and put the terminal back in cooked
    mode, so that a key typed now reaches the job (earlier, ash's line
    editor would have it, on Linux too)."""
    sh.send(b"sh -c 'echo started; exec " + program + b"'\r")
    return sh.until(b"started\r\n")


def job_control(sh):
    start_job(sh, b"sleep 100")
    out = sh.key(b"\x1a", PROMPT)
    sh.check("^Z stops the foreground job", out is not None and
             re.search(r"\[1\]\+ +Stopped +sh -c", out), repr(out))
    out = sh.command("jobs")
    sh.check("jobs lists it stopped", out is not None and
             re.search(r"\[1\]\+ +Stopped +sh -c", out), repr(out))
    out = sh.command("bg; jobs")
    sh.check("bg continues it in the background", out is not None and
             re.search(r"\[1\]\+ +Running +sh -c", out), repr(out))
    sh.command("kill %1")
    start_job(sh, b"cat")
    out = sh.key(b"\x1a", PROMPT)
    sh.check("^Z stops cat as it reads", out is not None and "Stopped" in out, repr(out))
    # fg names the job once ash's line editor is done with the terminal;
    # cat writes back what is typed then, once it runs in the foreground.
    sh.send(b"fg\r")
    sh.until(b"exec cat\"\r\n")
    out = sh.key(b"again\r", b"again\r\nagain\r\n")
    sh.check("fg gives it the terminal back", out is not None, repr(out))
    sh.key(b"\x03", PROMPT)
    out = sh.command("echo status=$?")
    sh.check("^C kills the foreground job (SIGINT, status 130), the shell lives on",
             "status=130" in lines(out), repr(out))
    # ash ignores SIGQUIT (as bash), "sh -c" too until it has exec'd cat:
    # cat's answer to a line says it runs.
    start_job(sh, b"cat")
    sh.key(b"running\r", b"running\r\nrunning\r\n")
    sh.key(b"\x1c", PROMPT)
    out = sh.command("echo status=$?")
    sh.check("^\\ quits the foreground job (SIGQUIT, status 131)",
             "status=131" in lines(out), repr(out))
    # A background read stops its job (SIGTTIN); with TOSTOP a background
    # write does too (SIGTTOU). ash reports each stop at a later prompt.
    sh.command("cat &")
    out = poll_jobs(sh, r"Stopped \(tty input\) +cat")
    sh.check("a background read stops the job: SIGTTIN", out is not None)
    sh.command("kill -9 %1")
    sh.command("stty tostop; echo written-in-background &")
    out = poll_jobs(sh, r"Stopped \(tty output\) +echo written-in-background")
    sh.check("TOSTOP: a background write stops the job: SIGTTOU", out is not None)
    out = sh.command("stty -tostop; fg")
    sh.check("fg lets the stopped write through", "written-in-background" in lines(out),
             repr(out))
    # setsid forks when it leads its process group, as a job ash starts
    # does, and its parent's exit then races cat's message to the prompt.
    # Started by "sh -c", it is not a leader and does not fork: the
    # message comes before sh's exit and ash's next prompt.
    out = sh.command("sh -c 'setsid cat /dev/tty; echo status=$?'")
    sh.check("a new session has no controlling terminal: /dev/tty is ENXIO",
             "cat: can't open '/dev/tty': No such device or address" in lines(out) and
             "status=1" in lines(out), repr(out))


def poll_jobs(sh, pattern, tries=40):
    for _ in range(tries):
        out = sh.command("jobs")
        if out is None:
            return None
        if re.search(pattern, out):
            return out
    return None


def terminal_modes(sh):
    # Non-canonical, VMIN 3: three keys are a read, without a newline.
    # "ready" comes once ash has left its own raw mode and stty has run:
    # keys typed earlier would meet another mode, on Linux too.
    sh.send(b"stty -icanon min 3 time 0; echo ready; head -c 3 | od -An -c; stty icanon\r")
    sh.until(b"ready\r\n")
    out = sh.key(b"xyz", b"\n" + PROMPT)
    sh.check("raw mode: VMIN 3 makes three keystrokes one read", out is not None and
             re.search(r"x +y +z", out), repr(out))
    # VMIN 0, VTIME 1: a read with nothing typed ends after 0.1 s with 0 bytes.
    out = sh.command("stty -icanon min 0 time 1; head -c 1 | wc -c; stty sane")
    sh.check("raw mode: VMIN 0 VTIME 1 times out empty", "0" in lines(out), repr(out))
    sh.send(b"stty -echo; echo ready; read secret; stty echo; echo got=$secret\r")
    sh.until(b"ready\r\n")
    out = sh.key(b"hidden-word\r", b"\n" + PROMPT)
    sh.check("stty -echo: what is typed is not echoed",
             out is not None and out.count("hidden-word") == 1 and "got=hidden-word" in out,
             repr(out))
    # Canonical editing by the line discipline: erase (DEL) and kill (^U).
    sh.send(b"echo ready; read line; echo got=$line\r")
    sh.until(b"ready\r\n")
    out = sh.key(b"gone\x15kepx\x7ft\r", b"\n" + PROMPT)
    sh.check("ICANON: VKILL and VERASE edit the line before read() sees it",
             "got=kept" in lines(out), repr(out))
    out = sh.command("stty -a | grep -o 'min = 1; time = 0'")
    sh.check("stty sane restored VMIN 1 VTIME 0", "min = 1; time = 0" in lines(out), repr(out))


def line_editing(sh):
    out = sh.command("echo abc\x1b[D\x1b[DX")
    sh.check("ash's line editing: left arrow, insert", "aXbc" in lines(out), repr(out))
    out = sh.command("echo hellp\x7fo")
    sh.check("ash's line editing: backspace (DEL)", "hello" in lines(out), repr(out))
    out = sh.command("\x1b[A")
    sh.check("ash's line editing: up arrow recalls the last line", "hello" in lines(out),
             repr(out))


def respawn(sh):
    """The session leader's exit frees the terminal; init's next ash takes
    it as its own controlling terminal again, job control and all."""
    sh.send(b"exit\r")
    out = sh.until(b"built-in shell (ash)")
    if out is not None:
        out = sh.until(PROMPT)
    sh.check("exit: init starts a new ash", out is not None)
    start_job(sh, b"cat")
    out = sh.key(b"\x1a", PROMPT)
    sh.check("the new session has ttyS0 as its terminal: ^Z stops its job",
             out is not None and "Stopped" in out, repr(out))
    sh.command("kill -9 %1")


def boot(smp):
    sh = Shell(smp)
    try:
        out = sh.until(b"built-in shell (ash)", DEADLINE)
        if out is not None:
            out = sh.until(PROMPT, 20)
        sh.check("busybox init starts ash on ttyS0", out is not None)
        if out is None:
            return sh.failures
        answers(sh, smp)
        ping(sh)
        job_control(sh)
        line_editing(sh)
        if smp > 1:	# the line discipline's modes and the respawn once: time
            terminal_modes(sh)
            respawn(sh)
        sh.send(b"poweroff\r")
        try:
            status = sh.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            status = None
        sh.check("poweroff: busybox init stops and powers off", status == 1,
                 "QEMU exit status %s, expected 1" % status)
    finally:
        sh.close()
        with open("build/test-logs/busybox-smp%d.log" % smp, "wb") as f:
            f.write(sh.transcript)
    return sh.failures


def missing_package():
    name = "reflex-no-such-package"
    r = subprocess.run(["scripts/mkinitramfs-debian.sh", "-d", "build/test-logs/debian",
                        name + ":/bin/x"], capture_output=True, text=True)
    ok = r.returncode == 1 and ("package '%s' is missing" % name) in r.stderr
    print(("ok - " if ok else "not ok - ") +
          "user: mkinitramfs-debian names a package it cannot get")
    if not ok:
        print("    status %d, stderr: %r" % (r.returncode, r.stderr[-300:]))


def main():
    if not os.path.exists(INITRD):
        print("not ok - user: busybox: %s missing (make %s)" % (INITRD, INITRD))
        return
    os.makedirs("build/test-logs", exist_ok=True)
    for smp in (1, 4):
        boot(smp)
    missing_package()


if __name__ == "__main__":
    main()
    sys.exit(0)
