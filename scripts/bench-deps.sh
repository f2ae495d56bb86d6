#!/bin/sh
# What "make bench" needs beyond "make run": Debian's own Linux kernel to
# compare against (linux-image-amd64: /boot/vmlinuz-*), a static busybox
# for the Linux initramfs (busybox-static), gnuplot for the plots, Debian's
# rt-tests (cyclictest, hackbench, pi_stress on both kernels). Installed
# with apt-get when running as root, otherwise named.
set -eu
scripts/deps.sh run
need=""
ls /boot/vmlinuz-* >/dev/null 2>&1 || need="$need linux-image-amd64"
command -v gnuplot >/dev/null 2>&1 || need="$need gnuplot-nox"
command -v busybox >/dev/null 2>&1 || need="$need busybox-static"
command -v python3 >/dev/null 2>&1 || need="$need python3"
command -v cyclictest >/dev/null 2>&1 || need="$need rt-tests"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "bench-deps: installing$need"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1 || {
		apt-get update -qq >/dev/null
		apt-get install -y -qq --no-install-recommends $need >/dev/null
	}
	exit 0
fi
echo "bench-deps: missing packages:$need" >&2
echo "bench-deps: install them with: sudo apt-get install$need" >&2
exit 1
