#!/bin/bash
# Booting: the boot log of -kernel (PVH), the command line's handling, and
# the GRUB ISO (Multiboot2) reaching the same banner.
. tests/lib.sh

boot_kernel boot-pvh "reflex.test=boot loglevel=8 bogus_option=1 reflex.nosuch=1 loglevel=x" -M pc
expect_status "PVH boot: the boot suite passes" 33
expect_log "PVH boot: banner, memory map, TSC, memory summary" \
	"reflex version " "Boot loader: PVH" "BIOS-e820: [mem 0x0000000000100000-" \
	"tsc: Detected " "Memory: " "K available ("
expect_log "command line: unknown options go to init (as Linux), dotted ones are dropped" \
	'Unknown kernel command line parameters "bogus_option=1", will be passed to user space.' \
	'Unknown kernel command line parameters "reflex.nosuch=1", will be ignored.'
expect_log "command line: a malformed value is reported and ignored" \
	"Malformed parameter 'loglevel=x'"
banner=$(sed -n 's/^\[[ 0-9.]*\] \(reflex version .*\)/\1/p' "$LOG")

iso=build/test-logs/reflex-test.iso
rm -rf build/test-logs/iso && mkdir -p build/test-logs/iso/boot/grub
cp build/reflex.elf build/test-logs/iso/boot/
sed 's|multiboot2 /boot/reflex.elf console=ttyS0|multiboot2 /boot/reflex.elf console=ttyS0 reflex.test=boot|' \
	scripts/grub.cfg > build/test-logs/iso/boot/grub/grub.cfg
if ! grub-mkrescue -o "$iso" build/test-logs/iso >build/test-logs/grub-mkrescue.log 2>&1; then
	LOG=build/test-logs/grub-mkrescue.log
	fail "ISO: grub-mkrescue builds the test image"
	exit 0
fi
qemu_boot boot-iso -M pc -cdrom "$iso"
expect_status "ISO (GRUB, Multiboot2): the boot suite passes" 33
expect_log "ISO: Multiboot2 hands over command line and memory map" \
	"Boot loader: Multiboot2" "Command line: console=ttyS0 reflex.test=boot" "BIOS-e820: "
if [ -n "$banner" ] && grep -qF -- "$banner" "$LOG"; then
	pass "ISO boots to the same banner as -kernel"
else
	fail "ISO boots to the same banner as -kernel" "banner: '$banner'"
fi
