/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

/*
 * A sparse array of pointers indexed by unsigned long, with Linux's
 * names: a radix tree of 64-slot nodes, as deep as the largest index
 * needs and no deeper, so that memory follows the entries present, not
 * the indices they sit at. An absent index reads as NULL; storing NULL
 * erases.
 *
 * Not done: marks, multi-index entries, value entries, RCU readers and
 * the array's own lock. Every call here runs under the owner's lock
 * (the page cache holds the inode's i_lock), as Linux's __xa_ calls do
 * under xa_lock.
 */
#include <linux/types.h>
#include <linux/gfp.h>

#define XA_CHUNK_SHIFT	6
#define XA_CHUNK_SIZE	(1UL << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK	(XA_CHUNK_SIZE - 1)

struct xa_node {
	unsigned char	shift;		/* index bits below this node's slots */
	unsigned char	offset;		/* this node's slot in its parent */
	unsigned char	count;		/* slots in use */
	struct xa_node	*parent;	/* NULL for the root */
	void		*slots[XA_CHUNK_SIZE];	/* entries if shift is 0, else nodes */
};

struct xarray {
	struct xa_node	*xa_head;	/* NULL when empty */
};

typedef unsigned int xa_mark_t;
#define XA_PRESENT	((xa_mark_t)8U)	/* xa_find(): any entry; the only filter */

#define XARRAY_INIT(name)	{ .xa_head = NULL }

/*
 * Errors come back in the entry's place, as Linux's: an internal entry
 * (low bits 10) no stored pointer can be, since entries are aligned.
 */
static inline void *xa_mk_err(long err)
{
	return (void *)((-err << 2) | 2);
}

static inline bool xa_is_err(const void *entry)
{
	return ((unsigned long)entry & 3) == 2 && (unsigned long)entry < (4096UL << 2);
}

static inline int xa_err(void *entry)
{
	return xa_is_err(entry) ? -(int)((unsigned long)entry >> 2) : 0;
}

static inline void xa_init(struct xarray *xa)
{
	xa->xa_head = NULL;
}

static inline bool xa_empty(const struct xarray *xa)
{
	return !xa->xa_head;
}

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max, xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max,
		    xa_mark_t filter);
void xa_destroy(struct xarray *xa);

/* Every entry at or after start, in index order; the body may erase the current one. */
#define xa_for_each_start(xa, index, entry, start)				\
	for (index = start, entry = xa_find(xa, &index, ~0UL, XA_PRESENT);	\
	     entry;								\
	     entry = xa_find_after(xa, &index, ~0UL, XA_PRESENT))

#define xa_for_each(xa, index, entry)	xa_for_each_start(xa, index, entry, 0)

#endif
