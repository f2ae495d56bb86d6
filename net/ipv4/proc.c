// SPDX-License-Identifier: MIT
/*
 * /proc/net/snmp and /proc/net/netstat in Linux's layout: for each MIB a
 * line of field names and a line of values, both prefixed "Ip:",
 * "Icmp:", "Tcp:", "Udp:" (snmp) or "IpExt:" (netstat, the few fields reflex
 * keeps of Linux's many). Each value is the counter summed over every
 * possible CPU; Forwarding and DefaultTTL are settings, as in Linux:
 * 2 ("not forwarding", RFC 4293) and the default TTL.
 */
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/snmp.h>
#include <net/ip.h>
#include <net/tcp.h>

#define __MIB_NAME(id, name)	name,

static const char * const ip_mib_names[] = { IP_MIB_LIST(__MIB_NAME) };
static const char * const ipext_mib_names[] = { IPEXT_MIB_LIST(__MIB_NAME) };
static const char * const icmp_mib_names[] = { ICMP_MIB_LIST(__MIB_NAME) };
static const char * const udp_mib_names[] = { UDP_MIB_LIST(__MIB_NAME) };
static const char * const tcp_mib_names[] = { TCP_MIB_LIST(__MIB_NAME) };

/* Tcp's first four are RFC 4022 constants: RTO algorithm "other" (RFC 6298), its bounds in ms, no limit. */
static long tcp_mib_constant(int field)
{
	static const long v[] = { 1, TCP_RTO_MIN * 1000 / HZ, TCP_RTO_MAX * 1000 / HZ, -1 };

	return v[field];
}

/* Fields [@first, @first + @n) of the per-CPU @mib, with @names[0..n). */
static void mib_print(struct seq_file *seq, const char *prefix, const char * const *names,
		      const void *mib, int first, int n)
{
	int i;

	seq_printf(seq, "%s:", prefix);
	for (i = 0; i < n; i++)
		seq_printf(seq, " %s", names[i]);
	seq_printf(seq, "\n%s:", prefix);
	for (i = 0; i < n; i++) {
		int field = first + i;

		if (mib == &ip_statistics && field == IPSTATS_MIB_FORWARDING)
			seq_printf(seq, " %d", 2);
		else if (mib == &ip_statistics && field == IPSTATS_MIB_DEFAULTTTL)
			seq_printf(seq, " %d", IPDEFTTL);
		else if (mib == &tcp_statistics && field <= TCP_MIB_MAXCONN)
			seq_printf(seq, " %ld", tcp_mib_constant(field));
		else if (mib == &tcp_statistics && field == TCP_MIB_CURRESTAB)
			seq_printf(seq, " %ld", (long)snmp_fold_field(mib, field));
		else
			seq_printf(seq, " %lu", snmp_fold_field(mib, field));
	}
	seq_putc(seq, '\n');
}

static int snmp_seq_show(struct seq_file *seq, void *v)
{
	mib_print(seq, "Ip", ip_mib_names, &ip_statistics, 0, ARRAY_SIZE(ip_mib_names));
	mib_print(seq, "Icmp", icmp_mib_names, &icmp_statistics, 0, ARRAY_SIZE(icmp_mib_names));
	mib_print(seq, "Tcp", tcp_mib_names, &tcp_statistics, 0, ARRAY_SIZE(tcp_mib_names));
	mib_print(seq, "Udp", udp_mib_names, &udp_statistics, 0, ARRAY_SIZE(udp_mib_names));
	return 0;
}

static int netstat_seq_show(struct seq_file *seq, void *v)
{
	mib_print(seq, "IpExt", ipext_mib_names, &ip_statistics, IPSTATS_MIB_NR_SNMP + 1,
		  ARRAY_SIZE(ipext_mib_names));
	return 0;
}

int ip_misc_proc_init(void)
{
	int err = proc_create_single("net/snmp", snmp_seq_show);

	return err ?: proc_create_single("net/netstat", netstat_seq_show);
}
