// SPDX-License-Identifier: MIT
/*
 * A program of over 5 MiB (its initialised data is in the file), larger
 * than kmalloc's largest block, for tests/user/trinity_found.c to
 * execute: it exits 42 when its data arrived intact.
 */
#define BIG_SIZE	(5 << 20)
static volatile char big[BIG_SIZE] = { 1, [BIG_SIZE / 2] = 3, [BIG_SIZE - 1] = 2 };

int main(void)
{
	return big[0] == 1 && big[BIG_SIZE / 2] == 3 && big[BIG_SIZE - 1] == 2 &&
	       big[BIG_SIZE / 2 + 1] == 0 ? 42 : 43;
}
