// SPDX-License-Identifier: MIT
/*
 * gen_init_cpio: write a cpio archive in the "newc" format (the one Linux's
 * initramfs unpacker reads) to stdout, from a list of entries, as Linux's
 * usr/gen_init_cpio does. Built with the host compiler.
 *
 *	gen_init_cpio [-t TIMESTAMP] LIST
 *
 * LIST has one entry a line ('#' starts a comment):
 *
 *	file  NAME LOCATION MODE UID GID    a regular file copied from LOCATION
 *	dir   NAME MODE UID GID             a directory
 *	nod   NAME MODE UID GID c|b MAJ MIN a character or block device node
 *	slink NAME TARGET MODE UID GID      a symbolic link
 *	pipe  NAME MODE UID GID             a named pipe
 *	sock  NAME MODE UID GID             a socket
 *
 * MODE is octal. Files carry their own modification time; everything else
 * carries TIMESTAMP (default 0, so that archives are reproducible). A bad
 * line stops the program with its line number and a non-zero status.
 *
 * newc header: "070701", then thirteen 8-digit hex fields (inode, mode, uid,
 * gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
 * namesize including the NUL, check = 0); the name follows and the header
 * plus name is padded to 4 bytes, as is the data. "TRAILER!!!" ends it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long offset;	/* bytes written, for the padding */
static unsigned int next_ino = 721;
static long default_mtime;

struct entry {
	const char *name;
	unsigned int mode;	/* with the S_IF* type bits */
	unsigned int uid, gid, nlink;
	long mtime;
	unsigned long size;
	unsigned int rdev_major, rdev_minor;
};

static void put(const void *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n) {
		perror("gen_init_cpio: write");
		exit(1);
	}
	offset += n;
}

static void pad4(void)
{
	static const char zeros[4];

	put(zeros, (4 - offset % 4) % 4);
}

/* One 8-digit hex header field; newc has no room for more than 32 bits. */
static void put_field(unsigned long v, const char *what, const char *name)
{
	char field[9];

	if (v > 0xffffffffUL) {
		fprintf(stderr, "gen_init_cpio: %s: %s %#lx does not fit newc's 32 bits\n",
			name, what, v);
		exit(1);
	}
	snprintf(field, sizeof(field), "%08lX", v);
	put(field, 8);
}

static void put_header(const struct entry *e)
{
	const char *name = e->name;

	/* Archive names are relative, as Linux's ("/init" is stored "init"). */
	while (*name == '/' && name[1])
		name++;
	put("070701", 6);
	put_field(e->mode ? next_ino++ : 0 /* the trailer */, "inode", name);
	put_field(e->mode, "mode", name);
	put_field(e->uid, "uid", name);
	put_field(e->gid, "gid", name);
	put_field(e->nlink, "nlink", name);
	put_field((unsigned long)e->mtime, "mtime", name);
	put_field(e->size, "size", name);
	put_field(0, "devmajor", name);
	put_field(0, "devminor", name);
	put_field(e->rdev_major, "rdevmajor", name);
	put_field(e->rdev_minor, "rdevminor", name);
	put_field(strlen(name) + 1, "namesize", name);
	put_field(0, "check", name);
	put(name, strlen(name) + 1);
	pad4();
}

static int add_file(const char *name, const char *location, unsigned int mode,
		    unsigned int uid, unsigned int gid)
{
	struct entry e = { name, S_IFREG | mode, uid, gid, 1, 0, 0, 0, 0 };
	char buf[65536];
	struct stat st;
	size_t n, total = 0;
	FILE *f = fopen(location, "rb");

	if (!f || fstat(fileno(f), &st)) {
		fprintf(stderr, "gen_init_cpio: %s: %s\n", location, strerror(errno));
		return -1;
	}
	e.size = st.st_size;
	e.mtime = st.st_mtime;
	put_header(&e);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		put(buf, n);
		total += n;
	}
	fclose(f);
	if (total != e.size) {
		fprintf(stderr, "gen_init_cpio: %s changed while being read\n", location);
		return -1;
	}
	pad4();
	return 0;
}

static int add_slink(const char *name, const char *target, unsigned int mode,
		     unsigned int uid, unsigned int gid)
{
	struct entry e = { name, S_IFLNK | mode, uid, gid, 1, default_mtime,
			   strlen(target) + 1, 0, 0 };

	put_header(&e);
	put(target, strlen(target) + 1);
	pad4();
	return 0;
}

static void add_special(const char *name, unsigned int type, unsigned int mode,
			unsigned int uid, unsigned int gid, unsigned int maj, unsigned int min)
{
	struct entry e = { name, type | mode, uid, gid, type == S_IFDIR ? 2 : 1,
			   default_mtime, 0, maj, min };

	put_header(&e);
}

static void add_trailer(void)
{
	struct entry e = { "TRAILER!!!", 0, 0, 0, 1, 0, 0, 0, 0 };
	static const char zeros[512];

	put_header(&e);
	/* Linux pads the archive to a 512-byte boundary; so do we. */
	put(zeros, (512 - offset % 512) % 512);
}

/* One line of the list: 0, or -1 after saying what is wrong with it. */
static int parse_line(char *line, const char *list, int lineno)
{
	char type[16], name[4096], a[4096], devtype;
	unsigned int mode, uid, gid, maj, min;
	int n;

	line[strcspn(line, "#\n")] = 0;
	if (sscanf(line, "%15s", type) != 1)
		return 0;	/* blank or comment */
	if (!strcmp(type, "file")) {
		n = sscanf(line, "%*s %4095s %4095s %o %u %u", name, a, &mode, &uid, &gid);
		if (n == 5)
			return add_file(name, a, mode, uid, gid);
	} else if (!strcmp(type, "dir") || !strcmp(type, "pipe") || !strcmp(type, "sock")) {
		n = sscanf(line, "%*s %4095s %o %u %u", name, &mode, &uid, &gid);
		if (n == 4) {
			add_special(name, type[0] == 'd' ? S_IFDIR :
					  type[0] == 'p' ? S_IFIFO : S_IFSOCK,
				    mode, uid, gid, 0, 0);
			return 0;
		}
	} else if (!strcmp(type, "nod")) {
		n = sscanf(line, "%*s %4095s %o %u %u %c %u %u", name, &mode, &uid, &gid,
			   &devtype, &maj, &min);
		if (n == 7 && (devtype == 'c' || devtype == 'b')) {
			add_special(name, devtype == 'c' ? S_IFCHR : S_IFBLK, mode, uid, gid,
				    maj, min);
			return 0;
		}
	} else if (!strcmp(type, "slink")) {
		n = sscanf(line, "%*s %4095s %4095s %o %u %u", name, a, &mode, &uid, &gid);
		if (n == 5)
			return add_slink(name, a, mode, uid, gid);
	} else {
		fprintf(stderr, "%s:%d: unknown entry type '%s'\n", list, lineno, type);
		return -1;
	}
	fprintf(stderr, "%s:%d: malformed '%s' line\n", list, lineno, type);
	return -1;
}

int main(int argc, char **argv)
{
	char line[8192];
	int lineno = 0, argi = 1;
	FILE *list;

	if (argc > 2 && !strcmp(argv[1], "-t")) {
		default_mtime = strtol(argv[2], NULL, 0);
		argi = 3;
	}
	if (argc != argi + 1) {
		fprintf(stderr, "usage: gen_init_cpio [-t TIMESTAMP] LIST > ARCHIVE\n");
		return 2;
	}
	list = strcmp(argv[argi], "-") ? fopen(argv[argi], "r") : stdin;
	if (!list) {
		fprintf(stderr, "gen_init_cpio: %s: %s\n", argv[argi], strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), list)) {
		lineno++;
		if (parse_line(line, argv[argi], lineno))
			return 1;
	}
	add_trailer();
	if (fflush(stdout)) {
		perror("gen_init_cpio: write");
		return 1;
	}
	return 0;
}
