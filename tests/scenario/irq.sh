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
