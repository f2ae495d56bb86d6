#!/bin/bash
# Debian's trinity, the Linux system call fuzzer, unchanged: booted with
# its driver (tests/user/trinity.c, rdinit=/test-init /fuzz/trinity) at
# -smp 1 and -smp 4, from a fixed seed with four children for a bounded
# count. Trinity must exit by itself with success, a command after it
# must still run, the kernel must print no oops, BUG, WARNING, panic or
# allocator complaint, and test-init must power off at the end. The bugs
# it found are tests/user/trinity_found.c's cases.
. tests/lib.sh

SEED=${TRINITY_SEED:-20260}
COUNT=${TRINITY_COUNT:-15000}

if ! grep -q ' /fuzz/data/trinity ' build/tests_dyn.list 2>/dev/null; then
	echo "ok - trinity: # SKIP trinity is not installed (scripts/deps.sh test installs it)"
	exit 0
fi

trinity_boot() { # trinity_boot SMP
	local t=trinity-smp$1 bad
	QEMU_MEM=${TRINITY_MEM:-1G} QEMU_TIMEOUT=${TRINITY_TIMEOUT:-180} boot_kernel "$t" \
		"rdinit=/test-init /fuzz/trinity TRINITY_SEED=$SEED TRINITY_COUNT=$COUNT" \
		-M pc -smp "$1" -initrd build/tests.cpio.gz
	awk -v tag="$t" '
	/^    ok [0-9]+ / { sub(/^    ok [0-9]+ /, ""); print "ok - " tag ": " $0; n++; next }
	/^    not ok [0-9]+ / { sub(/^    not ok [0-9]+ /, ""); print "not ok - " tag ": " $0; n++; next }
	END { if (!n) print "not ok - " tag ": no KTAP results" }' "$LOG"
	if grep -q '^    not ok' "$LOG"; then
		grep -E '^    # .*expected' "$LOG" | sed 's/^/    | /'
		show_tail 40
	fi
	expect_log "$t: trinity ran its $COUNT calls (seed $SEED) and stopped at the count" \
		"Completed maximum number of operations" "[main] Ran "
	bad=$(grep -m1 -E 'Oops|BUG:|WARNING:|Kernel panic|general protection fault|double free|not allocated by kmalloc|Bad page state|Bad rss-counter' "$LOG")
	if [ -n "$bad" ]; then
		fail "$t: no oops, BUG, warning or panic in the kernel log" "$bad"
	else
		pass "$t: no oops, BUG, warning or panic in the kernel log"
	fi
	expect_status "$t: the boot ends in test-init's power-off" 1
}

trinity_boot 1
trinity_boot 4
