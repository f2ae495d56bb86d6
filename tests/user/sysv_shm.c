// SPDX-License-Identifier: MIT
/*
 * SysV shared memory as Linux has it: an IPC_PRIVATE segment attached
 * before fork() is shared with the child; a key finds the same segment
 * again (IPC_CREAT|IPC_EXCL: -EEXIST, no IPC_CREAT: -ENOENT, a larger
 * size: -EINVAL); IPC_STAT's size, creator and attach count (each shmat
 * and each fork()'s copy counts, each shmdt and exit uncounts);
 * IPC_SET's mode; IPC_RMID hides the key at once and destroys the
 * segment at the last detach; SHM_RDONLY attaches read-only; and the
 * -EINVAL of a bad id, an unaligned address, shmdt() of something else.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

#define PG	4096L

static int wait_child(pid_t pid)
{
	int status = -1;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static key_t test_key(int n)
{
	return 0x52460000 | ((getpid() & 0xfff) << 4) | n;
}

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds))
		return ~0UL;
	return ds.shm_nattch;
}

static void private_segment_shared_with_child(void)
{
	int id = shmget(IPC_PRIVATE, 2 * PG, IPC_CREAT | 0600), up[2], down[2];
	char *p = id < 0 ? (char *)-1 : shmat(id, NULL, 0), c;
	pid_t pid;

	if (!EXPECT(id >= 0 && p != (char *)-1 && !pipe(up) && !pipe(down), "setup: %s",
		    strerror(errno)))
		return;
	EXPECT(p[0] == 0 && p[2 * PG - 1] == 0, "a new segment is zeros");
	p[0] = 'p';
	pid = fork();
	if (pid == 0) {
		/* Only the ends it uses: if either side dies, the other sees EOF. */
		close(up[0]);
		close(down[1]);
		if (p[0] != 'p')
			_exit(1);
		p[PG] = 'c';
		if (write(up[1], "x", 1) != 1 || read(down[0], &c, 1) != 1)
			_exit(3);
		_exit(p[1] == 'P' ? 0 : 2);
	}
	close(up[1]);
	close(down[0]);
	EXPECT(read(up[0], &c, 1) == 1, "the child's word");
	EXPECT(p[PG] == 'c', "the child's write");
	EXPECT(nattch(id) == 2, "the child's copy counts: %lu", nattch(id));
	p[1] = 'P';
	EXPECT(write(down[1], "y", 1) == 1, "word");
	EXPECT(wait_child(pid) == 0, "the child saw the parent's write");
	EXPECT(nattch(id) == 1, "its exit uncounts: %lu", nattch(id));
	EXPECT(shmdt(p) == 0, "shmdt");
	EXPECT(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
	close(up[0]);
	close(down[1]);
}

static void key_lookup(void)
{
	key_t key = test_key(1);
	int id = shmget(key, PG, IPC_CREAT | IPC_EXCL | 0600);

	if (!EXPECT(id >= 0, "create: %s", strerror(errno)))
		return;
	EXPECT(shmget(key, PG, IPC_CREAT | 0600) == id, "IPC_CREAT finds it");
	EXPECT(shmget(key, 100, 0) == id, "a smaller size finds it");
	EXPECT(shmget(key, PG, IPC_CREAT | IPC_EXCL | 0600) == -1 && errno == EEXIST, "EEXIST");
	EXPECT(shmget(key, 2 * PG, 0) == -1 && errno == EINVAL, "larger: EINVAL");
	EXPECT(shmget(test_key(2), PG, 0600) == -1 && errno == ENOENT, "no such key: ENOENT");
	EXPECT(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600) == -1 && errno == EINVAL, "size 0: EINVAL");
	EXPECT(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
	EXPECT(shmget(key, PG, 0) == -1 && errno == ENOENT, "removed: ENOENT");
}

static void stat_set_and_rmid_at_last_detach(void)
{
	key_t key = test_key(3);
	int id = shmget(key, 3 * PG + 5, IPC_CREAT | 0640);
	struct shmid_ds ds;
	char *a, *b;

	if (!EXPECT(id >= 0, "create: %s", strerror(errno)))
		return;
	EXPECT(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT");
	EXPECT(ds.shm_segsz == 3 * PG + 5, "size %zu", (size_t)ds.shm_segsz);
	EXPECT(ds.shm_cpid == getpid() && ds.shm_nattch == 0, "creator, no attaches");
	EXPECT((ds.shm_perm.mode & 0777) == 0640 && ds.shm_perm.__key == key, "mode and key");
	ds.shm_perm.mode = 0600;
	EXPECT(shmctl(id, IPC_SET, &ds) == 0, "IPC_SET");
	EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & 0777) == 0600, "mode set");
	a = shmat(id, NULL, 0);
	b = shmat(id, NULL, SHM_RDONLY);
	EXPECT(a != (char *)-1 && b != (char *)-1 && a != b, "two attaches");
	EXPECT(nattch(id) == 2, "counted: %lu", nattch(id));
	a[3 * PG + 4] = 'e';
	EXPECT(b[3 * PG + 4] == 'e', "the same pages");
	EXPECT(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID while attached");
	EXPECT(shmget(key, PG, 0) == -1 && errno == ENOENT, "the key is gone at once");
	EXPECT(shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & 01000),
	       "the segment stays, SHM_DEST");
	EXPECT(shmdt(a) == 0 && nattch(id) == 1, "one left");
	EXPECT(b[3 * PG + 4] == 'e', "still there");
	EXPECT(shmdt(b) == 0, "the last detach");
	EXPECT(shmctl(id, IPC_STAT, &ds) == -1 && errno == EINVAL, "destroyed: EINVAL");
}

static void rdonly_attach_faults_on_write(void)
{
	int id = shmget(IPC_PRIVATE, PG, IPC_CREAT | 0600);
	char *p = id < 0 ? (char *)-1 : shmat(id, NULL, SHM_RDONLY);
	pid_t pid;

	if (!EXPECT(p != (char *)-1, "setup: %s", strerror(errno)))
		return;
	EXPECT(p[0] == 0, "readable");
	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		*(volatile char *)p = 1;
		_exit(0);
	}
	EXPECT(wait_child(pid) == 128 + SIGSEGV, "a write: SIGSEGV");
	shmdt(p);
	shmctl(id, IPC_RMID, NULL);
}

static void errors(void)
{
	int id = shmget(IPC_PRIVATE, PG, IPC_CREAT | 0600);
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct shmid_ds ds;

	EXPECT(shmat(0x7fff0000, NULL, 0) == (void *)-1 && errno == EINVAL, "a bad id");
	EXPECT(shmat(id, p + 1, 0) == (void *)-1 && errno == EINVAL, "unaligned, no SHM_RND");
	EXPECT(shmat(id, p, 0) == (void *)-1 && errno == EINVAL, "over a mapping, no SHM_REMAP");
	EXPECT(shmat(id, p + 1, SHM_RND | SHM_REMAP) == p, "SHM_RND | SHM_REMAP: %s",
	       strerror(errno));
	EXPECT(shmdt(p + PG) == -1 && errno == EINVAL, "shmdt of nothing");
	EXPECT(shmdt(p) == 0, "shmdt");
	EXPECT(shmdt(p) == -1 && errno == EINVAL, "twice");
	EXPECT(shmctl(id, 99, &ds) == -1 && errno == EINVAL, "an unknown command");
	EXPECT(sys3(SYS_shmctl, id, IPC_STAT, (void *)8) == -EFAULT, "EFAULT");
	EXPECT(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
	EXPECT(shmctl(id, IPC_RMID, NULL) == -1 && errno == EINVAL, "twice");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(private_segment_shared_with_child),
	KTAP_CASE(key_lookup),
	KTAP_CASE(stat_set_and_rmid_at_last_detach),
	KTAP_CASE(rdonly_attach_faults_on_write),
	KTAP_CASE(errors),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
