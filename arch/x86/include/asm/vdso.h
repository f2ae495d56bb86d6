/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_VDSO_H
#define _ASM_X86_VDSO_H

struct mm_struct;
struct vdso_data;

/* The kernel's view of the data page the vDSO reads (NULL: no vDSO). */
extern struct vdso_data *vdso_data;

void init_vdso_image(void);
long arch_setup_additional_pages(struct mm_struct *mm);
void update_vsyscall(void);

#endif
