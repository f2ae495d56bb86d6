/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SHMEM_FS_H
#define _LINUX_SHMEM_FS_H

/*
 * tmpfs and the shmem objects behind MAP_SHARED anonymous memory,
 * memfd_create() and SysV shared memory (mm/shmem.c).
 */
#include <linux/types.h>
#include <uapi/linux/magic.h>

struct file;
struct inode;
struct super_block;
struct vm_area_struct;

/* An unlinked tmpfs file of size bytes, open read-write: name shows in /proc/PID/maps. */
struct file *shmem_file_setup(const char *name, loff_t size, unsigned int flags);
int shmem_zero_setup(struct vm_area_struct *vma);
bool shmem_file(struct file *file);
void shmem_init(void);

/* fs/ramfs/inode.c, which tmpfs's inodes are made by */
struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t dev);
struct inode *ramfs_root_inode(struct super_block *sb, umode_t mode);
struct super_block *ramfs_new_sb(void);

#endif
