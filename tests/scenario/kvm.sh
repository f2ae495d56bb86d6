#!/bin/bash
# The KVM tier: the boot, apic, irq, sched and smp suites on real parallel
# vCPUs with the host's CPU model (x2APIC where the host has it), then the
# same with nox2apic (xAPIC MMIO). Where /dev/kvm cannot be used the tier
# says so in one line and runs nothing.
. tests/lib.sh

# QEMU itself decides: it must open /dev/kvm and start a VM with the CPU
# model the tier uses. A nested KVM may create a VM yet refuse "-cpu
# host" (QEMU 7.2 aborts when the host kernel refuses an MSR the model
# lists, such as IA32_ARCH_CAPABILITIES): that is the machine's limit,
# not reflex's, and the tier says so instead of failing.
kvm_usable() {
	[ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	(echo quit | timeout 20 qemu-system-x86_64 -accel kvm -cpu host -M pc -display none \
		-nodefaults -monitor stdio) >/dev/null 2>&1
}

if ! kvm_usable; then
	echo "# kvm tier skipped: /dev/kvm is absent or QEMU cannot start -accel kvm -cpu host on this machine"
	exit 0
fi

# A hypervisor that cannot run the guest at all says so itself: QEMU
# prints "KVM internal error" when KVM gives up emulating an instruction,
# which a KVM with hardware paging never has to do for an ordinary load
# from RAM. Seen on a nested KVM (guest paging taking seconds, then an
# XRSTOR from the kernel image "emulation failure"), where Debian's own
# Linux does not get past its real-mode setup either. The tier then says
# so and stops rather than report the host's failure as reflex's.
kvm_host_failed() {
	grep -q "KVM internal error" "$LOG" || return 1
	echo "# kvm tier skipped: KVM itself failed on this host ($(grep -m1 -o 'KVM internal error.*' "$LOG"), $(grep -m1 -o 'emulation failure' "$LOG")); serial tail:"
	tail -5 "$LOG" | sed 's/^/#   | /'
}

# QEMU does not exit on a KVM internal error: it pauses the VM and waits
# for the monitor. A watcher ends it as soon as the error is in the log
# instead of letting the boot run into its timeout.
end_on_internal_error() { # end_on_internal_error LOG PIDFILE
	while sleep 1; do
		if grep -q "KVM internal error" "$1" 2>/dev/null && [ -s "$2" ]; then
			kill "$(cat "$2")" 2>/dev/null
			return
		fi
	done
}

kvm_suites() { # kvm_suites NAME "CMDLINE"
	n=$1; cmd=$2
	pidfile="$LOGDIR/$n.pid"
	rm -f "$pidfile"
	end_on_internal_error "$LOGDIR/$n.log" "$pidfile" &
	watcher=$!
	QEMU_ACCEL="-accel kvm -cpu host" boot_kernel "$n" "$cmd" -M pc -smp 4 -serial null \
		-pidfile "$pidfile"
	kill $watcher 2>/dev/null; wait $watcher 2>/dev/null
	if kvm_host_failed; then
		exit 0
	fi
	sed 's/^\[[ 0-9.]*\] //' "$LOG" | awk -v tag="$n" '
		/^    # Subtest: / { suite = $3 }
		/^    ok [0-9]+ / { print "ok - " tag ": " suite "." $3; n++ }
		/^    not ok [0-9]+ / { print "not ok - " tag ": " suite "." $4; n++ }
		END { if (!n) print "not ok - " tag ": no KTAP results" }'
	expect_status "$n: suites complete and report through isa-debug-exit" 33
}

SUITES="boot,apic,irq,sched,smp"
kvm_suites kvm-x2apic "reflex.test=$SUITES"
expect_log "kvm-x2apic: the local APIC runs in x2APIC mode" "x2apic enabled"
kvm_suites kvm-xapic "nox2apic reflex.test=$SUITES"
