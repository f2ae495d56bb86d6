/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_DECOMPRESS_INFLATE_H
#define _LINUX_DECOMPRESS_INFLATE_H

/*
 * DEFLATE (RFC 1951) and gzip (RFC 1952) decompression from a buffer in
 * memory. Output is handed to flush() in pieces of at most 32 KiB as it
 * is produced, so nothing of the output's size needs to be known or
 * held at once; flush returns 0 or a negative errno, which stops the
 * decompression and is returned.
 */
#include <linux/types.h>

typedef int (*inflate_flush_t)(void *opaque, const u8 *buf, size_t len);

/*
 * Decode one raw DEFLATE stream from in[0..len). *in_used: bytes of
 * the stream (through its last block). 0, or -EINVAL for malformed or
 * truncated data (*msg says what), -ENOMEM, or flush's error.
 */
int inflate_raw(const u8 *in, size_t len, size_t *in_used,
		inflate_flush_t flush, void *opaque, const char **msg);

/*
 * Decode one gzip member: header, DEFLATE data, and the trailer's CRC-32
 * and length, both checked. *in_used: the member's size, so a caller can
 * go on with whatever follows it.
 */
int gunzip(const u8 *in, size_t len, size_t *in_used,
	   inflate_flush_t flush, void *opaque, const char **msg);

#endif
