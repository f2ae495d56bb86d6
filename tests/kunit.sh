#!/bin/bash
# The in-kernel KUnit suites: one boot runs them all (reflex.test=all) and
# every case's KTAP result becomes one line here. A boot that does not end
# through isa-debug-exit (hang, panic) fails with the serial tail.
. tests/lib.sh

run_suites() { # run_suites NAME "CMDLINE" QEMU-ARGS...
	n=$1; cmd=$2; shift 2
	boot_kernel "$n" "$cmd" "$@"
	# Strip the printk timestamp; cases are the 4-space-indented KTAP lines.
	sed 's/^\[[ 0-9.]*\] //' "$LOG" | awk -v tag="$n" '
		/^    # Subtest: / { suite = $3 }
		/^    ok [0-9]+ / { print "ok - " tag ": " suite "." $3; n++ }
		/^    not ok [0-9]+ / { print "not ok - " tag ": " suite "." $4; n++ }
		END { if (!n) print "not ok - " tag ": no KTAP results" }'
	if sed 's/^\[[ 0-9.]*\] //' "$LOG" | grep -q '^    not ok '; then
		grep -B2 -A3 'EXPECTATION FAILED' "$LOG" | sed 's/^/    | /'
	fi
	expect_status "$n: suites complete and report through isa-debug-exit" 33
}

# COM2 (-serial null) is the stuck line of apic.stuck_line_is_disabled_by_spurious_detector.
# Every suite on one CPU and on four (the SMP cases skip on one).
run_suites kunit-pc "reflex.test=all" -M pc -smp 1 -serial null
run_suites kunit-pc-smp4 "reflex.test=all" -M pc -smp 4 -serial null
run_suites kunit-q35 "reflex.test=boot,acpi,apic,softirq,clockevents,timer,smpboot,smp" -M q35 -smp 4 -serial null
# Vector moves with edu's MSI and e1000e's MSI-X too (those cases skip without).
run_suites kunit-vector-pci "reflex.test=vector" -M pc -smp 4 -serial null -device edu -netdev user,id=n1 -device e1000e,netdev=n1
run_suites kunit-noapic "noapic reflex.test=pic,boot" -M pc
run_suites kunit-noxsave "noxsave nofsgsbase reflex.test=xstate" -M pc -serial null
# IRQ time accounting off: tasks pay for the interrupts in their context.
run_suites kunit-noirqtime "tsc=noirqtime reflex.test=sched" -M pc -serial null
# Forced irq threads. Not the irq and softirq suites: they pin handlers and
# softirqs running in hard-IRQ context, which "threadirqs" moves to threads
# and ksoftirqd; nor locking and sched, whose SCHED_FIFO spinners would
# starve the timer softirq now in ksoftirqd (reflex has no RT throttling).
run_suites kunit-threadirqs "threadirqs reflex.test=threadirq,apic,workqueue" -M pc -serial null

# PCI: edu (MSI, INTA), e1000e (MSI-X) and an edu behind a pci-bridge on both
# chipsets; the boot listing and the configuration mechanism each must choose.
PCI_DEVS="-device edu -netdev user,id=n1 -device e1000e,netdev=n1
	-device pci-bridge,id=br1,chassis_nr=1 -device edu,bus=br1,addr=3"
run_suites kunit-pci-pc "reflex.test=pci" -M pc $PCI_DEVS
expect_log "kunit-pci-pc: type 1 access and the boot listing" \
	"PCI: Using configuration type 1 for base access" \
	"pci 0000:00:00.0: [8086:1237] type 00 class 0x060000" \
	"pci 0000:00:03.0: [1234:11e8] type 00 class 0x00ff00" \
	"pci 0000:00:04.0: [8086:10d3] type 00 class 0x020000" \
	"PCI: Using IRQ router PIIX/ICH [8086/7000] at 0000:00:01.0" \
	"pci 0000:00:03.0: INTA -> GSI 11 (level, high) -> IRQ 11"
run_suites kunit-pci-q35 "reflex.test=pci" -M q35 $PCI_DEVS
expect_log "kunit-pci-q35: ECAM access and the boot listing" \
	"PCI: MMCONFIG for domain 0000 [bus 00-ff] at [mem 0xb0000000-0xbfffffff]" \
	"PCI: Using MMCONFIG (ECAM) for base and extended access" \
	"pci 0000:00:00.0: [8086:29c0] type 00 class 0x060000" \
	"pci 0000:00:1f.0: [8086:2918] type 00 class 0x060100" \
	"PCI: Using IRQ router ICH9 [8086/2918] at 0000:00:1f.0" \
	"pci 0000:00:02.0: INTA -> GSI 22 (level, high) -> IRQ"
