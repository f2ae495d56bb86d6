// SPDX-License-Identifier: MIT
/*
 * The two classic inetd services in the kernel, for the kernel console
 * where no user program runs: echo on UDP port 7 (RFC 862: every
 * datagram is sent back to its sender, unchanged) and discard on port 9
 * (RFC 863: every datagram is counted and dropped, which the flood tests
 * use as a sink). Both sit on the udp_port API only. Once user space
 * runs, echo is /bin/udp_echo's (udp_echo_handover()).
 */
#include <linux/kernel.h>
#include <linux/bottom_half.h>
#include <net/udp.h>

#define ECHO_PORT	7
#define DISCARD_PORT	9

static int echo_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	udp_sendto(ECHO_PORT, saddr, ntohs(sport), skb->data, skb->len);
	consume_skb(skb);
	return 0;
}

static int discard_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	consume_skb(skb);
	return 0;
}

static struct udp_port echo_port = { .port = ECHO_PORT, .rcv = echo_rcv };
static struct udp_port discard_port = { .port = DISCARD_PORT, .rcv = discard_rcv };

int udp_echo_init(void)
{
	int err = udp_port_bind(&echo_port);

	return err ?: udp_port_bind(&discard_port);
}

/*
 * Once user space runs, the echo service is a user program (/bin/udp_echo,
 * started by init): the kernel's gives port 7 up to it.
 */
void udp_echo_handover(void)
{
	local_bh_disable();
	udp_port_unbind(&echo_port);
	local_bh_enable();
}
