/* SPDX-License-Identifier: MIT */
#ifndef _NET_SNMP_H
#define _NET_SNMP_H

/*
 * The IPv4, ICMP and UDP MIB counters (RFC 4293, 4022, 4113) that
 * /proc/net/snmp prints, with Linux's field names in Linux's order. Each
 * list declares the enum and the names at once. Counters are plain: the
 * network runs on the boot CPU (see net/core/skbuff.c).
 */
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

extern unsigned long ip_mib[IPSTATS_MIB_MAX];
extern unsigned long icmp_mib[ICMP_MIB_MAX];
extern unsigned long udp_mib[UDP_MIB_MAX];

/*
 * Linux keeps these per CPU and sums them when read; reflex keeps one
 * copy and adds atomically, since with RPS the stack runs on several
 * CPUs at once and a plain increment could lose a count.
 */
#define __SNMP_INC(mib)			__atomic_fetch_add(&(mib), 1, __ATOMIC_RELAXED)
#define __IP_INC_STATS(field)		__SNMP_INC(ip_mib[IPSTATS_MIB_##field])
#define __ICMP_INC_STATS(field)		__SNMP_INC(icmp_mib[ICMP_MIB_##field])
#define __UDP_INC_STATS(field)		__SNMP_INC(udp_mib[UDP_MIB_##field])

#endif
