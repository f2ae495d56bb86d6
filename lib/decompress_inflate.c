// SPDX-License-Identifier: MIT
/*
 * gzip (RFC 1952) around the DEFLATE decoder: the member header (magic
 * 1f 8b, method 8, and the optional extra field, name, comment and
 * header CRC the flags announce), then the compressed data, then the
 * trailer, whose CRC-32 and length (mod 2^32) of the output are both
 * checked. One member per call; concatenated members are the caller's
 * loop, as they are in Linux's initramfs unpacker.
 */
#include <linux/kernel.h>
#include <linux/crc32.h>
#include <linux/decompress/inflate.h>

#define GZIP_FTEXT	0x01
#define GZIP_FHCRC	0x02
#define GZIP_FEXTRA	0x04
#define GZIP_FNAME	0x08
#define GZIP_FCOMMENT	0x10
#define GZIP_FRESERVED	0xe0
#define GZIP_HDR_LEN	10	/* ID1 ID2 CM FLG MTIME(4) XFL OS */

struct gunzip_state {
	inflate_flush_t flush;
	void *opaque;
	u32 crc;
	u32 size;
};

static u32 get_le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/* Skip a NUL-terminated field at *pos; false if it runs off the end. */
static bool skip_string(const u8 *in, size_t len, size_t *pos)
{
	while (*pos < len && in[*pos])
		(*pos)++;
	if (*pos >= len)
		return false;
	(*pos)++;
	return true;
}

/* The header's length, or -EINVAL with *msg set. */
static long parse_header(const u8 *in, size_t len, const char **msg)
{
	size_t pos = GZIP_HDR_LEN;
	u8 flags;

	*msg = "truncated gzip header";
	if (len < GZIP_HDR_LEN)
		return -EINVAL;
	*msg = "not gzip data";
	if (in[0] != 0x1f || in[1] != 0x8b)
		return -EINVAL;
	*msg = "unknown gzip compression method";
	if (in[2] != 8)
		return -EINVAL;
	flags = in[3];
	*msg = "reserved gzip flags set";
	if (flags & GZIP_FRESERVED)
		return -EINVAL;
	*msg = "truncated gzip header";
	if (flags & GZIP_FEXTRA) {
		if (pos + 2 > len)
			return -EINVAL;
		pos += 2 + (in[pos] | in[pos + 1] << 8);
		if (pos > len)
			return -EINVAL;
	}
	if ((flags & GZIP_FNAME) && !skip_string(in, len, &pos))
		return -EINVAL;
	if ((flags & GZIP_FCOMMENT) && !skip_string(in, len, &pos))
		return -EINVAL;
	if (flags & GZIP_FHCRC) {
		if (pos + 2 > len)
			return -EINVAL;
		*msg = "gzip header CRC mismatch";
		if ((crc32_le(~0u, in, pos) ^ ~0u) % 65536 != (u32)(in[pos] | in[pos + 1] << 8))
			return -EINVAL;
		pos += 2;
	}
	*msg = NULL;
	return pos;
}

static int gunzip_flush(void *opaque, const u8 *buf, size_t len)
{
	struct gunzip_state *g = opaque;

	g->crc = crc32_le(g->crc, buf, len);
	g->size += len;
	return g->flush(g->opaque, buf, len);
}

int gunzip(const u8 *in, size_t len, size_t *in_used,
	   inflate_flush_t flush, void *opaque, const char **msg)
{
	struct gunzip_state g = { .flush = flush, .opaque = opaque, .crc = ~0u };
	const char *why = NULL;
	long hdr = parse_header(in, len, &why);
	size_t used;
	int err;

	if (hdr < 0)
		goto out_err;
	err = inflate_raw(in + hdr, len - hdr, &used, gunzip_flush, &g, &why);
	if (err) {
		if (msg)
			*msg = why;
		return err;
	}
	used += hdr;
	why = "truncated gzip trailer";
	if (used + 8 > len)
		goto out_err;
	why = "gzip CRC-32 mismatch";
	if (get_le32(in + used) != (g.crc ^ ~0u))
		goto out_err;
	why = "gzip length mismatch";
	if (get_le32(in + used + 4) != g.size)
		goto out_err;
	*in_used = used + 8;
	return 0;
out_err:
	if (msg)
		*msg = why;
	return -EINVAL;
}
