// SPDX-License-Identifier: MIT
/*
 * The network's trace events (napi, net, skb), defined once here as in
 * Linux; net/core/dev.c and net/core/skbuff.c call them.
 */
#define CREATE_TRACE_POINTS
#include <trace/events/napi.h>
#include <trace/events/net.h>
#include <trace/events/skb.h>
