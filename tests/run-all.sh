#!/bin/bash
# make test: host unit tests, in-kernel KUnit suites and scenario tests.
# Each part prints TAP-style lines; the last line is "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p build/test-logs
results=build/test-logs/results.txt
: > "$results"

section() { echo; echo "=== $* ==="; }

section "host unit tests (cmocka)"
for t in build/unit/test_*; do
	[ -x "$t" ] || continue
	out="build/test-logs/$(basename "$t").log"
	"$t" >"$out" 2>&1
	status=$?
	# cmocka: "[       OK ] name" and "[  FAILED  ] name" for every case.
	sed -n 's/^\[       OK \] \(.*\)/ok - unit: \1/p; s/^\[  FAILED  \] \([^0-9].*\)/not ok - unit: \1/p' "$out" | tee -a "$results"
	if [ $status -ne 0 ] && ! grep -q '^not ok' <(sed -n 's/^\[  FAILED  \] \([^0-9].*\)/not ok/p' "$out"); then
		echo "not ok - unit: $(basename "$t") exited with $status" | tee -a "$results"
		tail -20 "$out" | sed 's/^/    | /'
	fi
done

# run_part SCRIPT RESULTS: one script's TAP lines to the terminal and RESULTS.
run_part() {
	section "$1"
	case "$1" in
	*.py) python3 "$1" 2>&1 | tee -a "$2" ;;
	*) bash "$1" 2>&1 | tee -a "$2" ;;
	esac
}

# Two lanes: most of a QEMU boot's wall time is the guest waiting (timers,
# halted vCPUs), not the host's CPU, so the scenarios run beside the KUnit
# and user tiers. No script of one lane uses what the other does: each
# boot has its own log, and the network scenarios take free host ports.
# The scenario lane's output is shown when both are done.
# Scenarios that read a KUnit boot's log run in the first lane, after it.
kunit_readers=$(grep -l 'LOGDIR/kunit-' tests/scenario/*.sh | tr '\n' ' ')
scenarios=build/test-logs/scenarios.out
scenario_results=build/test-logs/scenario-results.txt
: > "$scenario_results"
(
	for s in tests/scenario/*.sh tests/scenario/*.py; do
		case " $kunit_readers " in *" $s "*) continue ;; esac
		run_part "$s" "$scenario_results"
	done
) > "$scenarios" 2>&1 &
lane=$!

for s in tests/kunit.sh $kunit_readers tests/user.sh; do
	run_part "$s" "$results"
done
wait $lane
cat "$scenarios"
cat "$scenario_results" >> "$results"

passed=$(grep -c '^ok ' "$results")
failed=$(grep -c '^not ok ' "$results")
echo
grep '^not ok ' "$results" | sed 's/^/FAILED: /'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
