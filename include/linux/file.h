/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FILE_H
#define _LINUX_FILE_H

/*
 * Descriptors of the current process. Opening is two steps, as in
 * Linux: reserve the lowest free number (get_unused_fd_flags), prepare
 * the file, then publish it (fd_install) — or give the number back
 * (put_unused_fd) if preparing failed, so a half-made file is never
 * visible through the table.
 */
#include <linux/types.h>

struct file;

int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
struct file *fget(unsigned int fd);
int close_fd(unsigned int fd);
int replace_fd(unsigned int fd, struct file *file, unsigned int flags);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, int flag);
int f_dupfd(unsigned int from, struct file *file, unsigned int flags);

#endif
