#!/usr/bin/env python3
"""abi_compare.py: the user-space test programs on reflex and on Linux.

make bench's user-ABI part. The same initramfs (build/tests.cpio.gz, the
static musl programs of tests/user/ under test-init) boots once on reflex
and once on Debian's own kernel (/boot/vmlinuz-*, linux-image-amd64) in the
same QEMU (TCG, -cpu max, -smp 4 by default), and every KTAP case of every
program is set side by side: which pass on both, which pass on one only,
which are skipped and why. The programs are written against Linux's
documented behaviour, so a case that passes on reflex and fails on Linux is
as much a finding as the other way round.

Usage: scripts/abi_compare.py [--smp N] [--results DIR] [PROGRAM...]
(no programs: every one in /tests). Writes DIR/abi.md (default
bench/results) and the two serial logs beside it; prints the summary.
Exit status 0 whatever the comparison says (it is a report, not a test);
1 if a kernel did not finish its run.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
INITRD = os.path.join(ROOT, "build", "tests.cpio.gz")
REFLEX = os.path.join(ROOT, "build", "reflex.elf")
TIMEOUT = 1500

SUBTEST = re.compile(r"^    # Subtest: (\S+)")
CASE = re.compile(r"^    (not ok|ok) \d+ (\S+)(?: # (SKIP)? ?(.*))?$")
EXIT = re.compile(r"^(not ok|ok) \d+ (\S+)(?: # (.*))?$")


def linux_kernel():
    found = sorted(f for f in os.listdir("/boot") if f.startswith("vmlinuz-"))
    if not found:
        sys.exit("abi_compare: no /boot/vmlinuz-*: apt-get install linux-image-amd64")
    return os.path.join("/boot", found[-1]), found[-1][len("vmlinuz-"):]


def boot(name, kernel, programs, smp, results):
    """Serial lines of one test-init run, and the QEMU command."""
    append = "console=ttyS0 quiet rdinit=/test-init CPU_HOTPLUG_CYCLES=30"
    if programs:
        append += " " + " ".join("/tests/" + p for p in programs)
    cmd = ["qemu-system-x86_64", "-M", "pc", "-cpu", "max", "-m", "512M", "-smp", str(smp),
           "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
           "-kernel", kernel, "-initrd", INITRD, "-append", append]
    log = os.path.join(results, "abi-%s.log" % name)
    try:
        out = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=TIMEOUT).stdout
        done = True
    except subprocess.TimeoutExpired as e:
        out, done = e.stdout or b"", False
    text = out.decode(errors="replace").replace("\r", "")
    with open(log, "w") as f:
        f.write("# " + " ".join(shlex.quote(c) for c in cmd) + "\n" + text)
    return text.splitlines(), cmd, done


def parse(lines):
    """{program: {"cases": {case: (verdict, note)}, "exit": (verdict, note)}}."""
    progs, cur = {}, None
    for line in lines:
        m = SUBTEST.match(line)
        if m:
            cur = progs.setdefault(m.group(1), {"cases": {}, "exit": None})
            continue
        m = CASE.match(line)
        if m and cur is not None:
            verdict = "skip" if m.group(3) else ("pass" if m.group(1) == "ok" else "fail")
            cur["cases"][m.group(2)] = (verdict, (m.group(4) or "").strip())
            continue
        m = EXIT.match(line)
        if m and m.group(2) in progs:
            progs[m.group(2)]["exit"] = ("pass" if m.group(1) == "ok" else "fail",
                                         (m.group(3) or "").strip())
    return progs


def report(r, l, smp, cmds, done):
    names = sorted(set(r) | set(l))
    both = only_r = only_l = neither = skipped = 0
    rows, diffs = [], []
    for p in names:
        rc, lc = r.get(p, {}).get("cases", {}), l.get(p, {}).get("cases", {})
        n = {"both": 0, "reflex": 0, "linux": 0, "neither": 0, "skip": 0}
        for c in sorted(set(rc) | set(lc)):
            a, b = rc.get(c, ("missing", "")), lc.get(c, ("missing", ""))
            if a[0] == "skip" or b[0] == "skip":
                n["skip"] += 1
                if a[0] != b[0]:
                    diffs.append((p, c, a, b))
            elif a[0] == "pass" and b[0] == "pass":
                n["both"] += 1
            elif a[0] == "pass":
                n["reflex"] += 1
                diffs.append((p, c, a, b))
            elif b[0] == "pass":
                n["linux"] += 1
                diffs.append((p, c, a, b))
            else:
                n["neither"] += 1
                diffs.append((p, c, a, b))
        both += n["both"]; only_r += n["reflex"]; only_l += n["linux"]
        neither += n["neither"]; skipped += n["skip"]
        rows.append("| `%s` | %d | %d | %d | %d | %d |" % (p, n["both"], n["reflex"], n["linux"],
                                                         n["neither"], n["skip"]))
    md = ["# The user-space tests on reflex and on Linux", "",
          "`scripts/abi_compare.py`: build/tests.cpio.gz under test-init, `-smp %d`, TCG "
          "(`-cpu max`), once on each kernel. A skipped case is counted once under "
          "\"skipped\" (on either kernel); differences are listed below the table." % smp, ""]
    for name, ok in done.items():
        if not ok:
            md.append("**%s did not finish within %d s: its missing cases count as failed.**"
                      % (name, TIMEOUT))
    md += ["| program | pass on both | reflex only | Linux only | neither | skipped |",
           "|---|---|---|---|---|---|"] + rows
    md += ["| all | %d | %d | %d | %d | %d |" % (both, only_r, only_l, neither, skipped), ""]
    if diffs:
        md += ["Cases that differ (verdict and KTAP note, reflex / Linux):", ""]
        for p, c, a, b in diffs:
            md.append("- `%s.%s`: %s%s / %s%s" % (p, c, a[0], " (%s)" % a[1] if a[1] else "",
                                                 b[0], " (%s)" % b[1] if b[1] else ""))
        md.append("")
    md += ["Commands:", ""] + ["- %s: `%s`" % (n, " ".join(shlex.quote(x) for x in c))
                               for n, c in cmds] + [""]
    return "\n".join(md), (both, only_r, only_l, neither, skipped)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smp", type=int, default=4)
    ap.add_argument("--results", default=os.path.join(ROOT, "bench", "results"))
    ap.add_argument("programs", nargs="*")
    a = ap.parse_args()
    for f in (INITRD, REFLEX):
        if not os.path.exists(f):
            sys.exit("abi_compare: %s missing (make && make user-tests)" % f)
    os.makedirs(a.results, exist_ok=True)
    vmlinuz, release = linux_kernel()
    res, cmds, done = {}, [], {}
    for name, kernel in (("reflex", REFLEX), ("linux", vmlinuz)):
        print("abi_compare: booting %s (-smp %d)" % (name, a.smp), flush=True)
        lines, cmd, done[name] = boot(name, kernel, a.programs, a.smp, a.results)
        res[name] = parse(lines)
        cmds.append((name, cmd))
    md, totals = report(res["reflex"], res["linux"], a.smp, cmds, done)
    md = md.replace("# The user-space tests on reflex and on Linux",
                    "# The user-space tests on reflex and on Linux %s" % release, 1)
    with open(os.path.join(a.results, "abi.md"), "w") as f:
        f.write(md)
    print("abi_compare: pass on both %d, reflex only %d, Linux only %d, neither %d, "
          "skipped %d; %s" % (totals + (os.path.relpath(os.path.join(a.results, "abi.md"),
                                                        ROOT),)))
    return 0 if all(done.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
