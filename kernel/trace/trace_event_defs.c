// SPDX-License-Identifier: MIT
/*
 * Where the kernel's trace events are defined: each events header read
 * once more with CREATE_TRACE_POINTS (linux/tracepoint.h) makes its
 * records, format files, recorders and text. Linux spreads these over
 * the subsystems' own files; reflex keeps them here, so that a
 * subsystem's file only includes its header and calls trace_<name>().
 * The network's are in net/core/net-traces.c, as Linux's.
 */
#define CREATE_TRACE_POINTS
#include <trace/events/irq.h>
#include <trace/events/irq_vectors.h>
#include <trace/events/raw_syscalls.h>
#include <trace/events/sched.h>
#include <trace/events/signal.h>
#include <trace/events/exceptions.h>
#include <trace/events/tlb.h>
#include <trace/events/ipi.h>
#include <trace/events/timer.h>
