#!/bin/sh
# dyn_closure.sh BINARY DEST: initramfs list lines (usr/gen_init_cpio)
# for a dynamically linked program at DEST and the shared objects it
# loads (ldd's closure: the C library and its dynamic loader), each at
# the path the loader looks for it, with the directories they need.
set -e
bin=$1
dest=$2
libs=$(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u)
for f in $libs; do
	d=$(dirname "$f")
	while [ "$d" != / ]; do
		echo "$d"
		d=$(dirname "$d")
	done
done | sort -u | while read -r d; do
	echo "dir $d 0755 0 0"
done
for f in $libs; do
	echo "file $f $f 0755 0 0"
done
echo "file $dest $bin 0755 0 0"
