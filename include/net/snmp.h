/* SPDX-License-Identifier: MIT */
#ifndef _NET_SNMP_H
#define _NET_SNMP_H

/*
 * The IPv4, ICMP and UDP MIB counters (RFC 4293, 4022, 4113) that
 * /proc/net/snmp prints, with Linux's field names in Linux's order. Each
 * list declares the enum and the names at once.
 *
 * As in Linux, every CPU has its own copy of each MIB and counts into it
 * with one %gs-relative add, so CPUs running the stack at once (two NAPI
 * instances, RPS) never share a counter's cache line nor lose a count;
 * /proc/net/snmp and /proc/net/netstat print the sum over the possible
 * CPUs (snmp_fold_field()). The __ variants are for softirq context (or
 * with softirqs off), the others for any context; on x86 both are the
 * same single instruction, which an interrupt cannot split and which
 * counts on whatever CPU runs it, so a task moving between CPUs between
 * two counts loses neither.
 */
#include <asm/percpu.h>

#define IP_MIB_LIST(X)							\
	X(FORWARDING, "Forwarding") X(DEFAULTTTL, "DefaultTTL")		\
	X(INRECEIVES, "InReceives") X(INHDRERRORS, "InHdrErrors")	\
	X(INADDRERRORS, "InAddrErrors") X(FORWDATAGRAMS, "ForwDatagrams") \
	X(INUNKNOWNPROTOS, "InUnknownProtos") X(INDISCARDS, "InDiscards") \
	X(INDELIVERS, "InDelivers") X(OUTREQUESTS, "OutRequests")	\
	X(OUTDISCARDS, "OutDiscards") X(OUTNOROUTES, "OutNoRoutes")	\
	X(REASMTIMEOUT, "ReasmTimeout") X(REASMREQDS, "ReasmReqds")	\
	X(REASMOKS, "ReasmOKs") X(REASMFAILS, "ReasmFails")		\
	X(FRAGOKS, "FragOKs") X(FRAGFAILS, "FragFails")			\
	X(FRAGCREATES, "FragCreates") X(OUTTRANSMITS, "OutTransmits")

/* Linux keeps these in IpExt (/proc/net/netstat), in this order among its others. */
#define IPEXT_MIB_LIST(X)						\
	X(INTRUNCATEDPKTS, "InTruncatedPkts") X(INMCASTPKTS, "InMcastPkts") \
	X(INBCASTPKTS, "InBcastPkts") X(INCSUMERRORS, "InCsumErrors")

#define ICMP_MIB_LIST(X)						\
	X(INMSGS, "InMsgs") X(INERRORS, "InErrors") X(CSUMERRORS, "InCsumErrors") \
	X(INDESTUNREACHS, "InDestUnreachs") X(INTIMEEXCDS, "InTimeExcds") \
	X(INPARMPROBS, "InParmProbs") X(INSRCQUENCHS, "InSrcQuenchs")	\
	X(INREDIRECTS, "InRedirects") X(INECHOS, "InEchos")		\
	X(INECHOREPS, "InEchoReps") X(INTIMESTAMPS, "InTimestamps")	\
	X(INTIMESTAMPREPS, "InTimestampReps") X(INADDRMASKS, "InAddrMasks") \
	X(INADDRMASKREPS, "InAddrMaskReps") X(OUTMSGS, "OutMsgs")	\
	X(OUTERRORS, "OutErrors") X(OUTRATELIMITGLOBAL, "OutRateLimitGlobal") \
	X(OUTRATELIMITHOST, "OutRateLimitHost") X(OUTDESTUNREACHS, "OutDestUnreachs") \
	X(OUTTIMEEXCDS, "OutTimeExcds") X(OUTPARMPROBS, "OutParmProbs")	\
	X(OUTSRCQUENCHS, "OutSrcQuenchs") X(OUTREDIRECTS, "OutRedirects") \
	X(OUTECHOS, "OutEchos") X(OUTECHOREPS, "OutEchoReps")		\
	X(OUTTIMESTAMPS, "OutTimestamps") X(OUTTIMESTAMPREPS, "OutTimestampReps") \
	X(OUTADDRMASKS, "OutAddrMasks") X(OUTADDRMASKREPS, "OutAddrMaskReps")

#define UDP_MIB_LIST(X)							\
	X(INDATAGRAMS, "InDatagrams") X(NOPORTS, "NoPorts")		\
	X(INERRORS, "InErrors") X(OUTDATAGRAMS, "OutDatagrams")		\
	X(RCVBUFERRORS, "RcvbufErrors") X(SNDBUFERRORS, "SndbufErrors")	\
	X(CSUMERRORS, "InCsumErrors") X(IGNOREDMULTI, "IgnoredMulti")	\
	X(MEMERRORS, "MemErrors")

#define __IP_ENUM(id, name)	IPSTATS_MIB_##id,
#define __IPEXT_ENUM(id, name)	IPSTATS_MIB_##id,
#define __ICMP_ENUM(id, name)	ICMP_MIB_##id,
#define __UDP_ENUM(id, name)	UDP_MIB_##id,

enum { IP_MIB_LIST(__IP_ENUM) IPSTATS_MIB_NR_SNMP, IPEXT_MIB_LIST(__IPEXT_ENUM) IPSTATS_MIB_MAX };
enum { ICMP_MIB_LIST(__ICMP_ENUM) ICMP_MIB_MAX };
enum { UDP_MIB_LIST(__UDP_ENUM) UDP_MIB_MAX };

/* One CPU's copy of a MIB (Linux's struct ipstats_mib, icmp_mib, udp_mib). */
struct ipstats_mib {
	unsigned long	mibs[IPSTATS_MIB_MAX];
};
struct icmp_mib {
	unsigned long	mibs[ICMP_MIB_MAX];
};
struct udp_mib {
	unsigned long	mibs[UDP_MIB_MAX];
};

/* Linux's net->mib.ip_statistics and friends; reflex has one network namespace. */
DECLARE_PER_CPU(struct ipstats_mib, ip_statistics);
DECLARE_PER_CPU(struct icmp_mib, icmp_statistics);
DECLARE_PER_CPU(struct udp_mib, udp_statistics);

#define SNMP_INC_STATS(mib, field)	this_cpu_inc(mib.mibs[field])
#define __SNMP_INC_STATS(mib, field)	__this_cpu_inc(mib.mibs[field])

/* Fields are given without their prefix: __IP_INC_STATS(INRECEIVES). */
#define IP_INC_STATS(field)		SNMP_INC_STATS(ip_statistics, IPSTATS_MIB_##field)
#define __IP_INC_STATS(field)		__SNMP_INC_STATS(ip_statistics, IPSTATS_MIB_##field)
#define ICMP_INC_STATS(field)		SNMP_INC_STATS(icmp_statistics, ICMP_MIB_##field)
#define __ICMP_INC_STATS(field)		__SNMP_INC_STATS(icmp_statistics, ICMP_MIB_##field)
#define UDP_INC_STATS(field)		SNMP_INC_STATS(udp_statistics, UDP_MIB_##field)
#define __UDP_INC_STATS(field)		__SNMP_INC_STATS(udp_statistics, UDP_MIB_##field)

/*
 * Field @offt of a per-CPU MIB (&ip_statistics ...), summed over every
 * possible CPU (Linux's snmp_fold_field(), net/ipv4/af_inet.c). A CPU
 * adding meanwhile is counted or not; no count is ever half seen.
 */
unsigned long snmp_fold_field(const void *mib, int offt);

#define IP_READ_STATS(field)	snmp_fold_field(&ip_statistics, IPSTATS_MIB_##field)
#define ICMP_READ_STATS(field)	snmp_fold_field(&icmp_statistics, ICMP_MIB_##field)
#define UDP_READ_STATS(field)	snmp_fold_field(&udp_statistics, UDP_MIB_##field)

#endif
