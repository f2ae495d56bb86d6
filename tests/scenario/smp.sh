#!/bin/bash
# SMP bring-up on both chipsets and several machine sizes: every CPU the
# MADT lists comes online and says so in Linux's words, and the CPU files
# agree (tests/user/cpus.c run as the only program: masks, /proc/stat,
# /proc/cpuinfo, per-CPU columns, each CPU's local timer ticking, each
# CPU's ksoftirqd/N and kworker/N:0).
. tests/lib.sh

smp_boot() { # smp_boot MACHINE N
	m=$1; n=$2; tag="smp-$m-$n"
	QEMU_MEM=512M QEMU_TIMEOUT=${SMP_TIMEOUT:-240} boot_kernel "$tag" \
		"rdinit=/test-init /tests/cpus CPUS_ONLINE=0-$((n - 1)) CPUS_PRESENT=0-$((n - 1)) CPUS_POSSIBLE=0-$((n - 1))" \
		-M "$m" -smp "$n" -initrd build/tests.cpio.gz
	expect_log "$tag: smp: Brought up 1 node, $n CPUs" "smp: Brought up 1 node, $n CPUs"
	awk -v tag="$tag" '
	/^    ok [0-9]+ / { sub(/^    ok [0-9]+ /, ""); print "ok - " tag ": cpus." $0; n++; next }
	/^    not ok [0-9]+ / { sub(/^    not ok [0-9]+ /, ""); print "not ok - " tag ": cpus." $0; n++; next }
	END { if (!n) print "not ok - " tag ": no KTAP results" }' "$LOG"
	if grep -qE 'Oops|WARNING:|BUG:|Kernel panic' "$LOG"; then
		fail "$tag: no oops, warning or BUG in the kernel log"
	else
		pass "$tag: no oops, warning or BUG in the kernel log"
	fi
	expect_status "$tag: test-init powers off" 1
}

for m in pc q35; do
	for n in 2 4 8 64; do
		smp_boot "$m" "$n"
	done
done

# idle=poll (Linux's): idle CPUs spin instead of halting; every CPU still
# comes online, ticks, and runs what is woken on it.
tag=smp-pc-4-idle-poll
QEMU_MEM=512M QEMU_TIMEOUT=${SMP_TIMEOUT:-240} boot_kernel "$tag" \
	"idle=poll rdinit=/test-init /tests/cpus /tests/smp_procs /tests/exit_wait CPUS_ONLINE=0-3 CPUS_PRESENT=0-3 CPUS_POSSIBLE=0-3" \
	-M pc -smp 4 -initrd build/tests.cpio.gz
expect_log "$tag: the idle threads poll" "using polling idle threads"
awk -v tag="$tag" '
/^    # Subtest: / { prog = $3; next }
/^    ok [0-9]+ / { sub(/^    ok [0-9]+ /, ""); print "ok - " tag ": " prog "." $0; n++; next }
/^    not ok [0-9]+ / { sub(/^    not ok [0-9]+ /, ""); print "not ok - " tag ": " prog "." $0; n++; next }
END { if (!n) print "not ok - " tag ": no KTAP results" }' "$LOG"
expect_status "$tag: test-init powers off" 1
