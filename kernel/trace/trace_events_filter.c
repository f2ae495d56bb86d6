// SPDX-License-Identifier: MIT
/*
 * Event filters (events/<system>/<event>/filter and the "if" of a
 * trigger), Linux's language:
 *
 *	irq == 11 && (ret != 0 || common_pid > 1)
 *	name == "eth0"		prev_comm ~ "sh*"		flags & 4
 *
 * A predicate compares one field of the record with a constant: numbers
 * with == != < <= > >= and & (any bit in common), strings (char arrays
 * and __data_loc strings) with == != and ~ (a glob with * at either
 * end). && binds tighter than ||; ! negates; parentheses group. The
 * parse makes a small tree that the recorder walks on each record.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "trace.h"

#define FILTER_MAX_NODES	32
#define FILTER_STR_MAX		64

enum filter_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_BAND, OP_GLOB };
enum node_kind { NODE_PRED, NODE_AND, NODE_OR, NODE_NOT };

struct filter_node {
	enum node_kind	kind;
	int		left, right;	/* children (NOT uses left) */
	enum filter_op	op;
	int		offset, size, filter_type;
	bool		is_signed;
	u64		val;
	char		str[FILTER_STR_MAX];
};

struct event_filter {
	char			*filter_string;
	int			nr, root;
	struct filter_node	nodes[FILTER_MAX_NODES];
};

struct filter_parse {
	struct trace_event_call	*call;
	const char		*p;
	struct event_filter	*filter;
	int			err;
};

static void skip_ws(struct filter_parse *ps)
{
	while (trace_isspace(*ps->p))
		ps->p++;
}

static bool accept(struct filter_parse *ps, const char *tok)
{
	size_t n = strlen(tok);

	skip_ws(ps);
	if (strncmp(ps->p, tok, n))
		return false;
	ps->p += n;
	return true;
}

static int new_node(struct filter_parse *ps, enum node_kind kind, int left, int right)
{
	struct filter_node *node;

	if (ps->filter->nr >= FILTER_MAX_NODES) {
		ps->err = -ENOSPC;
		return -1;
	}
	node = &ps->filter->nodes[ps->filter->nr];
	node->kind = kind;
	node->left = left;
	node->right = right;
	return ps->filter->nr++;
}

static bool is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.';
}

static int parse_op(struct filter_parse *ps, enum filter_op *op)
{
	static const struct { const char *tok; enum filter_op op; } ops[] = {
		{ "==", OP_EQ }, { "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE },
		{ "<", OP_LT }, { ">", OP_GT }, { "&", OP_BAND }, { "~", OP_GLOB },
	};
	unsigned int i;

	skip_ws(ps);
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (!strncmp(ps->p, ops[i].tok, strlen(ops[i].tok)) &&
		    !(ops[i].op == OP_BAND && ps->p[1] == '&')) {
			ps->p += strlen(ops[i].tok);
			*op = ops[i].op;
			return 0;
		}
	}
	return -EINVAL;
}

/* A quoted or bare word into buf. */
static int parse_word(struct filter_parse *ps, char *buf, size_t size)
{
	char quote = 0;
	size_t n = 0;

	skip_ws(ps);
	if (*ps->p == '"' || *ps->p == '\'')
		quote = *ps->p++;
	while (*ps->p && (quote ? *ps->p != quote : (is_ident(*ps->p) || *ps->p == '*' ||
						     *ps->p == '-' || *ps->p == '/'))) {
		if (n + 1 >= size)
			return -EINVAL;
		buf[n++] = *ps->p++;
	}
	if (quote && *ps->p++ != quote)
		return -EINVAL;
	buf[n] = '\0';
	return (n || quote) ? 0 : -EINVAL;
}

static bool parse_number(const char *s, u64 *val)
{
	bool neg = *s == '-';
	unsigned long v;

	if (kstrtoul(s + neg, 0, &v))
		return false;
	*val = neg ? -(u64)v : v;
	return true;
}

static int parse_pred(struct filter_parse *ps)
{
	struct trace_event_field *field;
	struct filter_node *node;
	char name[64], value[FILTER_STR_MAX];
	enum filter_op op;
	bool is_str;
	int idx;

	if (parse_word(ps, name, sizeof(name)) || parse_op(ps, &op) ||
	    parse_word(ps, value, sizeof(value)))
		goto bad;
	field = trace_find_event_field(ps->call, name);
	if (!field)
		goto bad;
	is_str = field->filter_type == FILTER_STATIC_STRING ||
		 field->filter_type == FILTER_DYN_STRING;
	if (is_str ? (op != OP_EQ && op != OP_NE && op != OP_GLOB) : op == OP_GLOB)
		goto bad;
	idx = new_node(ps, NODE_PRED, -1, -1);
	if (idx < 0)
		return -1;
	node = &ps->filter->nodes[idx];
	node->op = op;
	node->offset = field->offset;
	node->size = field->size;
	node->filter_type = field->filter_type;
	node->is_signed = field->is_signed;
	if (is_str)
		strscpy(node->str, value, sizeof(node->str));
	else if (!parse_number(value, &node->val))
		goto bad;
	return idx;
bad:
	ps->err = -EINVAL;
	return -1;
}

static int parse_or(struct filter_parse *ps);

static int parse_factor(struct filter_parse *ps)
{
	int idx;

	if (accept(ps, "(")) {
		idx = parse_or(ps);
		if (idx >= 0 && !accept(ps, ")")) {
			ps->err = -EINVAL;
			return -1;
		}
		return idx;
	}
	if (accept(ps, "!")) {
		idx = parse_factor(ps);
		return idx < 0 ? -1 : new_node(ps, NODE_NOT, idx, -1);
	}
	return parse_pred(ps);
}

static int parse_and(struct filter_parse *ps)
{
	int left = parse_factor(ps);

	while (left >= 0 && accept(ps, "&&")) {
		int right = parse_factor(ps);

		left = right < 0 ? -1 : new_node(ps, NODE_AND, left, right);
	}
	return left;
}

static int parse_or(struct filter_parse *ps)
{
	int left = parse_and(ps);

	while (left >= 0 && accept(ps, "||")) {
		int right = parse_and(ps);

		left = right < 0 ? -1 : new_node(ps, NODE_OR, left, right);
	}
	return left;
}

int create_event_filter(struct trace_event_call *call, const char *str,
			struct event_filter **filterp)
{
	struct event_filter *filter = kzalloc(sizeof(*filter), GFP_KERNEL);
	struct filter_parse ps = { .call = call, .p = str, .filter = filter };

	if (!filter)
		return -ENOMEM;
	filter->root = parse_or(&ps);
	skip_ws(&ps);
	if (filter->root < 0 || *ps.p) {
		kfree(filter);
		return ps.err && ps.err != -EINVAL ? ps.err : -EINVAL;
	}
	filter->filter_string = kmalloc(strlen(str) + 1, GFP_KERNEL);
	if (!filter->filter_string) {
		kfree(filter);
		return -ENOMEM;
	}
	memcpy(filter->filter_string, str, strlen(str) + 1);
	*filterp = filter;
	return 0;
}

void free_event_filter(struct event_filter *filter)
{
	if (!filter)
		return;
	kfree(filter->filter_string);
	kfree(filter);
}

const char *event_filter_string(struct event_filter *filter)
{
	return filter->filter_string;
}

/* ---- matching ---- */

static u64 read_field(const struct filter_node *node, const void *rec)
{
	const void *p = rec + node->offset;

	switch (node->size) {
	case 1:
		return node->is_signed ? (u64)*(const s8 *)p : *(const u8 *)p;
	case 2:
		return node->is_signed ? (u64)*(const s16 *)p : *(const u16 *)p;
	case 4:
		return node->is_signed ? (u64)*(const s32 *)p : *(const u32 *)p;
	default:
		return *(const u64 *)p;
	}
}

static bool match_num(const struct filter_node *node, const void *rec)
{
	u64 v = read_field(node, rec);
	bool lt = node->is_signed ? (s64)v < (s64)node->val : v < node->val;

	switch (node->op) {
	case OP_EQ:
		return v == node->val;
	case OP_NE:
		return v != node->val;
	case OP_LT:
		return lt;
	case OP_LE:
		return lt || v == node->val;
	case OP_GT:
		return !lt && v != node->val;
	case OP_GE:
		return !lt;
	case OP_BAND:
		return v & node->val;
	default:
		return false;
	}
}

/* pat may start and/or end with '*'. */
static bool glob_match(const char *pat, const char *s, size_t len)
{
	size_t plen = strlen(pat);
	bool head = plen && pat[0] == '*', tail = plen > 1 && pat[plen - 1] == '*';
	const char *core = pat + head;
	size_t clen = plen - head - tail, i;

	if (head && tail) {
		for (i = 0; i + clen <= len; i++)
			if (!strncmp(s + i, core, clen))
				return true;
		return false;
	}
	if (head)
		return len >= clen && !strncmp(s + len - clen, core, clen);
	if (tail)
		return len >= clen && !strncmp(s, core, clen);
	return len == clen && !strncmp(s, core, clen);
}

static bool match_str(const struct filter_node *node, const void *rec)
{
	const char *s;
	size_t len;
	bool eq;

	if (node->filter_type == FILTER_DYN_STRING) {
		u32 loc = *(const u32 *)(rec + node->offset);

		s = rec + (loc & 0xffff);
		len = strnlen(s, loc >> 16);
	} else {
		s = rec + node->offset;
		len = strnlen(s, node->size);
	}
	eq = glob_match(node->str, s, len);
	return node->op == OP_NE ? !eq : eq;
}

static bool match_node(const struct event_filter *filter, int idx, const void *rec)
{
	const struct filter_node *node = &filter->nodes[idx];

	switch (node->kind) {
	case NODE_AND:
		return match_node(filter, node->left, rec) && match_node(filter, node->right, rec);
	case NODE_OR:
		return match_node(filter, node->left, rec) || match_node(filter, node->right, rec);
	case NODE_NOT:
		return !match_node(filter, node->left, rec);
	default:
		if (node->filter_type == FILTER_STATIC_STRING ||
		    node->filter_type == FILTER_DYN_STRING)
			return match_str(node, rec);
		return match_num(node, rec);
	}
}

bool filter_match_preds(struct event_filter *filter, const void *rec)
{
	return match_node(filter, filter->root, rec);
}
