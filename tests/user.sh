#!/bin/bash
# User space: the static musl test programs of tests/user/ run inside reflex
# by test-init (booted with -initrd build/tests.cpio.gz rdinit=/test-init).
# Every case of every program's KTAP becomes one line here
# ("ok - user: signals.sigill_on_ud2"), every program's exit status one
# more ("ok - user: signals exits 0"), and the boot must end with
# test-init's poweroff. Then the shell, reflex's default /init, is driven
# over the serial line (tests/user_shell.py).
#
# The same binaries run on Linux: build/user/test-init build/user/signals ...
. tests/lib.sh

# Until the kernel can start a program from an initramfs there is nothing to
# boot: print nothing (so no test is counted, passed or failed) and succeed.
# "Can" is judged from the kernel's symbols: the SYSCALL entry and Linux's
# initramfs unpacker. REFLEX_USER_TESTS=1 runs the tests regardless, =0
# skips them.
user_space_present() {
	case "${REFLEX_USER_TESTS:-}" in
	1) return 0 ;;
	0) return 1 ;;
	esac
	syms=$(nm build/reflex.elf 2>/dev/null) || return 1
	grep -qw entry_SYSCALL_64 <<<"$syms" &&
		grep -Eqw 'unpack_to_rootfs|populate_rootfs' <<<"$syms"
}
user_space_present || exit 0

if [ ! -f build/tests.cpio.gz ]; then
	echo "not ok - user: build/tests.cpio.gz missing (make user-tests)"
	exit 0
fi

# Program KTAP is indented four spaces under test-init's; printk lines carry
# a timestamp and are not KTAP. $1: the tag the lines carry ("user").
ktap_to_tap() {
	awk -v tag="${1:-user}" '
	/^    # Subtest: / { prog = $3; next }
	/^    ok [0-9]+ / { sub(/^    ok [0-9]+ /, ""); print "ok - " tag ": " prog "." $0; n++; next }
	/^    not ok [0-9]+ / { sub(/^    not ok [0-9]+ /, ""); print "not ok - " tag ": " prog "." $0; n++; next }
	/^ok [0-9]+ / { print "ok - " tag ": " $3 " exits 0"; n++; next }
	/^not ok [0-9]+ / { sub(/^not ok [0-9]+ /, ""); print "not ok - " tag ": " $0; n++; next }
	END { if (!n) print "not ok - " tag ": no KTAP results" }' "$LOG"
}

# Every program in /tests, in one boot. TCG is slow and signals.c alone
# takes 110,000 faults: a longer leash.
all_programs() { # all_programs TAG SMP
	t=$1
	# cpu_hotplug's 1,000 cycles get a boot of their own below.
	QEMU_TIMEOUT=${USER_TIMEOUT:-240} boot_kernel "$t" "rdinit=/test-init CPU_HOTPLUG_CYCLES=30" \
		-M pc -smp "$2" -initrd build/tests.cpio.gz
	ktap_to_tap "$t"
	if grep -q '^ *not ok ' "$LOG"; then
		grep -E '^    # .*expected|^# test-init|killed by signal' "$LOG" | sed 's/^/    | /'
	fi
	# syscall_abi.console_writes_do_not_interleave: 80 lines, each whole.
	whole=$(grep -cE '^ *# tty-atomic (A A{200}|B B{200})$' "$LOG")
	if [ "$whole" = 80 ] && [ "$(grep -c 'tty-atomic' "$LOG")" = 80 ]; then
		pass "$t: two writers' console lines arrive whole (tty write lock)"
	else
		fail "$t: two writers' console lines arrive whole (tty write lock)" \
			"$whole of 80 lines whole"
		grep 'tty-atomic' "$LOG" | grep -vE '^ *# tty-atomic (A A{200}|B B{200})$' | head -5
	fi
	expect_log "$t: test-init reports a summary" "# test-init: "
	# tests/user/tlb_shootdown.c: two tasks on one mm, pinned apart when the kernel can.
	expect_log "$t: tlb_shootdown ran its five cases" "# tlb_shootdown: pass:5 fail:0"
	# tests/user/oom.c's hogs: the kill is reported in Linux's words.
	expect_log "$t: the OOM killer reports its victim as Linux does" \
		"invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0" \
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name" \
		"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=oom," \
		"Out of memory: Killed process" "file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:"
	if grep -q "Bad rss-counter state" "$LOG"; then
		fail "$t: every mm's rss counters are zero at teardown"
	else
		pass "$t: every mm's rss counters are zero at teardown"
	fi
	expect_status "$t: test-init powers off (reboot(RB_POWER_OFF))" 1
}
# On four CPUs (the SMP cases run) and on one (they skip).
all_programs user 4
all_programs user-smp1 1

# The CPU files (tests/user/cpus.c) on other machines and command lines:
# each boot runs that program alone and says what the masks must be.
# Every present CPU is brought online at boot, up to maxcpus= (nosmp: the
# boot CPU alone); nr_cpus= caps the possible and present ones too.
cpus_boot() { # cpus_boot NAME SMP "CMDLINE WORDS" EXPECTATIONS...
	cb=$1; smp=$2; words=$3; shift 3
	QEMU_TIMEOUT=${USER_TIMEOUT:-240} boot_kernel "user-$cb" \
		"rdinit=/test-init /tests/cpus $words $*" -M pc -smp "$smp" -initrd build/tests.cpio.gz
	ktap_to_tap | sed "s/^\(\(not \)\{0,1\}ok - user: \)/\1$cb: /"
	expect_status "user: $cb: test-init powers off" 1
}
cpus_boot cpus-smp1 1 "" CPUS_ONLINE=0 CPUS_PRESENT=0 CPUS_POSSIBLE=0
cpus_boot cpus-smp4 4 "" CPUS_ONLINE=0-3 CPUS_PRESENT=0-3 CPUS_POSSIBLE=0-3
cpus_boot cpus-nosmp 4 nosmp CPUS_ONLINE=0 CPUS_PRESENT=0 CPUS_POSSIBLE=0
cpus_boot cpus-maxcpus2 4 maxcpus=2 CPUS_ONLINE=0-1 CPUS_PRESENT=0-3 CPUS_POSSIBLE=0-3
cpus_boot cpus-nr_cpus2 4 nr_cpus=2 CPUS_ONLINE=0-1 CPUS_PRESENT=0-1 CPUS_POSSIBLE=0-1

# sched_setaffinity/getaffinity and getcpu (tests/user/affinity.c) run in
# the -smp 2 boot above with the others; here on one CPU and on four.
affinity_boot() { # affinity_boot NAME SMP
	QEMU_TIMEOUT=${USER_TIMEOUT:-240} boot_kernel "user-$1" \
		"rdinit=/test-init /tests/affinity" -M pc -smp "$2" -initrd build/tests.cpio.gz
	ktap_to_tap | sed "s/^\(\(not \)\{0,1\}ok - user: \)/\1$1: /"
	expect_status "user: $1: test-init powers off" 1
}
affinity_boot affinity-smp1 1
affinity_boot affinity-smp4 4

# /proc/irq (tests/user/irq_proc.c) also runs with every program above; here
# with possible CPUs offline (maxcpus=2), and with irqaffinity=: the boot
# CPU is always added, and a list past the last CPU leaves only it.
irq_proc_boot() { # irq_proc_boot NAME SMP "CMDLINE WORDS"
	QEMU_TIMEOUT=${USER_TIMEOUT:-240} boot_kernel "user-$1" \
		"rdinit=/test-init /tests/irq_proc $3" -M pc -smp "$2" -initrd build/tests.cpio.gz
	ktap_to_tap | sed "s/^\(\(not \)\{0,1\}ok - user: \)/\1$1: /"
	expect_status "user: $1: test-init powers off" 1
}
irq_proc_boot irq_proc-maxcpus2 4 "maxcpus=2"
irq_proc_boot irq_proc-irqaffinity 4 "irqaffinity=2-3 IRQ_DEFAULT_AFFINITY=d"
irq_proc_boot irq_proc-irqaffinity-bad 4 "irqaffinity=7 IRQ_DEFAULT_AFFINITY=1"

# XSAVE and FSGSBASE (tests/user/xstate.c, fsgsbase.c) run with the others
# above; here on one CPU, where the context-switch storm's two processes
# share it, and with both turned off: FXSAVE frames, the GS base through
# arch_prctl alone.
xstate_boot() { # xstate_boot NAME SMP "CMDLINE WORDS" "BOOT LINE"
	QEMU_TIMEOUT=${USER_TIMEOUT:-240} boot_kernel "user-$1" \
		"rdinit=/test-init /tests/xstate /tests/fsgsbase $3" -M pc -smp "$2" \
		-initrd build/tests.cpio.gz
	ktap_to_tap | sed "s/^\(\(not \)\{0,1\}ok - user: \)/\1$1: /"
	expect_log "user: $1: the FPU boot line" "$4"
	expect_status "user: $1: test-init powers off" 1
}
xstate_boot xstate-smp1 1 "" "x86/fpu: Enabled xstate features"
xstate_boot xstate-noxsave 2 "noxsave nofsgsbase" "x86/fpu: x87 FPU will use FXSAVE"

# CPU hotplug (tests/user/cpu_hotplug.c) alone on four CPUs: CPUs 1-3 go
# down and come back 300 times under CPU-bound processes (about 40 s of
# guest time under TCG). The 1,000 cycles under a network flood are
# tests/scenario/net_churn.py's.
QEMU_TIMEOUT=${HOTPLUG_TIMEOUT:-600} boot_kernel user-cpu_hotplug \
	"rdinit=/test-init /tests/cpu_hotplug CPU_HOTPLUG_CYCLES=300" -M pc -smp 4 \
	-initrd build/tests.cpio.gz
ktap_to_tap | sed "s/^\(\(not \)\{0,1\}ok - user: \)/\1cpu_hotplug-smp4: /"
expect_log "user: cpu_hotplug-smp4: 300 cycles ran" "# 300 cycles over 3 CPUs"
expect_status "user: cpu_hotplug-smp4: test-init powers off" 1

# Debian's rt-tests and stress-ng (tests/user/rttests.c, the tools under
# /rt/data/ when the host has them) in a boot of their own, on one CPU and
# on four: cyclictest, pi_stress, signaltest, hackbench and 20 stressors,
# each judged by its own verdict. About 30 s of guest time per boot.
rttests_boot() { # rttests_boot NAME SMP
	QEMU_TIMEOUT=${USER_TIMEOUT:-240} boot_kernel "user-$1" \
		"rdinit=/test-init /rt/rttests" -M pc -smp "$2" -initrd build/tests.cpio.gz
	ktap_to_tap | sed "s/^\(\(not \)\{0,1\}ok - user: \)/\1$1: /"
	if grep -qE 'Oops|WARNING:|BUG:|Kernel panic' "$LOG"; then
		fail "user: $1: no oops, warning or panic in the kernel log" \
			"$(grep -m1 -E 'Oops|WARNING:|BUG:|Kernel panic' "$LOG")"
	else
		pass "user: $1: no oops, warning or panic in the kernel log"
	fi
	# stress-ng's sigsegv stressor handles its 2,000 faults: Linux logs none.
	if grep -q 'stress-ng.*segfault at' "$LOG"; then
		fail "user: $1: a handled SIGSEGV is not logged" "$(grep -m1 'segfault at' "$LOG")"
	else
		pass "user: $1: a handled SIGSEGV is not logged"
	fi
	expect_status "user: $1: test-init powers off" 1
}
rttests_boot rttests-smp1 1
rttests_boot rttests-smp4 4

# The fuzzer boots alone (tests/user/sysfuzz.c): random system calls and
# random instructions from a fixed seed; the kernel must neither oops nor
# warn, and test-init must still power off at the end.
QEMU_TIMEOUT=${USER_TIMEOUT:-240} boot_kernel user-fuzz \
	"rdinit=/test-init /fuzz/sysfuzz SYSFUZZ=\"0x5eed2026 300 300\"" \
	-M pc -smp 4 -initrd build/tests.cpio.gz
ktap_to_tap
if grep -qE 'Oops|WARNING:|BUG:|Kernel panic|general protection fault' "$LOG"; then
	fail "user: sysfuzz: no oops, warning or panic in the kernel log" \
		"$(grep -m1 -E 'Oops|WARNING:|BUG:|Kernel panic|general protection fault' "$LOG")"
else
	pass "user: sysfuzz: no oops, warning or panic in the kernel log"
fi
expect_status "user: sysfuzz: the boot ends in test-init's power-off" 1

python3 tests/user_shell.py

# make run's userland: Debian's busybox (init, then ash on ttyS0) driven
# over the serial line at -smp 1 and -smp 4 (tests/busybox_shell.py).
python3 tests/busybox_shell.py
