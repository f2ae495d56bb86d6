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

for s in tests/kunit.sh tests/user.sh tests/scenario/*.sh tests/scenario/*.py; do
	section "$s"
	case "$s" in
	*.py) python3 "$s" 2>&1 | tee -a "$results" ;;
	*) bash "$s" 2>&1 | tee -a "$results" ;;
	esac
done

passed=$(grep -c '^ok ' "$results")
failed=$(grep -c '^not ok ' "$results")
echo
grep '^not ok ' "$results" | sed 's/^/FAILED: /'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
