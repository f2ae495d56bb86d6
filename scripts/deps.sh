#!/bin/sh
# Install what a make target needs, with apt-get when running as root;
# otherwise say exactly what is missing. Usage: scripts/deps.sh run|debug|iso|test
set -eu

need=""
want() { # want COMMAND-OR-FILE DEBIAN-PACKAGE
	case "$1" in
	/*) [ -e "$1" ] || need="$need $2" ;;
	*) command -v "$1" >/dev/null 2>&1 || need="$need $2" ;;
	esac
}

want gcc gcc
want make make
want ld binutils
want qemu-system-x86_64 qemu-system-x86
# The user programs (static musl) go into the kernel's built-in initramfs.
want musl-gcc musl-tools
want gzip gzip
# make run's userland (and the test tier's busybox boots): Debian's
# busybox with strace, rt-tests and trace-cmd beside it, copied with their
# libraries from the installed packages.
case "${1:-test}" in
run|test)
	want strace strace
	want cyclictest rt-tests
	want trace-cmd trace-cmd ;;
esac
case "${1:-test}" in
debug)
	want gdb gdb ;;
iso)
	want grub-mkrescue grub-common
	want /usr/lib/grub/i386-pc/modinfo.sh grub-pc-bin
	want xorriso xorriso
	want mformat mtools ;;
test)
	want grub-mkrescue grub-common
	want /usr/lib/grub/i386-pc/modinfo.sh grub-pc-bin
	want xorriso xorriso
	want mformat mtools
	want /usr/include/cmocka.h libcmocka-dev
	want python3 python3
	want /usr/share/doc/busybox-static busybox-static
	want cpio cpio
	want strace strace
	want cyclictest rt-tests
	want stress-ng stress-ng
	want trinity trinity
	want trace-cmd trace-cmd
	# KernelShark reads the trace.dat trace-cmd writes (tests/scenario/kshark.py).
	want kernelshark kernelshark
	want base64 coreutils
	want clang clang ;;
esac

[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$need"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $need >/dev/null
	exit 0
fi
echo "deps: missing packages:$need" >&2
echo "deps: install them with: sudo apt-get install$need" >&2
exit 1
