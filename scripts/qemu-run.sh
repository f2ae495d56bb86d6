#!/bin/sh
# Boot reflex in QEMU for a person: serial console on this terminal, an
# e1000 NIC on QEMU's user network with the guest's UDP echo service
# forwarded to the host, and isa-debug-exit so that 'poweroff' leaves QEMU.
#   scripts/qemu-run.sh run|debug [--append "kernel args"] [--initrd FILE] [--iso]
# --initrd: an initramfs unpacked over the built-in one (make run's busybox).
# Environment: QEMU_SMP (default 4), QEMU_MEM (default 256M), QEMU_EXTRA,
# NET_PORT (default 5555: the host port forwarded to the guest's UDP echo),
# NIC (default e1000; e1000e is QEMU's 82574L with MSI-X and two queues).
set -eu
NET_PORT=${NET_PORT:-5555}
mode=$1; shift
append=""
initrd=""
boot="-kernel build/reflex.elf"
while [ $# -gt 0 ]; do
	case "$1" in
	--append) append=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--iso) boot="-cdrom build/reflex.iso"; shift ;;
	*) echo "qemu-run: unknown option $1" >&2; exit 2 ;;
	esac
done

set -- qemu-system-x86_64 -M pc -cpu max -m "${QEMU_MEM:-256M}" -smp "${QEMU_SMP:-4}" \
	-nographic -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-netdev user,id=net0,hostfwd=udp:127.0.0.1:${NET_PORT}-10.0.2.15:7 -device "${NIC:-e1000}",netdev=net0 \
	${QEMU_EXTRA:-}

if [ "$mode" = debug ]; then
	"$@" $boot -append "console=ttyS0 $append" -S -s -serial file:build/debug-serial.log -monitor none &
	echo "QEMU waits for gdb on :1234; serial output goes to build/debug-serial.log"
	gdb -q build/reflex.elf -ex "target remote :1234" -ex "hbreak start_kernel" -ex continue
	kill $! 2>/dev/null || true
	exit 0
fi

echo "reflex: UDP echo (port 7 in the guest) is forwarded to 127.0.0.1:${NET_PORT};"
echo "        try: nc -u 127.0.0.1 ${NET_PORT}   (each line comes back)"
status=0
if [ "$boot" = "-kernel build/reflex.elf" ]; then
	[ -n "$initrd" ] && boot="$boot -initrd $initrd"
	"$@" $boot -append "console=ttyS0 $append" || status=$?
else
	"$@" $boot || status=$?
fi
# isa-debug-exit: status 1 is a clean poweroff.
[ "$status" = 1 ] && status=0
exit $status
