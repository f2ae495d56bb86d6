# reflex — build, run and test.
#
#   make            build/reflex.elf (boots with qemu -kernel, PVH entry)
#   make iso        build/reflex.iso (GRUB, Multiboot2)
#   make run        boot in QEMU with an e1000 NIC, serial console here
#   make debug      QEMU's gdb stub + gdb with the kernel's symbols
#   make test       host unit tests, in-kernel suites, scenario tests
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
SRCDIRS		:= arch init kernel mm lib drivers fs net
KSRCS		:= $(shell find $(SRCDIRS) -name '*.[cS]' ! -name '*.lds.S' 2>/dev/null | sort)
KOBJS		:= $(patsubst %,$(B)/%.o,$(basename $(KSRCS)))

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
ifeq ($(findstring clang,$(shell $(CC) --version 2>/dev/null)),)
CFLAGS_KERNEL	+= -fno-jump-tables
endif
ASFLAGS_KERNEL	:= -D__ASSEMBLY__ $(INCLUDES) -fcf-protection=branch -g -MMD -MP
LDFLAGS_KERNEL	:= -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments

all: $(B)/reflex.elf

$(B)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_KERNEL) -c $< -o $@

$(B)/%.o: %.S Makefile
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(ASFLAGS_KERNEL) -c $< -o $@

$(B)/vmlinux.lds: arch/x86/kernel/vmlinux.lds.S arch/x86/include/asm/page.h
	@mkdir -p $(dir $@)
	$(CC) -E -P -D__ASSEMBLY__ $(INCLUDES) -x c $< -o $@

# The symbol table for stack traces is generated from the linked kernel
# and linked in after the text; the text does not move between passes,
# which the final check confirms.
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
	@cmp -s $(B)/.kallsyms1.S $(B)/.kallsyms2.S || { echo "kallsyms: text moved between link passes" >&2; exit 1; }
	@mv $@.tmp $@

$(B)/reflex.iso: $(B)/reflex.elf scripts/grub.cfg
	scripts/deps.sh iso
	@rm -rf $(B)/iso && mkdir -p $(B)/iso/boot/grub
	cp $(B)/reflex.elf $(B)/iso/boot/reflex.elf
	cp scripts/grub.cfg $(B)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/iso 2>$(B)/grub-mkrescue.log || { cat $(B)/grub-mkrescue.log; exit 1; }

iso: $(B)/reflex.iso

run: $(B)/reflex.elf
	scripts/deps.sh run
	scripts/qemu-run.sh run $(if $(APPEND),--append "$(APPEND)")

debug: $(B)/reflex.elf
	scripts/deps.sh debug
	scripts/qemu-run.sh debug $(if $(APPEND),--append "$(APPEND)")

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
	$(MAKE) all unit iso
	tests/run-all.sh

.PHONY: all iso run debug unit test clean
clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
