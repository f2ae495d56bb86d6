# Shared helpers for the test scripts (sourced). Every check prints one
# TAP-style line, "ok - NAME" or "not ok - NAME"; tests/run-all.sh counts them.
# Every QEMU run has a timeout, and a failing check shows the serial tail.

LOGDIR=${LOGDIR:-build/test-logs}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-90}
# The accelerator and CPU model: TCG's "max" unless a tier says otherwise
# (tests/scenario/kvm.sh: "-accel kvm -cpu host").
QEMU_ACCEL=${QEMU_ACCEL:--cpu max}
# A test that wants the kernel to leave QEMU some other way sets this empty.
QEMU_EXIT_DEVICE=${QEMU_EXIT_DEVICE--device isa-debug-exit,iobase=0xf4,iosize=0x04}
mkdir -p "$LOGDIR"

# qemu_boot NAME [qemu args...]: boot, serial to $LOGDIR/NAME.log; sets
# QEMU_STATUS (isa-debug-exit: 33 pass, 35 fail, 37 panic, 1 poweroff;
# 0 a reset, which -no-reboot turns into QEMU's exit; 124 timeout) and LOG.
qemu_boot() {
	name=$1; shift
	LOG="$LOGDIR/$name.log"
	QEMU_STATUS=0
	# On a timeout, tests/qemu_timeout.py writes where each CPU was to the log.
	python3 tests/qemu_timeout.py "$QEMU_TIMEOUT" "${TMPDIR:-/tmp}/reflex-mon.$$.${name//[^A-Za-z0-9_.-]/_}" -- \
		qemu-system-x86_64 \
		$QEMU_ACCEL -m ${QEMU_MEM:-256M} -display none -serial stdio \
		-no-reboot $QEMU_EXIT_DEVICE \
		"$@" </dev/null >"$LOG" 2>&1 || QEMU_STATUS=$?
	# The serial log uses CRLF line ends.
	sed -i 's/\r$//' "$LOG"
}

# boot_kernel NAME "cmdline" [qemu args...]
boot_kernel() {
	local n=$1 cmdline=$2; shift 2
	qemu_boot "$n" -kernel build/reflex.elf -append "console=ttyS0 $cmdline" "$@"
}

show_tail() {
	echo "    --- last lines of $LOG ---"
	tail -n "${1:-25}" "$LOG" | sed 's/^/    | /'
}

pass() { echo "ok - $1"; }
fail() { echo "not ok - $1"; [ -n "${2:-}" ] && echo "    $2"; show_tail; }

# expect_status NAME STATUS
expect_status() {
	if [ "$QEMU_STATUS" = "$2" ]; then pass "$1"
	else fail "$1" "expected QEMU exit status $2, got $QEMU_STATUS${3:+ ($3)}"; fi
}

# expect_log NAME FIXED-STRING...: every string appears in the log.
expect_log() {
	local n=$1 s; shift
	for s in "$@"; do
		if ! grep -qF -- "$s" "$LOG"; then
			fail "$n" "missing from the serial log: $s"
			return
		fi
	done
	pass "$n"
}
