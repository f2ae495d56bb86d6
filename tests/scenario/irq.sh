#!/bin/bash
# What the interrupt path prints, read from the KUnit boots' logs: the
# spurious detector's report and its stack chain (which must read as
# Linux's), the unowned-vector report, and the APIC mode decisions.
. tests/lib.sh

LOG=$LOGDIR/kunit-pc.log
expect_log "stuck line: \"nobody cared\", the handlers, and the line disabled" \
	'irq 3: nobody cared (try booting with the "irqpoll" option)' \
	"handlers:" "] stuck_line_interrupt" "Disabling IRQ #3"
# The trace from note_interrupt() up must pass through the Linux chain, in order.
chain=$(sed -n '/nobody cared/,/<\/TASK>/p' "$LOG" | sed -n 's/^\[[ 0-9.]*\]  \([A-Za-z_0-9.]*\)+0x.*/\1/p' | tr '\n' ' ')
case "$chain" in
*"handle_fasteoi_irq __common_interrupt common_interrupt asm_common_interrupt "*)
	pass "stack chain: handle_fasteoi_irq <- __common_interrupt <- common_interrupt <- asm_common_interrupt" ;;
*)	fail "stack chain: handle_fasteoi_irq <- __common_interrupt <- common_interrupt <- asm_common_interrupt" "got: $chain" ;;
esac
expect_log "unowned vector: reported at a bounded rate" "__common_interrupt: 0." "No irq handler for vector"
expect_log "APIC: xAPIC chosen when the CPU has no x2APIC, symmetric I/O mode" \
	"x2apic: not offered by the CPU, using xAPIC" "APIC: Switch to symmetric I/O mode setup" \
	"IOAPIC[0]: apic_id 0, version 32, address fec00000, GSI 0-23"
expect_log "ACPI: MADT parsed (LAPIC, IOAPIC, IRQ 0 -> GSI 2 override)" \
	"ACPI: LAPIC (acpi_id[0x00] lapic_id[0x00] enabled)" \
	"ACPI: IOAPIC (id[0x00] address[0xfec00000] gsi_base[0])" \
	"ACPI: INT_SRC_OVR (bus 0 bus_irq 0 global_irq 2 dfl dfl)"
LOG=$LOGDIR/kunit-noapic.log
expect_log "noapic: the 8259 PIC carries the ISA IRQs, with a clear message" \
	"APIC: noapic, ISA interrupts through the 8259 PIC (virtual wire)" \
	"spurious 8259A interrupt: IRQ7."

boot_kernel acpi-off "acpi=off nox2apic reflex.test=boot" -M pc
expect_status "acpi=off: boots (no MADT) and the boot suite passes" 33
expect_log "acpi=off: falls back to the 8259 PIC with a clear message" \
	"APIC: no IOAPIC in the MADT, ISA interrupts through the 8259 PIC (virtual wire)"

# A move, as Linux's irq_vectors trace events print it with tp_printk: the
# RTC line (IRQ 8) leaves its boot vector on CPU 0 for CPU 1
# (vector_alloc, vector_update naming the old pair, vector_config with the
# new APIC ID), and the old vector is freed on CPU 0 afterwards
# (vector_free_moved), in that order.
boot_kernel vector-trace "trace_event=irq_vectors:* tp_printk reflex.test=vector" -M pc -smp 4 -serial null
expect_status "trace_event=irq_vectors:*: the vector suite passes with every event printing" 33
expect_log "trace_event=irq_vectors:*: events in Linux's formats" \
	"vector_setup: irq=8 is_legacy=1 ret=0" \
	"vector_config: irq=8 vector=56 cpu=0 apicdest=0x00000000" \
	"vector_update: irq=8 vector=" "cpu=1 prev_vector=56 prev_cpu=0" \
	"vector_config: irq=8 vector=" "cpu=1 apicdest=0x00000001" \
	"vector_free_moved: irq=8 cpu=0 vector=56 is_managed=0"
order=$(sed 's/^\[[ 0-9.]*\] //' "$LOG" | awk '
	/^vector_alloc: irq=8 / && !a { a = NR }
	/^vector_update: irq=8 .* cpu=1 prev_vector=56 prev_cpu=0$/ && a && !u { u = NR }
	/^vector_free_moved: irq=8 cpu=0 vector=56 / && u && !f { f = NR }
	END { print (a && u && f) ? "ok" : "a=" a " u=" u " f=" f }')
if [ "$order" = ok ]; then
	pass "trace_event=irq_vectors:*: vector_alloc, vector_update, then vector_free_moved for the move off CPU 0"
else
	fail "trace_event=irq_vectors:*: vector_alloc, vector_update, then vector_free_moved for the move off CPU 0" "$order"
fi
# Without tp_printk an enabled event has nowhere to go: nothing is printed.
boot_kernel vector-trace-quiet "trace_event=irq_vectors:vector_update reflex.test=boot" -M pc -smp 2 -serial null
expect_status "trace_event= without tp_printk: boots" 33
if grep -q "vector_update:" "$LOG"; then
	fail "trace_event= without tp_printk: no event printed" "$(grep -m1 vector_update: "$LOG")"
else
	pass "trace_event= without tp_printk: no event printed"
fi
# Single events, comma-separated, one of them without its system: only those print.
boot_kernel vector-trace-some "trace_event=irq_vectors:vector_update,vector_free_moved tp_printk reflex.test=vector" -M pc -smp 2 -serial null
expect_status "trace_event=a,b: boots" 33
expect_log "trace_event=a,b: the named events print" "vector_update: irq=8 " "vector_free_moved: irq=8 "
if grep -qE "vector_(config|alloc|setup|clear|activate|deactivate|teardown):" "$LOG"; then
	fail "trace_event=a,b: no other event prints" "$(grep -m1 -E 'vector_(config|alloc|setup|clear|activate|deactivate|teardown):' "$LOG")"
else
	pass "trace_event=a,b: no other event prints"
fi
