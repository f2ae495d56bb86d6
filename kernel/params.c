// SPDX-License-Identifier: MIT
/*
 * The kernel command line, parsed as Linux does: words separated by
 * spaces, "name=value" or "name", double quotes around values with spaces.
 * Each word is offered to the __setup() handlers; a word nobody claims is
 * reported once and otherwise ignored, never fatal.
 */
#include <linux/kernel.h>
#include <linux/init.h>

#define COMMAND_LINE_SIZE	2048

char boot_command_line[COMMAND_LINE_SIZE];
static char cmdline_copy[COMMAND_LINE_SIZE];

extern const struct obs_kernel_param __setup_start[], __setup_end[];

/* Split off the next word; returns the word or NULL at the end. */
static char *next_arg(char **s)
{
	char *p = *s, *word, *out;
	bool quoted = false;

	while (*p == ' ')
		p++;
	if (!*p)
		return NULL;
	word = out = p;
	for (; *p && (quoted || *p != ' '); p++) {
		if (*p == '"')
			quoted = !quoted;
		else
			*out++ = *p;
	}
	*s = *p ? p + 1 : p;
	*out = '\0';
	return word;
}

static bool do_setup(char *word)
{
	const struct obs_kernel_param *p;
	bool claimed = false;

	for (p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->str);
		bool takes_value = n && p->str[n - 1] == '=';
		int err;

		if (takes_value ? strncmp(word, p->str, n) : strcmp(word, p->str))
			continue;
		claimed = true;
		err = p->setup_func(takes_value ? word + n : word);
		if (err)
			pr_warn("Malformed parameter '%s' (%d), ignored\n", word, err);
	}
	return claimed;
}

void parse_args(char *cmdline)
{
	char unknown[256] = "";
	size_t used = 0;
	char *s, *word;

	strscpy(boot_command_line, cmdline, sizeof(boot_command_line));
	strscpy(cmdline_copy, cmdline, sizeof(cmdline_copy));
	s = cmdline_copy;
	while ((word = next_arg(&s))) {
		if (do_setup(word))
			continue;
		used += snprintf(unknown + used, sizeof(unknown) - min(used, sizeof(unknown)),
				 "%s\"%s\"", used ? " " : "", word);
	}
	if (used)
		pr_notice("Unknown kernel command line parameters %s, will be ignored.\n",
			  unknown);
}
