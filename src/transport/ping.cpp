#include "transport/ping.h"

#include <algorithm>
#include <cstring>

#include "ipv4/icmp.h"
#include "ipv4/ip.h"
#include "ipv4/ip_cork.h"
#include "wire/ipv4.h"
#include "net/net.h"
#include "net/world.h"
#include "trace/trace.h"
#include "wire/be.h"
#include "wire/checksum.h"

namespace skbox {

namespace {
constexpr uint32_t kIcmpHlen = 8;
// What a queued skb is charged against the receive buffer (its truesize):
// data plus struct sk_buff and shared-info overhead, as on x86_64.
uint32_t truesize(const SkBuff& s) { return s.len + 768; }
}  // namespace

PingSockets::~PingSockets() = default;

PingSock* PingSockets::open() {
  // ping_get_port: the next free id after the last one handed out.
  for (int i = 0; i < 0x10000; ++i) {
    uint16_t id = ++next_ident_;
    if (id == 0 || socks_.count(id)) continue;
    auto s = std::make_unique<PingSock>();
    s->ident = id;
    s->rcvbuf = static_cast<uint32_t>(net_.core.rmem_default);
    s->sock.net = &net_;
    PingSock* p = s.get();
    socks_[id] = std::move(s);
    return p;
  }
  return nullptr;
}

void PingSockets::close(PingSock* s) {
  if (!s) return;
  s->rx.purge();
  socks_.erase(s->ident);
}

int PingSockets::connect_probe(PingSock* s, Ipv4Addr dst, Ipv4Addr* src) {
  Flowi4 fl;
  fl.daddr = dst;
  fl.saddr = s->saddr;
  fl.oif = s->bound_dev;
  fl.tos = s->tos;
  fl.mark = s->mark;
  fl.proto = IPPROTO_ICMP;  // ip4_datagram_connect routes with the socket protocol
  RouteOut rt;
  int err = 0;
  // ip_route_connect: with a wildcard end, a first lookup picks daddr/saddr
  // and the route is looked up again with them (flowi4_update_output), which
  // checks the chosen source is really local.
  if (fl.daddr.is_any() || fl.saddr.is_any()) {
    err = ip_route_output(net_, fl, rt);
    fl.oif = s->bound_dev;
  }
  if (!err) err = ip_route_output(net_, fl, rt);
  if (err) {
    if (err == -ENETUNREACH) net_.mib.ip.inc(IpMib::OutNoRoutes);
    return err;
  }
  if (rt.is_broadcast() && !s->broadcast) return -EACCES;
  if (src) *src = rt.saddr;
  return 0;
}

int PingSockets::sendto(PingSock* s, Ipv4Addr dst, uint16_t seq, const uint8_t* payload, size_t len) {
  Flowi4 fl;
  fl.daddr = dst;
  fl.saddr = s->saddr;
  fl.oif = s->bound_dev;
  fl.tos = s->tos;
  fl.mark = s->mark;
  fl.proto = IPPROTO_ICMP;
  RouteOut rt;
  int err = ip_route_output(net_, fl, rt);
  if (err) {
    if (err == -ENETUNREACH) net_.mib.ip.inc(IpMib::OutNoRoutes);
    return err;
  }
  if (rt.is_broadcast() && !s->broadcast) return -EACCES;
  const uint32_t icmp_len = kIcmpHlen + static_cast<uint32_t>(len);
  const uint32_t tot = kIpHlen + icmp_len;
  // ping_v4_sendmsg/raw_sendmsg refuse more than 64 KiB of ICMP silently.
  if (icmp_len > 0xFFFF) return -EMSGSIZE;
  const IpCorkMtu cm = ip_cork_mtu(s->pmtudisc, rt);
  const uint32_t mtu = cm.fragsize;
  const bool df = ip_cork_df(s->pmtudisc, tot, cm, rt);
  if (tot > cm.maxnonfragsize) {
    // ip_append_data refuses and reports it locally (ip_local_error).
    PingMessage m;
    m.kind = PingMessage::Kind::Error;
    m.local = true;
    m.from = dst;
    m.seq = seq;
    m.ee_errno = EMSGSIZE;
    m.ee_info = mtu;
    m.rx_time = net_.world.now();
    queue_error(s, m);
    return -EMSGSIZE;
  }
  SkbPtr skb = net_.world.pool.alloc(tot);
  if (!skb) return -ENOBUFS;
  uint8_t* ip = skb->put(kIpHlen);
  uint8_t* ic = skb->put(icmp_len);
  ic[0] = ICMP_ECHO;
  ic[1] = 0;
  ic[2] = ic[3] = 0;
  wire::store_be16(ic + 4, s->ident);
  wire::store_be16(ic + 6, seq);
  if (len) std::memcpy(ic + kIcmpHlen, payload, len);
  wire::store_be16(ic + 2, wire::csum_fold(wire::csum_partial({ic, icmp_len})));
  const int ttl = s->ttl >= 0 ? s->ttl : net_.ipv4.ip_default_ttl;
  // ip_select_ident: ping never connects its socket, so a datagram with DF
  // (and not ignore_df) carries id 0; without DF, __ip_select_ident's
  // counter.
  ip_build_header(ip, icmp_len, s->tos, df ? 0 : inet_peers(net_).next_ip_id(), df ? IP_DF : 0,
                  static_cast<uint8_t>(ttl), IPPROTO_ICMP, rt.saddr, dst);
  skb->reset_network_header();
  skb->transport_header = static_cast<uint16_t>(skb->network_header + kIpHlen);
  skb->dst = rt.dst;
  // ip_skb_dst_mtu: "probe" and beyond send at the device MTU whatever the
  // path MTU says.
  if (s->pmtudisc >= IP_PMTUDISC_PROBE) skb->dst.mtu = mtu;
  skb->dev = rt.dst.dev;
  skb->mark = s->mark;
  skb->sk = &s->sock;
  skb_trace(*skb, "ping_v4_sendmsg");
  // ip_push_pending_frames; icmp_out_count only for an echo that left.
  if (int err = ip_send_skb(net_, std::move(skb)); err) return err;
  ++net_.mib.icmpmsg.out[ICMP_ECHO];
  net_.mib.icmp.inc(IcmpMib::OutMsgs);
  return static_cast<int>(icmp_len);
}

bool PingSockets::ping_rcv(SkbPtr& skb) {
  if (skb->len < kIcmpHlen) return false;
  const uint16_t id = wire::load_be16(skb->data() + 4);
  auto it = socks_.find(id);
  if (it == socks_.end()) return false;
  PingSock* s = it->second.get();
  auto iph = ip_hdr(*skb);
  if (!s->saddr.is_any() && s->saddr != iph.dst()) return false;
  if (s->bound_dev && s->bound_dev != inet_iif(*skb)) return false;
  skb_trace(*skb, "ping_rcv");
  if (s->rmem + truesize(*skb) > s->rcvbuf) {
    ++s->drops;
    kfree_skb_reason(std::move(skb), DropReason::SOCKET_RCVBUFF);
    return true;
  }
  s->rmem += truesize(*skb);
  skb->sk = nullptr;
  s->rx.push_back(std::move(skb));
  return true;
}

void PingSockets::queue_error(PingSock* s, const PingMessage& m) {
  if (s->errq_len == s->errq.size()) return;  // full: dropped, as sock_queue_err_skb does
  s->errq[(s->errq_head + s->errq_len) % s->errq.size()] = m;
  ++s->errq_len;
}

void PingSockets::deliver_error(uint16_t ident, Ipv4Addr orig_dst, const PingMessage& m) {
  auto it = socks_.find(ident);
  if (it == socks_.end()) return;
  (void)orig_dst;
  PingMessage e = m;
  // icmp_err_convert: the errno ping_err records for each ICMP error.
  switch (m.icmp_type) {
    case ICMP_DEST_UNREACH:
      e.ee_errno = m.icmp_code == ICMP_FRAG_NEEDED ? EMSGSIZE
                   : m.icmp_code == ICMP_NET_UNREACH ? ENETUNREACH
                   : m.icmp_code == ICMP_PORT_UNREACH ? ECONNREFUSED
                   : m.icmp_code == ICMP_PKT_FILTERED ? EHOSTUNREACH
                                                      : EHOSTUNREACH;
      break;
    case ICMP_TIME_EXCEEDED: e.ee_errno = EHOSTUNREACH; break;
    case ICMP_PARAMETERPROB: e.ee_errno = EPROTO; break;
    default: e.ee_errno = EHOSTUNREACH; break;
  }
  queue_error(it->second.get(), e);
}

bool PingSockets::recv(PingSock* s, PingMessage& m, std::vector<uint8_t>* payload) {
  // Replies and errors come back in arrival order.
  const bool have_err = s->errq_len > 0;
  SkBuff* r = s->rx.front();
  if (!r && !have_err) return false;
  if (have_err && (!r || s->errq[s->errq_head].rx_time <= r->tstamp)) {
    m = s->errq[s->errq_head];
    s->errq_head = (s->errq_head + 1) % s->errq.size();
    --s->errq_len;
    return true;
  }
  SkbPtr skb = s->rx.pop_front();
  s->rmem -= truesize(*skb);
  auto iph = ip_hdr(*skb);
  const uint8_t* ic = skb->data();
  m = PingMessage{};
  m.kind = PingMessage::Kind::EchoReply;
  m.from = iph.src();
  m.ttl = iph.ttl();
  m.seq = wire::load_be16(ic + 6);
  m.bytes = skb->len;
  m.rx_time = skb->tstamp;
  if (payload) payload->assign(ic + kIcmpHlen, ic + skb->len);
  consume_skb(std::move(skb));
  return true;
}

}  // namespace skbox
