// SPDX-License-Identifier: MIT
/*
 * The network's trace events (napi, net), defined once here as in
 * Linux; net/core/dev.c calls them.
 */
#define CREATE_TRACE_POINTS
#include <trace/events/napi.h>
#include <trace/events/net.h>
