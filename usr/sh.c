// SPDX-License-Identifier: MIT
/*
 * sh: reflex's shell, the default /init of "make run" (static musl; it runs
 * on Linux as well). Reads command lines from fd 0 (or a script, or -c),
 * prints "# " as a root shell's prompt when interactive or init, and runs
 * builtins (help lists them) or programs by path or from $PATH (default
 * /bin) through fork, execve and wait4. $? holds the last status.
 *
 * Syntax: words split at blanks; '...' and "..." quote, backslash escapes;
 * $?, $$ and $NAME expand outside single quotes; ';' separates commands; a
 * trailing '&' runs a command without waiting; '#' starts a comment;
 * '> FILE' and '>> FILE' send a command's standard output to FILE
 * (truncated or appended to), so that "echo 2 > /proc/irq/11/smp_affinity"
 * works as in any shell. No pipes, input redirection or control flow.
 *
 * As PID 1 it also runs /etc/rc first, reaps orphans, and treats end of
 * input as a request to power off only after three in a row. Output goes
 * through write(2) (dprintf), never through stdio buffers, so a fork never
 * duplicates pending output.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX_LEN	4096
#define MAX_WORDS	128

extern char **environ;

static int last_status;
static int interactive;
static int is_init;

/* --- input ------------------------------------------------------------- */

struct input {
	int fd;
	char buf[512];
	int pos, len;
	int prev_cr;
};

/* Next byte, or -1 at end of input. Interrupted reads are retried. */
static int input_byte(struct input *in)
{
	if (in->pos == in->len) {
		ssize_t n;

		do
			n = read(in->fd, in->buf, sizeof(in->buf));
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			return -1;
		in->pos = 0;
		in->len = n;
	}
	return (unsigned char)in->buf[in->pos++];
}

/*
 * One line into @line (without its end). A line ends at '\n', '\r' or
 * "\r\n" (a serial terminal sends '\r'). Backspace and DEL erase, for
 * consoles that pass them through. Returns the length, -1 at end of input,
 * -2 for a line too long (the rest of it is discarded).
 */
static int read_line(struct input *in, char *line)
{
	int c, n = 0, too_long = 0;

	for (;;) {
		c = input_byte(in);
		if (c < 0) {
			line[n] = 0;
			return too_long ? -2 : n ? n : -1;
		}
		if (c == '\n' && in->prev_cr) {
			in->prev_cr = 0;
			continue;
		}
		in->prev_cr = c == '\r';
		if (c == '\n' || c == '\r')
			break;
		if (c == 0x7f || c == '\b') {
			if (n)
				n--;
			continue;
		}
		if (n == LINE_MAX_LEN - 1) {
			too_long = 1;
			continue;
		}
		line[n++] = c ? c : ' ';
	}
	line[n] = 0;
	return too_long ? -2 : n;
}

/* --- words ------------------------------------------------------------- */

struct words {
	char *w[MAX_WORDS + 1];
	int n;
	char sep;		/* what ended the command: ';', '&' or 0 */
	int redir_at;		/* index of the word after '>' or '>>', -1: none */
	int append;		/* it was '>>' */
	const char *redir;	/* that word, taken out of w[] */
	char store[LINE_MAX_LEN * 2];
	int used;
};

static int put_char(struct words *ws, char c)
{
	if (ws->used >= (int)sizeof(ws->store) - 1)
		return -1;
	ws->store[ws->used++] = c;
	return 0;
}

static int put_str(struct words *ws, const char *s)
{
	while (*s)
		if (put_char(ws, *s++))
			return -1;
	return 0;
}

/* $?, $$, $NAME at *pp (just after the '$'). */
static int expand(struct words *ws, const char **pp)
{
	const char *p = *pp;
	char name[64], num[24];
	int n = 0;

	if (*p == '?' || *p == '$') {
		snprintf(num, sizeof(num), "%d", *p == '?' ? last_status : getpid());
		*pp = p + 1;
		return put_str(ws, num);
	}
	while (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	       (n && *p >= '0' && *p <= '9')) {
		if (n < (int)sizeof(name) - 1)
			name[n] = *p;
		n++;
		p++;
	}
	*pp = p;
	if (!n)
		return put_char(ws, '$');
	if (n > (int)sizeof(name) - 1)
		return 0;	/* longer than any variable we could hold: unset */
	name[n] = 0;
	return getenv(name) ? put_str(ws, getenv(name)) : 0;
}

/*
 * Split the command at *pp into ws, stopping after ';', '&' or the end.
 * Returns 0, or -1 with a message for unterminated quotes and overflows.
 */
static int split(const char **pp, struct words *ws)
{
	const char *p = *pp;
	int in_word = 0, err = 0;
	char quote = 0;

	ws->n = ws->used = 0;
	ws->sep = 0;
	ws->redir_at = -1;
	ws->append = 0;
	ws->redir = NULL;
	for (;; p++) {
		char c = *p;

		if (!quote && (c == 0 || c == ' ' || c == '\t' || c == ';' || c == '&' ||
			       (c == '#' && !in_word))) {
			if (in_word) {
				err |= put_char(ws, 0);
				in_word = 0;
			}
			if (c == '#')
				while (p[1])
					p++;
			if (c == ';' || c == '&' || c == 0) {
				ws->sep = c;
				*pp = c ? p + 1 : p;
				break;
			}
			continue;
		}
		if (!quote && c == '>') {
			if (in_word) {
				err |= put_char(ws, 0);
				in_word = 0;
			}
			if (ws->redir_at >= 0) {
				dprintf(2, "sh: one output redirection per command\n");
				return -1;
			}
			ws->redir_at = ws->n;
			if (p[1] == '>') {
				ws->append = 1;
				p++;
			}
			continue;
		}
		if (!quote && (c == '|' || c == '<')) {
			dprintf(2, "sh: '%c': pipes and input redirections are not supported\n", c);
			return -1;
		}
		if (!in_word) {
			if (ws->n == MAX_WORDS) {
				dprintf(2, "sh: too many words\n");
				return -1;
			}
			ws->w[ws->n++] = ws->store + ws->used;
			in_word = 1;
		}
		if (c == 0) {
			dprintf(2, "sh: unterminated %c\n", quote);
			return -1;
		}
		if (quote == '\'') {
			if (c == '\'')
				quote = 0;
			else
				err |= put_char(ws, c);
		} else if (c == '\\' && p[1]) {
			err |= put_char(ws, *++p);
		} else if (c == '$') {
			p++;
			err |= expand(ws, &p);
			p--;
		} else if (c == '"') {
			quote = quote ? 0 : '"';
		} else if (c == '\'' && !quote) {
			quote = '\'';
		} else {
			err |= put_char(ws, c);
		}
	}
	ws->w[ws->n] = NULL;
	if (err) {
		dprintf(2, "sh: line too long after expansion\n");
		return -1;
	}
	if (ws->redir_at >= 0) {
		if (ws->redir_at >= ws->n) {
			dprintf(2, "sh: a file name must follow '>'\n");
			return -1;
		}
		ws->redir = ws->w[ws->redir_at];
		memmove(&ws->w[ws->redir_at], &ws->w[ws->redir_at + 1],
			(ws->n - ws->redir_at) * sizeof(ws->w[0]));
		ws->n--;
	}
	return 0;
}

/* --- builtins ---------------------------------------------------------- */

static int cat_fd(int fd, const char *name)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			dprintf(2, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(1, buf + off, n - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return 1;
			off += w;
		}
	}
	return 0;
}

static int cat_file(const char *path)
{
	int fd = open(path, O_RDONLY), ret;

	if (fd < 0) {
		dprintf(2, "cat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	ret = cat_fd(fd, path);
	close(fd);
	return ret;
}

static int builtin_cat(int argc, char **argv)
{
	int ret = 0;

	if (argc == 1)
		return cat_fd(0, "stdin");
	for (int i = 1; i < argc; i++)
		ret |= cat_file(argv[i]);
	return ret;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One directory, sorted, one name a line, directories marked with '/'. */
static int ls_dir(const char *path, int all, int header)
{
	char *names[1024];
	int n = 0, more = 0;
	struct dirent *d;
	DIR *dir = opendir(path);

	if (!dir) {
		if (errno == ENOTDIR) {
			dprintf(1, "%s\n", path);
			return 0;
		}
		dprintf(2, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((d = readdir(dir))) {
		size_t len = strlen(d->d_name);
		char *s;

		if (d->d_name[0] == '.' && !all)
			continue;
		if (n == 1024 || !(s = malloc(len + 2))) {
			more++;
			continue;
		}
		memcpy(s, d->d_name, len);
		s[len] = d->d_type == DT_DIR ? '/' : 0;
		s[len + 1] = 0;
		names[n++] = s;
	}
	closedir(dir);
	qsort(names, n, sizeof(names[0]), cmp_names);
	if (header)
		dprintf(1, "%s:\n", path);
	for (int i = 0; i < n; i++) {
		dprintf(1, "%s\n", names[i]);
		free(names[i]);
	}
	if (more)
		dprintf(2, "ls: %s: %d more entries not shown\n", path, more);
	return 0;
}

static int builtin_ls(int argc, char **argv)
{
	int all = 0, first = 1, ret = 0, paths;

	if (argc > 1 && !strcmp(argv[1], "-a")) {
		all = 1;
		argv++;
		argc--;
	}
	paths = argc - 1;
	if (!paths)
		return ls_dir(".", all, 0);
	for (int i = 1; i < argc; i++) {
		if (!first)
			dprintf(1, "\n");
		ret |= ls_dir(argv[i], all, paths > 1);
		first = 0;
	}
	return ret;
}

/* reflex lists its tasks in /proc/tasks; elsewhere, walk /proc/PID/stat. */
static int builtin_ps(int argc, char **argv)
{
	struct dirent *d;
	DIR *dir;
	int fd = open("/proc/tasks", O_RDONLY);

	if (fd >= 0) {
		int ret = cat_fd(fd, "/proc/tasks");

		close(fd);
		return ret;
	}
	dir = opendir("/proc");
	if (!dir) {
		dprintf(2, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	dprintf(1, "  PID S COMMAND\n");
	while ((d = readdir(dir))) {
		char path[300], stat[256], *open_paren, *close_paren;
		ssize_t n;

		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, stat, sizeof(stat) - 1);
		close(fd);
		if (n <= 0)
			continue;
		stat[n] = 0;
		open_paren = strchr(stat, '(');
		close_paren = strrchr(stat, ')');
		if (!open_paren || !close_paren || close_paren[1] != ' ')
			continue;
		*close_paren = 0;
		dprintf(1, "%5s %c %s\n", d->d_name, close_paren[2], open_paren + 1);
	}
	closedir(dir);
	return 0;
}

/*
 * One write() for the whole line, as a shell's buffered echo: a /proc or
 * /sys file takes what one write brings ("2\n"), and its refusal is
 * reported as bash reports it.
 */
static int builtin_echo(int argc, char **argv)
{
	static char out[LINE_MAX_LEN * 2 + 2];
	int newline = 1, i = 1;
	size_t n = 0;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = 0;
		i++;
	}
	for (; i < argc; i++)
		n += snprintf(out + n, sizeof(out) - n, "%s%s", argv[i], i + 1 < argc ? " " : "");
	if (newline && n < sizeof(out) - 1)
		out[n++] = '\n';
	if (n && write(1, out, n) < 0) {
		dprintf(2, "sh: echo: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("HOME");

	if (!dir || !*dir)
		dir = "/";
	if (chdir(dir) < 0) {
		dprintf(2, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

static int builtin_pwd(int argc, char **argv)
{
	char buf[PATH_MAX];

	if (!getcwd(buf, sizeof(buf))) {
		dprintf(2, "sh: pwd: %s\n", strerror(errno));
		return 1;
	}
	dprintf(1, "%s\n", buf);
	return 0;
}

static int builtin_export(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i]) {
			dprintf(2, "sh: export: want NAME=VALUE, not %s\n", argv[i]);
			return 1;
		}
		*eq = 0;
		setenv(argv[i], eq + 1, 1);
	}
	return 0;
}

static int builtin_wait(int argc, char **argv)
{
	int status;

	while (waitpid(-1, &status, 0) > 0 || errno == EINTR)
		;
	return 0;
}

/*
 * reboot(2) with Linux's magic numbers. Only init may do it unasked: run
 * from another shell on a Linux host as root, it would switch the host off.
 */
static int power(int argc, char **argv, int cmd, const char *name)
{
	int force = argc > 1 && !strcmp(argv[1], "-f");

	if (!is_init && !force) {
		dprintf(2, "sh: %s: not init (pid %d); '%s -f' to insist\n", name,
			getpid(), name);
		return 1;
	}
	sync();
	reboot(cmd);
	dprintf(2, "sh: %s: %s\n", name, strerror(errno));
	return 1;
}

static int builtin_poweroff(int argc, char **argv)
{
	return power(argc, argv, RB_POWER_OFF, "poweroff");
}

static int builtin_reboot(int argc, char **argv)
{
	return power(argc, argv, RB_AUTOBOOT, "reboot");
}

static int builtin_true(int argc, char **argv) { return 0; }
static int builtin_false(int argc, char **argv) { return 1; }
static int builtin_help(int argc, char **argv);

static int builtin_exit(int argc, char **argv)
{
	int code = argc > 1 ? atoi(argv[1]) : last_status;

	if (is_init) {
		dprintf(2, "sh: exit: init cannot exit; use poweroff\n");
		return 1;
	}
	exit(code & 0xff);
}

static const struct builtin {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} builtins[] = {
	{ "cat", builtin_cat, "cat [FILE...]      print files (stdin without one)" },
	{ "cd", builtin_cd, "cd [DIR]           change directory ($HOME or /)" },
	{ "echo", builtin_echo, "echo [-n] [ARG...] print the arguments" },
	{ "exit", builtin_exit, "exit [N]           leave the shell (not as init)" },
	{ "export", builtin_export, "export NAME=VALUE  set an environment variable" },
	{ "false", builtin_false, "false              fail" },
	{ "help", builtin_help, "help               this list" },
	{ "ls", builtin_ls, "ls [-a] [DIR...]   list directories" },
	{ "poweroff", builtin_poweroff, "poweroff [-f]      power the machine off" },
	{ "ps", builtin_ps, "ps                 list tasks (/proc/tasks)" },
	{ "pwd", builtin_pwd, "pwd                print the working directory" },
	{ "reboot", builtin_reboot, "reboot [-f]        restart the machine" },
	{ "true", builtin_true, "true               succeed" },
	{ "wait", builtin_wait, "wait               wait for background commands" },
};

#define NR_BUILTINS (int)(sizeof(builtins) / sizeof(builtins[0]))

static int builtin_help(int argc, char **argv)
{
	dprintf(1, "Builtins:\n");
	for (int i = 0; i < NR_BUILTINS; i++)
		dprintf(1, "  %s\n", builtins[i].help);
	dprintf(1, "Anything else runs as a program, by path or from $PATH (%s).\n"
		"Try: cat /proc/interrupts, cat /proc/softirqs, ls /bin, ps.\n",
		getenv("PATH") ? getenv("PATH") : "/bin");
	return 0;
}

/* --- programs ---------------------------------------------------------- */

/* In the child: execve by path, or each $PATH entry in turn. Never returns. */
static void exec_program(char **argv)
{
	const char *path = getenv("PATH"), *p;
	char full[PATH_MAX];
	int saw_eacces = 0, err = ENOENT;

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, environ);
		err = errno;
	} else {
		for (p = path ? path : "/bin"; *p; p += *p == ':') {
			size_t len = strcspn(p, ":");

			if (len && len + strlen(argv[0]) + 2 <= sizeof(full)) {
				snprintf(full, sizeof(full), "%.*s/%s", (int)len, p, argv[0]);
				execve(full, argv, environ);
				if (errno == EACCES)
					saw_eacces = 1;
				else if (errno != ENOENT && errno != ENOTDIR)
					err = errno;
			}
			p += len;
		}
		if (saw_eacces && err == ENOENT)
			err = EACCES;
	}
	if (err == ENOENT) {
		dprintf(2, "sh: %s: not found\n", argv[0]);
		_exit(127);
	}
	dprintf(2, "sh: %s: %s\n", argv[0], strerror(err));
	_exit(126);
}

static int status_to_code(int status, const char *name)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);

		if (sig != SIGINT && sig != SIGPIPE)
			dprintf(2, "sh: %s: %s%s\n", name, strsignal(sig),
				WCOREDUMP(status) ? " (core dumped)" : "");
		return 128 + sig;
	}
	return 1;
}

static int run_program(char **argv, int background)
{
	int status;
	pid_t pid = fork(), got;

	if (pid < 0) {
		dprintf(2, "sh: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		exec_program(argv);
	}
	if (background) {
		if (interactive)
			dprintf(2, "[%d]\n", pid);
		return 0;
	}
	while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (got < 0) {
		dprintf(2, "sh: wait: %s\n", strerror(errno));
		return 1;
	}
	return status_to_code(status, argv[0]);
}

/* Background commands and, as init, orphans: collected without blocking. */
static void reap_background(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		if (interactive)
			dprintf(2, "[%d] done, status %d\n", pid, status_to_code(status, "job"));
}

static int run_builtin_or_program(struct words *ws)
{
	for (int i = 0; i < NR_BUILTINS; i++)
		if (!strcmp(ws->w[0], builtins[i].name))
			return builtins[i].fn(ws->n, ws->w);
	return run_program(ws->w, ws->sep == '&');
}

/*
 * With '>' or '>>' the file is opened first (a failure runs nothing) and
 * becomes standard output while the command runs: a builtin writes there,
 * a program inherits it.
 */
static int run_command(struct words *ws)
{
	int out, saved, status;

	if (!ws->n)
		return last_status;
	if (!ws->redir)
		return run_builtin_or_program(ws);
	out = open(ws->redir, O_WRONLY | O_CREAT | (ws->append ? O_APPEND : O_TRUNC) | O_CLOEXEC,
		   0644);
	if (out < 0) {
		dprintf(2, "sh: %s: %s\n", ws->redir, strerror(errno));
		return 1;
	}
	saved = fcntl(1, F_DUPFD_CLOEXEC, 10);
	if (saved < 0 || dup2(out, 1) < 0) {
		dprintf(2, "sh: %s: %s\n", ws->redir, strerror(errno));
		close(out);
		if (saved >= 0)
			close(saved);
		return 1;
	}
	status = run_builtin_or_program(ws);
	dup2(saved, 1);
	close(saved);
	close(out);
	return status;
}

static void run_line(const char *line)
{
	static struct words ws;
	const char *p = line;

	while (*p) {
		if (split(&p, &ws)) {
			last_status = 2;
			return;
		}
		if (ws.n)
			last_status = run_command(&ws);
	}
}

static void run_input(struct input *in, int prompt)
{
	static char line[LINE_MAX_LEN];
	int eofs = 0;

	for (;;) {
		int n;

		reap_background();
		if (prompt)
			dprintf(1, "# ");
		n = read_line(in, line);
		if (n == -1) {
			if (!is_init || in->fd != 0)
				return;
			/* init must not exit; a lone ^D is not a reason to stop. */
			if (++eofs < 3) {
				dprintf(1, "\nsh: end of input; 'poweroff' to stop\n");
				continue;
			}
			dprintf(1, "\nsh: input closed; powering off\n");
			sync();
			reboot(RB_POWER_OFF);
			for (;;)
				pause();
		}
		eofs = 0;
		if (n == -2) {
			dprintf(2, "sh: line too long (max %d bytes)\n", LINE_MAX_LEN - 1);
			last_status = 2;
			continue;
		}
		run_line(line);
	}
}

static void run_script(const char *path, int must_exist)
{
	struct input in = { .fd = open(path, O_RDONLY) };

	if (in.fd < 0) {
		if (must_exist) {
			dprintf(2, "sh: %s: %s\n", path, strerror(errno));
			exit(127);
		}
		return;
	}
	run_input(&in, 0);
	close(in.fd);
}

/* open(2) rather than access(2): reflex's system-call set has the first. */
static int exists(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

int main(int argc, char **argv)
{
	struct input in = { .fd = 0 };

	is_init = getpid() == 1;
	if (!getenv("PATH"))
		setenv("PATH", "/bin:/sbin:/usr/bin:/usr/sbin", 1);
	if (!getenv("HOME"))
		setenv("HOME", "/", 1);
	signal(SIGPIPE, SIG_IGN);

	if (argc > 2 && !strcmp(argv[1], "-c")) {
		run_line(argv[2]);
		return last_status;
	}
	if (argc > 1 && strcmp(argv[1], "-i")) {
		run_script(argv[1], 1);
		return last_status;
	}
	interactive = isatty(0) || is_init || (argc > 1 && !strcmp(argv[1], "-i"));
	if (is_init) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		chdir("/");
		/* Linux's /proc must be mounted; reflex's is there (-ENOSYS). */
		if (!exists("/proc/meminfo"))
			mount("proc", "/proc", "proc", 0, NULL);
		run_script("/etc/rc", 0);
		dprintf(1, "reflex sh: 'help' lists the commands\n");
	}
	run_input(&in, interactive);
	return last_status;
}
