#!/bin/bash
# Exception reports as a person reads them: the oopses the "traps" suite
# provokes (in the KUnit boot's log), and the stack-overflow panics (task
# stack and IRQ stack). What an uncaught oops ends: only its task (a
# kernel thread here), or the machine when no task can be blamed (init, an
# interrupt) or with oops=panic.
. tests/lib.sh

LOG=$LOGDIR/kunit-pc.log
expect_log "oops report: #DE names the exception and the faulting function" \
	"Oops: divide error: 0000 [#" "RIP: 0010:trap_test_divide+0x"
expect_log "oops report: #UD" "Oops: invalid opcode: 0000" "RIP: 0010:trap_test_ud2+0x"
expect_log "oops report: #GP" "Oops: general protection fault: 0000" \
	"RIP: 0010:trap_test_noncanonical+0x"
expect_log "oops report: #PF with CR2 and the decoded error code" \
	"BUG: unable to handle page fault for address: ffffc9007ff00000" \
	"#PF: supervisor write access in kernel mode" \
	"#PF: error_code(0x0002) - not-present page" \
	"#PF: decoded: P=0 W=1 U=0 RSVD=0 I/D=0 PK=0" \
	"RIP: 0010:trap_test_write_unmapped+0x"
expect_log "oops report: NX fetch is decoded as an instruction fetch" \
	"kernel tried to execute NX-protected page" "#PF: error_code(0x0011) - permissions violation"
expect_log "oops report: a write through the direct map's alias of the IDT/text/rodata is a permissions violation" \
	"BUG: unable to handle page fault for address: ffff888" \
	"#PF: supervisor write access in kernel mode" \
	"#PF: error_code(0x0003) - permissions violation" \
	"#PF: decoded: P=1 W=1 U=0 RSVD=0 I/D=0 PK=0" \
	"RIP: 0010:trap_test_write_alias+0x"
expect_log "oops report: register dump and symbolized call trace" \
	"RSP: 0018:" "RAX: " "CR2: ffffc9007ff00000" "Call Trace:" " kunit_run_case+0x"
expect_log "oops report: SMAP refuses a kernel read of a user page, decoded" \
	"#PF: supervisor read access in kernel mode" \
	"#PF: error_code(0x0001) - permissions violation" \
	"#PF: decoded: P=1 W=0 U=0 RSVD=0 I/D=0 PK=0" "RIP: 0010:trap_test_read_user+0x"
expect_log "oops report: a reserved bit in a user page table, in a uaccess" \
	"Corrupted page table at address" "#PF: decoded: P=" "RSVD=1" "Oops: Bad pagetable: "
expect_log "oops in a kernel thread: the thread dies, saying how it left" \
	"Comm: oops_ud2" "note: oops_ud2[" "Comm: oops_pf" "note: oops_pf["
expect_log "WARN_ON: a register dump and a call trace, then execution continues" \
	"WARNING: CPU: 0 at arch/x86/kernel/traps_kunit.c:" "RIP: 0010:warn_on_reports_and_continues+0x" \
	"ok 1 warn_on_reports_and_continues"
expect_log "int3 is reported and execution continues" \
	"int3 at int3_is_handled_and_execution_continues+0x"

boot_kernel oops-kthread "reflex.test=oops_kthread" -M pc
expect_status "oops in a kernel thread: the kernel goes on (the suite reports)" 33
expect_log "oops in a kernel thread: reported, then only the thread dies" \
	"Oops: invalid opcode: 0000" "note: oops_ud2[" "ok 1 oops_in_kthread_kills_only_that_thread"

boot_kernel oops-panic "oops=panic reflex.test=oops_kthread" -M pc
expect_status "oops=panic: the kernel thread's oops panics (isa-debug-exit 0x12)" 37
expect_log "oops=panic: Linux's words" "Kernel panic - not syncing: Fatal exception"

boot_kernel oops-init "reflex.test=oops_init" -M pc
expect_status "oops in init: a panic (isa-debug-exit 0x12)" 37
expect_log "oops in init: Linux's words with the exit code" \
	"Oops: invalid opcode: 0000" \
	"Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b"

boot_kernel oops-irq "reflex.test=oops_irq" -M pc
expect_status "oops in an interrupt: a panic (isa-debug-exit 0x12)" 37
expect_log "oops in an interrupt: Linux's words" \
	"Kernel panic - not syncing: Fatal exception in interrupt"

boot_kernel stack-overflow "reflex.test=stack_overflow" -M pc
expect_status "stack overflow: ends in a panic (isa-debug-exit 0x12)" 37
expect_log "stack overflow: #DF on its IST stack says the stack overflowed" \
	"BUG: TASK stack guard page was hit at" \
	"Oops: kernel stack overflow (double-fault)" \
	" asm_exc_double_fault+0x" \
	"Kernel panic - not syncing: Kernel stack overflow"
if sed -n '/Kernel panic - not syncing/,$p' "$LOG" | grep -q "RIP: 0010:panic+0x"; then
	pass "panic: prints a register dump"
else
	fail "panic: prints a register dump"
fi

boot_kernel irq-stack-overflow "reflex.test=irq_stack_overflow" -M pc
expect_status "IRQ stack overflow: ends in a panic (isa-debug-exit 0x12)" 37
expect_log "IRQ stack overflow: #DF on its IST stack names the IRQ stack, the trace marks it" \
	"BUG: IRQ stack guard page was hit at" \
	"Oops: kernel stack overflow (double-fault)" \
	" <IRQ>" " recurse_forever" " </IRQ>" \
	"Kernel panic - not syncing: Kernel stack overflow"

# panic=N outside the test harness's exit path: QEMU has no isa-debug-exit
# device (or the panic is not in a test suite), so only a reset, which
# -no-reboot turns into QEMU's own exit (status 0), ends the run before
# the timeout (124).
QEMU_EXIT_DEVICE= boot_kernel panic-reboot-now "reflex.test=stack_overflow panic=-1" -M pc
expect_status "panic=-1: the machine resets at once and QEMU exits on its own" 0
expect_log "panic=-1: after the panic report" "Kernel panic - not syncing: Kernel stack overflow"
boot_kernel panic-reboot-later "rdinit=/bin/fork_cow panic=1" -M q35
expect_status "panic=1: init's exit panics, the machine resets and QEMU exits on its own" 0
expect_log "panic=1: counts down in Linux's words" \
	"Kernel panic - not syncing: Attempted to kill init!" "Rebooting in 1 seconds.."
