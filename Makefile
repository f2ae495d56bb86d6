# reflex — build, run and test.
#
#   make            build/reflex.elf (boots with qemu -kernel, PVH entry),
#                   with the user programs in its built-in initramfs
#   make iso        build/reflex.iso (GRUB, Multiboot2)
#   make run        boot in QEMU with an e1000 NIC, serial console here, into
#                   Debian's busybox (its init, then ash on ttyS0)
#   make debug      QEMU's gdb stub + gdb with the kernel's symbols
#   make test       host unit tests, in-kernel suites, scenario tests, user tests
#   make user       the static musl programs alone (build/user/)
#   make bench      reflex vs Debian's Linux in the same QEMU: tables and
#                   plots in bench/results/ (QUICK=1: a short run); never
#                   part of "make test"
#   make CC=clang   build with clang instead of gcc

CC		?= gcc
ifeq ($(origin CC),default)
CC		:= gcc
endif
HOSTCC		?= cc
LD		:= ld
NM		:= nm
OBJCOPY		:= objcopy
B		:= build

# Kernel sources: every .c and .S under the source directories.
SRCDIRS		:= arch init kernel mm lib drivers fs net ipc
# The vDSO's own sources are user code, linked apart (below).
VDSO_DIR	:= arch/x86/entry/vdso
VDSO_SRCS	:= $(VDSO_DIR)/vclock_gettime.c $(VDSO_DIR)/vgetcpu.c
KSRCS		:= $(filter-out $(VDSO_SRCS),$(shell find $(SRCDIRS) -name '*.[cS]' ! -name '*.lds.S' 2>/dev/null | sort))
KOBJS		:= $(patsubst %,$(B)/%.o,$(basename $(KSRCS)))
# The built-in initramfs lives outside the source directories (usr/).
KOBJS		+= $(B)/usr/initramfs_data.o

INCLUDES	:= -Iinclude -Iarch/x86/include
CFLAGS_KERNEL	:= -std=gnu11 -O2 -g -ffreestanding -fno-builtin -nostdinc \
		   -isystem $(shell $(CC) -print-file-name=include) \
		   -mcmodel=kernel -mno-red-zone -mno-mmx -mno-sse -mno-sse2 \
		   -mno-avx -fno-pic -fno-pie -fno-stack-protector \
		   -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
		   -fcf-protection=branch -fno-asynchronous-unwind-tables \
		   -fno-strict-aliasing -fno-common -fno-optimize-sibling-calls \
		   -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
		   -Wno-missing-field-initializers -Werror \
		   $(INCLUDES) -MMD -MP
# The stack is 8-byte aligned, as Linux's on x86-64: the entry code
# leaves it so, and no kernel code needs SSE's 16.
ifeq ($(findstring clang,$(shell $(CC) --version 2>/dev/null)),)
CFLAGS_KERNEL	+= -fno-jump-tables -mpreferred-stack-boundary=3
else
CFLAGS_KERNEL	+= -mstack-alignment=8
endif
# The function tracer (kernel/trace/ftrace.c): every traced function
# starts with a 5-byte nop whose address the compiler records, gcc's
# in __mcount_loc (-mfentry -mnop-mcount -mrecord-mcount), clang's in
# __patchable_function_entries; the linker script gathers both into one
# table. FTRACE=0 builds without (the nops' cost, in make bench).
# Files that run before the tracer can, that the tracer itself calls,
# or that must not take a call at their entry are built without.
FTRACE		?= 1
ifeq ($(FTRACE),1)
ifeq ($(findstring clang,$(shell $(CC) --version 2>/dev/null)),)
CC_FLAGS_FTRACE	:= -pg -mfentry -mrecord-mcount -mnop-mcount -DCC_USING_NOP_MCOUNT
else
CC_FLAGS_FTRACE	:= -fpatchable-function-entry=5 -DCC_USING_PATCHABLE_FUNCTION_ENTRY
endif
CFLAGS_KERNEL	+= -DCONFIG_FUNCTION_TRACER
endif
FTRACE_NOTRACE	:= kernel/trace/% arch/x86/entry/% arch/x86/kernel/ftrace.c \
		   arch/x86/kernel/dumpstack.c arch/x86/kernel/tsc.c \
		   arch/x86/kernel/head64.c arch/x86/kernel/traps.c \
		   arch/x86/kernel/smpboot.c arch/x86/kernel/setup_percpu.c \
		   lib/string.c arch/x86/mm/extable.c \
		   kernel/kallsyms.c
# ... except the tracer's test, whose target function must have a site.
FTRACE_TRACE	:= kernel/trace/ftrace_kunit.c
ftrace_flags	= $(if $(filter $(FTRACE_NOTRACE),$(filter-out $(FTRACE_TRACE),$<)),,$(CC_FLAGS_FTRACE))

ASFLAGS_KERNEL	:= -D__ASSEMBLY__ $(INCLUDES) -fcf-protection=branch -g -MMD -MP
LDFLAGS_KERNEL	:= -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments

all: $(B)/reflex.elf

$(B)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_KERNEL) $(ftrace_flags) -c $< -o $@

$(B)/%.o: %.S Makefile
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(ASFLAGS_KERNEL) -c $< -o $@

$(B)/vmlinux.lds: arch/x86/kernel/vmlinux.lds.S arch/x86/include/asm/page.h
	@mkdir -p $(dir $@)
	$(CC) -E -P -D__ASSEMBLY__ $(INCLUDES) -x c $< -o $@

# The symbol table for stack traces and /proc/kallsyms is generated from
# the linked kernel and linked in after the text. The text never moves;
# the data after the table moves once, from the empty table (pass 1) to a
# full one (pass 2), and not again (pass 3), which the final check confirms.
$(B)/scripts/kallsyms: scripts/kallsyms.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -o $@ $<

$(B)/reflex.elf: $(KOBJS) $(B)/vmlinux.lds $(B)/scripts/kallsyms
	@echo "  LD      $@"
	@$(CC) $(ASFLAGS_KERNEL) -c scripts/kallsyms_empty.S -o $(B)/.kallsyms0.o
	@$(LD) $(LDFLAGS_KERNEL) -T $(B)/vmlinux.lds -o $(B)/.reflex0.elf $(KOBJS) $(B)/.kallsyms0.o
	@$(NM) -n $(B)/.reflex0.elf | $(B)/scripts/kallsyms > $(B)/.kallsyms1.S
	@$(CC) $(ASFLAGS_KERNEL) -c $(B)/.kallsyms1.S -o $(B)/.kallsyms1.o
	@$(LD) $(LDFLAGS_KERNEL) -T $(B)/vmlinux.lds -o $@.tmp $(KOBJS) $(B)/.kallsyms1.o
	@$(NM) -n $@.tmp | $(B)/scripts/kallsyms > $(B)/.kallsyms2.S
	@$(CC) $(ASFLAGS_KERNEL) -c $(B)/.kallsyms2.S -o $(B)/.kallsyms2.o
	@$(LD) $(LDFLAGS_KERNEL) -T $(B)/vmlinux.lds -o $@.tmp $(KOBJS) $(B)/.kallsyms2.o
	@$(NM) -n $@.tmp | $(B)/scripts/kallsyms > $(B)/.kallsyms3.S
	@cmp -s $(B)/.kallsyms2.S $(B)/.kallsyms3.S || { echo "kallsyms: symbols moved between link passes" >&2; exit 1; }
	@mv $@.tmp $@

# The vDSO: position-independent user code linked as a shared object
# with no relocations (the image is mapped as is, never relocated), then
# embedded in the kernel by vdso-image-64.S.
VDSO_CFLAGS	:= -std=gnu11 -O2 -fPIC -ffreestanding -fno-builtin -nostdinc \
		   -isystem $(shell $(CC) -print-file-name=include) $(INCLUDES) \
		   -mcmodel=small -mgeneral-regs-only -fno-stack-protector \
		   -fcf-protection=branch -fno-asynchronous-unwind-tables -fno-common \
		   -Wall -Wextra -Werror -MMD -MP
VDSO_OBJS	:= $(patsubst %.c,$(B)/%.vdso.o,$(VDSO_SRCS))

$(B)/%.vdso.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  VDSOCC  $<"
	@$(CC) $(VDSO_CFLAGS) -c $< -o $@

$(B)/$(VDSO_DIR)/vdso.lds: $(VDSO_DIR)/vdso.lds.S arch/x86/include/asm/page.h
	@mkdir -p $(dir $@)
	@$(CC) -E -P -D__ASSEMBLY__ $(INCLUDES) -x c $< -o $@

$(B)/$(VDSO_DIR)/vdso64.so: $(VDSO_OBJS) $(B)/$(VDSO_DIR)/vdso.lds
	@echo "  VDSOLD  $@"
	@$(LD) -shared -soname=linux-vdso.so.1 --hash-style=both --build-id=none \
		-z max-page-size=0x1000 -z noexecstack -T $(B)/$(VDSO_DIR)/vdso.lds \
		-o $@.dbg $(VDSO_OBJS)
	@if readelf -rW $@.dbg | grep -q "R_X86_64"; then \
		echo "vdso: $@ has dynamic relocations" >&2; readelf -rW $@.dbg >&2; exit 1; fi
	@if nm -u $@.dbg | grep -q .; then \
		echo "vdso: $@ has undefined symbols" >&2; nm -u $@.dbg >&2; exit 1; fi
	@$(OBJCOPY) -S $@.dbg $@

$(B)/$(VDSO_DIR)/vdso-image-64.o: $(B)/$(VDSO_DIR)/vdso64.so

$(B)/reflex.iso: $(B)/reflex.elf scripts/grub.cfg
	scripts/deps.sh iso
	@rm -rf $(B)/iso && mkdir -p $(B)/iso/boot/grub
	cp $(B)/reflex.elf $(B)/iso/boot/reflex.elf
	cp scripts/grub.cfg $(B)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/iso 2>$(B)/grub-mkrescue.log || { cat $(B)/grub-mkrescue.log; exit 1; }

iso:
	scripts/deps.sh iso
	$(MAKE) $(B)/reflex.iso

# Dependencies first (musl-tools among them), then the build, so that a
# fresh machine's first "make run" has the shell in its initramfs.
run:
	scripts/deps.sh run
	$(MAKE) all $(B)/busybox.cpio.gz
	scripts/qemu-run.sh run --initrd $(B)/busybox.cpio.gz $(if $(APPEND),--append "$(APPEND)")

debug:
	scripts/deps.sh debug
	$(MAKE) all
	scripts/qemu-run.sh debug $(if $(APPEND),--append "$(APPEND)")

# --- user space --------------------------------------------------------------
# Static musl programs from usr/ (sh, test-init), tests/user/ (the KTAP test
# programs, udp_echo) and bench/ into build/user/; the same binaries run on
# Linux. build/initramfs.cpio (usr/initramfs_list) is linked into the kernel
# through usr/initramfs_data.S; build/tests.cpio.gz (tests/user/initramfs_list)
# is the test boot's -initrd. Without musl-gcc the kernel still links, with
# an initramfs of the list's directories and nodes only (no /init).
MUSLCC		?= musl-gcc
HAVE_MUSL	:= $(shell command -v $(MUSLCC) >/dev/null 2>&1 && echo y)
USER_CFLAGS	:= -std=gnu11 -static -O2 -Wall -Wextra -Wno-unused-parameter -Werror \
		   -Itests/user
USER_PROGS	:= sh test-init udp_echo tcp_echo udp_sink syscall_abi fork_cow signals sched_tests \
		   fs_limits sysfuzz ldt_segments force_sigsegv vfork_kill oom fork_bomb \
		   compat_entry compat_traps cpus smp_procs exit_wait affinity tlb_shootdown irq_proc \
		   cpu_hotplug sys_misc rlimits traps xstate fsgsbase ldt ioperm vsyscall \
		   threads thread_signals futex pi_futex vdso ptrace procfs select \
		   eventfd epoll timerfd signalfd locks statx openat2 af_unix sockopt \
		   udp_lo tcp tracefs ftrace restart strace shared_mmap tmpfs_mount sysv_shm rttests \
		   posix_timers prctl_caps trinity trinity_found itimer ping maps splice \
		   bench_syscall bench_fault bench_fork cyclictest bench-init bench_udpcost \
		   bench_pipe bench_irqcpu bench_thread bench_vdso churn
USER_BINS	:= $(addprefix $(B)/user/,$(USER_PROGS))
list_files	= $(shell awk '$$1 == "file" { print $$3 }' $(1))

$(B)/user/%: usr/%.c Makefile
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(MUSLCC) $(USER_CFLAGS) -o $@ $(filter %.c %.S,$^)

$(B)/user/%: tests/user/%.c tests/user/ktap.h tests/user/sys.h Makefile
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(MUSLCC) $(USER_CFLAGS) -o $@ $(filter %.c %.S,$^)

$(B)/user/%: bench/%.c bench/bench.h tests/user/sys.h Makefile
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(MUSLCC) $(USER_CFLAGS) -o $@ $(filter %.c %.S,$^)

# Not a test of its own: tests/user/trinity_found.c executes it.
$(B)/user/data/big_exec: tests/user/big_exec.c Makefile
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(MUSLCC) $(USER_CFLAGS) -o $@ $<

$(B)/user/syscall_abi: tests/user/regs_probe.S
$(B)/user/futex $(B)/user/pi_futex: tests/user/futex_util.h
$(B)/user/ioperm $(B)/user/ldt $(B)/user/ldt_segments $(B)/user/fsgsbase $(B)/user/shared_mmap \
		$(B)/user/vdso: tests/user/fault.h
$(B)/user/compat_entry $(B)/user/compat_traps $(B)/user/fsgsbase: tests/user/compat_stubs.S \
		tests/user/compat.h

$(B)/scripts/gen_init_cpio: usr/gen_init_cpio.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -Wextra -o $@ $<

# The livelock curve's host-side sender and echo counter (scripts/bench.py).
$(B)/tools/udpflood: tools/udpflood.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -Wextra -o $@ $<

# Whether the user programs can be built; rewritten only when that changes,
# so that installing musl-tools later rebuilds the archive.
$(B)/initramfs.cfg: FORCE
	@mkdir -p $(B)
	@echo "musl=$(HAVE_MUSL)" > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

ifeq ($(HAVE_MUSL),y)
$(B)/initramfs.cpio: usr/initramfs_list $(call list_files,usr/initramfs_list) \
		     $(B)/scripts/gen_init_cpio $(B)/initramfs.cfg
	@echo "  CPIO    $@"
	@$(B)/scripts/gen_init_cpio $< > $@.tmp && mv $@.tmp $@
else
$(B)/initramfs.cpio: usr/initramfs_list $(B)/scripts/gen_init_cpio $(B)/initramfs.cfg
	@echo "  CPIO    $@ (no $(MUSLCC): no programs; apt-get install musl-tools)"
	@grep -v '^file .* $(B)/user/' $< | $(B)/scripts/gen_init_cpio - > $@.tmp && mv $@.tmp $@
endif

$(B)/usr/initramfs_data.o: usr/initramfs_data.S $(B)/initramfs.cpio Makefile
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(ASFLAGS_KERNEL) -DINITRAMFS_IMAGE='"$(B)/initramfs.cpio"' -c $< -o $@

# The vdso test's dynamically linked program: built with the host's C
# compiler when that links against glibc, and put in the test initramfs
# with its shared objects (scripts/dyn_closure.sh) under /tests/data/,
# which test-init does not run. Without glibc the list is empty and the
# test skips its case.
HAVE_GLIBC	:= $(shell printf '\043include <gnu/libc-version.h>\nint main(void) { return 0; }\n' | \
		     $(HOSTCC) -x c - -o /dev/null 2>/dev/null && echo y)
ifeq ($(HAVE_GLIBC),y)
$(B)/user/data/hello_dyn: tests/user/hello_dyn.c Makefile
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# Debian's strace too, when installed (scripts/deps.sh test), for
# tests/user/strace.c; the two closures share the C library, listed once.
# Debian's rt-tests and stress-ng (tests/user/rttests.c) under /rt/data/,
# and Debian's trinity for tests/user/trinity.c (booted alone from /fuzz).
STRACE_BIN	:= $(wildcard /usr/bin/strace)
RT_BINS		:= $(wildcard $(addprefix /usr/bin/,cyclictest pi_stress signaltest hackbench stress-ng))
TRINITY_BIN	:= $(wildcard /usr/bin/trinity)
$(B)/tests_dyn.list: $(B)/user/data/hello_dyn scripts/dyn_closure.sh $(STRACE_BIN) $(RT_BINS) \
		     $(TRINITY_BIN)
	@{ scripts/dyn_closure.sh $< /tests/data/hello_dyn && \
	   $(if $(STRACE_BIN),scripts/dyn_closure.sh $(STRACE_BIN) /tests/data/strace,:) && \
	   $(if $(TRINITY_BIN),scripts/dyn_closure.sh $(TRINITY_BIN) /fuzz/data/trinity,:) && \
	   for b in $(RT_BINS); do \
		scripts/dyn_closure.sh $$b /rt/data/$${b##*/} || exit 1; done; } | \
		awk '!seen[$$0]++' > $@.tmp && mv $@.tmp $@
else
$(B)/tests_dyn.list: Makefile
	@mkdir -p $(B)
	@: > $@
endif

$(B)/tests.cpio.gz: tests/user/initramfs_list $(call list_files,tests/user/initramfs_list) \
		    $(B)/tests_dyn.list $(B)/scripts/gen_init_cpio
	@echo "  CPIO    $@"
	@cat $< $(B)/tests_dyn.list | $(B)/scripts/gen_init_cpio - | gzip -9n > $@.tmp && \
		mv $@.tmp $@

# make run's userland: Debian's busybox (package busybox, the dynamic one),
# util-linux's chrt, strace, rt-tests' cyclictest (in place of the
# project's own, the benchmark's), hackbench, pi_stress and signaltest,
# and trace-cmd, with their shared libraries, over the
# built-in initramfs (usr/busybox/initramfs_list says what it replaces).
# The script fetches a package that is not installed
# (scripts/mkinitramfs-debian.sh).
DEBIAN_PROGS	:= busybox:/bin/busybox util-linux:/usr/bin/chrt strace:/usr/bin/strace \
		   rt-tests:/usr/bin/cyclictest:/bin/cyclictest rt-tests:/usr/bin/hackbench \
		   rt-tests:/usr/bin/pi_stress rt-tests:/usr/bin/signaltest \
		   trace-cmd:/usr/bin/trace-cmd
$(B)/busybox.list: scripts/mkinitramfs-debian.sh Makefile
	@mkdir -p $(B)
	@echo "  DEBIAN  $@"
	@scripts/mkinitramfs-debian.sh -d $(B)/debian $(DEBIAN_PROGS) > $@.tmp && mv $@.tmp $@

$(B)/busybox.cpio.gz: usr/busybox/initramfs_list $(call list_files,usr/busybox/initramfs_list) \
		      $(B)/busybox.list $(B)/scripts/gen_init_cpio
	@echo "  CPIO    $@"
	@cat $< $(B)/busybox.list | $(B)/scripts/gen_init_cpio - | gzip -9n > $@.tmp && mv $@.tmp $@

# Debian's trace-cmd for tests/scenario/tracecmd.py and make trace-demo:
# an initrd laid over the built-in initramfs (whose /init, the shell, stays),
# holding trace-cmd, its shared objects and libtraceevent's plugins, which
# it loads with dlopen() from the path the host's library was built with,
# and coreutils' base64, which carries trace.dat out over the serial line.
TRACECMD_BIN	:= $(wildcard /usr/bin/trace-cmd)
TEP_PLUGINS	:= $(wildcard /usr/lib/x86_64-linux-gnu/traceevent/plugins/*.so)
ifneq ($(TRACECMD_BIN),)
$(B)/tracecmd.cpio.gz: Makefile scripts/dyn_closure.sh $(TRACECMD_BIN) $(TEP_PLUGINS) $(B)/scripts/gen_init_cpio
	@echo "  CPIO    $@"
	@{ for d in /usr /usr/bin /usr/lib /usr/lib/x86_64-linux-gnu \
		    /usr/lib/x86_64-linux-gnu/traceevent /usr/lib/x86_64-linux-gnu/traceevent/plugins; do \
		echo "dir $$d 0755 0 0"; done; \
	   scripts/dyn_closure.sh $(TRACECMD_BIN) /usr/bin/trace-cmd && \
	   scripts/dyn_closure.sh /usr/bin/base64 /usr/bin/base64 && \
	   for p in $(TEP_PLUGINS); do echo "file $$p $$p 0644 0 0"; done; } | \
		awk '!seen[$$0]++' | $(B)/scripts/gen_init_cpio - | gzip -9n > $@.tmp && mv $@.tmp $@
TRACECMD_INITRD	:= $(B)/tracecmd.cpio.gz
endif

user: $(USER_BINS) $(B)/user/data/big_exec
user-tests: $(B)/tests.cpio.gz $(TRACECMD_INITRD)

# --- tests -----------------------------------------------------------------
HOSTCFLAGS	:= -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter \
		   -Wno-sign-compare -Wno-missing-field-initializers \
		   -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -Itests/unit/shim $(INCLUDES) -include tests/unit/shim/host.h
UNIT_TESTS	:= $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/test_*.c))

# A unit test names the kernel sources it links in a comment:
#   /* unit-test-sources: mm/page_alloc.c mm/memblock.c */
$(B)/unit/%: tests/unit/%.c $(wildcard tests/unit/shim/*) $(KSRCS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $< $$(sed -n 's/.*unit-test-sources: *\(.*\) *\*\/.*/\1/p' $<) \
		$(wildcard tests/unit/shim/*.c) -lcmocka -o $@

unit: $(UNIT_TESTS)

test:
	scripts/deps.sh test
	$(MAKE) all unit iso user user-tests $(B)/busybox.cpio.gz
	tests/run-all.sh

# --- benchmarks ----------------------------------------------------------------
# Not part of "test": a benchmark times things, a test does not.
bench:
	scripts/bench-deps.sh
	$(MAKE) all user user-tests $(B)/scripts/gen_init_cpio $(B)/tools/udpflood
	$(MAKE) B=$(B)/noftrace FTRACE=0 all
	scripts/bench.py $(if $(filter-out 0,$(QUICK)),--quick)

# One UDP datagram's journey through reflex as an SVG (scripts/trace_demo.py,
# tools/journey_svg.py): build/trace-demo/journey.svg and the trace it is from.
trace-demo:
	scripts/deps.sh run
	$(MAKE) all user $(B)/scripts/gen_init_cpio
	scripts/trace_demo.py build/trace-demo

FORCE:
.PHONY: all iso run debug unit test clean user user-tests bench trace-demo FORCE
clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' -type f ! -path '$(B)/debian/*' 2>/dev/null)
