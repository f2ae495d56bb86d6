// SPDX-License-Identifier: MIT
/*
 * acpi_reboot(): reset the machine through the FADT's reset register, the
 * first of the ways machine_emergency_restart() tries. Only a register in
 * I/O space is written (QEMU's and most PCs' 0xcf9); one in memory or PCI
 * configuration space is left to the fallbacks that follow.
 */
#include <linux/kernel.h>
#include <linux/acpi.h>
#include <asm/io.h>

void acpi_reboot(void)
{
	struct acpi_table_header *table;
	struct acpi_table_fadt *fadt;
	struct acpi_generic_address *rr;

	if (acpi_disabled || acpi_get_table(ACPI_SIG_FADT, 1, &table))
		return;
	fadt = (struct acpi_table_fadt *)table;
	if (table->length < sizeof(*fadt) || !(fadt->flags & ACPI_FADT_RESET_REGISTER))
		return;
	rr = &fadt->reset_register;
	if (!rr->address || rr->bit_width != 8 || rr->bit_offset != 0)
		return;
	if (rr->space_id == ACPI_ADR_SPACE_SYSTEM_IO && rr->address <= 0xffff)
		outb(fadt->reset_value, rr->address);
}
