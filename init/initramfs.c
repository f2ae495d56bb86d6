// SPDX-License-Identifier: MIT
/*
 * The initramfs: cpio archives in the "newc" format (magic 070701, or
 * 070702 whose header carries a sum of the file's bytes, checked here),
 * plain or gzip-compressed, as many as are concatenated, with zero
 * padding between them (Documentation/driver-api/early-userspace/
 * buffer-format.rst). Two are unpacked into the root, in Linux's order:
 * the one linked into the kernel (__initramfs_start/__initramfs_size,
 * from usr/initramfs_data.S; empty without one), then the boot loader's
 * (QEMU's -initrd), whose files replace same-named ones.
 *
 * The parser is a state machine fed with whatever bytes come, from the
 * archive itself or from the decompressor's output, so a compressed
 * archive is never held whole in memory. Every header field is checked
 * (hex digits, a name that fits PATH_MAX and ends in its NUL, sizes
 * that add up) and the first error stops the unpacking with a message.
 *
 * What an entry becomes: directories, regular files, symlinks and
 * device nodes, FIFOs and sockets with the archive's mode, owner and
 * mtime. An existing name of another type is removed first, as Linux
 * does; hard links (entries sharing an inode number) are not linked:
 * each name gets what its own entry carries.
 *
 * rdinit= (default /init) and init= are parsed here because they name
 * programs in the tree this file builds; Linux keeps them in init/main.c.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/decompress/inflate.h>
#include <linux/initrd.h>
#include <asm/setup.h>
#include <asm/page.h>

#define CPIO_HDR_LEN	110	/* "070701" and 13 fields of 8 hex digits */
#define CPIO_TRAILER	"TRAILER!!!"

/* The built-in archive; usr/initramfs_data.S defines the real ones. */
__weak char __initramfs_start[1];
__weak unsigned long __initramfs_size;

const char *ramdisk_execute_command = "/init";
const char *execute_command;

static int __init rdinit_setup(char *str)
{
	ramdisk_execute_command = str;
	return 0;
}
__setup("rdinit=", rdinit_setup);

static int __init init_setup(char *str)
{
	execute_command = str;
	return 0;
}
__setup("init=", init_setup);

struct cpio_header {
	u32 ino, mode, uid, gid, nlink, mtime, filesize;
	u32 devmajor, devminor, rdevmajor, rdevminor, namesize, check;
	bool has_csum;
};

enum cpio_state {
	ST_IDLE,	/* between archives: zero padding, then a header or not ours */
	ST_HEADER,	/* collecting the 110-byte header */
	ST_NAME,	/* collecting the name and its padding */
	ST_DATA,	/* a regular file's bytes into wfile */
	ST_SYMLINK,	/* collecting a symlink's target */
	ST_SKIP,	/* padding (or data of what is not stored) */
};

struct cpio_unpacker {
	enum cpio_state state;
	enum cpio_state after_skip;
	char *buf;			/* header, name or link target being collected */
	size_t collected, want;
	struct cpio_header hdr;
	char *name;			/* the entry's name while its data arrives */
	struct file *wfile;
	loff_t wpos;
	u32 csum;
	size_t remaining;		/* ST_DATA and ST_SKIP */
	u64 offset;			/* bytes into the current stream (for alignment) */
	bool stopped;			/* ST_IDLE met a byte that starts no cpio archive */
	const char *message;		/* the first error */
};

static void error(struct cpio_unpacker *u, const char *msg)
{
	if (!u->message)
		u->message = msg;
}

static size_t pad4(size_t n)
{
	return (4 - (n & 3)) & 3;
}

static bool parse_hex8(const char *s, u32 *val)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*val = v;
	return true;
}

static bool parse_header(const char *s, struct cpio_header *h)
{
	u32 *fields[13] = {
		&h->ino, &h->mode, &h->uid, &h->gid, &h->nlink, &h->mtime,
		&h->filesize, &h->devmajor, &h->devminor, &h->rdevmajor,
		&h->rdevminor, &h->namesize, &h->check,
	};
	int i;

	for (i = 0; i < 13; i++)
		if (!parse_hex8(s + 6 + 8 * i, fields[i]))
			return false;
	return true;
}

static void collect(struct cpio_unpacker *u, enum cpio_state state, size_t want)
{
	u->state = state;
	u->collected = 0;
	u->want = want;
}

static void skip(struct cpio_unpacker *u, size_t n, enum cpio_state then)
{
	if (!n && then == ST_HEADER) {
		collect(u, ST_HEADER, CPIO_HDR_LEN);
		return;
	}
	u->remaining = n;
	u->after_skip = then;
	u->state = n ? ST_SKIP : then;
}

static void next_header(struct cpio_unpacker *u, size_t skip_bytes)
{
	skip(u, skip_bytes, ST_HEADER);
}

/* Remove whatever has the name unless it is a directory and a directory comes. */
static void clean_path(const char *path, umode_t mode)
{
	struct kstat st;

	if (init_stat(path, &st, AT_SYMLINK_NOFOLLOW))
		return;
	if (S_ISDIR(st.mode) && S_ISDIR(mode))
		return;
	if (S_ISDIR(st.mode))
		init_rmdir(path);
	else
		init_unlink(path);
}

static void set_attrs(const char *name, const struct cpio_header *h, bool chmod)
{
	if (chmod)
		init_chmod(name, h->mode & S_IALLUGO);
	init_chown(name, h->uid, h->gid);
	init_utime(name, h->mtime);
}

static void start_file(struct cpio_unpacker *u)
{
	struct cpio_header *h = &u->hdr;

	u->wfile = filp_open(u->name, O_WRONLY | O_CREAT | O_TRUNC | O_LARGEFILE,
			     h->mode & S_IALLUGO);
	if (IS_ERR(u->wfile)) {
		pr_warn("initramfs: cannot create %s (%ld)\n", u->name, PTR_ERR(u->wfile));
		u->wfile = NULL;
	}
	u->wpos = 0;
	u->csum = 0;
	u->remaining = h->filesize;
	u->state = ST_DATA;
}

static void end_file(struct cpio_unpacker *u)
{
	if (u->hdr.has_csum && u->csum != u->hdr.check)
		error(u, "bad data checksum");
	if (u->wfile) {
		filp_close(u->wfile);
		u->wfile = NULL;
		set_attrs(u->name, &u->hdr, true);
	}
	kfree(u->name);
	u->name = NULL;
	next_header(u, pad4(u->hdr.filesize));
}

/* The name is complete: make the entry, or get ready for its data. */
static void got_name(struct cpio_unpacker *u)
{
	struct cpio_header *h = &u->hdr;
	umode_t mode = h->mode;
	char *name = u->buf;
	size_t data_pad = h->filesize + pad4(h->filesize);

	if (name[h->namesize - 1] != '\0' || strlen(name) != h->namesize - 1) {
		error(u, "malformed archive: name without its NUL");
		return;
	}
	if (!strcmp(name, CPIO_TRAILER)) {
		skip(u, data_pad, ST_IDLE);
		return;
	}
	if (S_ISREG(mode) || S_ISLNK(mode)) {
		u->name = kmalloc(h->namesize, GFP_KERNEL);
		if (!u->name) {
			error(u, "out of memory");
			return;
		}
		memcpy(u->name, name, h->namesize);
	}
	if (S_ISREG(mode)) {
		clean_path(name, mode);
		start_file(u);
		return;
	}
	if (S_ISLNK(mode)) {
		if (h->filesize >= PATH_MAX) {
			error(u, "malformed archive: symlink target too long");
			return;
		}
		collect(u, ST_SYMLINK, data_pad);
		return;
	}
	if (S_ISDIR(mode)) {
		clean_path(name, mode);
		init_mkdir(name, mode & S_IALLUGO);
		set_attrs(name, h, true);
	} else if (S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode)) {
		clean_path(name, mode);
		init_mknod(name, mode, MKDEV(h->rdevmajor, h->rdevminor));
		set_attrs(name, h, true);
	}
	next_header(u, data_pad);	/* other types carry nothing we keep */
}

static void got_symlink(struct cpio_unpacker *u)
{
	u->buf[u->hdr.filesize] = '\0';
	clean_path(u->name, 0);
	init_symlink(u->buf, u->name);
	set_attrs(u->name, &u->hdr, false);
	kfree(u->name);
	u->name = NULL;
	next_header(u, 0);
}

static void got_header(struct cpio_unpacker *u)
{
	struct cpio_header *h = &u->hdr;

	if (!memcmp(u->buf, "070701", 6)) {
		h->has_csum = false;
	} else if (!memcmp(u->buf, "070702", 6)) {
		h->has_csum = true;
	} else {
		error(u, "no cpio magic");
		return;
	}
	if (!parse_header(u->buf, h)) {
		error(u, "malformed archive: header field not hexadecimal");
		return;
	}
	if (!h->namesize || h->namesize > PATH_MAX) {
		error(u, "malformed archive: bad name size");
		return;
	}
	collect(u, ST_NAME, h->namesize + pad4(CPIO_HDR_LEN + h->namesize));
}

/* Between archives: eat zero padding; a '0' at an aligned offset starts a header. */
static size_t do_idle(struct cpio_unpacker *u, const u8 *buf, size_t len)
{
	size_t n = 0;

	while (n < len && !buf[n])
		n++;
	if (n == len)
		return n;
	if (buf[n] != '0') {
		u->stopped = true;
		return n;
	}
	if ((u->offset + n) & 3) {
		error(u, "broken padding");
		return n;
	}
	collect(u, ST_HEADER, CPIO_HDR_LEN);
	return n;
}

static size_t do_collect(struct cpio_unpacker *u, const u8 *buf, size_t len)
{
	size_t n = min(len, u->want - u->collected);

	memcpy(u->buf + u->collected, buf, n);
	u->collected += n;
	if (u->collected < u->want)
		return n;
	if (u->state == ST_HEADER)
		got_header(u);
	else if (u->state == ST_NAME)
		got_name(u);
	else
		got_symlink(u);
	return n;
}

static size_t do_data(struct cpio_unpacker *u, const u8 *buf, size_t len)
{
	size_t n = min(len, u->remaining), i;

	if (u->hdr.has_csum)
		for (i = 0; i < n; i++)
			u->csum += buf[i];
	if (u->wfile && kernel_write(u->wfile, buf, n, &u->wpos) != (ssize_t)n) {
		pr_warn("initramfs: write to %s failed\n", u->name);
		filp_close(u->wfile);
		u->wfile = NULL;
	}
	u->remaining -= n;
	if (!u->remaining)
		end_file(u);
	return n;
}

static size_t do_skip(struct cpio_unpacker *u, const u8 *buf, size_t len)
{
	size_t n = min(len, u->remaining);

	u->remaining -= n;
	if (!u->remaining) {
		if (u->after_skip == ST_HEADER)
			collect(u, ST_HEADER, CPIO_HDR_LEN);
		else
			u->state = u->after_skip;
	}
	return n;
}

/*
 * Feed bytes to the parser. Returns how many it took: all of them,
 * unless an error stopped it or, between archives, it met a byte that
 * starts no cpio archive (u->stopped; a compressed one, perhaps).
 */
static size_t cpio_feed(struct cpio_unpacker *u, const u8 *buf, size_t len)
{
	size_t used = 0;

	u->stopped = false;
	while (used < len && !u->message && !u->stopped) {
		size_t n;

		switch (u->state) {
		case ST_IDLE:
			n = do_idle(u, buf + used, len - used);
			break;
		case ST_DATA:
			n = do_data(u, buf + used, len - used);
			break;
		case ST_SKIP:
			n = do_skip(u, buf + used, len - used);
			break;
		default:
			n = do_collect(u, buf + used, len - used);
			break;
		}
		used += n;
		u->offset += n;
	}
	return used;
}

/* An entry whose data was still due when the input ended needs its file closed. */
static bool cpio_at_boundary(struct cpio_unpacker *u)
{
	return u->state == ST_IDLE || (u->state == ST_HEADER && !u->collected);
}

static int flush_buffer(void *opaque, const u8 *buf, size_t len)
{
	struct cpio_unpacker *u = opaque;
	size_t used = cpio_feed(u, buf, len);

	if (used < len && !u->message)
		error(u, "junk within compressed archive");
	return u->message ? -EINVAL : 0;
}

static const char *compression_name(const u8 *buf, size_t len)
{
	static const struct {
		const char *name;
		u8 magic[4];
		unsigned int len;
	} methods[] = {
		{ "bzip2", { 'B', 'Z', 'h' }, 3 },
		{ "lzma", { 0x5d, 0, 0 }, 3 },
		{ "xz", { 0xfd, '7', 'z', 'X' }, 4 },
		{ "lzo", { 0x89, 'L', 'Z', 'O' }, 4 },
		{ "lz4", { 0x02, 0x21, 0x4c, 0x18 }, 4 },
		{ "zstd", { 0x28, 0xb5, 0x2f, 0xfd }, 4 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(methods); i++)
		if (len >= methods[i].len && !memcmp(buf, methods[i].magic, methods[i].len))
			return methods[i].name;
	return NULL;
}

/* One compressed member at buf; returns its length, 0 on error (u->message). */
static size_t unpack_compressed(struct cpio_unpacker *u, const u8 *buf, size_t len)
{
	const char *why = NULL, *name;
	size_t used = 0;
	int err;

	if (len < 2 || buf[0] != 0x1f || buf[1] != 0x8b) {
		name = compression_name(buf, len);
		if (!name)
			error(u, "invalid magic at start of compressed archive");
		else
			error(u, "compression method not supported (only gzip)");
		if (name)
			pr_err("initramfs: %s-compressed archive\n", name);
		return 0;
	}
	u->offset = 0;	/* alignment counts from the start of the decompressed stream */
	err = gunzip(buf, len, &used, flush_buffer, u, &why);
	if (err && !u->message)
		error(u, why ? why : "decompression failed");
	return err ? 0 : used;
}

static int unpacker_init(struct cpio_unpacker *u)
{
	memset(u, 0, sizeof(*u));
	u->state = ST_IDLE;
	/* Largest thing collected: a PATH_MAX name with its padding, or a link target. */
	u->buf = kmalloc(PATH_MAX + 4, GFP_KERNEL);
	return u->buf ? 0 : -ENOMEM;
}

static void unpacker_finish(struct cpio_unpacker *u)
{
	if (!u->message && !cpio_at_boundary(u))
		error(u, "truncated archive");
	if (u->wfile)
		filp_close(u->wfile);
	kfree(u->name);
	kfree(u->buf);
}

/*
 * Unpack a buffer of concatenated archives into the root. NULL on
 * success, else the first error's description (what was unpacked
 * before it stays).
 */
const char *unpack_to_rootfs(const void *buf, size_t len)
{
	static char message[80];
	struct cpio_unpacker u;
	const u8 *p = buf;
	u64 offset = 0;

	if (unpacker_init(&u))
		return "out of memory";
	while (len && !u.message) {
		size_t n;

		/* A gzip member may also continue an entry the previous member began. */
		if (p[0] != 0x1f && (u.state != ST_IDLE || !p[0] || (p[0] == '0' && !(offset & 3)))) {
			u.offset = offset;
			n = cpio_feed(&u, p, len);
			if (!n && u.stopped)
				n = unpack_compressed(&u, p, len);
		} else {
			n = unpack_compressed(&u, p, len);
		}
		p += n;
		len -= n;
		offset += n;
	}
	unpacker_finish(&u);
	if (!u.message)
		return NULL;
	strscpy(message, u.message, sizeof(message));
	return message;
}

/*
 * Build the root: the tree and its devices, the built-in archive, then
 * the boot loader's. A failure is reported and returned; what was
 * unpacked stays, so the caller can still try to run something.
 */
int populate_rootfs(void)
{
	const char *err;
	int ret = mnt_init();

	if (ret)
		return ret;
	err = unpack_to_rootfs(__initramfs_start, __initramfs_size);
	if (err) {
		pr_err("Initramfs unpacking failed: %s\n", err);
		ret = -EINVAL;
	}
	if (!boot_params.initrd_start || !boot_params.initrd_size)
		return ret;
	pr_info("Trying to unpack rootfs image as initramfs...\n");
	err = unpack_to_rootfs(__va(boot_params.initrd_start), boot_params.initrd_size);
	if (err) {
		pr_err("Initramfs unpacking failed: %s\n", err);
		ret = -EINVAL;
	}
	return ret;
}
