// SPDX-License-Identifier: MIT
/*
 * setup_arch(): turn what the boot loader handed over into the kernel's
 * own view of the machine — the command line, the E820 memory map, the
 * ACPI RSDP and an initrd — then bring up memory: memblock, the final
 * page tables, the page allocator and kmalloc.
 *
 * Two protocols are spoken: PVH (QEMU's -kernel; Xen's hvm_start_info,
 * version 1 carries the memory map) and Multiboot2 (GRUB).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/setup.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/tsc.h>
#include <linux/acpi.h>
#include <asm/smp.h>
#include <asm/processor.h>
#include <asm/realmode.h>
#include <asm/fsgsbase.h>

struct boot_params boot_params;

/* Xen's public start_info.h: struct hvm_start_info and friends. */
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578
struct hvm_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;	/* version 1 and later */
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct hvm_memmap_table_entry {
	u64 addr;
	u64 size;
	u32 type;
	u32 reserved;
};

/* Multiboot2 information tags (Multiboot2 spec, 3.6). */
struct mb2_tag {
	u32 type;
	u32 size;
};
#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;
	char cmdline[];
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;
	u32 entry_version;
	struct { u64 addr, len; u32 type, zero; } entries[];
};

static void parse_pvh(u32 info_phys)
{
	const struct hvm_start_info *si = __va(info_phys);
	u32 i;

	if (si->magic != XEN_HVM_START_MAGIC_VALUE)
		panic("PVH: bad start_info magic %#x", si->magic);
	boot_params.loader = "PVH";
	memblock_reserve(info_phys, sizeof(*si));
	if (si->cmdline_paddr)
		boot_params.cmdline = __va(si->cmdline_paddr);
	boot_params.acpi_rsdp_addr = si->rsdp_paddr;
	if (si->nr_modules) {
		const struct hvm_modlist_entry *m = __va(si->modlist_paddr);

		boot_params.initrd_start = m->paddr;
		boot_params.initrd_size = m->size;
	}
	if (si->version < 1 || !si->memmap_paddr)
		panic("PVH: no memory map (start_info version %u)", si->version);
	for (i = 0; i < si->memmap_entries; i++) {
		const struct hvm_memmap_table_entry *e =
			(const struct hvm_memmap_table_entry *)__va(si->memmap_paddr) + i;

		e820__range_add(e->addr, e->size, e->type);
	}
}

static void parse_mb2(u32 info_phys)
{
	u32 total = *(u32 *)__va(info_phys);
	u8 *p = (u8 *)__va(info_phys) + 8, *end = (u8 *)__va(info_phys) + total;

	boot_params.loader = "Multiboot2";
	memblock_reserve(info_phys, total);
	for (; p < end; p += ALIGN(((struct mb2_tag *)p)->size, 8)) {
		struct mb2_tag *tag = (struct mb2_tag *)p;

		switch (tag->type) {
		case MB2_TAG_END:
			return;
		case MB2_TAG_CMDLINE:
			boot_params.cmdline = (const char *)(tag + 1);
			break;
		case MB2_TAG_MODULE: {
			struct mb2_tag_module *m = (void *)tag;

			if (!boot_params.initrd_start) {
				boot_params.initrd_start = m->mod_start;
				boot_params.initrd_size = m->mod_end - m->mod_start;
			}
			break;
		}
		case MB2_TAG_MMAP: {
			struct mb2_tag_mmap *mm = (void *)tag;
			u8 *e;

			for (e = (u8 *)mm->entries; e + mm->entry_size <= p + tag->size;
			     e += mm->entry_size) {
				u64 *q = (u64 *)e;

				e820__range_add(q[0], q[1], *(u32 *)(e + 16));
			}
			break;
		}
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* The tag holds a copy of the RSDP; the new one wins. */
			if (tag->type == MB2_TAG_ACPI_NEW || !boot_params.acpi_rsdp_addr)
				boot_params.acpi_rsdp_addr = info_phys + (p - (u8 *)__va(info_phys)) + 8;
			break;
		}
	}
}

extern char _end[];

static void reserve_kernel_and_boot_data(void)
{
	memblock_reserve(LOAD_PHYSICAL_ADDR, __pa_symbol(_end) - LOAD_PHYSICAL_ADDR);
	if (boot_params.initrd_size)
		memblock_reserve(boot_params.initrd_start, boot_params.initrd_size);
	/* The APs' start-up page comes from low RAM before the rest is set aside. */
	reserve_real_mode();
	/* The first MiB: real-mode IVT, BIOS data, EBDA, option ROMs. */
	memblock_reserve(0, 0x100000);
}

void setup_arch(void)
{
	if (boot_protocol == BOOT_PROTO_PVH)
		parse_pvh(boot_params_phys);
	else
		parse_mb2(boot_params_phys);

	parse_args((char *)(boot_params.cmdline ? boot_params.cmdline : ""));
	setup_fsgsbase();	/* after "nofsgsbase" could turn it off */
	pr_info("Command line: %s\n", boot_command_line);
	pr_info("Boot loader: %s\n", boot_params.loader);

	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table("BIOS-e820");
	e820__memblock_setup();
	reserve_kernel_and_boot_data();
	if (boot_params.initrd_size)
		pr_info("RAMDISK: [mem 0x%08llx-0x%08llx]\n", boot_params.initrd_start,
			boot_params.initrd_start + boot_params.initrd_size - 1);

	tsc_init();
	paging_init();
	mm_core_init();
	/* After paging_init(): the tables may need ioremap(). */
	topology_register_boot_apic(boot_cpu_data.initial_apicid);
	acpi_boot_init();
	prefill_possible_map();
	native_pv_lock_init();
}
