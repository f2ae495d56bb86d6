#!/usr/bin/env python3
"""framepeer: a host-side Ethernet peer for a guest NIC on QEMU's dgram netdev.

QEMU carries each Ethernet frame as one UDP datagram between two host
sockets when the NIC's backend is

    -netdev dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=Q,
            remote.type=inet,remote.host=127.0.0.1,remote.port=P

(QEMU 7.2+, qapi/net.json NetdevDgramOptions): QEMU receives on Q and sends
to P. framepeer owns P: it builds raw frames (ARP, ICMP echo, UDP, anything
malformed), sends them to Q, reads the guest's frames from P, answers the
guest's ARP requests for its own address, and floods at a chosen rate.
Standard library only.

As a program:
    framepeer.py --qemu-port Q --port P arp
    framepeer.py --qemu-port Q --port P ping [COUNT]
    framepeer.py --qemu-port Q --port P udp [SIZE ...]
    framepeer.py --qemu-port Q --port P flood COUNT RATE
"""
import argparse
import os
import random
import socket
import struct
import sys
import time

ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
BROADCAST = b"\xff" * 6


def mac_bytes(text):
    return bytes(int(x, 16) for x in text.split(":"))


def mac_text(b):
    return ":".join("%02x" % x for x in b)


def ip_bytes(text):
    return socket.inet_aton(text)


def checksum(data):
    """The Internet checksum (RFC 1071) of data, as the 16-bit value to store."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(dst, src, ethertype, payload):
    return dst + src + struct.pack("!H", ethertype) + payload


def arp(op, sha, sip, tha, tip, hrd=1):
    """An ARP packet; hrd 1 is Ethernet, 6 IEEE 802 (which Ethernet hosts accept too)."""
    return struct.pack("!HHBBH", hrd, ETH_P_IP, 6, 4, op) + sha + sip + tha + tip


def ipv4(src, dst, proto, payload, ident=0, ttl=64, flags_frag=0, version=4, ihl=5,
         tot_len=None, csum=None):
    """An IPv4 header + payload; any field can be forced wrong for the malformed tests."""
    opts = b"\0" * max(0, (ihl - 5) * 4)
    if tot_len is None:
        tot_len = 20 + len(opts) + len(payload)
    hdr = struct.pack("!BBHHHBBH4s4s", (version << 4) | (ihl & 0xF), 0, tot_len & 0xFFFF,
                      ident & 0xFFFF, flags_frag, ttl, proto, 0, src, dst) + opts
    c = checksum(hdr) if csum is None else csum
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def icmp_echo(ident, seq, data, type_=8, csum=None):
    msg = struct.pack("!BBHHH", type_, 0, 0, ident, seq) + data
    c = checksum(msg) if csum is None else csum
    return msg[:2] + struct.pack("!H", c) + msg[4:]


def udp(src_ip, dst_ip, sport, dport, data, csum=True, length=None):
    ulen = 8 + len(data) if length is None else length
    hdr = struct.pack("!HHHH", sport, dport, ulen & 0xFFFF, 0)
    if csum is True:
        pseudo = src_ip + dst_ip + struct.pack("!BBH", 0, 17, 8 + len(data))
        c = checksum(pseudo + hdr + data) or 0xFFFF
    else:
        c = csum or 0
    return hdr[:6] + struct.pack("!H", c) + data


TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def tcp(src_ip, dst_ip, sport, dport, seq, ack, flags, data=b"", window=65535, options=b"",
        csum=None, doff=None):
    """A TCP segment; the checksum (over the pseudo-header) and doff can be forced wrong."""
    options += b"\0" * (-len(options) % 4)
    doff = (20 + len(options)) // 4 if doff is None else doff
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      doff << 4, flags, window, 0, 0) + options
    seg = hdr + data
    if csum is None:
        csum = checksum(src_ip + dst_ip + struct.pack("!BBH", 0, 6, len(seg)) + seg)
    return seg[:16] + struct.pack("!H", csum) + seg[18:]


def tcp_mss_option(mss):
    return struct.pack("!BBH", 2, 4, mss)


def parse(frame):
    """A received frame as a dict: eth fields, and arp/ip/icmp/udp where present."""
    out = {"dst": frame[0:6], "src": frame[6:12], "type": struct.unpack("!H", frame[12:14])[0]}
    body = frame[14:]
    if out["type"] == ETH_P_ARP and len(body) >= 28:
        op, = struct.unpack("!H", body[6:8])
        out["arp"] = {"op": op, "hrd": struct.unpack("!H", body[0:2])[0],
                      "sha": body[8:14], "sip": body[14:18],
                      "tha": body[18:24], "tip": body[24:28]}
    elif out["type"] == ETH_P_IP and len(body) >= 20:
        ihl = (body[0] & 0xF) * 4
        tot_len, = struct.unpack("!H", body[2:4])
        ip = {"proto": body[9], "src": body[12:16], "dst": body[16:20],
              "csum_ok": checksum(body[:ihl]) == 0, "id": struct.unpack("!H", body[4:6])[0]}
        out["ip"] = ip
        l4 = body[ihl:tot_len]
        if ip["proto"] == 1 and len(l4) >= 8:
            t, code, c, ident, seq = struct.unpack("!BBHHH", l4[:8])
            out["icmp"] = {"type": t, "code": code, "id": ident, "seq": seq, "data": l4[8:],
                           "csum_ok": checksum(l4) == 0}
        elif ip["proto"] == 17 and len(l4) >= 8:
            sport, dport, ulen, c = struct.unpack("!HHHH", l4[:8])
            pseudo = ip["src"] + ip["dst"] + struct.pack("!BBH", 0, 17, ulen)
            out["udp"] = {"sport": sport, "dport": dport, "data": l4[8:ulen],
                          "csum_ok": c == 0 or checksum(pseudo + l4[:ulen]) == 0}
        elif ip["proto"] == 6 and len(l4) >= 20:
            sport, dport, seq, ack, off, flags, win = struct.unpack("!HHIIBBH", l4[:16])
            doff = (off >> 4) * 4
            opts, mss = l4[20:doff], None
            i = 0
            while i < len(opts) and opts[i] != 0:
                if opts[i] == 1:
                    i += 1
                    continue
                if i + 1 >= len(opts) or opts[i + 1] < 2:
                    break
                if opts[i] == 2 and opts[i + 1] == 4:
                    mss, = struct.unpack("!H", opts[i + 2:i + 4])
                i += opts[i + 1]
            pseudo = ip["src"] + ip["dst"] + struct.pack("!BBH", 0, 6, len(l4))
            out["tcp"] = {"sport": sport, "dport": dport, "seq": seq, "ack": ack, "flags": flags,
                          "window": win, "mss": mss, "data": l4[doff:],
                          "csum_ok": checksum(pseudo + l4) == 0}
    return out


def free_udp_port():
    """A port the OS says is free now (QEMU binds it a moment later; callers retry on failure)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def host_udp_drops(port):
    """The kernel's drop count for the host UDP socket bound to 127.0.0.1:port (/proc/net/udp)."""
    want = "0100007F:%04X" % port
    try:
        with open("/proc/net/udp") as f:
            for line in f.readlines()[1:]:
                cols = line.split()
                if cols[1] == want:
                    return int(cols[-1])
    except OSError:
        pass
    return 0


class Peer:
    """One end of the dgram link: this host's MAC and IP, the guest's."""

    def __init__(self, qemu_port=None, port=0, my_mac="52:54:00:aa:bb:cc", my_ip="10.0.2.2",
                 guest_mac="52:54:00:12:34:56", guest_ip="10.0.2.15"):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE (root)
        except OSError:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]
        self.qemu_port = qemu_port or free_udp_port()
        self.mac, self.ip = mac_bytes(my_mac), ip_bytes(my_ip)
        self.guest_mac, self.guest_ip = mac_bytes(guest_mac), ip_bytes(guest_ip)
        self.sent = 0
        self.arp_answered = 0
        self.backlog = []

    def netdev(self, ident="n0"):
        return ("dgram,id=%s,local.type=inet,local.host=127.0.0.1,local.port=%d,"
                "remote.type=inet,remote.host=127.0.0.1,remote.port=%d"
                % (ident, self.qemu_port, self.port))

    def send(self, frame):
        self.sock.sendto(frame, ("127.0.0.1", self.qemu_port))
        self.sent += 1

    def _answer_arp(self, f):
        a = f.get("arp")
        if a and a["op"] == 1 and a["tip"] == self.ip:
            self.send(eth(a["sha"], self.mac, ETH_P_ARP, arp(2, self.mac, self.ip, a["sha"], a["sip"])))
            self.arp_answered += 1
            return True
        return False

    def recv(self, timeout=1.0, match=None):
        """The next guest frame (parsed) that match() accepts; ARP requests for us are answered."""
        for i, f in enumerate(self.backlog):
            if match is None or match(f):
                return self.backlog.pop(i)
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data, _ = self.sock.recvfrom(65536)
            except socket.timeout:
                return None
            f = parse(data)
            f["raw"] = data
            if self._answer_arp(f):
                continue
            if match is None or match(f):
                return f
            self.backlog.append(f)
            del self.backlog[:-256]

    def drain(self, timeout=0.2):
        """Reads what is waiting; returns the frames."""
        out = []
        while True:
            f = self.recv(timeout)
            if f is None:
                return out
            out.append(f)

    # --- what the tests send -------------------------------------------------
    def to_guest(self, ethertype, payload, dst=None):
        return eth(dst or self.guest_mac, self.mac, ethertype, payload)

    def arp_request(self):
        return self.to_guest(ETH_P_ARP, arp(1, self.mac, self.ip, b"\0" * 6, self.guest_ip),
                             dst=BROADCAST)

    def icmp_frame(self, ident, seq, data, **kw):
        return self.to_guest(ETH_P_IP, ipv4(self.ip, self.guest_ip, 1, icmp_echo(ident, seq, data), **kw))

    def udp_frame(self, sport, dport, data, csum=True, **kw):
        return self.to_guest(ETH_P_IP, ipv4(self.ip, self.guest_ip, 17,
                                            udp(self.ip, self.guest_ip, sport, dport, data, csum), **kw))

    def tcp_frame(self, sport, dport, seq, ack, flags, data=b"", **kw):
        return self.to_guest(ETH_P_IP, ipv4(self.ip, self.guest_ip, 6,
                                            tcp(self.ip, self.guest_ip, sport, dport, seq, ack, flags,
                                                data, **kw)))

    def ip_frame(self, src, dst, proto, payload, eth_dst=None):
        """An IPv4 packet from any source to any destination (dotted quads), in a frame to
        the guest's MAC unless eth_dst says otherwise."""
        return self.to_guest(ETH_P_IP, ipv4(ip_bytes(src), ip_bytes(dst), proto, payload), dst=eth_dst)

    def icmp_from(self, src, dst, ident, seq, eth_dst=None):
        return self.ip_frame(src, dst, 1, icmp_echo(ident, seq, b"martian?"), eth_dst)

    def udp_from(self, src, dst, sport, dport, data, eth_dst=None):
        return self.ip_frame(src, dst, 17, udp(ip_bytes(src), ip_bytes(dst), sport, dport, data), eth_dst)

    def arp_frame(self, op, sip, tip, sha=None, tha=None, hrd=1, eth_dst=None):
        """An ARP request (op 1) or reply (op 2) with the given sender and target (dotted quads)."""
        sha = sha or self.mac
        tha = tha or (self.guest_mac if op == 2 else b"\0" * 6)
        return eth(eth_dst or (BROADCAST if op == 1 else self.guest_mac), sha, ETH_P_ARP,
                   arp(op, sha, ip_bytes(sip), tha, ip_bytes(tip), hrd))

    def arp_resolve(self, timeout=2.0):
        self.send(self.arp_request())
        return self.recv(timeout, lambda f: "arp" in f and f["arp"]["op"] == 2)

    def ping(self, ident, seq, data, timeout=2.0):
        self.send(self.icmp_frame(ident, seq, data))
        return self.recv(timeout, lambda f: "icmp" in f and f["icmp"]["type"] == 0
                         and f["icmp"]["id"] == ident and f["icmp"]["seq"] == seq)

    def flood(self, frame, count, rate, on_batch=None):
        """Sends frame count times at about rate frames/s; returns the seconds taken."""
        start = time.monotonic()
        batch = max(1, min(256, rate // 100))
        sent = 0
        while sent < count:
            n = min(batch, count - sent)
            for _ in range(n):
                self.sock.sendto(frame, ("127.0.0.1", self.qemu_port))
            sent += n
            self.sent += n
            ahead = sent / rate - (time.monotonic() - start)
            if ahead > 0:
                time.sleep(ahead)
            if on_batch:
                on_batch(sent)
        return time.monotonic() - start

    def host_drops(self):
        """Frames the host kernel dropped at QEMU's socket (before the NIC saw them)."""
        return host_udp_drops(self.qemu_port)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--qemu-port", type=int, required=True, help="QEMU's local.port")
    ap.add_argument("--port", type=int, required=True, help="QEMU's remote.port (ours)")
    ap.add_argument("--guest-ip", default="10.0.2.15")
    ap.add_argument("--guest-mac", default="52:54:00:12:34:56")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("arp")
    p = sub.add_parser("ping")
    p.add_argument("count", type=int, nargs="?", default=4)
    p = sub.add_parser("udp")
    p.add_argument("sizes", type=int, nargs="*", default=[0, 1, 64, 1472])
    p.add_argument("--dport", type=int, default=7)
    p = sub.add_parser("flood")
    p.add_argument("count", type=int)
    p.add_argument("rate", type=int)
    p.add_argument("--dport", type=int, default=9)
    a = ap.parse_args()
    peer = Peer(a.qemu_port, a.port, guest_ip=a.guest_ip, guest_mac=a.guest_mac)
    if a.cmd == "arp":
        f = peer.arp_resolve()
        print("no reply" if f is None else "%s is at %s" % (a.guest_ip, mac_text(f["arp"]["sha"])))
    elif a.cmd == "ping":
        ok = 0
        for seq in range(a.count):
            t = time.monotonic()
            f = peer.ping(0x1234, seq, os.urandom(56))
            if f:
                ok += 1
                print("reply seq=%d time=%.2f ms" % (seq, (time.monotonic() - t) * 1000))
            else:
                print("seq=%d: no reply" % seq)
        print("%d/%d answered" % (ok, a.count))
    elif a.cmd == "udp":
        for size in a.sizes:
            data = os.urandom(size)
            peer.send(peer.udp_frame(40000, a.dport, data))
            f = peer.recv(2.0, lambda f: "udp" in f and f["udp"]["dport"] == 40000)
            print("%d bytes: %s" % (size, "echoed intact" if f and f["udp"]["data"] == data
                                    else "no reply" if f is None else "echo differs"))
    elif a.cmd == "flood":
        frame = peer.udp_frame(40001, a.dport, b"x" * 18)
        secs = peer.flood(frame, a.count, a.rate)
        print("sent %d frames in %.2f s; host drops at QEMU's socket: %d"
              % (a.count, secs, peer.host_drops()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
