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
run_suites kunit-pc "reflex.test=all" -M pc -smp 2 -serial null
run_suites kunit-q35 "reflex.test=boot,acpi,apic" -M q35 -smp 2 -serial null
run_suites kunit-noapic "noapic reflex.test=pic,boot" -M pc
