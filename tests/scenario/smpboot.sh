#!/bin/bash
# The KUnit suite smpboot where the KUnit tier does not run it: a large
# machine (pc, 64 CPUs) and q35 at 8, where each CPU must still be online
# on its own GS, GDT, busy TSS and IST stacks with its timer ticking, and
# under maxcpus=2, where the other two present CPUs must stay offline. No
# CPU may fail to start.
. tests/lib.sh

smpboot_boot() { # smpboot_boot MACHINE CPUS ONLINE ["CMDLINE WORDS"]
	local m=$1 cpus=$2 online=$3 words=${4:-} tag
	tag="smpboot-$m-$cpus${words:+-${words// /-}}"
	boot_kernel "$tag" "reflex.test=smpboot $words" -M "$m" -smp "$cpus" -m 512M -serial null
	expect_status "$tag: the smpboot suite passes" 33
	expect_log "$tag: $online of $cpus CPUs brought up" \
		"smp: Brought up 1 node, $online CPUs" "smpboot: Total of $online processors activated"
	if grep -q 'do_boot_cpu failed' "$LOG"; then
		fail "$tag: no CPU failed to start" "$(grep 'do_boot_cpu failed' "$LOG" | head -3)"
	else
		pass "$tag: no CPU failed to start"
	fi
}

smpboot_boot pc 64 64
smpboot_boot q35 8 8
smpboot_boot pc 4 2 maxcpus=2
