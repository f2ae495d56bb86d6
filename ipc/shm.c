// SPDX-License-Identifier: MIT
/*
 * SysV shared memory: shmget() makes or finds a segment by key (or a
 * new one for IPC_PRIVATE), shmat() maps it shared (its pages are an
 * unlinked tmpfs file's, mm/shmem.c, so every attacher and fork()'s
 * children see the same bytes), shmdt() unmaps it, shmctl() reads and
 * changes its shmid_ds and removes it. A removed segment (IPC_RMID)
 * loses its key at once and goes when its last attachment does; the
 * attachments are counted per VMA, as Linux counts them (shm_open and
 * shm_close on every VMA that maps it, a fork's copies and splits too).
 *
 * reflex runs everything as root, so the permission checks always pass
 * (Linux's answer for CAP_IPC_OWNER) and the limits are Linux's
 * defaults: SHMMAX, SHMALL, SHMMNI. There is one IPC namespace.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mman.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define IPC_PRIVATE	0
#define IPC_CREAT	00001000
#define IPC_EXCL	00002000
#define IPC_64		0x0100		/* a 64-bit layout: the only one on x86-64 */

#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000

#define SHM_DEST	01000		/* shm_perm.mode: removed, goes at the last detach */
#define SHM_LOCKED	02000		/* shm_perm.mode: SHM_LOCK */

#define SHMMIN		1
#define SHMMNI		4096
#define SHMMAX		(~0UL - (1UL << 24))
#define SHMALL		(~0UL - (1UL << 24))
#define SHMLBA		PAGE_SIZE
#define IPCMNI_SEQ_SHIFT 15		/* id = seq << 15 | index, as Linux's ipcid */

struct ipc64_perm {
	int key;
	unsigned int uid, gid, cuid, cgid;
	unsigned int mode;
	unsigned short seq, __pad2;
	unsigned long __unused1, __unused2;
};

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	size_t shm_segsz;
	long shm_atime, shm_dtime, shm_ctime;
	int shm_cpid, shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4, __unused5;
};

struct shminfo64 {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

_Static_assert(sizeof(struct shmid64_ds) == 112, "x86-64's struct shmid64_ds");

struct shmid_kernel {
	struct shmid64_ds ds;		/* shm_nattch counts the VMAs */
	int id;
	struct file *file;		/* the pages */
};

static struct shmid_kernel *shm_segs[SHMMNI];
static unsigned short shm_seq;
static unsigned long shm_tot;		/* pages of all segments */
static DEFINE_MUTEX(shm_ids_lock);	/* shm_segs and every segment's ds */

extern s64 boot_realtime_sec;

static long shm_now(void)
{
	return ktime_get() / NSEC_PER_SEC + boot_realtime_sec;
}

/* The segment with id, or NULL. Under shm_ids_lock. */
static struct shmid_kernel *shm_obtain(int id)
{
	unsigned int idx = (unsigned int)id & ((1U << IPCMNI_SEQ_SHIFT) - 1);
	struct shmid_kernel *shp;

	if (id < 0 || idx >= SHMMNI)
		return NULL;
	shp = shm_segs[idx];
	return shp && shp->id == id ? shp : NULL;
}

static struct shmid_kernel *shm_find_key(int key)
{
	unsigned int i;

	for (i = 0; i < SHMMNI; i++)
		if (shm_segs[i] && shm_segs[i]->ds.shm_perm.key == key &&
		    !(shm_segs[i]->ds.shm_perm.mode & SHM_DEST))
			return shm_segs[i];
	return NULL;
}

/* The segment leaves the table; its file is the caller's to put, after the lock. */
static struct file *shm_destroy(struct shmid_kernel *shp)
{
	struct file *file = shp->file;

	shm_segs[shp->id & ((1U << IPCMNI_SEQ_SHIFT) - 1)] = NULL;
	shm_tot -= (shp->ds.shm_segsz + PAGE_SIZE - 1) >> PAGE_SHIFT;
	kfree(shp);
	return file;
}

static int newseg(int key, int shmflg, size_t size)
{
	unsigned long pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	struct shmid_kernel *shp;
	unsigned int idx;
	char name[16];

	if (size < SHMMIN || size > SHMMAX)
		return -EINVAL;
	if (shm_tot + pages < shm_tot || shm_tot + pages > SHMALL)
		return -ENOSPC;
	for (idx = 0; idx < SHMMNI && shm_segs[idx]; idx++)
		;
	if (idx == SHMMNI)
		return -ENOSPC;
	shp = kzalloc(sizeof(*shp), GFP_KERNEL);
	if (!shp)
		return -ENOMEM;
	snprintf(name, sizeof(name), "SYSV%08x", key);
	shp->file = shmem_file_setup(name, size, 0);
	if (IS_ERR(shp->file)) {
		int err = PTR_ERR(shp->file);

		kfree(shp);
		return err;
	}
	shp->ds.shm_perm.key = key;
	shp->ds.shm_perm.mode = shmflg & S_IRWXUGO;
	shp->ds.shm_perm.seq = shm_seq;
	shp->ds.shm_segsz = size;
	shp->ds.shm_ctime = shm_now();
	shp->ds.shm_cpid = current->tgid;
	shp->id = (shm_seq++ << IPCMNI_SEQ_SHIFT) | idx;
	shm_segs[idx] = shp;
	shm_tot += pages;
	return shp->id;
}

SYSCALL_DEFINE3(shmget, int, key, size_t, size, int, shmflg)
{
	struct shmid_kernel *shp;
	int ret;

	mutex_lock(&shm_ids_lock);
	shp = key == IPC_PRIVATE ? NULL : shm_find_key(key);
	if (!shp)
		ret = key == IPC_PRIVATE || (shmflg & IPC_CREAT) ? newseg(key, shmflg, size) : -ENOENT;
	else if ((shmflg & IPC_CREAT) && (shmflg & IPC_EXCL))
		ret = -EEXIST;
	else if (shp->ds.shm_segsz < size)
		ret = -EINVAL;
	else
		ret = shp->id;
	mutex_unlock(&shm_ids_lock);
	return ret;
}

/* The segment a VMA maps: found again by its file, under shm_ids_lock. */
static struct shmid_kernel *shm_of_vma(struct vm_area_struct *vma)
{
	unsigned int i;

	for (i = 0; i < SHMMNI; i++)
		if (shm_segs[i] && shm_segs[i]->file->f_inode == vma->vm_file->f_inode)
			return shm_segs[i];
	return NULL;
}

static void shm_open(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp;

	mutex_lock(&shm_ids_lock);
	shp = shm_of_vma(vma);
	if (shp) {
		shp->ds.shm_nattch++;
		shp->ds.shm_atime = shm_now();
		shp->ds.shm_lpid = current->tgid;
	}
	mutex_unlock(&shm_ids_lock);
}

static void shm_close(struct vm_area_struct *vma)
{
	struct shmid_kernel *shp;
	struct file *gone = NULL;

	mutex_lock(&shm_ids_lock);
	shp = shm_of_vma(vma);
	if (shp) {
		shp->ds.shm_nattch--;
		shp->ds.shm_dtime = shm_now();
		shp->ds.shm_lpid = current->tgid;
		if (!shp->ds.shm_nattch && (shp->ds.shm_perm.mode & SHM_DEST))
			gone = shm_destroy(shp);
	}
	mutex_unlock(&shm_ids_lock);
	/* Not the file's last reference: the closing VMA still holds one. */
	if (gone)
		fput(gone);
}

static const struct vm_operations_struct shm_vm_ops = {
	.open	= shm_open,
	.close	= shm_close,
};

static bool is_shm_vma(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shm_vm_ops;
}

SYSCALL_DEFINE3(shmat, int, shmid, char __user *, shmaddr, int, shmflg)
{
	unsigned long addr = (unsigned long)shmaddr, flags = MAP_SHARED, prot;
	struct shmid_kernel *shp;
	struct file *file;
	size_t size;
	long ret;

	if (addr) {
		if (addr & (SHMLBA - 1)) {
			if (!(shmflg & SHM_RND))
				return -EINVAL;
			addr &= ~(SHMLBA - 1);
		}
		flags |= shmflg & SHM_REMAP ? MAP_FIXED : MAP_FIXED_NOREPLACE;
		if (addr < mmap_min_addr)
			return -EINVAL;
	} else if (shmflg & SHM_REMAP) {
		return -EINVAL;
	}
	prot = PROT_READ | (shmflg & SHM_RDONLY ? 0 : PROT_WRITE) |
	       (shmflg & SHM_EXEC ? PROT_EXEC : 0);
	mutex_lock(&shm_ids_lock);
	shp = shm_obtain(shmid);
	file = shp ? get_file(shp->file) : NULL;
	size = shp ? shp->ds.shm_segsz : 0;
	mutex_unlock(&shm_ids_lock);
	if (!file)
		return -EINVAL;
	ret = do_mmap(file, addr, size, prot, flags, 0, &shm_vm_ops);
	fput(file);
	/* Linux's shmat() reports a taken fixed address as -EINVAL. */
	return ret == -EEXIST ? -EINVAL : ret;
}

/* Unmap every VMA of the segment mapped at addr, as far as its size reaches. */
SYSCALL_DEFINE1(shmdt, char __user *, shmaddr)
{
	unsigned long addr = (unsigned long)shmaddr, end;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *next;
	struct inode *inode = NULL;
	int ret = -EINVAL;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	mmap_write_lock(mm);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start == addr && is_shm_vma(vma) && !vma->vm_pgoff) {
		inode = file_inode(vma->vm_file);
		end = addr + ALIGN(inode->i_size, PAGE_SIZE);
		list_for_each_entry_safe_from(vma, next, &mm->mmap, vm_list) {
			if (vma->vm_start >= end)
				break;
			if (is_shm_vma(vma) && file_inode(vma->vm_file) == inode &&
			    vma->vm_start - addr == vma->vm_pgoff << PAGE_SHIFT)
				do_munmap(mm, vma->vm_start, vma->vm_end);
		}
		ret = 0;
	}
	mmap_write_unlock(mm);
	return ret;
}

/* IPC_SET: owner and permission bits, from the caller's shmid_ds. */
static int shm_set(struct shmid_kernel *shp, const struct shmid64_ds *in)
{
	shp->ds.shm_perm.uid = in->shm_perm.uid;
	shp->ds.shm_perm.gid = in->shm_perm.gid;
	shp->ds.shm_perm.mode = (shp->ds.shm_perm.mode & ~S_IRWXUGO) |
				(in->shm_perm.mode & S_IRWXUGO);
	shp->ds.shm_ctime = shm_now();
	return 0;
}

/*
 * What shmctl() copies out, filled under shm_ids_lock and copied after
 * it: a fault on the caller's buffer may need its mmap_lock, which
 * shm_open() and shm_close() hold while they take shm_ids_lock.
 */
union shmctl_out {
	struct shmid64_ds ds;
	struct shminfo64 info;
	struct shm_info shm_info;
};

static int shm_info_cmd(int cmd, union shmctl_out *out, size_t *len)
{
	int i, used = 0, last = 0;

	for (i = 0; i < SHMMNI; i++)
		if (shm_segs[i]) {
			used++;
			last = i;
		}
	if (cmd == IPC_INFO) {
		out->info = (struct shminfo64){
			.shmmax = SHMMAX, .shmmin = SHMMIN, .shmmni = SHMMNI,
			.shmseg = SHMMNI, .shmall = SHMALL,
		};
		*len = sizeof(out->info);
		return last;
	}
	out->shm_info = (struct shm_info){ .used_ids = used, .shm_tot = shm_tot };
	for (i = 0; i < SHMMNI; i++)
		if (shm_segs[i])
			out->shm_info.shm_rss += shm_segs[i]->file->f_inode->i_mapping->nrpages;
	*len = sizeof(out->shm_info);
	return last;
}

static long shmctl_locked(int shmid, int cmd, const struct shmid64_ds *in,
			  union shmctl_out *out, size_t *len, struct file **gone)
{
	struct shmid_kernel *shp;

	if (cmd == IPC_INFO || cmd == SHM_INFO)
		return shm_info_cmd(cmd, out, len);
	if (cmd == SHM_STAT || cmd == SHM_STAT_ANY) {
		shp = shmid < SHMMNI ? shm_segs[shmid] : NULL;
		if (!shp)
			return -EINVAL;
		out->ds = shp->ds;
		*len = sizeof(out->ds);
		return shp->id;
	}
	shp = shm_obtain(shmid);
	if (!shp)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT:
		out->ds = shp->ds;
		*len = sizeof(out->ds);
		return 0;
	case IPC_SET:
		return shm_set(shp, in);
	case IPC_RMID:
		shp->ds.shm_perm.mode |= SHM_DEST;
		shp->ds.shm_perm.key = IPC_PRIVATE;	/* no shmget() finds it again */
		if (!shp->ds.shm_nattch)
			*gone = shm_destroy(shp);
		return 0;
	case SHM_LOCK:
		shp->ds.shm_perm.mode |= SHM_LOCKED;
		return 0;
	case SHM_UNLOCK:
		shp->ds.shm_perm.mode &= ~SHM_LOCKED;
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, void __user *, buf)
{
	struct shmid64_ds in;
	union shmctl_out out;
	struct file *gone = NULL;
	size_t len = 0;
	long ret;

	if (cmd < 0 || shmid < 0)
		return -EINVAL;
	cmd &= ~IPC_64;
	if (cmd == IPC_SET && copy_from_user(&in, buf, sizeof(in)))
		return -EFAULT;
	mutex_lock(&shm_ids_lock);
	ret = shmctl_locked(shmid, cmd, &in, &out, &len, &gone);
	mutex_unlock(&shm_ids_lock);
	if (gone)
		fput(gone);
	if (ret >= 0 && len && copy_to_user(buf, &out, len))
		return -EFAULT;
	return ret;
}
