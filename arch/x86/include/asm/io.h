/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <linux/types.h>

static inline void outb(u8 v, u16 port) { asm volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(u16 v, u16 port) { asm volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(u32 v, u16 port) { asm volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u16 inw(u16 port) { u16 v; asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u32 inl(u16 port) { u32 v; asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
/* A write to an unused port: the classic ~1 us delay for old ISA chips. */
static inline void io_delay(void) { outb(0, 0x80); }

static inline u32 readl(const volatile void *addr) { return *(const volatile u32 *)addr; }
static inline void writel(u32 v, volatile void *addr) { *(volatile u32 *)addr = v; }
static inline u64 readq(const volatile void *addr) { return *(const volatile u64 *)addr; }
static inline void writeq(u64 v, volatile void *addr) { *(volatile u64 *)addr = v; }
static inline u16 readw(const volatile void *addr) { return *(const volatile u16 *)addr; }
static inline void writew(u16 v, volatile void *addr) { *(volatile u16 *)addr = v; }
static inline u8 readb(const volatile void *addr) { return *(const volatile u8 *)addr; }
static inline void writeb(u8 v, volatile void *addr) { *(volatile u8 *)addr = v; }

/* Map device registers uncached; NULL when out of room. */
void *ioremap(phys_addr_t phys, size_t size);
/* Take an ioremap() mapping away on every CPU. */
void iounmap(volatile void *addr);

#endif
