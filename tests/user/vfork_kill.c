// SPDX-License-Identifier: MIT
/*
 * A vfork parent waits killably (Linux >= 3.5): SIGKILL from a third
 * process ends it while its child still runs on the memory they share,
 * and the child carries on and exits normally afterwards, its exit not
 * touching the dead parent's wait. The process running the cases is the
 * third process: it forks the parent, learns through a pipe that the
 * vfork child runs (so the parent is inside vfork), kills the parent,
 * reaps it, and reads the child's last word and then end-of-file, which
 * only comes once the child has exited. A kernel whose vfork wait ignores
 * SIGKILL hangs in the wait4, and the boot's timeout reports it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

/* The vfork child: report, spin until the parent is gone, report, exit. */
static void spin_until_orphaned(int wfd, pid_t parent, int then_exec)
{
	char *argv[] = { "/nonexistent", NULL };

	if (write(wfd, "s", 1) != 1)
		_exit(1);
	while (getppid() == parent)
		sched_yield();
	if (then_exec)
		execve(argv[0], argv, NULL);	/* fails: the child goes on */
	if (write(wfd, "e", 1) != 1)
		_exit(1);
	_exit(0);
}

static void vfork_parent(int wfd, int then_exec)
{
	pid_t self = getpid();
	pid_t pid = (pid_t)sys0(SYS_vfork);

	if (pid == 0)
		spin_until_orphaned(wfd, self, then_exec);
	/* Only a parent that was not killed gets here. */
	_exit(3);
}

static void kill_vfork_parent(int then_exec)
{
	int fds[2], status = 0;
	char c = 0;
	pid_t parent;

	if (!EXPECT(pipe(fds) == 0, "pipe: errno %d", errno))
		return;
	parent = fork();
	if (parent == 0) {
		close(fds[0]);
		vfork_parent(fds[1], then_exec);
	}
	close(fds[1]);
	if (!EXPECT(parent > 0, "fork: errno %d", errno))
		return;
	EXPECT(read(fds[0], &c, 1) == 1 && c == 's', "the vfork child did not start");
	EXPECT(kill(parent, SIGKILL) == 0, "kill: errno %d", errno);
	EXPECT(waitpid(parent, &status, 0) == parent, "wait4: errno %d", errno);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	       "vfork parent's wait status %#x, not a death by SIGKILL", status);
	EXPECT(read(fds[0], &c, 1) == 1 && c == 'e', "the child's last word: %d", c);
	EXPECT(read(fds[0], &c, 1) == 0, "no end-of-file: the child still holds the pipe");
	close(fds[0]);
}

static void sigkill_ends_vfork_wait_and_child_exits_normally(void)
{
	kill_vfork_parent(0);
}

/* A failed exec leaves the child on the shared mm: still no parent to wake. */
static void sigkill_ends_vfork_wait_child_fails_exec_and_exits(void)
{
	kill_vfork_parent(1);
}

/* The usual path still works: exit of the child releases the parent. */
static void vfork_parent_resumes_after_child_exit(void)
{
	volatile int shared = 0;
	int status;
	pid_t pid = (pid_t)sys0(SYS_vfork);

	if (pid == 0) {
		shared = 7;
		_exit(5);
	}
	EXPECT(pid > 0, "vfork: %d", pid);
	EXPECT(shared == 7, "the child's store is not visible: %d", shared);
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 5, "status %#x", status);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sigkill_ends_vfork_wait_and_child_exits_normally),
	KTAP_CASE(sigkill_ends_vfork_wait_child_fails_exec_and_exits),
	KTAP_CASE(vfork_parent_resumes_after_child_exit),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
