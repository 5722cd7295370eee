// UDP socket calls: the port table (udp_lib_get_port, udp_lib_lport_inuse,
// __udp4_lib_lookup's scoring), bind (__inet_bind), connect
// (__ip4_datagram_connect) and disconnect, socket options, recvmsg
// (udp_recvmsg, __skb_recv_udp) and poll (udp_poll).
#include <netinet/udp.h>

#include <algorithm>
#include <cstring>

#include "ipv4/ip.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"
#include "transport/udp.h"
#include "wire/be.h"

namespace skbox {

namespace {

constexpr uint32_t kSockMinRcvbuf = 2048 + 256;  // SOCK_MIN_RCVBUF (TCP_SKB_MIN_TRUESIZE)
constexpr uint32_t kSockMinSndbuf = 2 * kSockMinRcvbuf;

// inet_rcv_saddr_equal with match_wildcard: a wildcard matches everything.
bool rcv_saddr_equal(const UdpSock* a, const UdpSock* b) {
  return a->rcv_saddr.is_any() || b->rcv_saddr.is_any() || a->rcv_saddr == b->rcv_saddr;
}

// sk2 stops sk from using sk2's port (udp_lib_lport_inuse's test).
bool conflicts(const UdpSock* sk, const UdpSock* sk2) {
  if (sk2 == sk) return false;
  if (sk2->reuse && sk->reuse) return false;
  if (sk2->bound_dev_if && sk->bound_dev_if && sk2->bound_dev_if != sk->bound_dev_if) return false;
  if (!rcv_saddr_equal(sk, sk2)) return false;
  return !(sk2->reuseport && sk->reuseport && sk2->uid == sk->uid);
}

// compute_score
int compute_score(const UdpSock* s, Ipv4Addr saddr, uint16_t sport, Ipv4Addr daddr, int dif) {
  int score = 2;  // PF_INET
  if (!s->rcv_saddr.is_any()) {
    if (s->rcv_saddr != daddr) return -1;
    score += 4;
  }
  if (!s->daddr.is_any()) {
    if (s->daddr != saddr) return -1;
    score += 4;
  }
  if (s->dport) {
    if (s->dport != sport) return -1;
    score += 4;
  }
  if (s->bound_dev_if) {
    if (s->bound_dev_if != dif) return -1;
    score += 4;
  }
  return score;
}

}  // namespace

bool UdpTable::lport_inuse(const UdpSock* s, uint16_t port) const {
  auto it = ports_.find(port);
  if (it == ports_.end()) return false;
  for (const UdpSock* s2 : it->second)
    if (conflicts(s, s2)) return true;
  return false;
}

int UdpTable::get_port(UdpSock* s, uint16_t snum) {
  if (!snum) {
    const int low = net_.ipv4.ip_local_port_range[0], high = net_.ipv4.ip_local_port_range[1];
    const uint32_t remaining = static_cast<uint32_t>(high - low) + 1;
    uint32_t rand = net_.world.rng.next_u32();
    uint16_t first = static_cast<uint16_t>(((uint64_t(rand) * remaining) >> 32) + low);
    // Steps of an odd multiple of the table size visit every port of one
    // hash chain in a random order; then the next chain.
    rand = (rand | 1) * kSlots;
    const uint16_t last = static_cast<uint16_t>(first + kSlots);
    bool found = false;
    do {
      uint16_t p = first;
      do {
        if (low <= p && p <= high && !lport_inuse(s, p)) {
          snum = p;
          found = true;
          break;
        }
        p = static_cast<uint16_t>(p + rand);
      } while (p != first);
    } while (!found && ++first != last);
    if (!found) return -EADDRINUSE;
  } else if (lport_inuse(s, snum)) {
    return -EADDRINUSE;
  }
  s->num = snum;
  auto& v = ports_[snum];
  v.insert(v.begin(), s);  // hlist_add_head: newest first
  return 0;
}

void UdpTable::unhash(UdpSock* s) {
  if (!s->num) return;
  auto it = ports_.find(s->num);
  if (it != ports_.end()) {
    auto& v = it->second;
    v.erase(std::remove(v.begin(), v.end(), s), v.end());
    if (v.empty()) ports_.erase(it);
  }
  s->num = 0;
}

UdpSock* UdpTable::lookup(Ipv4Addr saddr, uint16_t sport, Ipv4Addr daddr, uint16_t dport, int dif) const {
  auto it = ports_.find(dport);
  if (it == ports_.end()) return nullptr;
  UdpSock* best = nullptr;
  int best_score = 0;
  uint32_t matches = 0;
  // reuseport_select_sock: the flow's hash picks one of the group.
  const uint32_t hash = (saddr.v * 0x9E3779B1u) ^ (uint32_t(sport) << 16 | dport) * 0x85EBCA6Bu ^ daddr.v;
  for (UdpSock* s : it->second) {
    const int score = compute_score(s, saddr, sport, daddr, dif);
    if (score > best_score) {
      best = s;
      best_score = score;
      matches = 1;
    } else if (score == best_score && score > 0 && s->reuseport && best->reuseport) {
      // Reservoir choice among equals, driven by the flow hash.
      ++matches;
      if ((hash ^ (matches * 0x27D4EB2Du)) % matches == 0) best = s;
    }
  }
  return best;
}

std::vector<UdpSock*> UdpTable::all() const {
  std::vector<std::pair<uint16_t, UdpSock*>> v;
  for (const auto& [port, socks] : ports_)
    for (UdpSock* s : socks) v.emplace_back(port, s);
  std::stable_sort(v.begin(), v.end(), [this](const auto& a, const auto& b) { return slot(a.first) < slot(b.first); });
  std::vector<UdpSock*> out;
  for (auto& [port, s] : v) out.push_back(s);
  return out;
}

UdpSock::UdpSock(Net& n, bool kern) : net(n), kernel(kern) {
  rcvbuf = static_cast<uint32_t>(net.core.rmem_default);
  sndbuf = static_cast<uint32_t>(net.core.wmem_default);
  inode = net.world.next_inode();
  sock.net = &net;
  sock.has_file = !kernel;
  sock.fsuid = sock.fsgid = uid;
}

UdpSock::~UdpSock() {
  if (net.udp) net.udp->unhash(this);
  receive_queue.purge();
}

Flowi4 UdpSock::flow(const SockAddrIn& to) const {
  Flowi4 fl;
  fl.daddr = to.addr;
  fl.saddr = saddr;
  fl.oif = bound_dev_if;
  fl.tos = tos & 0x1e;
  fl.mark = mark;
  fl.proto = IPPROTO_UDP;
  fl.sport = num;
  fl.dport = to.port;
  return fl;
}

int UdpSock::bind(const SockAddrIn& a) {
  if (a.family != AF_INET && (a.family != AF_UNSPEC || !a.addr.is_any())) return -EAFNOSUPPORT;
  const uint8_t type = inet_addr_type(net, a.addr);
  if (!net.ipv4.ip_nonlocal_bind && !a.addr.is_any() && type != RTN_LOCAL && type != RTN_MULTICAST &&
      type != RTN_BROADCAST)
    return -EADDRNOTAVAIL;
  if (state != TCP_CLOSE || num) return -EINVAL;
  rcv_saddr = saddr = a.addr;
  if (type == RTN_MULTICAST || type == RTN_BROADCAST) saddr = Ipv4Addr();  // the device's address
  if (udp_table(net).get_port(this, a.port)) {
    rcv_saddr = saddr = Ipv4Addr();
    return -EADDRINUSE;
  }
  bindaddr_lock = !rcv_saddr.is_any();
  bindport_lock = a.port != 0;
  daddr = Ipv4Addr();
  dport = 0;
  return 0;
}

int UdpSock::connect(const SockAddrIn& a) {
  if (a.family == AF_UNSPEC) {  // udp_disconnect
    state = TCP_CLOSE;
    daddr = Ipv4Addr();
    dport = 0;
    if (!bindaddr_lock) rcv_saddr = saddr = Ipv4Addr();
    if (!bindport_lock) udp_table(net).unhash(this);
    return 0;
  }
  // inet_dgram_connect binds an unbound socket first.
  if (!num && udp_table(net).get_port(this, 0)) return -EAGAIN;
  if (a.family != AF_INET) return -EAFNOSUPPORT;
  Flowi4 fl = flow(a);
  RouteOut rt;
  int err = 0;
  // ip_route_connect: with a wildcard end a first lookup chooses the
  // addresses, and the flow is looked up again with them.
  if (fl.daddr.is_any() || fl.saddr.is_any()) {
    err = ip_route_output(net, fl, rt);
    fl.oif = bound_dev_if;
  }
  if (!err) err = ip_route_output(net, fl, rt);
  if (err) {
    if (err == -ENETUNREACH) net.mib.ip.inc(IpMib::OutNoRoutes);
    return err;
  }
  if (rt.is_broadcast() && !broadcast) return -EACCES;
  if (saddr.is_any()) saddr = rt.saddr;
  if (rcv_saddr.is_any()) rcv_saddr = rt.saddr;
  daddr = fl.daddr;
  dport = a.port;
  state = TCP_ESTABLISHED;
  inet_id = static_cast<uint16_t>(net.world.rng.next_u32());
  return 0;
}

int UdpSock::setsockopt(int level, int name, int v) {
  if (level == SOL_SOCKET) {
    switch (name) {
      case SO_REUSEADDR: reuse = v != 0; return 0;
      case SO_REUSEPORT: reuseport = v != 0; return 0;
      case SO_BROADCAST: broadcast = v != 0; return 0;
      case SO_NO_CHECK: no_check_tx = v != 0; return 0;
      case SO_MARK: mark = static_cast<uint32_t>(v); return 0;
      case SO_TIMESTAMP: timestamp = v != 0; return 0;
      case SO_BINDTOIFINDEX:
        if (v < 0) return -EINVAL;
        if (v && !net.dev_get_by_index(v)) return -ENODEV;
        bound_dev_if = v;
        return 0;
      case SO_RCVBUF:  // sock_set_rcvbuf: doubled for bookkeeping overhead
        rcvbuf = std::max<uint32_t>(static_cast<uint32_t>(std::min(std::max(v, 0), net.core.rmem_max)) * 2,
                                    kSockMinRcvbuf);
        return 0;
      case SO_SNDBUF:
        sndbuf = std::max<uint32_t>(static_cast<uint32_t>(std::min(std::max(v, 0), net.core.wmem_max)) * 2,
                                    kSockMinSndbuf);
        return 0;
      default: return -ENOPROTOOPT;
    }
  }
  if (level == IPPROTO_IP) {
    switch (name) {
      case IP_TTL:
        if (v != -1 && (v < 1 || v > 255)) return -EINVAL;
        ttl = v;
        return 0;
      case IP_TOS: tos = static_cast<uint8_t>(v); return 0;
      case IP_MTU_DISCOVER:
        if (v < IP_PMTUDISC_DONT || v > IP_PMTUDISC_OMIT) return -EINVAL;
        pmtudisc = v;
        return 0;
      case IP_RECVERR:
        recverr = v != 0;
        if (!recverr) error_queue.clear();
        return 0;
      case IP_PKTINFO: pktinfo = v != 0; return 0;
      case IP_RECVTTL: recvttl = v != 0; return 0;
      default: return -ENOPROTOOPT;
    }
  }
  if (level == IPPROTO_UDP && name == UDP_CORK) {
    corkflag = v != 0;
    if (!corkflag) return push_pending_frames();
    return 0;
  }
  return -ENOPROTOOPT;
}

int UdpSock::getsockopt(int level, int name, int* v) {
  if (level == SOL_SOCKET) {
    switch (name) {
      case SO_ERROR: *v = -sock_error(); return 0;
      case SO_TYPE: *v = SOCK_DGRAM; return 0;
      case SO_RCVBUF: *v = static_cast<int>(rcvbuf); return 0;
      case SO_SNDBUF: *v = static_cast<int>(sndbuf); return 0;
      case SO_REUSEADDR: *v = reuse; return 0;
      case SO_REUSEPORT: *v = reuseport; return 0;
      case SO_BROADCAST: *v = broadcast; return 0;
      case SO_MARK: *v = static_cast<int>(mark); return 0;
      default: return -ENOPROTOOPT;
    }
  }
  if (level == IPPROTO_IP) {
    switch (name) {
      case IP_TTL: *v = ttl >= 0 ? ttl : net.ipv4.ip_default_ttl; return 0;
      case IP_TOS: *v = tos; return 0;
      case IP_MTU_DISCOVER: *v = pmtudisc; return 0;
      case IP_RECVERR: *v = recverr; return 0;
      case IP_MTU: {  // the connected route's MTU
        if (state != TCP_ESTABLISHED) return -ENOTCONN;
        Flowi4 fl;
        fl.daddr = daddr;
        fl.saddr = saddr;
        fl.oif = bound_dev_if;
        fl.proto = IPPROTO_UDP;
        RouteOut rt;
        if (ip_route_output(net, fl, rt)) return -ENOTCONN;
        *v = static_cast<int>(rt.dst.mtu ? rt.dst.mtu : rt.dst.dev->mtu);
        return 0;
      }
      default: return -ENOPROTOOPT;
    }
  }
  if (level == IPPROTO_UDP && name == UDP_CORK) {
    *v = corkflag;
    return 0;
  }
  return -ENOPROTOOPT;
}

int UdpSock::getsockname(SockAddrIn* a) const {
  *a = {rcv_saddr, num};
  return 0;
}

int UdpSock::getpeername(SockAddrIn* a) const {
  if (state != TCP_ESTABLISHED) return -ENOTCONN;
  *a = {daddr, dport};
  return 0;
}

int UdpSock::shutdown(int how) {
  if (how < SHUT_RD || how > SHUT_RDWR) return -EINVAL;
  // inet_shutdown: an unconnected datagram socket still records it, but
  // says ENOTCONN.
  shutdown_mask |= static_cast<uint8_t>(how + 1);
  return state == TCP_ESTABLISHED ? 0 : -ENOTCONN;
}

short UdpSock::poll() const {
  short mask = 0;
  if (sk_err || !error_queue.empty()) mask |= POLLERR;
  if (shutdown_mask == 3) mask |= POLLHUP;
  if (!receive_queue.empty() || (shutdown_mask & 1)) mask |= POLLIN | POLLRDNORM;
  mask |= POLLOUT | POLLWRNORM;
  return mask;
}

long UdpSock::recvmsg(std::span<uint8_t> buf, RecvInfo* info, int flags) {
  if (flags & MSG_ERRQUEUE) {  // ip_recv_error
    if (error_queue.empty()) return -EAGAIN;
    const SockExtErr e = error_queue.front();
    error_queue.erase(error_queue.begin());
    if (info) {
      info->from = e.dest;
      info->dst = e.offender;
    }
    sk_err = error_queue.empty() ? 0 : error_queue.front().ee_errno;
    return -e.ee_errno;
  }
  // __skb_recv_udp reports a pending error before any queued datagram.
  for (;;) {
    if (sk_err) return sock_error();
    SkBuff* head = receive_queue.front();
    if (!head) return (shutdown_mask & 1) ? 0 : -EAGAIN;
    SkBuff& skb = *head;
    const uint32_t ulen = skb.transport_len() - kUdpHlen;
    const uint32_t copied = std::min<uint32_t>(static_cast<uint32_t>(buf.size()), ulen);
    const bool peek = flags & MSG_PEEK;
    // The checksum is verified at copy time; a bad datagram is thrown away
    // and the next one read.
    if (udp_lib_checksum_complete(skb)) {
      SkbPtr bad = receive_queue.pop_front();
      rmem_alloc -= bad->truesize;
      net.mib.udp.inc(UdpMib::InCsumErrors);
      net.mib.udp.inc(UdpMib::InErrors);
      ++drops;
      kfree_skb_reason(std::move(bad), DropReason::UDP_CSUM);
      continue;
    }
    if (copied) std::memcpy(buf.data(), skb.transport_ptr() + kUdpHlen, copied);
    if (info) {
      auto iph = ip_hdr(skb);
      info->from = {iph.src(), wire::load_be16(skb.transport_ptr())};
      info->datagram_len = ulen;
      info->truncated = copied < ulen;
      info->tstamp = skb.tstamp;
      info->ttl = iph.ttl();
      info->dst = iph.dst();
      info->ifindex = skb.skb_iif;
    }
    if (!peek) {
      net.mib.udp.inc(UdpMib::InDatagrams);
      SkbPtr done = receive_queue.pop_front();
      rmem_alloc -= done->truesize;
      consume_skb(std::move(done));
    }
    return (flags & MSG_TRUNC) ? static_cast<long>(ulen) : static_cast<long>(copied);
  }
}

int sock_create(Net& net, int family, int type, int protocol, std::unique_ptr<Socket>* out) {
  if (family != AF_INET) return -EAFNOSUPPORT;
  type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (type != SOCK_DGRAM) return -ESOCKTNOSUPPORT;
  if (protocol != 0 && protocol != IPPROTO_UDP) return -EPROTONOSUPPORT;
  *out = std::make_unique<UdpSock>(net, false);
  return 0;
}

}  // namespace skbox
