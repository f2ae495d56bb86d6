// SPDX-License-Identifier: MIT
/*
 * The interface's address from the kernel command line, in Linux's ip=
 * syntax (Documentation/admin-guide/nfs/nfsroot.rst):
 *
 *   ip=<client-ip>:<server-ip>:<gw-ip>:<netmask>:<hostname>:<device>:<autoconf>...
 *
 * reflex uses the client address, gateway and netmask (an empty netmask
 * is the address's class default, as Linux derives it); the hostname,
 * device and DNS fields are accepted and ignored; autoconfiguration
 * (dhcp, bootp, rarp) is not implemented and falls back to the default.
 * ip=off or ip=none leaves the interface unconfigured. Without ip= the
 * address is QEMU user networking's: 10.0.2.15/24, gateway 10.0.2.2.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/inet.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/seq_file.h>
#include <net/ip.h>

__be32 ic_myaddr, ic_netmask, ic_gateway;
struct net_device *ic_dev;

static const char *ic_param;

static int __init ip_auto_config_setup(char *arg)
{
	ic_param = arg;
	return 0;
}
__setup("ip=", ip_auto_config_setup);

/* RFC 791's classes, which Linux still uses when no netmask is given. */
static __be32 ic_default_mask(__be32 addr)
{
	u32 a = ntohl(addr);

	if (!(a & 0x80000000))
		return htonl(0xff000000);
	if ((a & 0xc0000000) == 0x80000000)
		return htonl(0xffff0000);
	return htonl(0xffffff00);
}

static bool ic_is_autoconf_word(const char *s, size_t len)
{
	static const char * const words[] = { "on", "any", "dhcp", "bootp", "rarp", "both" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == len && !strncmp(s, words[i], len))
			return true;
	return false;
}

/* One address field ending at ':' or the end: 1 parsed, 0 empty, -EINVAL. */
static int ic_parse_addr(const char **s, __be32 *out)
{
	const char *end = *s;
	int parsed = 0;
	u8 b[4];

	if (*end && *end != ':') {
		if (!in4_pton(*s, -1, b, ':', &end))
			return -EINVAL;
		memcpy(out, b, 4);
		parsed = 1;
	}
	*s = *end == ':' ? end + 1 : end;
	return parsed;
}

int ic_parse_param(const char *s, struct ic_config *cfg)
{
	__be32 *field[] = { &cfg->addr, &cfg->server, &cfg->gw, &cfg->mask };
	int i, parsed = 0;

	if (!strcmp(s, "off") || !strcmp(s, "none")) {
		cfg->off = true;
		return 0;
	}
	if (ic_is_autoconf_word(s, strlen(s)))
		return -EOPNOTSUPP;
	cfg->off = false;
	for (i = 0; i < 4; i++) {
		parsed = ic_parse_addr(&s, field[i]);
		if (parsed < 0 || (i == 0 && !parsed))
			return -EINVAL;
	}
	if (!parsed)	/* no netmask: the address's class decides */
		cfg->mask = ic_default_mask(cfg->addr);
	return 0;
}

static void ic_print(struct net_device *dev)
{
	char a[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN], ha[18];

	pr_info("IP-Config: Complete:\n");
	pr_info("     device=%s, hwaddr=%s, ipaddr=%s, mask=%s, gw=%s\n", dev->name,
		eth_addr_str(ha, dev->dev_addr), in_ntoa(a, ic_myaddr),
		in_ntoa(m, ic_netmask), in_ntoa(g, ic_gateway));
}

/* Linux's late_initcall: configure the first device that came up. */
int ip_auto_config(void)
{
	struct ic_config cfg = {
		.addr = htonl(0x0a00020f), .gw = htonl(0x0a000202), .mask = htonl(0xffffff00),
	};
	struct net_device *dev = first_net_device();
	int err = 0;

	if (ic_param) {
		struct ic_config want = { 0 };

		err = ic_parse_param(ic_param, &want);
		if (err == -EOPNOTSUPP)
			pr_warn("IP-Config: autoconfiguration (ip=%s) not supported, using the default\n",
				ic_param);
		else if (err)
			pr_warn("IP-Config: malformed ip=%s, using the default\n", ic_param);
		else
			cfg = want;
	}
	if (cfg.off) {
		pr_info("IP-Config: off (ip=%s)\n", ic_param);
		return 0;
	}
	if (!dev) {
		pr_info("IP-Config: No network devices available\n");
		return -ENODEV;
	}
	ic_dev = dev;
	ic_myaddr = cfg.addr;
	ic_netmask = cfg.mask;
	ic_gateway = cfg.gw;
	ic_print(dev);
	return err;
}

/* The interface as net-tools' ifconfig prints it, for the kernel console. */
void ic_ifconfig_show(struct seq_file *m)
{
	char a[INET_ADDRSTRLEN], mk[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN], ha[18];
	struct net_device *dev = ic_dev ? ic_dev : first_net_device();
	struct rtnl_link_stats64 s;

	if (!dev) {
		seq_puts(m, "no network devices\n");
		return;
	}
	dev_get_stats(dev, &s);
	seq_printf(m, "%s: flags=%u<%s%s%s%s>  mtu %u\n", dev->name, dev->flags,
		   dev->flags & IFF_UP ? "UP," : "", dev->flags & IFF_BROADCAST ? "BROADCAST," : "",
		   dev->flags & IFF_RUNNING ? "RUNNING," : "",
		   dev->flags & IFF_MULTICAST ? "MULTICAST" : "", dev->mtu);
	if (dev == ic_dev && ic_myaddr)
		seq_printf(m, "        inet %s  netmask %s  broadcast %s\n", in_ntoa(a, ic_myaddr),
			   in_ntoa(mk, ic_netmask), in_ntoa(b, ic_myaddr | ~ic_netmask));
	seq_printf(m, "        ether %s  (Ethernet)\n", eth_addr_str(ha, dev->dev_addr));
	seq_printf(m, "        RX packets %llu  bytes %llu\n", s.rx_packets, s.rx_bytes);
	seq_printf(m, "        RX errors %llu  dropped %llu  overruns %llu  frame %llu\n", s.rx_errors,
		   s.rx_dropped + s.rx_missed_errors, s.rx_over_errors, s.rx_frame_errors);
	seq_printf(m, "        TX packets %llu  bytes %llu\n", s.tx_packets, s.tx_bytes);
	seq_printf(m, "        TX errors %llu  dropped %llu  collisions %llu\n", s.tx_errors,
		   s.tx_dropped, s.collisions);
	seq_printf(m, "        device interrupt %d\n", dev->irq);
}
