#!/bin/bash
# The kernel also builds with clang (-Werror, the same flags) and that
# build boots and passes the boot and traps suites.
. tests/lib.sh

if ! make -s B=build/clang CC=clang all >"$LOGDIR/clang-build.log" 2>&1; then
	LOG=$LOGDIR/clang-build.log
	fail "clang: the kernel builds with clang"
	exit 0
fi
pass "clang: the kernel builds with clang"
qemu_boot clang-boot -M pc -kernel build/clang/reflex.elf -append "console=ttyS0 reflex.test=boot,traps,sched"
expect_status "clang: the clang-built kernel passes the boot, traps and sched suites" 33
