/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FILELOCK_H
#define _LINUX_FILELOCK_H

/*
 * File locks (fs/locks.c): flock(2) locks, owned by the open file;
 * POSIX record locks (fcntl F_SETLK...), owned by the process's
 * files_struct; open-file-description locks (F_OFD_*), owned by the
 * open file. Each inode with any lock has a file_lock_context.
 */
#include <linux/types.h>
#include <linux/compiler.h>

struct file;
struct inode;
struct files_struct;

/* The open file's flock and OFD locks go with its last reference. */
void locks_remove_file(struct file *file);
/* A close by owner drops owner's record locks on the file's inode. */
void locks_remove_posix(struct file *file, struct files_struct *owner);
void locks_free_lock_context(struct inode *inode);
/* fcntl's lock commands: F_GETLK, F_SETLK(W), F_OFD_GETLK, F_OFD_SETLK(W). */
long fcntl_getlk(struct file *file, unsigned int cmd, void __user *arg);
long fcntl_setlk(struct file *file, unsigned int cmd, void __user *arg);

#endif
