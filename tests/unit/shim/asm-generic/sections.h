/* SPDX-License-Identifier: MIT */
#ifndef _ASM_GENERIC_SECTIONS_H
#define _ASM_GENERIC_SECTIONS_H

/*
 * Host stand-in for the linker-script symbols. The host linker defines
 * _etext, _edata, __bss_start and _end itself, so the kernel names are
 * mapped onto one fake image whose section sizes tests know:
 * 123K text, 30K rodata, 45K data, 200K bss.
 */
extern char host_image[];

#define _text		(host_image)
#define _etext		(host_image + (123 << 10))
#define __start_rodata	(_etext)
#define __end_rodata	(__start_rodata + (30 << 10))
#define _sdata		(__end_rodata)
#define _edata		(_sdata + (45 << 10))
#define __bss_start	(_edata)
#define __bss_stop	(__bss_start + (200 << 10))
#define _end		(__bss_stop)

#define HOST_IMAGE_SIZE	((123 + 30 + 45 + 200) << 10)

#endif
