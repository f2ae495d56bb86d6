#!/bin/bash
# Someone else's initramfs: Debian's static busybox and a "#!/bin/sh" /init,
# packed by GNU cpio and gzip, given with -initrd as one would to Linux.
# It is unpacked over the built-in archive (replacing /init), runs through
# busybox's ash, and powers off with busybox's poweroff -f.
. tests/lib.sh

root=$LOGDIR/foreign-root
rm -rf "$root" && mkdir -p "$root/bin" "$root/proc" "$root/dev"
cp "$(command -v busybox)" "$root/bin/busybox"
for applet in sh echo cat ls uname poweroff; do
	ln -s busybox "$root/bin/$applet"
done
cat > "$root/init" <<'SCRIPT'
#!/bin/sh
echo "foreign init: busybox says hello"
uname -s -r
ls /bin
cat /proc/version
poweroff -f
SCRIPT
chmod 755 "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$LOGDIR/foreign.cpio.gz"

qemu_boot foreign-cpio -M pc -kernel build/reflex.elf -append "console=ttyS0" \
	-initrd "$LOGDIR/foreign.cpio.gz"
expect_status "foreign cpio: busybox's /init (a #! script) powers off" 1
expect_log "foreign cpio: the script runs under busybox ash, applets and /proc work" \
	"Run /init as init process" "foreign init: busybox says hello" "Linux 6.1.0-reflex" \
	"busybox" "reflex version "
