/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_ASM_GENERIC_IOCTLS_H
#define _UAPI_ASM_GENERIC_IOCTLS_H

/* Terminal and generic file ioctl numbers (the generic 'T' set x86 uses). */
#define TCGETS		0x5401	/* struct termios out */
#define TCSETS		0x5402	/* struct termios in, now */
#define TCSETSW		0x5403	/* ... after output drains */
#define TCSETSF		0x5404	/* ... after output drains, input flushed */
#define TCSBRK		0x5409	/* tcdrain() with a non-zero argument */
#define TCXONC		0x540A	/* tcflow() */
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422
#define FIONBIO		0x5421
#define TCSBRKP		0x5425
#define TIOCGSID	0x5429
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIOASYNC	0x5452

/* TCXONC arguments */
#define TCOOFF		0
#define TCOON		1
#define TCIOFF		2
#define TCION		3

/* TCFLSH arguments */
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

#endif
