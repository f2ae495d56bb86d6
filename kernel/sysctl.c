// SPDX-License-Identifier: MIT
/*
 * /proc/sys: the settings programs read, each a file of one value.
 * reflex's are fixed (no sysctl writes): the uname strings, pid_max
 * (pids are never reused, so Linux's 64-bit limit), tainted, and
 * random/boot_id (drawn once at boot) and random/uuid (fresh per read),
 * both in Linux's UUID format.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>
#include <linux/sched.h>

u64 get_random_u64(void);

static int sysctl_string_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", (const char *)m->private);
	return 0;
}

static void seq_uuid(struct seq_file *m, const u8 *b)
{
	seq_printf(m, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x\n",
		   b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
		   b[12], b[13], b[14], b[15]);
}

/* A version 4 (random) UUID: its version and variant bits set as RFC 4122 says. */
static void generate_random_uuid(u8 b[16])
{
	u64 r[2] = { get_random_u64(), get_random_u64() };

	memcpy(b, r, 16);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
}

static u8 boot_id[16];

static int boot_id_show(struct seq_file *m, void *v)
{
	seq_uuid(m, boot_id);
	return 0;
}

static int uuid_show(struct seq_file *m, void *v)
{
	u8 b[16];

	generate_random_uuid(b);
	seq_uuid(m, b);
	return 0;
}

static int threads_max_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", max_threads);
	return 0;
}

static const struct {
	const char *name, *value;
} sysctl_strings[] = {
	{ "sys/kernel/ostype", UTS_SYSNAME },
	{ "sys/kernel/osrelease", UTS_RELEASE },
	{ "sys/kernel/version", UTS_VERSION },
	{ "sys/kernel/hostname", UTS_NODENAME },
	{ "sys/kernel/domainname", UTS_DOMAINNAME },
	{ "sys/kernel/pid_max", "4194304" },
	{ "sys/kernel/tainted", "0" },
	{ "sys/kernel/ngroups_max", "65536" },
	{ "sys/kernel/cap_last_cap", "40" },
	{ "sys/kernel/random/entropy_avail", "256" },
	{ "sys/kernel/random/poolsize", "256" },
	{ "sys/vm/overcommit_memory", "0" },
};

void proc_sys_init(void)
{
	unsigned int i;

	generate_random_uuid(boot_id);
	for (i = 0; i < ARRAY_SIZE(sysctl_strings); i++)
		proc_create_single_data(sysctl_strings[i].name, 0444, sysctl_string_show, NULL,
					(void *)sysctl_strings[i].value);
	proc_create_single("sys/kernel/threads-max", threads_max_show);
	proc_create_single("sys/kernel/random/boot_id", boot_id_show);
	proc_create_single("sys/kernel/random/uuid", uuid_show);
}
