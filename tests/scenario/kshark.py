#!/usr/bin/env python3
"""KernelShark's reading of a trace.dat, without a display.

KernelShark's window has no mode that loads a file and exits, so this
loads the file as its window does, through KernelShark's own library
(libkshark.so.2 from Debian's kernelshark, called with ctypes): the
plugins the window registers (its built-in list, in its order),
kshark_open(), the file's buffers, the plugins it turns on for trace-cmd
files (kshark_tep_handle_plugins(): sched_events, missed_events,
kvm_combo), then kshark_load_all_entries(); and, for each entry, what the
window's list shows: task, PID, CPU, time, latency flags, event and info.
The loading runs in a child process, so that whatever libkshark,
libtracecmd and libtraceevent print is caught, and a crash is a result
rather than the end of the caller.

    python3 tests/scenario/kshark.py FILE   prints FILE's summary as JSON
    python3 tests/scenario/kshark.py        the scenario: the loader's own
                                            checks (tracecmd.py uses it on
                                            reflex's trace.dat)

load(path) returns (summary or None, what the child printed); complaints()
keeps the printed lines that are not KernelShark's ordinary chatter."""
import ctypes
import ctypes.util
import json
import os
import re
import subprocess
import sys

LIB = "libkshark.so.2"
PLUGIN_DIR = "/usr/lib/x86_64-linux-gnu/kernelshark/plugins"
# KS_BUILTIN_PLUGINS of Debian's build: what the window registers at start.
PLUGINS = ["sched_events", "event_field_plot", "latency_plot", "kvm_combo", "missed_events"]


class Entry(ctypes.Structure):
    """struct kshark_entry (libkshark.h)."""
    _fields_ = [("next", ctypes.c_void_p), ("visible", ctypes.c_uint16),
                ("stream_id", ctypes.c_int16), ("event_id", ctypes.c_int16),
                ("cpu", ctypes.c_int16), ("pid", ctypes.c_int32),
                ("offset", ctypes.c_int64), ("ts", ctypes.c_int64)]


def available():
    """Whether KernelShark's library is installed (scripts/deps.sh test)."""
    try:
        ctypes.CDLL(LIB)
    except OSError:
        return False
    return all(os.path.exists(plugin_file(p)) for p in PLUGINS)


def plugin_file(name):
    return os.path.join(PLUGIN_DIR, "plugin-%s.so" % name)


def _bind(ks):
    vp = ctypes.c_void_p
    sig = {
        "kshark_instance": ([ctypes.POINTER(vp)], ctypes.c_bool),
        "kshark_register_plugin": ([vp, ctypes.c_char_p, ctypes.c_char_p], vp),
        "kshark_open": ([vp, ctypes.c_char_p], ctypes.c_int),
        "kshark_get_data_stream": ([vp, ctypes.c_int], vp),
        "kshark_find_event_id": ([vp, ctypes.c_char_p], ctypes.c_int),
        "kshark_tep_init_all_buffers": ([vp, ctypes.c_int], ctypes.c_int),
        "kshark_tep_handle_plugins": ([vp, ctypes.c_int], ctypes.c_int),
        "kshark_load_all_entries": ([vp, ctypes.POINTER(ctypes.POINTER(ctypes.POINTER(Entry)))],
                                    ctypes.c_ssize_t),
        "kshark_close_all": ([vp], None),
        "kshark_free": ([vp], None),
    }
    for f in ("event_name", "task", "info", "aux_info"):
        sig["kshark_get_" + f] = ([ctypes.POINTER(Entry)], vp)
    for name, (args, res) in sig.items():
        getattr(ks, name).argtypes = args
        getattr(ks, name).restype = res


def _string(libc, ptr):
    """A string libkshark allocated for the caller, freed after copying."""
    if not ptr:
        return None
    s = ctypes.string_at(ptr).decode(errors="replace")
    libc.free(ctypes.c_void_p(ptr))
    return s


def _child(path):
    """Loads path as KernelShark's window does; the summary as JSON on the
    last line of stdout."""
    ks = ctypes.CDLL(LIB)
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.argtypes = [ctypes.c_void_p]
    _bind(ks)
    ctx = ctypes.c_void_p()
    if not ks.kshark_instance(ctypes.byref(ctx)):
        print("kshark_instance() failed")
        return 1
    for name in PLUGINS:
        if not ks.kshark_register_plugin(ctx, name.encode(), plugin_file(name).encode()):
            print("plugin %s could not be registered" % name)
    sd = ks.kshark_open(ctx, path.encode())
    if sd < 0:
        print("kshark_open() failed: %s" % os.strerror(-sd))
        return 1
    ks.kshark_tep_init_all_buffers(ctx, sd)
    if ks.kshark_tep_handle_plugins(ctx, sd) < 0:
        print("kshark_tep_handle_plugins() failed")
    stream = ks.kshark_get_data_stream(ctx, sd)
    kvm = all(ks.kshark_find_event_id(stream, e) >= 0
              for e in (b"kvm/kvm_entry", b"kvm/kvm_exit"))
    rows = ctypes.POINTER(ctypes.POINTER(Entry))()
    n = ks.kshark_load_all_entries(ctx, ctypes.byref(rows))
    if n < 0:
        print("kshark_load_all_entries() failed: %s" % os.strerror(-n))
        return 1
    out = {"entries": n, "kvm_events": kvm, "rows": []}
    for i in range(n):
        e = rows[i]
        c = e.contents
        out["rows"].append((_string(libc, ks.kshark_get_task(e)), c.pid, c.cpu, c.ts,
                            _string(libc, ks.kshark_get_aux_info(e)),
                            _string(libc, ks.kshark_get_event_name(e)),
                            _string(libc, ks.kshark_get_info(e))))
        libc.free(ctypes.cast(e, ctypes.c_void_p))
    libc.free(ctypes.cast(rows, ctypes.c_void_p))
    ks.kshark_close_all(ctx)
    ks.kshark_free(ctx)
    print(json.dumps(out))
    return 0


def load(path, timeout=120):
    """(summary, output): the summary is None unless the child finished
    with one; output is everything else it printed, stdout then stderr."""
    try:
        p = subprocess.run([sys.executable, os.path.abspath(__file__), path],
                           capture_output=True, text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return None, "no summary after %d s\n%s" % (timeout, exc.output or "")
    lines = p.stdout.splitlines()
    summary = None
    if p.returncode == 0 and lines:
        try:
            summary = json.loads(lines[-1])
            lines = lines[:-1]
        except ValueError:
            summary = None
    if p.returncode < 0:
        lines.append("killed by signal %d" % -p.returncode)
    elif p.returncode:
        lines.append("exit status %d" % p.returncode)
    return summary, "\n".join(lines + p.stderr.splitlines())


def complaints(output, path, kvm_events):
    """What KernelShark printed, less its ordinary chatter: one "loading
    plugin" line per plugin registered, and, for a trace with no KVM events,
    kvm_combo declining the file (as it declines any such trace)."""
    quiet = {'loading plugin "%s" from %s' % (p, plugin_file(p)) for p in PLUGINS}
    if not kvm_events:
        quiet.add('plugin "kvm_combo" failed to initialize on stream %s' % path)
    return [line for line in output.splitlines() if line.strip() and line not in quiet]


# "  <idle>-0       3d.h1.     1.541962: softirq_raise:        vec=7 [...]":
# task-PID, CPU and the five latency flags run together, seconds.micros.
REPORT_LINE = re.compile(r"^\s*(.*?)-(\d+)\s+(\d+)([^\s\d]\S{4})\s+(\d+)\.(\d{6}):"
                         r"\s+(\w+):\s*(.*)$")


def report_rows(text):
    """(task, pid, cpu, microseconds, latency, event, info) of each event
    line of `trace-cmd report -l`."""
    rows = []
    for line in text.splitlines():
        m = REPORT_LINE.match(line)
        if m:
            task, pid, cpu, lat, sec, usec, name, info = m.groups()
            rows.append((task, int(pid), int(cpu), int(sec) * 1000000 + int(usec), lat,
                         name, info.rstrip()))
    return rows


def tasks(summary):
    """The task names KernelShark shows, whole."""
    return sorted({row[0] for row in summary["rows"]})


def as_kernelshark(rows):
    """report_rows() as KernelShark lists them: its sched_events plugin files
    a sched_switch under the task switched to (next_pid), so that the switch
    opens that task's lane."""
    out = []
    for task, pid, cpu, us, lat, name, info in rows:
        m = re.search(r"==> .*:(\d+) \[\d+\]$", info) if name == "sched_switch" else None
        out.append((task, int(m.group(1)) if m else pid, cpu, us, lat, name, info))
    return out


def kshark_rows(summary):
    """KernelShark's rows in report_rows()' terms: the task's first 8
    characters (all that report -l prints), nanoseconds rounded to
    microseconds as report does, the system dropped from the event name."""
    return [(task[:8], pid, cpu, (ts + 500) // 1000, lat, name.split("/", 1)[-1],
             (info or "").strip()) for task, pid, cpu, ts, lat, name, info in summary["rows"]]


def ok(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + "kshark: " + name)
    if not cond and detail:
        for line in str(detail).splitlines()[-30:]:
            print("    " + line)
    sys.stdout.flush()
    return cond


def scenario():
    """The loader and its filters must fail where they should; reflex's
    traces themselves are checked by tracecmd.py."""
    if not available():
        print("# kshark skipped: KernelShark is not installed (scripts/deps.sh test)")
        return
    tmp = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build",
                       "test-logs")
    os.makedirs(tmp, exist_ok=True)
    missing = os.path.join(tmp, "kshark-missing.dat")
    if os.path.exists(missing):
        os.unlink(missing)
    s, out = load(missing)
    ok("a missing file gives no summary and a complaint", s is None
       and complaints(out, missing, False), out)
    junk = os.path.join(tmp, "kshark-junk.dat")
    with open(junk, "wb") as f:
        f.write(b"not a trace file\n" * 64)
    s, out = load(junk)
    ok("a file that is not a trace.dat gives no summary and a complaint", s is None
       and complaints(out, junk, False), out)
    chatter = "\n".join(['loading plugin "%s" from %s' % (p, plugin_file(p)) for p in PLUGINS] +
                        ['plugin "kvm_combo" failed to initialize on stream t.dat'])
    ok("complaints(): the plugin chatter is quiet, kvm_combo only without KVM events, and "
       "anything else is kept",
       not complaints(chatter, "t.dat", False) and complaints(chatter, "t.dat", True)
       and complaints(chatter + "\nlibtraceevent: No such file", "t.dat", False)
       == ["libtraceevent: No such file"]
       and complaints(chatter.replace("kvm_combo", "sched_events"), "t.dat", False))
    line = "  <idle>-0       3d.h1.     1.541962: softirq_raise:        vec=7 [action=SCHED]"
    ok("report_rows() reads trace-cmd report -l's line",
       report_rows(line) == [("<idle>", 0, 3, 1541962, "d.h1.", "softirq_raise",
                              "vec=7 [action=SCHED]")], report_rows(line))
    line = ("udp_echo-26      0d..2.     1.556605: sched_switch:         "
            "udp_echo:26 [120] S ==> swapper/0:0 [140]")
    ok("as_kernelshark() files a sched_switch under next_pid",
       as_kernelshark(report_rows(line)) == [("udp_echo", 0, 0, 1556605, "d..2.", "sched_switch",
                                              "udp_echo:26 [120] S ==> swapper/0:0 [140]")],
       as_kernelshark(report_rows(line)))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(_child(sys.argv[1]))
    scenario()
