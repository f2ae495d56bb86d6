// SPDX-License-Identifier: MIT
/*
 * /proc/loadavg as Linux prints it: the three averages with two
 * decimals, runnable/total tasks, and the last pid handed out.
 */
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/stat.h>


#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

static int loadavg_proc_show(struct seq_file *m, void *v)
{
	unsigned long a[3];
	int i;

	for (i = 0; i < 3; i++)
		a[i] = READ_ONCE(avenrun[i]) + FIXED_1 / 200;	/* round to 1/100 */
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n",
		   LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]), LOAD_FRAC(a[1]),
		   LOAD_INT(a[2]), LOAD_FRAC(a[2]), nr_running(), READ_ONCE(nr_threads),
		   pid_last());
	return 0;
}

void proc_loadavg_init(void)
{
	proc_create_single("loadavg", loadavg_proc_show);
}
