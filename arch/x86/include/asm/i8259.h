/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_I8259_H
#define _ASM_X86_I8259_H

#include <linux/types.h>

void mask_8259A(void);
void legacy_pic_init(void);
extern bool i8259A_in_use;
extern unsigned int i8259A_spurious_count;

#endif
