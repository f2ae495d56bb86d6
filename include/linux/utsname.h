/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H

/* What uname() says, and /proc/sys/kernel with it (kernel/sysctl.c). */
#define UTS_SYSNAME	"Linux"		/* the ABI reflex speaks; the release says who it is */
#define UTS_NODENAME	"reflex"
#define UTS_RELEASE	"6.1.0-reflex"
#define UTS_VERSION	"#1 reflex"
#define UTS_DOMAINNAME	"(none)"

#endif
