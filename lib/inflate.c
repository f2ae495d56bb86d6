// SPDX-License-Identifier: MIT
/*
 * A DEFLATE decoder (RFC 1951) for the initramfs: stored, fixed-Huffman
 * and dynamic-Huffman blocks. Output goes into a 32 KiB ring, the
 * furthest a back-reference can reach, which is handed to the caller's
 * flush() each time it fills.
 *
 * Huffman codes are canonical, so a code is described by how many codes
 * have each length. Decoding looks the next 9 bits up in a table for
 * the short codes (almost all symbols in practice) and walks the
 * lengths bit by bit for the rest. Every malformed input is an error
 * with a reason, never a read outside the input: the bit reader pads a
 * short input with zeros and the stream is rejected as truncated if it
 * used any of them.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/decompress/inflate.h>

#define MAXBITS		15		/* longest code */
#define MAXLCODES	286		/* literal/length codes */
#define MAXDCODES	30		/* distance codes */
#define FIXLCODES	288		/* literal/length codes of the fixed code */
#define FASTBITS	9
#define WSIZE		32768		/* the window: the longest distance */

struct huffman {
	u16 count[MAXBITS + 1];		/* codes of each length */
	u16 symbol[FIXLCODES];		/* symbols in canonical order */
	u16 fast[1 << FASTBITS];	/* length << 12 | symbol, 0: a longer code */
};

struct inflate_state {
	const u8 *in;
	size_t len, pos;		/* input and the next byte to load */
	u64 bitbuf;
	unsigned int bitcnt;
	size_t overrun;			/* zero bytes made up past the end */
	u8 *window;
	size_t wpos;			/* bytes output in all */
	inflate_flush_t flush;
	void *opaque;
	const char *msg;
	struct huffman lencode, distcode;
};

static const u16 length_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const u8 length_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const u16 dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
static const u8 dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
/* The order in which a dynamic block lists the code-length code's lengths. */
static const u8 clen_order[19] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

static int fail(struct inflate_state *s, const char *msg)
{
	s->msg = msg;
	return -EINVAL;
}

/* At least need (<= 57) bits in bitbuf; past the input's end, zeros (counted). */
static void need_bits(struct inflate_state *s, unsigned int need)
{
	while (s->bitcnt < need) {
		u64 byte = 0;

		if (s->pos < s->len)
			byte = s->in[s->pos];
		else
			s->overrun++;
		s->pos++;
		s->bitbuf |= byte << s->bitcnt;
		s->bitcnt += 8;
	}
}

static unsigned int bits(struct inflate_state *s, unsigned int n)
{
	unsigned int v;

	if (!n)
		return 0;
	need_bits(s, n);
	v = s->bitbuf & ((1ULL << n) - 1);
	s->bitbuf >>= n;
	s->bitcnt -= n;
	return v;
}

/* Did the stream read bits that were not there? (bytes still buffered are not lost). */
static bool overran(struct inflate_state *s)
{
	return s->overrun * 8 > s->bitcnt;
}

static unsigned int reverse_bits(unsigned int code, unsigned int len)
{
	unsigned int r = 0;

	while (len--) {
		r = (r << 1) | (code & 1);
		code >>= 1;
	}
	return r;
}

static void build_fast_table(struct huffman *h)
{
	unsigned int len, idx = 0, code = 0;

	memset(h->fast, 0, sizeof(h->fast));
	for (len = 1; len <= FASTBITS; len++) {
		unsigned int i;

		for (i = 0; i < h->count[len]; i++, idx++, code++) {
			unsigned int r = reverse_bits(code, len), fill;

			for (fill = r; fill < (1u << FASTBITS); fill += 1u << len)
				h->fast[fill] = len << 12 | h->symbol[idx];
		}
		code <<= 1;
	}
}

/*
 * Build the decoding tables from n code lengths. Over-subscribed sets
 * are rejected; incomplete ones are allowed (a lone distance code is
 * legal), and reaching a code that is not there fails at decode time.
 */
static int construct(struct huffman *h, const u8 *length, unsigned int n)
{
	u16 offs[MAXBITS + 1];
	unsigned int sym, len;
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (sym = 0; sym < n; sym++)
		h->count[length[sym]]++;
	for (len = 1; len <= MAXBITS; len++) {
		left = (left << 1) - h->count[len];
		if (left < 0)
			return -1;
	}
	offs[1] = 0;
	for (len = 1; len < MAXBITS; len++)
		offs[len + 1] = offs[len] + h->count[len];
	for (sym = 0; sym < n; sym++)
		if (length[sym])
			h->symbol[offs[length[sym]]++] = sym;
	build_fast_table(h);
	return 0;
}

/* A symbol longer than FASTBITS: walk the canonical code a bit at a time. */
static int decode_slow(struct inflate_state *s, const struct huffman *h)
{
	int code = 0, first = 0, index = 0;
	unsigned int len;

	for (len = 1; len <= MAXBITS; len++) {
		int count = h->count[len];

		code |= bits(s, 1);
		if (code - count < first)
			return h->symbol[index + (code - first)];
		index += count;
		first = (first + count) << 1;
		code <<= 1;
	}
	return fail(s, "invalid Huffman code");
}

static int decode(struct inflate_state *s, const struct huffman *h)
{
	unsigned int entry;

	need_bits(s, FASTBITS);
	entry = h->fast[s->bitbuf & ((1u << FASTBITS) - 1)];
	if (!entry)
		return decode_slow(s, h);
	s->bitbuf >>= entry >> 12;
	s->bitcnt -= entry >> 12;
	return entry & 0xfff;
}

static int flush_window(struct inflate_state *s, size_t n)
{
	return n ? s->flush(s->opaque, s->window, n) : 0;
}

static int put_byte(struct inflate_state *s, u8 c)
{
	s->window[s->wpos++ % WSIZE] = c;
	if (s->wpos % WSIZE == 0)
		return flush_window(s, WSIZE);
	return 0;
}

static int stored_block(struct inflate_state *s)
{
	unsigned int len, nlen;
	int err;

	bits(s, s->bitcnt % 8);		/* to the byte boundary */
	len = bits(s, 16);
	nlen = bits(s, 16);
	if (len != (~nlen & 0xffff))
		return fail(s, "stored block length does not match its complement");
	while (len--) {
		u8 c = bits(s, 8);

		if (overran(s))
			return fail(s, "truncated stored block");
		err = put_byte(s, c);
		if (err)
			return err;
	}
	return 0;
}

static int copy_match(struct inflate_state *s, unsigned int len, unsigned int dist)
{
	int err;

	if (dist > s->wpos)
		return fail(s, "distance reaches before the start of the output");
	while (len--) {
		err = put_byte(s, s->window[(s->wpos - dist) % WSIZE]);
		if (err)
			return err;
	}
	return 0;
}

/* Literal bytes and matches until the end-of-block code (256). */
static int codes(struct inflate_state *s)
{
	for (;;) {
		int sym = decode(s, &s->lencode), err;
		unsigned int len, dist;

		if (sym < 0)
			return sym;
		if (overran(s))
			return fail(s, "truncated compressed data");
		if (sym < 256) {
			err = put_byte(s, sym);
		} else if (sym == 256) {
			return 0;
		} else {
			sym -= 257;
			if (sym >= 29)
				return fail(s, "invalid length code");
			len = length_base[sym] + bits(s, length_extra[sym]);
			sym = decode(s, &s->distcode);
			if (sym < 0)
				return sym;
			if (sym >= 30)
				return fail(s, "invalid distance code");
			dist = dist_base[sym] + bits(s, dist_extra[sym]);
			if (overran(s))
				return fail(s, "truncated compressed data");
			err = copy_match(s, len, dist);
		}
		if (err)
			return err;
	}
}

static int fixed_block(struct inflate_state *s)
{
	u8 lengths[FIXLCODES];
	unsigned int sym;

	for (sym = 0; sym < 144; sym++)
		lengths[sym] = 8;
	for (; sym < 256; sym++)
		lengths[sym] = 9;
	for (; sym < 280; sym++)
		lengths[sym] = 7;
	for (; sym < FIXLCODES; sym++)
		lengths[sym] = 8;
	construct(&s->lencode, lengths, FIXLCODES);
	for (sym = 0; sym < MAXDCODES; sym++)
		lengths[sym] = 5;
	construct(&s->distcode, lengths, MAXDCODES);
	return codes(s);
}

/* The literal/length and distance code lengths of a dynamic block, run-length coded. */
static int read_code_lengths(struct inflate_state *s, u8 *lengths, unsigned int n)
{
	unsigned int index = 0;

	while (index < n) {
		int sym = decode(s, &s->lencode);
		unsigned int rep;
		u8 val = 0;

		if (sym < 0)
			return sym;
		if (sym < 16) {
			lengths[index++] = sym;
			continue;
		}
		if (sym == 16) {
			if (!index)
				return fail(s, "repeat with no previous length");
			val = lengths[index - 1];
			rep = 3 + bits(s, 2);
		} else if (sym == 17) {
			rep = 3 + bits(s, 3);
		} else {
			rep = 11 + bits(s, 7);
		}
		if (index + rep > n)
			return fail(s, "too many code lengths");
		while (rep--)
			lengths[index++] = val;
	}
	return overran(s) ? fail(s, "truncated block header") : 0;
}

static int dynamic_block(struct inflate_state *s)
{
	u8 lengths[MAXLCODES + MAXDCODES];
	unsigned int nlen, ndist, ncode, i;
	int err;

	nlen = bits(s, 5) + 257;
	ndist = bits(s, 5) + 1;
	ncode = bits(s, 4) + 4;
	if (nlen > MAXLCODES || ndist > MAXDCODES)
		return fail(s, "too many length or distance codes");
	memset(lengths, 0, 19);
	for (i = 0; i < ncode; i++)
		lengths[clen_order[i]] = bits(s, 3);
	if (construct(&s->lencode, lengths, 19))
		return fail(s, "over-subscribed code-length code");
	err = read_code_lengths(s, lengths, nlen + ndist);
	if (err)
		return err;
	if (!lengths[256])
		return fail(s, "no end-of-block code");
	if (construct(&s->lencode, lengths, nlen))
		return fail(s, "over-subscribed literal/length code");
	if (construct(&s->distcode, lengths + nlen, ndist))
		return fail(s, "over-subscribed distance code");
	return codes(s);
}

static int inflate_blocks(struct inflate_state *s)
{
	bool last;
	int err;

	do {
		unsigned int type;

		last = bits(s, 1);
		type = bits(s, 2);
		if (overran(s))
			return fail(s, "truncated compressed data");
		if (type == 0)
			err = stored_block(s);
		else if (type == 1)
			err = fixed_block(s);
		else if (type == 2)
			err = dynamic_block(s);
		else
			err = fail(s, "invalid block type");
		if (err)
			return err;
	} while (!last);
	return flush_window(s, s->wpos % WSIZE);
}

int inflate_raw(const u8 *in, size_t len, size_t *in_used,
		inflate_flush_t flush, void *opaque, const char **msg)
{
	struct inflate_state *s = kzalloc(sizeof(*s), GFP_KERNEL);
	int err;

	if (!s)
		return -ENOMEM;
	s->window = kmalloc(WSIZE, GFP_KERNEL);
	if (!s->window) {
		kfree(s);
		return -ENOMEM;
	}
	s->in = in;
	s->len = len;
	s->flush = flush;
	s->opaque = opaque;
	err = inflate_blocks(s);
	/* Whole bytes still in the bit buffer were read ahead, not used. */
	*in_used = s->pos - s->bitcnt / 8;
	if (msg)
		*msg = s->msg;
	kfree(s->window);
	kfree(s);
	return err;
}
