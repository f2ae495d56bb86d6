/* SPDX-License-Identifier: MIT */
/*
 * The passes that turn an events header into events (see
 * linux/tracepoint.h). Each pass gives the field macros and
 * DECLARE_EVENT_CLASS/DEFINE_EVENT a meaning and reads the header
 * again:
 *
 *   1  struct trace_event_raw_<class>: the record (struct trace_entry,
 *      the fields, then the dynamic data: strings, arrays, bitmasks)
 *   2  struct trace_event_data_offsets_<class>: where each dynamic
 *      field lands, as Linux's __data_loc word (length << 16 | offset)
 *   3  trace_raw_output_<class>(): the text after "name: "
 *   4  print_fmt_<class>: the format file's "print fmt:" line, the
 *      TP_printk() arguments as text with __entry spelled REC
 *   5  trace_event_define_fields_<class>(): the format file's fields
 *   6  trace_event_get_offsets_<class>(): the dynamic sizes
 *   7  the recorder trace_event_raw_event_<class>(): reserve, assign,
 *      commit; each event's __traceiter_<name>() calls it
 *   8  the class and one trace_event_call per event, listed in
 *      .trace_events
 *
 * No include guard: define_trace.h includes it once per events header.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/trace_events.h>
#include <linux/seq_file.h>

#define TRACE_SYSTEM_STRING	__stringify(TRACE_SYSTEM)

#undef TRACE_EVENT
#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	DECLARE_EVENT_CLASS(name, PARAMS(proto), PARAMS(args),		\
			    PARAMS(tstruct), PARAMS(assign), PARAMS(print))	\
	DEFINE_EVENT(name, name, PARAMS(proto), PARAMS(args))

#undef TP_STRUCT__entry
#define TP_STRUCT__entry(args...)	args
#undef TP_fast_assign
#define TP_fast_assign(args...)		args

/* Signedness as the format file shows it: Linux builds with -funsigned-char. */
#define __trace_is_signed(type)						\
	(__builtin_types_compatible_p(type, char) ? 0 : ((type)(-1) < (type)1))

/* ---- pass 1: the record ---- */
#undef __field
#define __field(type, item)		type item;
#undef __field_struct
#define __field_struct(type, item)	type item;
#undef __array
#define __array(type, item, len)	type item[len];
#undef __string
#define __string(item, src)		u32 __data_loc_##item;
#undef __dynamic_array
#define __dynamic_array(type, item, len) u32 __data_loc_##item;
#undef __bitmask
#define __bitmask(item, nr_bits)	u32 __data_loc_##item;
#undef __cpumask
#define __cpumask(item)			u32 __data_loc_##item;

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	struct trace_event_raw_##name {					\
		struct trace_entry	ent;				\
		tstruct							\
		char			__data[];			\
	};
#undef DEFINE_EVENT
#define DEFINE_EVENT(template, name, proto, args)

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

/* ---- pass 2: where the dynamic fields go ---- */
#undef __field
#define __field(type, item)
#undef __field_struct
#define __field_struct(type, item)
#undef __array
#define __array(type, item, len)
#undef __string
#define __string(item, src)		u32 item;
#undef __dynamic_array
#define __dynamic_array(type, item, len) u32 item;
#undef __bitmask
#define __bitmask(item, nr_bits)	u32 item;
#undef __cpumask
#define __cpumask(item)			u32 item;

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	struct trace_event_data_offsets_##name {			\
		tstruct							\
	};

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

/* ---- pass 3: the text ---- */
#undef __entry
#define __entry field
#undef __get_dynamic_array
#define __get_dynamic_array(f)	((void *)field + (field->__data_loc_##f & 0xffff))
#undef __get_dynamic_array_len
#define __get_dynamic_array_len(f)	((field->__data_loc_##f >> 16) & 0xffff)
#undef __get_str
#define __get_str(f)		((char *)__get_dynamic_array(f))
#undef __get_bitmask
#define __get_bitmask(f)						\
	trace_print_bitmask_seq(p, __get_dynamic_array(f), __get_dynamic_array_len(f))
#undef __get_cpumask
#define __get_cpumask(f)	__get_bitmask(f)
#undef __print_flags
#define __print_flags(flag, delim, flag_array...)			\
	({								\
		static const struct trace_print_flags __flags[] =	\
			{ flag_array, { -1, NULL } };			\
		trace_print_flags_seq(p, delim, flag, __flags);		\
	})
#undef __print_symbolic
#define __print_symbolic(value, symbol_array...)			\
	({								\
		static const struct trace_print_flags __symbols[] =	\
			{ symbol_array, { -1, NULL } };			\
		trace_print_symbols_seq(p, value, __symbols);		\
	})
#undef TP_printk
#define TP_printk(fmt, args...)		fmt, ##args

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	static void trace_raw_output_##name(struct seq_file *s, struct seq_file *p, \
					    const void *ent)		\
	{								\
		const struct trace_event_raw_##name *field = ent;	\
									\
		(void)field;						\
		seq_printf(s, print);					\
	}

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

/* ---- pass 4: the print format, as text ---- */
#undef __entry
#define __entry REC
#undef __get_dynamic_array
#undef __get_dynamic_array_len
#undef __get_str
#undef __get_bitmask
#undef __get_cpumask
#undef __print_flags
#undef __print_symbolic
#undef TP_printk
#define TP_printk(fmt, args...)		"\"" fmt "\", " __stringify(args)

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	static const char print_fmt_##name[] = print;

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

/* ---- pass 5: the fields of the format file ---- */
#undef __field
#define __field(type, item)						\
	ret = ret ?: trace_define_field(call, #type, #item,		\
			offsetof(typeof(field), item), sizeof(field.item), -1, \
			__trace_is_signed(type), FILTER_OTHER);
#undef __field_struct
#define __field_struct(type, item)					\
	ret = ret ?: trace_define_field(call, #type, #item,		\
			offsetof(typeof(field), item), sizeof(field.item), -1, \
			0, FILTER_OTHER);
#undef __array
#define __array(type, item, len)					\
	ret = ret ?: trace_define_field(call, #type, #item,		\
			offsetof(typeof(field), item), sizeof(field.item), len, \
			__trace_is_signed(type),				\
			__builtin_types_compatible_p(type, char) ?	\
				FILTER_STATIC_STRING : FILTER_OTHER);
#undef __string
#define __string(item, src)						\
	ret = ret ?: trace_define_field(call, "__data_loc char[]", #item, \
			offsetof(typeof(field), __data_loc_##item), 4, -1, 0, \
			FILTER_DYN_STRING);
#undef __dynamic_array
#define __dynamic_array(type, item, len)				\
	ret = ret ?: trace_define_field(call, "__data_loc " #type "[]", #item, \
			offsetof(typeof(field), __data_loc_##item), 4, -1, 0, \
			FILTER_OTHER);
#undef __bitmask
#define __bitmask(item, nr_bits)					\
	ret = ret ?: trace_define_field(call, "__data_loc unsigned long[]", #item, \
			offsetof(typeof(field), __data_loc_##item), 4, -1, 0, \
			FILTER_OTHER);
#undef __cpumask
#define __cpumask(item)							\
	ret = ret ?: trace_define_field(call, "__data_loc cpumask_t", #item, \
			offsetof(typeof(field), __data_loc_##item), 4, -1, 0, \
			FILTER_OTHER);

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	static int trace_event_define_fields_##name(struct trace_event_call *call) \
	{								\
		struct trace_event_raw_##name field;			\
		int ret = 0;						\
									\
		(void)field;						\
		tstruct							\
		return ret;						\
	}

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

/* ---- pass 6: the sizes of the dynamic fields ---- */
#undef __field
#define __field(type, item)
#undef __field_struct
#define __field_struct(type, item)
#undef __array
#define __array(type, item, len)
#undef __dynamic_array
#define __dynamic_array(type, item, len)				\
	__item_length = (len) * sizeof(type);				\
	__data_offsets->item = __data_size + offsetof(typeof(*entry), __data); \
	__data_offsets->item |= __item_length << 16;			\
	__data_size += __item_length;
#undef __string
#define __string(item, src)						\
	__dynamic_array(char, item,					\
			strlen((src) ? (const char *)(src) : "(null)") + 1)
#undef __bitmask
#define __bitmask(item, nr_bits)					\
	__dynamic_array(unsigned long, item, BITS_TO_LONGS(nr_bits))
#undef __cpumask
#define __cpumask(item)		__bitmask(item, nr_cpumask_bits)

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	static inline int trace_event_get_offsets_##name(		\
		struct trace_event_data_offsets_##name *__data_offsets, proto) \
	{								\
		struct trace_event_raw_##name *entry = NULL;		\
		int __data_size = 0;					\
		int __item_length = 0;					\
									\
		(void)entry;						\
		(void)__item_length;					\
		tstruct							\
		return __data_size;					\
	}

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

/* ---- pass 7: the recorder ---- */
#undef __entry
#define __entry entry
#undef __field
#define __field(type, item)
#undef __field_struct
#define __field_struct(type, item)
#undef __array
#define __array(type, item, len)
#undef __dynamic_array
#define __dynamic_array(type, item, len)				\
	__entry->__data_loc_##item = __data_offsets.item;
#undef __string
#define __string(item, src)		__dynamic_array(char, item, -1)
#undef __bitmask
#define __bitmask(item, nr_bits)	__dynamic_array(unsigned long, item, -1)
#undef __cpumask
#define __cpumask(item)			__dynamic_array(unsigned long, item, -1)
#undef __get_dynamic_array
#define __get_dynamic_array(f)	((void *)__entry + (__entry->__data_loc_##f & 0xffff))
#undef __get_dynamic_array_len
#define __get_dynamic_array_len(f)	((__entry->__data_loc_##f >> 16) & 0xffff)
#undef __get_str
#define __get_str(f)		((char *)__get_dynamic_array(f))
#undef __assign_str
#define __assign_str(dst, src)						\
	strscpy(__get_str(dst), (src) ? (const char *)(src) : "(null)",	\
		__get_dynamic_array_len(dst))
#undef __assign_bitmask
#define __assign_bitmask(dst, src, nr_bits)				\
	memcpy(__get_dynamic_array(dst), (src), __get_dynamic_array_len(dst))
#undef __assign_cpumask
#define __assign_cpumask(dst, src)					\
	memcpy(__get_dynamic_array(dst), (src), __get_dynamic_array_len(dst))

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	static noinline __noclone void					\
	trace_event_raw_event_##name(struct trace_event_call *call, proto) \
	{								\
		struct trace_event_data_offsets_##name __data_offsets;	\
		struct trace_event_raw_##name *entry;			\
		struct trace_event_buffer fbuffer;			\
		int __data_size;					\
									\
		__data_size = trace_event_get_offsets_##name(&__data_offsets, args); \
		entry = trace_event_buffer_reserve(&fbuffer, call,	\
						   sizeof(*entry) + __data_size); \
		if (!entry)						\
			return;						\
		tstruct							\
		{ assign; }						\
		trace_event_buffer_commit(&fbuffer);			\
	}

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

/* ---- pass 8: the class and the events ---- */
#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	static const struct trace_event_class event_class_##name = {	\
		.system		= TRACE_SYSTEM_STRING,			\
		.define_fields	= trace_event_define_fields_##name,	\
		.output		= trace_raw_output_##name,		\
		.print_fmt	= print_fmt_##name,			\
	};
#undef DEFINE_EVENT
#define DEFINE_EVENT(template, evname, proto, args)			\
	struct trace_event_call event_##evname = {			\
		.class	= &event_class_##template,			\
		.name	= #evname,					\
	};								\
	static struct trace_event_call *const __event_ptr_##evname	\
	__used __section(".trace_events") __aligned(8) = &event_##evname;	\
	void __traceiter_##evname(proto)					\
	{								\
		trace_event_raw_event_##template(&event_##evname, args);	\
	}

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

#undef __entry
#undef __field
#undef __field_struct
#undef __array
#undef __string
#undef __dynamic_array
#undef __bitmask
#undef __cpumask
#undef __get_cpumask
#undef __assign_cpumask
#undef __get_dynamic_array
#undef __get_dynamic_array_len
#undef __get_str
#undef __assign_str
#undef __assign_bitmask
#undef TP_printk
#undef TRACE_SYSTEM_STRING
