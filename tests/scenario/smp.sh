#!/bin/bash
# Starting the other CPUs on both chipsets and at several sizes: every boot
# must bring up every CPU QEMU gives it (Linux's "smp: Brought up 1 node,
# N CPUs" and "smpboot: Total of N processors activated"), and the KUnit
# suite smpboot must pass on it (each CPU online, ticking, on its own GS,
# GDT, TSS and IST stacks). Then the command-line caps: maxcpus=2 and nosmp.
. tests/lib.sh

smp_boot() { # smp_boot MACHINE CPUS ["CMDLINE WORDS"] [ONLINE]
	m=$1; n=$2; words=${3:-}; online=${4:-$2}
	tag="smp-$m-$n${words:+-${words// /-}}"
	boot_kernel "$tag" "reflex.test=smpboot $words" -M "$m" -smp "$n" -m 512M -serial null
	expect_status "$tag: the smpboot suite passes" 33
	if [ "$online" = 1 ]; then cpus="1 CPU"; else cpus="$online CPUs"; fi
	expect_log "$tag: $online of $n CPUs brought up" \
		"smp: Brought up 1 node, $cpus" "smpboot: Total of $online processors activated"
	if grep -q 'do_boot_cpu failed' "$LOG"; then
		fail "$tag: no CPU failed to start" "$(grep 'do_boot_cpu failed' "$LOG" | head -3)"
	else
		pass "$tag: no CPU failed to start"
	fi
}

for m in pc q35; do
	for n in 2 4 8 64; do
		smp_boot "$m" "$n"
	done
done
smp_boot pc 4 maxcpus=2 2
smp_boot pc 4 nosmp 1
