#!/bin/sh
# mkinitramfs-debian.sh [-d DIR] PACKAGE:PATH[:DEST] ...
#
# Initramfs list lines (usr/gen_init_cpio's format) for Debian's own
# programs, unchanged, as initramfs-tools' copy_exec puts them in an
# initramfs: each PATH from PACKAGE at DEST (default: PATH), with the
# shared objects it loads (its DT_NEEDED closure as ldd resolves it, and
# the dynamic loader) at the paths the loader looks for them, and the
# directories they need. A busybox gets a symlink per applet
# (busybox --list-full: /bin/ls -> /bin/busybox ...).
#
# Where a file comes from: the installed package when dpkg says PACKAGE
# is installed; otherwise the package is fetched with "apt-get download"
# and unpacked with dpkg-deb -x under DIR (default build/debian), which
# needs no root and does not touch dpkg's database (package busybox and
# busybox-static conflict there, yet each is wanted by someone). A
# package that cannot be had is named on stderr, and the status is 1.
set -eu

dir=build/debian
if [ "${1:-}" = -d ]; then
	dir=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: $0 [-d DIR] PACKAGE:PATH[:DEST] ..." >&2; exit 2; }

die() {
	echo "mkinitramfs-debian: $*" >&2
	exit 1
}

installed() {
	[ "$(dpkg-query -W -f '${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# The root PACKAGE's files are under: / when installed, else its unpacked .deb.
package_root() {
	pkg=$1
	if installed "$pkg"; then
		echo /
		return
	fi
	root=$dir/root/$pkg
	if [ ! -f "$root/.unpacked" ]; then
		mkdir -p "$dir/debs"
		# A fresh machine may have no package lists yet: as root, fetch them once and retry.
		if ! (cd "$dir/debs" && apt-get download -q "$pkg" >/dev/null 2>"$pkg.err") &&
		   ! { [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 &&
		       (cd "$dir/debs" && apt-get download -q "$pkg" >/dev/null 2>"$pkg.err"); }; then
			sed 's/^/    /' "$dir/debs/$pkg.err" >&2
			die "package '$pkg' is missing: not installed, and apt-get download $pkg failed" \
				"(apt-get install $pkg, or check the name)"
		fi
		rm -rf "$root"
		mkdir -p "$root"
		dpkg-deb -x "$(ls -t "$dir/debs/${pkg}"_*.deb | head -1)" "$root"
		: > "$root/.unpacked"
	fi
	echo "$root"
}

# The shared objects BINARY loads, and the loader, as absolute paths.
closure() {
	out=$(ldd "$1" 2>&1) || true
	case "$out" in
	*"not a dynamic executable"*|*"statically linked"*) return 0 ;;
	esac
	if echo "$out" | grep -q 'not found'; then
		die "$1 needs a library this machine lacks: $(echo "$out" | grep 'not found' | head -1)"
	fi
	echo "$out" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
}

parents() {
	d=$(dirname "$1")
	while [ "$d" != / ]; do
		echo "dir $d 0755 0 0"
		d=$(dirname "$d")
	done
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for spec in "$@"; do
	pkg=${spec%%:*}
	rest=${spec#*:}
	path=${rest%%:*}
	dest=${rest#*:}
	[ "$dest" = "$rest" ] && dest=$path
	root=$(package_root "$pkg")
	src=$root${path}
	src=$(echo "$src" | sed 's|^//|/|')
	[ -f "$src" ] || die "package '$pkg' has no $path"
	{
		parents "$dest"
		echo "file $dest $src 0755 0 0"
		for lib in $(closure "$src"); do
			parents "$lib"
			echo "file $lib $(readlink -f "$lib") 0755 0 0"
		done
		case "$(basename "$path")" in
		busybox)
			"$src" --list-full | while read -r applet; do
				[ "/$applet" = "$dest" ] && continue
				parents "/$applet"
				echo "slink /$applet $dest 0777 0 0"
			done ;;
		esac
	} >> "$tmp"
done
# Directories first, then everything once: gen_init_cpio makes what it is told.
grep '^dir ' "$tmp" | sort -u
grep -v '^dir ' "$tmp" | awk '!seen[$2]++'
