// SPDX-License-Identifier: MIT
/*
 * Mapping the vDSO: at boot its linked image (vdso-image-64.S) is copied
 * into pages of its own, beside one zeroed data page ("[vvar]") that
 * update_vsyscall() keeps current. exec maps the data page read-only and
 * the image read-only and executable right above it, in every new
 * address space; the pages are shared by all processes, each mapping
 * taking a reference, so fork() keeps them (copy_page_range()) and
 * munmap() or exit only drops the reference. A write through mprotect()
 * copies the page (copy-on-write): the kernel's never changes.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <asm/page.h>
#include <asm/page_64.h>
#include <asm/vdso.h>
#include <vdso/datapage.h>

extern const char vdso64_image_start[], vdso64_image_end[];

#define VDSO_MAX_PAGES	4

static struct page *vdso_pages[VDSO_MAX_PAGES];
static unsigned int vdso_nr_pages;
static struct page *vvar_page;

struct vdso_data *vdso_data;

/* A page that outlives every mapping of it: the kernel holds one reference. */
static struct page *vdso_alloc_page(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	if (page) {
		clear_page(page_address(page));
		page->_refcount = 1;
	}
	return page;
}

/**
 * init_vdso_image - set up the vDSO's pages and its data page
 *
 * Once, at boot, with the page allocator and the clocks up; a failure
 * leaves processes without a vDSO (no AT_SYSINFO_EHDR), as Linux's
 * vdso=0.
 */
void init_vdso_image(void)
{
	size_t size = vdso64_image_end - vdso64_image_start;
	unsigned int i;

	if (WARN_ON(size > VDSO_MAX_PAGES * PAGE_SIZE))
		return;
	vvar_page = vdso_alloc_page();
	if (!vvar_page)
		return;
	vdso_data = page_address(vvar_page);
	for (i = 0; i * PAGE_SIZE < size; i++) {
		vdso_pages[i] = vdso_alloc_page();
		if (!vdso_pages[i])
			return;
		memcpy(page_address(vdso_pages[i]), vdso64_image_start + i * PAGE_SIZE,
		       min(PAGE_SIZE, size - i * PAGE_SIZE));
	}
	update_vsyscall();
	vdso_nr_pages = i;
}

/* Map pages at [addr, ...) as one VMA with vm_flags. */
static int map_special_pages(struct mm_struct *mm, unsigned long addr, struct page **pages,
			     unsigned int nr, unsigned long vm_flags)
{
	struct vm_area_struct *vma;
	unsigned int i;
	long ret = mmap_region(mm, addr, nr * PAGE_SIZE, vm_flags, true);

	if (ret < 0)
		return ret;
	vma = find_vma(mm, addr);
	for (i = 0; i < nr; i++) {
		ret = vm_insert_page(mm, vma, addr + i * PAGE_SIZE, pages[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * arch_setup_additional_pages - map [vvar] and [vdso] into the new mm
 * @mm: the address space exec is building, current's
 *
 * Return: the vDSO's address (AT_SYSINFO_EHDR), 0 when there is no
 * vDSO, or a negative errno.
 */
long arch_setup_additional_pages(struct mm_struct *mm)
{
	unsigned long len = (1 + vdso_nr_pages) * PAGE_SIZE, addr;
	int err;

	if (!vdso_nr_pages)
		return 0;
	addr = get_unmapped_area(mm, 0, len);
	if (!addr)
		return -ENOMEM;
	err = map_special_pages(mm, addr, &vvar_page, 1, VM_READ);
	err = err ?: map_special_pages(mm, addr + PAGE_SIZE, vdso_pages, vdso_nr_pages,
				       VM_READ | VM_EXEC);
	if (err)
		return err;
	mm->context.vdso = addr + PAGE_SIZE;
	return mm->context.vdso;
}
