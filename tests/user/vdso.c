// SPDX-License-Identifier: MIT
/*
 * The vDSO and dynamically linked programs. The vDSO is found as a
 * program's loader finds it, through getauxval(AT_SYSINFO_EHDR), and its
 * dynamic symbol table is parsed here by hand (DT_HASH for the count,
 * the version of each name from DT_VERSYM/DT_VERDEF). Each function is
 * called and held against its system call: a vDSO reading lies between
 * two syscall readings, fallbacks give the syscall's errors, monotonic
 * time never goes back between CPUs whichever way it is read, getcpu()
 * names the CPU the process is pinned to. The data page below the code
 * is read-only, fork keeps the vDSO and exec maps it afresh. exec's
 * refusals of bad ELF files are pinned too, the private file mappings
 * a dynamic loader makes, and a glibc program
 * (hello_dyn, built by the host's compiler, with its libc and ld.so
 * beside it in the initramfs) runs to the end.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "ktap.h"
#include "sys.h"
#include "fault.h"

#define NSEC_PER_SEC	1000000000LL

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);
typedef int (*gettimeofday_fn)(struct timeval *, void *);
typedef long (*time_fn)(long *);
typedef int (*clock_getres_fn)(clockid_t, struct timespec *);
typedef long (*getcpu_fn)(unsigned int *, unsigned int *, void *);

static const char *self;	/* argv[0], for exec */

/* The vDSO's dynamic tables, as its own addresses say they are. */
struct vdso_info {
	uintptr_t base, load_offset;
	const Elf64_Sym *symtab;
	const char *strtab;
	const Elf64_Word *hash;
	const Elf64_Half *versym;
	const Elf64_Verdef *verdef;
};

static int vdso_parse(struct vdso_info *vi)
{
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	int i, have_load = 0;

	memset(vi, 0, sizeof(*vi));
	vi->base = getauxval(AT_SYSINFO_EHDR);
	if (!vi->base)
		return -1;
	eh = (const Elf64_Ehdr *)vi->base;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_type != ET_DYN)
		return -1;
	ph = (const Elf64_Phdr *)(vi->base + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			vi->load_offset = vi->base + ph[i].p_offset - ph[i].p_vaddr;
			have_load = 1;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const Elf64_Dyn *)(vi->base + ph[i].p_offset);
		}
	}
	if (!have_load || !dyn)
		return -1;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = dyn->d_un.d_ptr + vi->load_offset;

		switch (dyn->d_tag) {
		case DT_SYMTAB: vi->symtab = (const Elf64_Sym *)p; break;
		case DT_STRTAB: vi->strtab = (const char *)p; break;
		case DT_HASH: vi->hash = (const Elf64_Word *)p; break;
		case DT_VERSYM: vi->versym = (const Elf64_Half *)p; break;
		case DT_VERDEF: vi->verdef = (const Elf64_Verdef *)p; break;
		}
	}
	return vi->symtab && vi->strtab && vi->hash ? 0 : -1;
}

/* The name of version index ndx, from the version definitions. */
static const char *vdso_version_name(const struct vdso_info *vi, unsigned int ndx)
{
	const Elf64_Verdef *vd = vi->verdef;

	while (vd) {
		if ((vd->vd_ndx & 0x7fff) == ndx && !(vd->vd_flags & VER_FLG_BASE)) {
			const Elf64_Verdaux *aux = (const void *)((const char *)vd + vd->vd_aux);

			return vi->strtab + aux->vda_name;
		}
		vd = vd->vd_next ? (const void *)((const char *)vd + vd->vd_next) : NULL;
	}
	return NULL;
}

/* A function the vDSO exports as name@@version, or NULL. */
static void *vdso_sym(const struct vdso_info *vi, const char *name, const char *version)
{
	Elf64_Word i, nchain = vi->hash[1];

	for (i = 1; i < nchain; i++) {
		const Elf64_Sym *sym = &vi->symtab[i];
		const char *ver;

		if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC || sym->st_shndx == SHN_UNDEF ||
		    strcmp(vi->strtab + sym->st_name, name))
			continue;
		if (vi->versym) {
			ver = vdso_version_name(vi, vi->versym[i] & 0x7fff);
			if (!ver || strcmp(ver, version))
				continue;
		}
		return (void *)(vi->load_offset + sym->st_value);
	}
	return NULL;
}

static struct vdso_info vdso;
static clock_gettime_fn vdso_clock_gettime;
static gettimeofday_fn vdso_gettimeofday;
static time_fn vdso_time;
static clock_getres_fn vdso_clock_getres;
static getcpu_fn vdso_getcpu;

/* The five functions, or a failed case saying which is missing. */
static int vdso_lookup(void)
{
	if (!EXPECT(vdso_parse(&vdso) == 0, "no parsable vDSO at AT_SYSINFO_EHDR %#lx",
		    getauxval(AT_SYSINFO_EHDR)))
		return -1;
	vdso_clock_gettime = vdso_sym(&vdso, "__vdso_clock_gettime", "LINUX_2.6");
	vdso_gettimeofday = vdso_sym(&vdso, "__vdso_gettimeofday", "LINUX_2.6");
	vdso_time = vdso_sym(&vdso, "__vdso_time", "LINUX_2.6");
	vdso_clock_getres = vdso_sym(&vdso, "__vdso_clock_getres", "LINUX_2.6");
	vdso_getcpu = vdso_sym(&vdso, "__vdso_getcpu", "LINUX_2.6");
	EXPECT(vdso_clock_gettime, "__vdso_clock_gettime@LINUX_2.6 missing");
	EXPECT(vdso_gettimeofday, "__vdso_gettimeofday@LINUX_2.6 missing");
	EXPECT(vdso_time, "__vdso_time@LINUX_2.6 missing");
	EXPECT(vdso_clock_getres, "__vdso_clock_getres@LINUX_2.6 missing");
	EXPECT(vdso_getcpu, "__vdso_getcpu@LINUX_2.6 missing");
	return vdso_clock_gettime && vdso_gettimeofday && vdso_time && vdso_clock_getres &&
	       vdso_getcpu ? 0 : -1;
}

static long long ts_ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static long long sys_clock_ns(clockid_t clk)
{
	struct timespec ts;

	if (sys2(SYS_clock_gettime, clk, &ts))
		return -1;
	return ts_ns(&ts);
}

static void vdso_exports_linux_2_6_functions(void)
{
	vdso_lookup();
}

static void clock_gettime_lies_between_syscalls(void)
{
	static const clockid_t clocks[] = {
		CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME,
		CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE,
	};
	unsigned int i, round;

	if (vdso_lookup())
		return;
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		for (round = 0; round < 100; round++) {
			struct timespec ts = { -1, -1 };
			long long before = sys_clock_ns(clocks[i]), now, after;
			int ret = vdso_clock_gettime(clocks[i], &ts);

			after = sys_clock_ns(clocks[i]);
			now = ts_ns(&ts);
			if (!EXPECT(ret == 0 && ts.tv_nsec >= 0 && ts.tv_nsec < NSEC_PER_SEC,
				    "clock %d: ret %d nsec %ld", clocks[i], ret, ts.tv_nsec) ||
			    !EXPECT(before <= now && now <= after,
				    "clock %d: syscall %lld, vDSO %lld, syscall %lld", clocks[i],
				    before, now, after))
				break;
		}
	}
}

/* The clocks the vDSO leaves to the kernel: same result, same errno. */
static void clock_gettime_falls_back_to_syscall(void)
{
	static const clockid_t clocks[] = { CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
					    CLOCK_TAI, 100, -1 };
	unsigned int i;

	if (vdso_lookup())
		return;
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		struct timespec a, b;
		long sys = sys2(SYS_clock_gettime, clocks[i], &a);
		int ret = vdso_clock_gettime(clocks[i], &b);

		EXPECT(ret == sys, "clock %d: vDSO %d, syscall %ld", clocks[i], ret, sys);
	}
	EXPECT(vdso_clock_gettime(100, NULL) == -EINVAL, "bad clock id must be -EINVAL");
}

static void gettimeofday_lies_between_syscalls(void)
{
	struct timeval before, tv, after;
	int ret;

	if (vdso_lookup())
		return;
	sys2(SYS_gettimeofday, &before, NULL);
	ret = vdso_gettimeofday(&tv, NULL);
	sys2(SYS_gettimeofday, &after, NULL);
	EXPECT(ret == 0, "ret %d", ret);
	EXPECT(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "usec %ld", tv.tv_usec);
	EXPECT(before.tv_sec * 1000000LL + before.tv_usec <= tv.tv_sec * 1000000LL + tv.tv_usec &&
	       tv.tv_sec * 1000000LL + tv.tv_usec <= after.tv_sec * 1000000LL + after.tv_usec,
	       "%ld.%06ld not within %ld.%06ld..%ld.%06ld", tv.tv_sec, tv.tv_usec,
	       before.tv_sec, before.tv_usec, after.tv_sec, after.tv_usec);
	EXPECT(vdso_gettimeofday(NULL, NULL) == 0, "gettimeofday(NULL, NULL)");
}

static void time_lies_between_syscalls(void)
{
	long before, t = -1, now, after;

	if (vdso_lookup())
		return;
	before = sys1(SYS_time, NULL);
	now = vdso_time(&t);
	after = sys1(SYS_time, NULL);
	EXPECT(before <= now && now <= after, "%ld not within %ld..%ld", now, before, after);
	EXPECT(t == now, "stored %ld, returned %ld", t, now);
	EXPECT(vdso_time(NULL) >= now, "time(NULL) went back");
}

static void clock_getres_matches_syscall(void)
{
	static const clockid_t clocks[] = {
		CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_BOOTTIME,
		CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_PROCESS_CPUTIME_ID, 100,
	};
	unsigned int i;

	if (vdso_lookup())
		return;
	for (i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		struct timespec a = { 0 }, b = { 0 };
		long sys = sys2(SYS_clock_getres, clocks[i], &a);
		int ret = vdso_clock_getres(clocks[i], &b);

		EXPECT(ret == sys && a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec,
		       "clock %d: vDSO %d %ld.%09ld, syscall %ld %ld.%09ld", clocks[i], ret,
		       b.tv_sec, b.tv_nsec, sys, a.tv_sec, a.tv_nsec);
	}
	EXPECT(vdso_clock_getres(CLOCK_MONOTONIC, NULL) == 0, "res NULL");
}

/* Up to 4 CPUs this process may run on; how many. */
static int usable_cpus(int *cpus)
{
	cpu_set_t set;
	int cpu, n = 0;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 0;
	for (cpu = 0; cpu < CPU_SETSIZE && n < 4; cpu++)
		if (CPU_ISSET(cpu, &set))
			cpus[n++] = cpu;
	return n;
}

static int pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

#define MONO_ROUNDS	20000

/*
 * Each child, on its own CPU, reads the latest time any of them has
 * published, then reads the clock (vDSO or syscall, alternately): that
 * reading comes after the published one, so it must not be smaller.
 */
static int mono_child(int cpu, long long *latest)
{
	int i, bad = 0;

	if (pin_to(cpu))
		return 2;
	for (i = 0; i < MONO_ROUNDS; i++) {
		long long seen = __atomic_load_n(latest, __ATOMIC_ACQUIRE), now;
		struct timespec ts;

		if (i & 1) {
			now = sys_clock_ns(CLOCK_MONOTONIC);
		} else {
			vdso_clock_gettime(CLOCK_MONOTONIC, &ts);
			now = ts_ns(&ts);
		}
		if (now < seen) {
			bad = 1;
			break;
		}
		while (seen < now &&
		       !__atomic_compare_exchange_n(latest, &seen, now, 0, __ATOMIC_RELEASE,
						    __ATOMIC_ACQUIRE))
			;
	}
	return bad;
}

static void monotonic_never_goes_back_across_cpus(void)
{
	long long *latest;
	int cpus[4], n, i, status;
	pid_t pids[4];

	if (vdso_lookup())
		return;
	n = usable_cpus(cpus);
	latest = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(latest != MAP_FAILED, "mmap: %s", strerror(errno)))
		return;
	*latest = 0;
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(mono_child(cpus[i], latest));
	}
	for (i = 0; i < n; i++) {
		EXPECT(waitpid(pids[i], &status, 0) == pids[i], "waitpid");
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		       "CPU %d: status %#x (1: time went back, 2: could not pin)", cpus[i], status);
	}
	if (n < 2)
		ktap_skip("fewer than 2 CPUs");
	munmap(latest, 4096);
}

static void getcpu_names_the_pinned_cpu(void)
{
	int cpus[4], n, i;
	cpu_set_t old;

	if (vdso_lookup())
		return;
	sched_getaffinity(0, sizeof(old), &old);
	n = usable_cpus(cpus);
	for (i = 0; i < n; i++) {
		unsigned int vcpu = ~0u, vnode = ~0u, scpu = ~0u, snode = ~0u;
		long ret;

		if (!EXPECT(pin_to(cpus[i]) == 0, "pin to %d", cpus[i]))
			continue;
		ret = vdso_getcpu(&vcpu, &vnode, NULL);
		EXPECT(ret == 0 && vcpu == (unsigned int)cpus[i], "CPU %d: vDSO ret %ld cpu %u",
		       cpus[i], ret, vcpu);
		sys3(SYS_getcpu, &scpu, &snode, NULL);
		EXPECT(scpu == vcpu && snode == vnode, "vDSO %u/%u, syscall %u/%u", vcpu, vnode,
		       scpu, snode);
		EXPECT(vdso_getcpu(NULL, NULL, NULL) == 0, "getcpu(NULL, NULL)");
	}
	sched_setaffinity(0, sizeof(old), &old);
}

/* The data page: [vvar] in /proc/self/maps where there is one, else the page below. */
static uintptr_t vvar_address(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[256];
	uintptr_t start = 0;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[vvar]")) {
			start = strtoull(line, NULL, 16);
			break;
		}
	if (f)
		fclose(f);
	return start ? start : vdso.base - 4096;
}

static void write_byte(void *addr)
{
	*(volatile char *)addr = 1;
}

/* A one-byte write to addr: the si_code of the SIGSEGV it raised, or 0. */
static int write_faults(volatile char *addr)
{
	return fault_probe(write_byte, (void *)addr) == SIGSEGV ? fault_caught.code : 0;
}

static void vvar_page_is_read_only(void)
{
	char *vvar;
	int code;

	if (vdso_lookup())
		return;
	vvar = (char *)vvar_address();
	code = write_faults(vvar);
	EXPECT(code == SEGV_ACCERR, "a write to the data page at %p: si_code %d, want SEGV_ACCERR",
	       vvar, code);
	code = write_faults((char *)vdso.base);
	EXPECT(code == SEGV_ACCERR, "a write to the vDSO: si_code %d, want SEGV_ACCERR", code);
}

/* The child checks what it inherited: 0 when the vDSO works there. */
static int child_vdso_works(uintptr_t parent_base)
{
	struct timespec ts;

	if (getauxval(AT_SYSINFO_EHDR) != parent_base ||
	    memcmp((void *)parent_base, ELFMAG, SELFMAG))
		return 1;
	return vdso_clock_gettime(CLOCK_MONOTONIC, &ts) ? 2 : 0;
}

static void fork_keeps_the_vdso(void)
{
	int status;
	pid_t pid;

	if (vdso_lookup())
		return;
	pid = fork();
	if (pid == 0)
		_exit(child_vdso_works(vdso.base));
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

/* Run path with argv, stdout into out; its wait status, or -1. */
static int run_capture(const char *path, char *const argv[], char *out, size_t size)
{
	int pipefd[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	if (pipe(pipefd))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		execv(path, argv);
		_exit(127);
	}
	close(pipefd[1]);
	while (got < (ssize_t)size - 1 && (n = read(pipefd[0], out + got, size - 1 - got)) > 0)
		got += n;
	out[got] = '\0';
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void exec_maps_the_vdso_again(void)
{
	char *argv[] = { (char *)self, "--exec-child", NULL };
	char out[128];
	int status;

	if (vdso_lookup())
		return;
	status = run_capture(self, argv, out, sizeof(out));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	EXPECT(!strcmp(out, "vdso ok\n"), "child said \"%s\"", out);
}

/* --exec-child: a fresh image finds and uses its own vDSO. */
static int exec_child(void)
{
	struct timespec ts;

	if (vdso_parse(&vdso))
		return 1;
	vdso_clock_gettime = vdso_sym(&vdso, "__vdso_clock_gettime", "LINUX_2.6");
	if (!vdso_clock_gettime || vdso_clock_gettime(CLOCK_MONOTONIC, &ts))
		return 2;
	return write(1, "vdso ok\n", 8) == 8 ? 0 : 3;
}

/* A minimal ELF executable: one PT_INTERP naming interp (len bytes), one PT_LOAD. */
static int write_elf(const char *path, const char *interp, size_t len, size_t truncate)
{
	struct {
		Elf64_Ehdr eh;
		Elf64_Phdr ph[2];
		char interp[64];
	} img;
	int fd, ok;

	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, ELFMAG, SELFMAG);
	img.eh.e_ident[EI_CLASS] = ELFCLASS64;
	img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	img.eh.e_ident[EI_VERSION] = EV_CURRENT;
	img.eh.e_type = ET_EXEC;
	img.eh.e_machine = EM_X86_64;
	img.eh.e_version = EV_CURRENT;
	img.eh.e_entry = 0x400000 + sizeof(img);
	img.eh.e_phoff = offsetof(typeof(img), ph);
	img.eh.e_ehsize = sizeof(Elf64_Ehdr);
	img.eh.e_phentsize = sizeof(Elf64_Phdr);
	img.eh.e_phnum = 2;
	img.ph[0].p_type = PT_INTERP;
	img.ph[0].p_flags = PF_R;
	img.ph[0].p_offset = offsetof(typeof(img), interp);
	img.ph[0].p_vaddr = 0x400000 + img.ph[0].p_offset;
	img.ph[0].p_filesz = img.ph[0].p_memsz = len;
	img.ph[0].p_align = 1;
	memcpy(img.interp, interp, len);
	img.ph[1].p_type = PT_LOAD;
	img.ph[1].p_flags = PF_R | PF_X;
	img.ph[1].p_vaddr = 0x400000;
	img.ph[1].p_filesz = img.ph[1].p_memsz = sizeof(img);
	img.ph[1].p_align = 4096;
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	ok = write(fd, &img, truncate ? truncate : sizeof(img)) ==
	     (ssize_t)(truncate ? truncate : sizeof(img));
	close(fd);
	return ok ? 0 : -1;
}

static long exec_errno(const char *path)
{
	char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };

	return sys3(SYS_execve, path, argv, envp);
}

static void exec_refuses_bad_elf_files(void)
{
	static const char interp_missing[] = "/nonexistent/ld.so";
	static const char unterminated[] = "/lib64/ld-linux-x86-64.so.2";
	const char *elf = "/tmp/vdso_bad_elf", *notelf = "/tmp/vdso_not_elf";
	char interp_notelf[64], text[256];
	long ret;
	int fd;

	if (!EXPECT(write_elf(elf, interp_missing, sizeof(interp_missing), 0) == 0, "write"))
		return;
	ret = exec_errno(elf);
	EXPECT(ret == -ENOENT, "missing interpreter: %ld, want -ENOENT", ret);

	write_elf(elf, unterminated, sizeof(unterminated) - 1, 0);
	ret = exec_errno(elf);
	EXPECT(ret == -ENOEXEC, "interpreter path without NUL: %ld, want -ENOEXEC", ret);

	/* Longer than an ELF header: Linux reads one whole before it looks. */
	memset(text, '#', sizeof(text));
	fd = open(notelf, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (!EXPECT(fd >= 0 && write(fd, text, sizeof(text)) == sizeof(text), "write"))
		return;
	close(fd);
	snprintf(interp_notelf, sizeof(interp_notelf), "%s", notelf);
	write_elf(elf, interp_notelf, strlen(interp_notelf) + 1, 0);
	ret = exec_errno(elf);
	EXPECT(ret == -ELIBBAD, "interpreter not ELF: %ld, want -ELIBBAD", ret);

	write_elf(elf, interp_missing, sizeof(interp_missing), sizeof(Elf64_Ehdr) - 8);
	ret = exec_errno(elf);
	EXPECT(ret == -ENOEXEC, "truncated ELF header: %ld, want -ENOEXEC", ret);

	write_elf(elf, interp_missing, sizeof(interp_missing), sizeof(Elf64_Ehdr) + 8);
	ret = exec_errno(elf);
	EXPECT(ret == -ENOEXEC || ret == -EIO,
	       "truncated program headers: %ld, want -ENOEXEC", ret);
	unlink(elf);
	unlink(notelf);
}

/*
 * Two PT_LOAD segments over the same page, the second writable, and an
 * entry point at a HLT: Linux maps the second over the first and the
 * program dies of SIGSEGV (#GP) at its first instruction; what matters
 * is that the exec ends in a signal, never in the kernel.
 */
static void exec_overlapping_segments_ends_in_sigsegv(void)
{
	const char *path = "/tmp/vdso_overlap";
	struct {
		Elf64_Ehdr eh;
		Elf64_Phdr ph[2];
		unsigned char code[16];
	} img;
	char *argv[] = { (char *)path, NULL }, out[16];
	int fd, status;

	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, ELFMAG, SELFMAG);
	img.eh.e_ident[EI_CLASS] = ELFCLASS64;
	img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	img.eh.e_ident[EI_VERSION] = EV_CURRENT;
	img.eh.e_type = ET_EXEC;
	img.eh.e_machine = EM_X86_64;
	img.eh.e_version = EV_CURRENT;
	img.eh.e_entry = 0x400000 + offsetof(typeof(img), code);
	img.eh.e_phoff = offsetof(typeof(img), ph);
	img.eh.e_ehsize = sizeof(Elf64_Ehdr);
	img.eh.e_phentsize = sizeof(Elf64_Phdr);
	img.eh.e_phnum = 2;
	memset(img.code, 0xf4, sizeof(img.code));	/* HLT: #GP in user mode */
	img.ph[0].p_type = img.ph[1].p_type = PT_LOAD;
	img.ph[0].p_flags = PF_R | PF_X;
	img.ph[1].p_flags = PF_R | PF_W | PF_X;
	img.ph[0].p_vaddr = 0x400000;
	img.ph[1].p_vaddr = 0x400000 + 64;
	img.ph[1].p_offset = 64;
	img.ph[0].p_filesz = img.ph[0].p_memsz = sizeof(img);
	img.ph[1].p_filesz = img.ph[1].p_memsz = sizeof(img) - 64;
	img.ph[0].p_align = img.ph[1].p_align = 4096;
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (!EXPECT(fd >= 0 && write(fd, &img, sizeof(img)) == sizeof(img), "write"))
		return;
	close(fd);
	status = run_capture(path, argv, out, sizeof(out));
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x, want SIGSEGV",
	       status);
	unlink(path);
}

/*
 * What the dynamic loader needs of mmap(): a private mapping of a file
 * at a page offset, executable, made writable by mprotect() without the
 * file seeing the writes; and Linux's errors for the bad cases.
 */
static void private_file_mapping_copies_the_file(void)
{
	const char *path = "/tmp/vdso_mapped";
	unsigned char page[4096], *map;
	int fd, wfd, i, same = 1;

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!EXPECT(fd >= 0, "open: %s", strerror(errno)))
		return;
	for (i = 0; i < 3; i++) {
		memset(page, 'a' + i, sizeof(page));
		EXPECT(write(fd, page, sizeof(page)) == sizeof(page), "write");
	}
	EXPECT(write(fd, "tail", 4) == 4, "write");
	map = mmap(NULL, 3 * 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 4096);
	if (!EXPECT(map != MAP_FAILED, "mmap: %s", strerror(errno)))
		goto out;
	for (i = 0; i < 4096; i++)
		same &= map[i] == 'b' && map[4096 + i] == 'c';
	EXPECT(same, "the mapping does not hold the file's pages 1 and 2");
	EXPECT(!memcmp(map + 2 * 4096, "tail", 4) && map[2 * 4096 + 4] == 0,
	       "the last page is not the file's tail then zeros");
	EXPECT(mprotect(map, 4096, PROT_READ | PROT_WRITE) == 0, "mprotect: %s", strerror(errno));
	map[0] = 'X';
	EXPECT(pread(fd, page, 1, 4096) == 1 && page[0] == 'b', "a private write reached the file");
	munmap(map, 3 * 4096);

	errno = 0;
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED && errno == EINVAL,
	       "unaligned offset: errno %d, want EINVAL", errno);
	errno = 0;
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 1000, 0) == MAP_FAILED && errno == EBADF,
	       "bad fd: errno %d, want EBADF", errno);
	wfd = open(path, O_WRONLY);
	errno = 0;
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wfd, 0) == MAP_FAILED && errno == EACCES,
	       "write-only fd: errno %d, want EACCES", errno);
	close(wfd);
out:
	close(fd);
	unlink(path);
}

/* The glibc program beside this one (data/hello_dyn), built when the host has glibc. */
static void dynamic_glibc_program_runs(void)
{
	char path[256], out[256], *argv[] = { path, "arg1", NULL };
	const char *slash = strrchr(self, '/');
	int status;

	snprintf(path, sizeof(path), "%.*sdata/hello_dyn", slash ? (int)(slash - self + 1) : 0,
		 self);
	if (access(path, X_OK)) {
		ktap_skip("no data/hello_dyn: the host's compiler does not link against glibc");
		return;
	}
	status = run_capture(path, argv, out, sizeof(out));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 3, "%s: status %#x", path, status);
	EXPECT(!strcmp(out, "hello_dyn: arg1 vdso=1 argc=2\n"), "it printed \"%s\"", out);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(vdso_exports_linux_2_6_functions),
	KTAP_CASE(clock_gettime_lies_between_syscalls),
	KTAP_CASE(clock_gettime_falls_back_to_syscall),
	KTAP_CASE(gettimeofday_lies_between_syscalls),
	KTAP_CASE(time_lies_between_syscalls),
	KTAP_CASE(clock_getres_matches_syscall),
	KTAP_CASE(monotonic_never_goes_back_across_cpus),
	KTAP_CASE(getcpu_names_the_pinned_cpu),
	KTAP_CASE(vvar_page_is_read_only),
	KTAP_CASE(fork_keeps_the_vdso),
	KTAP_CASE(exec_maps_the_vdso_again),
	KTAP_CASE(exec_refuses_bad_elf_files),
	KTAP_CASE(exec_overlapping_segments_ends_in_sigsegv),
	KTAP_CASE(private_file_mapping_copies_the_file),
	KTAP_CASE(dynamic_glibc_program_runs),
};

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		return exec_child();
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
