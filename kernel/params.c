// SPDX-License-Identifier: MIT
/*
 * The kernel command line, parsed as Linux does: words separated by
 * spaces, "name=value" or "name", double quotes around values with spaces.
 * Each word is offered to the __setup() handlers. As Linux's
 * unknown_bootoption(), a word nobody claims goes to init: "name=value"
 * into its environment, a plain word into its arguments, as does every
 * word after "--"; an unclaimed dotted word (a module-style "reflex.x=")
 * is reported and dropped. Nothing on the command line is ever fatal.
 */
#include <linux/kernel.h>
#include <linux/init.h>

#define COMMAND_LINE_SIZE	2048

#define MAX_INIT_ARGS		32
#define MAX_INIT_ENVS		32

char boot_command_line[COMMAND_LINE_SIZE];
static char cmdline_copy[COMMAND_LINE_SIZE];	/* the words init gets point here */

const char *argv_init[MAX_INIT_ARGS + 2] = { "init", NULL };
const char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin", NULL };

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

/* Append word to a NULL-terminated vector of at most max entries. */
static bool vector_add(const char **vec, int max, const char *word)
{
	int i;

	for (i = 0; vec[i]; i++)
		;
	if (i >= max)
		return false;
	vec[i] = word;
	vec[i + 1] = NULL;
	return true;
}

/* A word no handler claimed: init's, unless it names a module-style option. */
static bool unknown_bootoption(char *word, bool after_dashes)
{
	char *eq = strchr(word, '=');
	char *dot = strchr(word, '.');

	if (after_dashes)
		return vector_add(argv_init, MAX_INIT_ARGS, word);
	if (dot && (!eq || dot < eq))
		return false;
	if (eq)
		return vector_add(envp_init, MAX_INIT_ENVS, word);
	return vector_add(argv_init, MAX_INIT_ARGS, word);
}

static void list_word(char *list, size_t size, size_t *used, const char *word)
{
	*used += snprintf(list + *used, size - min(*used, size), "%s%s",
			  *used ? " " : "", word);
}

void parse_args(char *cmdline)
{
	char ignored[256] = "", passed[256] = "";
	size_t n_ignored = 0, n_passed = 0;
	bool after_dashes = false;
	char *s, *word;

	strscpy(boot_command_line, cmdline, sizeof(boot_command_line));
	strscpy(cmdline_copy, cmdline, sizeof(cmdline_copy));
	s = cmdline_copy;
	while ((word = next_arg(&s))) {
		if (!after_dashes && !strcmp(word, "--")) {
			after_dashes = true;
			continue;
		}
		if (!after_dashes && do_setup(word))
			continue;
		if (unknown_bootoption(word, after_dashes)) {
			if (!after_dashes)
				list_word(passed, sizeof(passed), &n_passed, word);
		} else {
			list_word(ignored, sizeof(ignored), &n_ignored, word);
		}
	}
	if (n_passed)
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  passed);
	if (n_ignored)
		pr_notice("Unknown kernel command line parameters \"%s\", will be ignored.\n",
			  ignored);
}
