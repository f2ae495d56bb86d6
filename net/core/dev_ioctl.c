// SPDX-License-Identifier: MIT
/*
 * The interface ioctls a socket takes, as Linux's net/core/dev_ioctl.c
 * and devinet_ioctl(): SIOCGIFCONF (the interfaces with an IPv4
 * address), and by name SIOCGIFFLAGS, SIOCGIFINDEX, SIOCGIFMTU,
 * SIOCGIFHWADDR, SIOCGIFNAME (by index), and on AF_INET sockets
 * SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR - what busybox's ifconfig
 * asks. Reading only: no SIOCS* (-EPERM would be a lie; they are
 * -ENOTTY, as an unknown ioctl).
 */
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/uaccess.h>
#include <linux/socket.h>
#include <linux/in.h>
#include <net/ip.h>

#define SIOCGIFNAME	0x8910
#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCGIFADDR	0x8915
#define SIOCGIFBRDADDR	0x8919
#define SIOCGIFNETMASK	0x891b
#define SIOCGIFMTU	0x8921
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFINDEX	0x8933

#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772

struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr	ifr_addr;
		short		ifr_flags;
		int		ifr_ifindex;
		int		ifr_mtu;
		char		ifr_pad[24];
	};
};

struct ifconf {
	int		ifc_len;
	char __user	*ifc_buf;
};

struct sockaddr_in_k {
	sa_family_t	sin_family;
	__be16		sin_port;
	__be32		sin_addr;
	u8		sin_zero[8];
};

/* A device's IPv4 address, netmask and broadcast; false when it has none. */
static bool dev_inet_addr(struct net_device *dev, __be32 *addr, __be32 *mask, __be32 *brd)
{
	if (dev->flags & IFF_LOOPBACK) {
		*addr = htonl(INADDR_LOOPBACK);
		*mask = htonl(0xff000000);
		*brd = 0;
		return true;
	}
	if (dev != ic_dev || !ic_myaddr)
		return false;
	*addr = ic_myaddr;
	*mask = ic_netmask;
	*brd = ic_broadcast();
	return true;
}

static void set_inet(struct sockaddr *sa, __be32 addr)
{
	struct sockaddr_in_k *sin = (struct sockaddr_in_k *)sa;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr = addr;
}

struct ifconf_walk {
	struct ifconf	ifc;
	int		done;
	int		err;
};

static void ifconf_one(struct net_device *dev, void *arg)
{
	struct ifconf_walk *w = arg;
	__be32 addr, mask, brd;
	struct ifreq ifr;

	if (w->err || !dev_inet_addr(dev, &addr, &mask, &brd))
		return;
	if (w->ifc.ifc_buf) {
		if (w->done + (int)sizeof(ifr) > w->ifc.ifc_len)
			return;
		memset(&ifr, 0, sizeof(ifr));
		strscpy(ifr.ifr_name, dev->name, IFNAMSIZ);
		set_inet(&ifr.ifr_addr, addr);
		if (copy_to_user(w->ifc.ifc_buf + w->done, &ifr, sizeof(ifr)))
			w->err = -EFAULT;
	}
	w->done += sizeof(ifr);
}

static int dev_ifconf(struct ifconf __user *uifc)
{
	struct ifconf_walk w = { 0 };

	if (copy_from_user(&w.ifc, uifc, sizeof(w.ifc)))
		return -EFAULT;
	dev_for_each(ifconf_one, &w);
	if (w.err)
		return w.err;
	return put_user(w.done, &uifc->ifc_len) ? -EFAULT : 0;
}

/* The calls on one named interface; @inet: asked through an AF_INET socket. */
static int dev_ifreq(unsigned int cmd, struct ifreq *ifr, bool inet)
{
	struct net_device *dev;
	__be32 addr, mask, brd;

	if (cmd == SIOCGIFNAME) {
		dev = dev_get_by_index(ifr->ifr_ifindex);
		if (!dev)
			return -ENODEV;
		strscpy(ifr->ifr_name, dev->name, IFNAMSIZ);
		return 0;
	}
	ifr->ifr_name[IFNAMSIZ - 1] = 0;
	dev = dev_get_by_name(ifr->ifr_name);
	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFFLAGS:
		ifr->ifr_flags = dev->flags;
		return 0;
	case SIOCGIFINDEX:
		ifr->ifr_ifindex = dev->ifindex;
		return 0;
	case SIOCGIFMTU:
		ifr->ifr_mtu = dev->mtu;
		return 0;
	case SIOCGIFHWADDR:
		memset(&ifr->ifr_addr, 0, sizeof(ifr->ifr_addr));
		ifr->ifr_addr.sa_family = (dev->flags & IFF_LOOPBACK) ? ARPHRD_LOOPBACK : ARPHRD_ETHER;
		memcpy(ifr->ifr_addr.sa_data, dev->dev_addr, ETH_ALEN);
		return 0;
	}
	if (!inet)
		return -ENOTTY;
	if (!dev_inet_addr(dev, &addr, &mask, &brd))
		return -EADDRNOTAVAIL;
	set_inet(&ifr->ifr_addr, cmd == SIOCGIFADDR ? addr : cmd == SIOCGIFNETMASK ? mask : brd);
	return 0;
}

int dev_ioctl(unsigned int cmd, void __user *arg, bool inet)
{
	struct ifreq ifr;
	int err;

	switch (cmd) {
	case SIOCGIFCONF:
		return dev_ifconf(arg);
	case SIOCGIFNAME: case SIOCGIFFLAGS: case SIOCGIFINDEX: case SIOCGIFMTU:
	case SIOCGIFHWADDR: case SIOCGIFADDR: case SIOCGIFNETMASK: case SIOCGIFBRDADDR:
		break;
	default:
		return -ENOTTY;
	}
	if (copy_from_user(&ifr, arg, sizeof(ifr)))
		return -EFAULT;
	err = dev_ifreq(cmd, &ifr, inet);
	if (!err && copy_to_user(arg, &ifr, sizeof(ifr)))
		err = -EFAULT;
	return err;
}
