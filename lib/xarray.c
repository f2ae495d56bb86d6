// SPDX-License-Identifier: MIT
/*
 * The xarray (include/linux/xarray.h): a radix tree whose root node is
 * exactly as high as the largest index stored needs. Storing grows the
 * tree upwards (a new root above the old one) and downwards (nodes on
 * the path to the index); erasing frees every node left empty and lowers
 * the root while it holds only its first slot, so an array always costs
 * what its entries need and an emptied one costs nothing.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#define XA_INDEX_BITS	(8 * sizeof(unsigned long))

/* The largest index a node of this shift spans (its subtree from index 0). */
static unsigned long xa_shift_max(unsigned int shift)
{
	if (shift + XA_CHUNK_SHIFT >= XA_INDEX_BITS)
		return ~0UL;
	return (1UL << (shift + XA_CHUNK_SHIFT)) - 1;
}

static unsigned int xa_offset(const struct xa_node *node, unsigned long index)
{
	return (index >> node->shift) & XA_CHUNK_MASK;
}

static struct xa_node *xa_alloc_node(unsigned int shift, struct xa_node *parent,
				     unsigned int offset, gfp_t gfp)
{
	struct xa_node *node = kzalloc(sizeof(*node), gfp);

	if (!node)
		return NULL;
	node->shift = shift;
	node->parent = parent;
	node->offset = offset;
	return node;
}

/* Raise the root until it spans index; on -ENOMEM xa_shrink() undoes what was raised. */
static int xa_expand(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	struct xa_node *head = xa->xa_head, *node;
	unsigned int shift = 0;

	if (!head) {
		while (index > xa_shift_max(shift))
			shift += XA_CHUNK_SHIFT;
		xa->xa_head = xa_alloc_node(shift, NULL, 0, gfp);
		return xa->xa_head ? 0 : -ENOMEM;
	}
	while (index > xa_shift_max(head->shift)) {
		node = xa_alloc_node(head->shift + XA_CHUNK_SHIFT, NULL, 0, gfp);
		if (!node)
			return -ENOMEM;
		node->slots[0] = head;
		node->count = 1;
		head->parent = node;
		head->offset = 0;
		xa->xa_head = head = node;
	}
	return 0;
}

/* A root whose only child is in slot 0 spans nothing its child does not: drop it. */
static void xa_shrink(struct xarray *xa)
{
	struct xa_node *head = xa->xa_head;

	while (head && head->shift && head->count == 1 && head->slots[0]) {
		struct xa_node *child = head->slots[0];

		child->parent = NULL;
		xa->xa_head = child;
		kfree(head);
		head = child;
	}
}

/* Free node and every ancestor that it leaves empty. */
static void xa_delete_empty(struct xarray *xa, struct xa_node *node)
{
	while (node && !node->count) {
		struct xa_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			xa->xa_head = NULL;
		}
		kfree(node);
		node = parent;
	}
	xa_shrink(xa);
}

/* The leaf node holding index, or NULL if the path to it is not there. */
static struct xa_node *xa_leaf(struct xarray *xa, unsigned long index)
{
	struct xa_node *node = xa->xa_head;

	if (!node || index > xa_shift_max(node->shift))
		return NULL;
	while (node && node->shift)
		node = node->slots[xa_offset(node, index)];
	return node;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf = xa_leaf(xa, index);

	return leaf ? leaf->slots[index & XA_CHUNK_MASK] : NULL;
}

/**
 * xa_store() - put entry at index
 *
 * Returns the entry that was there (NULL for none), or xa_mk_err(-ENOMEM)
 * with the array unchanged. Storing NULL erases.
 */
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct xa_node *node, *child;
	unsigned int offset;
	void *old;

	if (!entry)
		return xa_erase(xa, index);
	if (WARN_ON_ONCE(xa_is_err(entry)))
		return xa_mk_err(-EINVAL);
	if (xa_expand(xa, index, gfp)) {
		xa_shrink(xa);	/* the roots that were added hold nothing new */
		return xa_mk_err(-ENOMEM);
	}
	for (node = xa->xa_head; node->shift; node = child) {
		offset = xa_offset(node, index);
		child = node->slots[offset];
		if (child)
			continue;
		child = xa_alloc_node(node->shift - XA_CHUNK_SHIFT, node, offset, gfp);
		if (!child) {
			xa_delete_empty(xa, node);
			return xa_mk_err(-ENOMEM);
		}
		node->slots[offset] = child;
		node->count++;
	}
	offset = index & XA_CHUNK_MASK;
	old = node->slots[offset];
	node->slots[offset] = entry;
	if (!old)
		node->count++;
	return old;
}

/* Remove the entry at index and return it (NULL if there was none). */
void *xa_erase(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf = xa_leaf(xa, index);
	unsigned int offset = index & XA_CHUNK_MASK;
	void *old;

	if (!leaf || !leaf->slots[offset])
		return NULL;
	old = leaf->slots[offset];
	leaf->slots[offset] = NULL;
	leaf->count--;
	xa_delete_empty(xa, leaf);
	return old;
}

/*
 * The first slot of node after offset, as an index: node's first index
 * plus (offset + 1) slots. 0 means the step went past the last index.
 */
static unsigned long xa_next_slot_index(const struct xa_node *node, unsigned long index,
					unsigned int offset)
{
	unsigned long base = index & ~xa_shift_max(node->shift);

	return base + ((unsigned long)(offset + 1) << node->shift);
}

/**
 * xa_find() - the first entry at an index in [*indexp, max]
 *
 * Stores its index in *indexp. Subtrees with nothing in them are
 * skipped whole, so a walk costs the entries present, not the range.
 */
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max, xa_mark_t filter)
{
	struct xa_node *node = xa->xa_head;
	unsigned long index = *indexp, next;
	unsigned int offset;
	void *entry;

	if (!node || index > xa_shift_max(node->shift))
		return NULL;
	while (index <= max) {
		offset = xa_offset(node, index);
		entry = node->slots[offset];
		if (entry && !node->shift) {
			*indexp = index;
			return entry;
		}
		if (entry) {
			node = entry;
			continue;
		}
		/* Nothing at or after index under this slot: the next one, climbing past the last. */
		while (offset == XA_CHUNK_MASK) {
			if (!node->parent)
				return NULL;
			offset = node->offset;
			node = node->parent;
		}
		next = xa_next_slot_index(node, index, offset);
		if (next <= index)
			return NULL;
		index = next;
	}
	return NULL;
}

/* The first entry after *indexp, up to max: the step of xa_for_each(). */
void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max,
		    xa_mark_t filter)
{
	unsigned long index = *indexp + 1;
	void *entry;

	if (!index)
		return NULL;
	entry = xa_find(xa, &index, max, filter);
	if (entry)
		*indexp = index;
	return entry;
}

static void xa_free_nodes(struct xa_node *node)
{
	unsigned int i;

	if (node->shift)
		for (i = 0; i < XA_CHUNK_SIZE; i++)
			if (node->slots[i])
				xa_free_nodes(node->slots[i]);
	kfree(node);
}

/* Free every node; the entries are the caller's and stay as they are. */
void xa_destroy(struct xarray *xa)
{
	if (xa->xa_head)
		xa_free_nodes(xa->xa_head);
	xa->xa_head = NULL;
}
