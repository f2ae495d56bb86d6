/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

/* reflex has one memory node; callers still say which they would like. */
#define NUMA_NO_NODE	(-1)
#define nr_node_ids	1U

#endif
