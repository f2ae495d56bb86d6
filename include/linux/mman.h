/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

/* mmap() constants, Linux's x86-64 values. */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_GROWSDOWN	0x0100
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_STACK	0x20000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_FAILED	((void *)-1)

#endif
