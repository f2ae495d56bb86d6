/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

/* Linux's numbers, so values can cross the system-call boundary unchanged. */
#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define ENOTBLK		15
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define EDOM		33
#define ERANGE		34
#define EDEADLK		35
#define ENOLCK		37
#define ENAMETOOLONG	36
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define ETIME		62
#define EOVERFLOW	75
#define EBADFD		77
#define ELIBBAD		80
#define ENOTSOCK	88
#define EDESTADDRREQ	89
#define EMSGSIZE	90
#define EPROTOTYPE	91
#define ENOPROTOOPT	92
#define EPROTONOSUPPORT	93
#define ESOCKTNOSUPPORT	94
#define EOPNOTSUPP	95
#define EAFNOSUPPORT	97
#define EADDRINUSE	98
#define EADDRNOTAVAIL	99
#define ENETUNREACH	101
#define ECONNABORTED	103
#define ECONNRESET	104
#define ENOBUFS		105
#define EISCONN		106
#define ENOTCONN	107
#define ETIMEDOUT	110
#define ECONNREFUSED	111
#define EALREADY	114
#define EINPROGRESS	115

#ifndef __ASSEMBLY__
/* Kernel-internal: never seen by user space (the entry code restarts or maps them). */
#define ERESTARTSYS	512	/* restart if the handler has SA_RESTART, else -EINTR */
#define ERESTARTNOINTR	513	/* always restart */
#define ERESTARTNOHAND	514	/* restart only if no handler ran */
#define ERESTART_RESTARTBLOCK 516	/* restart through restart_syscall() */
#define ENOIOCTLCMD	515	/* "not mine": a dispatcher tries the next handler */

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline int IS_ERR(const void *ptr) { return IS_ERR_VALUE((unsigned long)ptr); }
#endif

#endif
