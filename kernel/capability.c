// SPDX-License-Identifier: MIT
/*
 * capget() and capset(). Every reflex process runs as root and starts
 * with every capability (0 .. CAP_LAST_CAP, 40, as
 * /proc/sys/kernel/cap_last_cap says) effective, permitted and
 * inheritable. capset() may drop some, with Linux's rules (no set grows
 * past the permitted one, the permitted never grows); fork keeps what
 * was dropped and exec gives root its effective and permitted sets back.
 * capget() reports the sets of current or of another task. capable()
 * checks current's effective set; CAP_NET_RAW (raw sockets) is the one
 * capability reflex asks for.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/capability.h>

#define _LINUX_CAPABILITY_VERSION_1	0x19980330	/* one 32-bit word per set */
#define _LINUX_CAPABILITY_VERSION_2	0x20071026	/* two, deprecated */
#define _LINUX_CAPABILITY_VERSION_3	0x20080522	/* two */
#define CAP_LAST_CAP			40

struct user_cap_header {
	u32 version;
	int pid;
};

struct user_cap_data {
	u32 effective, permitted, inheritable;
};

#define CAP_FULL	((1ULL << (CAP_LAST_CAP + 1)) - 1)

/*
 * The number of words per set in @hdr's version; for a version it does
 * not know, the preferred one is written back and -EINVAL returned, as
 * Linux's cap_validate_magic().
 */
static int cap_validate_magic(struct user_cap_header __user *hdr, int *words)
{
	u32 version;

	if (get_user(version, &hdr->version))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*words = 1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*words = 2;
		return 0;
	}
	if (put_user((u32)_LINUX_CAPABILITY_VERSION_3, &hdr->version))
		return -EFAULT;
	return -EINVAL;
}

/* The task @hdr names (0: current): -ESRCH if there is none, -EINVAL below 0. */
static int cap_check_pid(struct user_cap_header __user *hdr, int *pid,
			 struct task_struct **tsk)
{
	if (get_user(*pid, &hdr->pid))
		return -EFAULT;
	if (*pid < 0)
		return -EINVAL;
	*tsk = !*pid || *pid == current->pid ? current : find_task_by_pid(*pid);
	return *tsk ? 0 : -ESRCH;
}

static u64 cap_set(struct task_struct *tsk, int which)
{
	return CAP_FULL & ~READ_ONCE(tsk->cap_dropped[which]);
}

bool capable(int cap)
{
	return !(READ_ONCE(current->cap_dropped[0]) & (1ULL << cap));
}

SYSCALL_DEFINE2(capget, struct user_cap_header __user *, hdr, struct user_cap_data __user *, data)
{
	struct user_cap_data kdata[2];
	struct task_struct *tsk;
	int words, pid, err, i;

	err = cap_validate_magic(hdr, &words);
	if (err)
		return data || err == -EFAULT ? err : 0;	/* a NULL data asks the version */
	err = cap_check_pid(hdr, &pid, &tsk);
	if (err)
		return err;
	for (i = 0; i < words; i++)
		kdata[i] = (struct user_cap_data){ (u32)(cap_set(tsk, 0) >> (32 * i)),
						   (u32)(cap_set(tsk, 1) >> (32 * i)),
						   (u32)(cap_set(tsk, 2) >> (32 * i)) };
	if (copy_to_user(data, kdata, words * sizeof(kdata[0])))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(capset, struct user_cap_header __user *, hdr,
		const struct user_cap_data __user *, data)
{
	struct user_cap_data kdata[2] = {};
	u64 eff = 0, perm = 0, inh = 0;
	struct task_struct *tsk;
	int words, pid, err, i;

	err = cap_validate_magic(hdr, &words);
	if (err)
		return err;
	err = cap_check_pid(hdr, &pid, &tsk);
	if (err)
		return err == -ESRCH ? -EPERM : err;
	if (tsk != current)
		return -EPERM;	/* only one's own, as Linux since 2.6.25 */
	if (copy_from_user(kdata, data, words * sizeof(kdata[0])))
		return -EFAULT;
	for (i = 0; i < words; i++) {
		eff |= (u64)kdata[i].effective << (32 * i);
		perm |= (u64)kdata[i].permitted << (32 * i);
		inh |= (u64)kdata[i].inheritable << (32 * i);
	}
	eff &= CAP_FULL;
	perm &= CAP_FULL;
	inh &= CAP_FULL;
	/* Linux's cap_capset(): nothing beyond what is permitted. */
	if ((inh & ~(cap_set(current, 2) | cap_set(current, 1))) ||
	    (perm & ~cap_set(current, 1)) || (eff & ~perm))
		return -EPERM;
	current->cap_dropped[0] = CAP_FULL & ~eff;
	current->cap_dropped[1] = CAP_FULL & ~perm;
	current->cap_dropped[2] = CAP_FULL & ~inh;
	return 0;
}
