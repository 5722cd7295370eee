// The VXLAN device (drivers/net/vxlan/vxlan_core.c): creation and its
// checks, open/stop (the UDP socket and the fdb age timer), transmit
// (vxlan_xmit → vxlan_xmit_one: fdb lookup, outer UDP/IPv4 headers, route
// through the underlay, ip_local_out) and receive (vxlan_rcv from the UDP
// tunnel socket: header checks, VNI lookup, learning, decapsulation).
// What is not modelled is listed in vxlan.h.
#include <algorithm>
#include <cstring>
#include <map>

#include "dev/vxlan.h"
#include "ipv4/fib_multipath.h"
#include "ipv4/inet_peer.h"
#include "ipv4/ip.h"
#include "neigh/neigh_table.h"
#include "neigh/neighbour.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/notifier.h"
#include "net/world.h"
#include "trace/trace.h"
#include "transport/udp_tunnel.h"
#include "wire/be.h"
#include "wire/checksum.h"

namespace skbox {

namespace {

constexpr uint32_t kEthHlen = 14;
constexpr uint16_t kEthPIp = 0x0800, kEthPArp = 0x0806;
constexpr uint32_t kVxlanHfVni = 0x08000000;  // the I flag (VXLAN_HF_VNI)
constexpr Duration kFdbAgeInterval = 10 * kSec;  // FDB_AGE_INTERVAL

// struct vxlan_sock: the devices sharing one UDP port of a namespace.
using SockKey = std::pair<const Net*, uint16_t>;
std::map<SockKey, std::vector<VxlanDev*>>& vxlan_socks() {
  static std::map<SockKey, std::vector<VxlanDev*>> m;
  return m;
}

// vxlan_vs_find_vni
VxlanDev* vxlan_vs_find_vni(const Net* net, uint16_t port, uint32_t vni) {
  auto it = vxlan_socks().find({net, port});
  if (it == vxlan_socks().end()) return nullptr;
  for (VxlanDev* v : it->second)
    if (v->cfg.vni == vni) return v;
  return nullptr;
}

// skb_cow_head: room for the outer headers and the underlay's link header.
// skbox allocates kSkbHeadroom in front of every packet, which holds one
// level of encapsulation; a deeper stack gets a fresh buffer.
SkbPtr vxlan_cow_head(SkbPtr skb, uint32_t need) {
  if (skb->headroom() >= need) return skb;
  SkbPtr n = skb_copy_expand(*skb, need);
  if (!n) {
    kfree_skb_reason(std::move(skb), DropReason::NOMEM);
    return n;
  }
  consume_skb(std::move(skb));
  return n;
}

// udp_flow_src_port: the inner flow's hash spread over [min, max).
uint16_t vxlan_src_port(VxlanDev* vx, const SkBuff& skb) {
  Net& net = *vx->net;
  int lo = vx->cfg.port_min, hi = vx->cfg.port_max;
  if (lo >= hi) {
    lo = net.ipv4.ip_local_port_range[0];
    hi = net.ipv4.ip_local_port_range[1];
  }
  uint32_t hash = skb.hash;
  if (!hash) {
    // skb_get_hash: the flow dissector's symmetric hash of the inner
    // packet (IPv4 addresses and L4 ports).
    const uint8_t* eth = skb.data();
    const uint16_t proto = wire::load_be16(eth + 12);
    MultipathKeys k;
    const uint8_t* l3 = eth + kEthHlen;
    const uint32_t l3len = skb.len - kEthHlen;
    if (proto == kEthPIp && l3len >= 20) {
      k.saddr = Ipv4Addr(wire::load_be32(l3 + 12));
      k.daddr = Ipv4Addr(wire::load_be32(l3 + 16));
      k.ip_proto = l3[9];
      const uint32_t ihl = (l3[0] & 0xf) * 4u;
      const bool frag = wire::load_be16(l3 + 6) & 0x3fff;
      if (!frag && (k.ip_proto == 6 || k.ip_proto == 17) && l3len >= ihl + 4) {
        k.sport = wire::load_be16(l3 + ihl);
        k.dport = wire::load_be16(l3 + ihl + 2);
      }
    }
    // Other protocols (ARP included) leave the keys empty: every such
    // frame of a device gets the same port, as the flow dissector gives.
    if (!hash) hash = flow_hash_from_keys_seed(k, fib_multipath_seed(net) ^ 0x5678fedcu);
  }
  hash ^= hash << 16;
  return static_cast<uint16_t>(((static_cast<uint64_t>(hash) * static_cast<uint32_t>(hi - lo)) >> 32) + lo);
}

// vxlan_encap_bypass: the remote is a local address, so the frame goes
// straight to the vxlan device that owns (vni, port) here.
void vxlan_encap_bypass(SkbPtr skb, VxlanDev* src, VxlanDev* dst) {
  skb_trace(*skb, "vxlan_encap_bypass");
  const uint32_t len = skb->len;
  skb->reset_mac_header();
  skb->pkt_type = PktType::Host;
  skb->dev = dst;
  skb->dst = SkbDst{};
  skb->pull(kEthHlen);
  if (dst->cfg.learn) {
    MacAddr smac;
    std::memcpy(smac.b.data(), skb->mac_ptr() + 6, 6);
    (void)vxlan_snoop(dst, Ipv4Addr::of(127, 0, 0, 1), smac);
  }
  ++src->stats.tx_packets;
  src->stats.tx_bytes += len;
  if (netif_rx(std::move(skb))) {
    ++dst->stats.rx_packets;
    dst->stats.rx_bytes += len;
  }
}

// vxlan_xmit_one for an IPv4 remote.
void vxlan_xmit_one(VxlanDev* vx, SkbPtr skb, const VxlanRdst rdst) {
  skb_trace(*skb, "vxlan_xmit_one");
  Net& net = *vx->net;
  const uint32_t len = skb->len;
  const Ipv4Addr daddr = rdst.remote_ip;
  const uint16_t dport = rdst.remote_port ? rdst.remote_port : vx->cfg.dst_port;
  if (daddr.is_any()) {
    ++vx->stats.tx_dropped;
    kfree_skb_reason(std::move(skb), DropReason::NOT_SPECIFIED);
    return;
  }
  // The inner IPv4 header, for tos/ttl inherit and ECN.
  const uint8_t* inner_ip = nullptr;
  if (wire::load_be16(skb->data() + 12) == kEthPIp && len >= kEthHlen + 20) inner_ip = skb->data() + kEthHlen;
  uint8_t ttl = vx->cfg.ttl;
  if (!ttl && daddr.is_multicast()) ttl = 1;
  if (vx->cfg.ttl_inherit) ttl = inner_ip ? inner_ip[8] : 0;
  uint8_t tos = vx->cfg.tos;
  if (tos == 1) tos = inner_ip ? inner_ip[1] : 0;  // ip_tunnel_get_dsfield
  const uint16_t sport = vxlan_src_port(vx, *skb);

  // udp_tunnel_dst_lookup
  Flowi4 fl;
  fl.daddr = daddr;
  fl.saddr = vx->cfg.saddr;
  fl.oif = rdst.remote_ifindex;
  fl.tos = tos & 0x1c;  // RT_TOS
  fl.proto = IPPROTO_UDP;
  fl.mark = skb->mark;
  fl.sport = sport;
  fl.dport = dport;
  RouteOut rt;
  int err = ip_route_output(net, fl, rt);
  if (!err && rt.dst.dev == vx) err = -ELOOP;  // "circular route"
  if (err) {
    if (err == -ELOOP)
      ++vx->stats.collisions;
    else
      ++vx->stats.tx_carrier_errors;
    ++vx->stats.tx_errors;
    kfree_skb_reason(std::move(skb), DropReason::IP_OUTNOROUTES);
    return;
  }
  if (rt.is_local()) {
    VxlanDev* dst = vxlan_vs_find_vni(&net, dport, rdst.remote_vni);
    if (!dst) {
      ++vx->stats.tx_errors;
      kfree_skb_reason(std::move(skb), DropReason::VXLAN_VNI_NOT_FOUND);
      return;
    }
    vxlan_encap_bypass(std::move(skb), vx, dst);
    return;
  }
  if (!ttl) ttl = static_cast<uint8_t>(net.ipv4.ip_default_ttl);  // ip4_dst_hoplimit
  // ip_tunnel_ecn_encap: the outer ECN field follows the inner one (CE
  // is sent as ECT(0)).
  if (inner_ip) {
    const uint8_t ecn = inner_ip[1] & 3;
    tos = static_cast<uint8_t>((tos & ~3) | (ecn == 3 ? 2 : ecn));
  } else {
    tos &= static_cast<uint8_t>(~3);
  }

  skb = vxlan_cow_head(std::move(skb), kVxlanHeadroom - kEthHlen + 16);
  if (!skb) {
    ++vx->stats.tx_errors;
    return;
  }
  uint8_t* vh = skb->push(8);
  wire::store_be32(vh, kVxlanHfVni);
  wire::store_be32(vh + 4, rdst.remote_vni << 8);
  const uint16_t ulen = static_cast<uint16_t>(len + kVxlanHlen);
  uint8_t* uh = skb->push(8);
  wire::store_be16(uh, sport);
  wire::store_be16(uh + 2, dport);
  wire::store_be16(uh + 4, ulen);
  wire::store_be16(uh + 6, 0);
  skb->reset_transport_header();
  const Ipv4Addr saddr = rt.saddr;
  if (vx->cfg.udp_csum) {
    // udp_set_csum with an offloading device (veth, bridge): CHECKSUM_PARTIAL,
    // the field holding the folded pseudo-header sum for the "hardware" to
    // finish. Nothing finishes it on a virtual wire, so tcpdump and pcaps see
    // this value (as on Linux: "bad udp cksum"), and receivers trust it.
    const uint16_t c = wire::csum_tcpudp_magic(saddr, daddr, ulen, IPPROTO_UDP, 0);
    wire::store_be16(uh + 6, static_cast<uint16_t>(~c));
    skb->ip_summed = CHECKSUM_PARTIAL;
  }
  uint8_t* ih = skb->push(kIpHlen);
  skb->reset_network_header();
  // The outer header never has DF unless `df set` (not modelled).
  ip_build_header(ih, ulen, tos, inet_peers(net).next_ip_id(), 0, ttl, IPPROTO_UDP, saddr, daddr);
  // iptunnel_xmit: skb_scrub_packet within the namespace.
  skb_ext_reset(*skb);
  nf_reset_ct(*skb);
  skb->dst = rt.dst;
  skb->dev = rt.dst.dev;
  skb->protocol = kEthPIp;
  skb->pkt_type = PktType::Host;
  skb->sk = nullptr;
  skb->nf_trace = 0;
  skb_trace(*skb, "udp_tunnel_xmit_skb");
  // iptunnel_xmit_stats: the bytes from the inner network header on.
  ++vx->stats.tx_packets;
  vx->stats.tx_bytes += len - kEthHlen;
  ip_local_out(net, std::move(skb));
}

// arp_reduce: with `proxy`, the device answers ARP requests itself from
// the neighbour table instead of sending them over the tunnel; every ARP
// frame it is given ends here.
void arp_reduce(VxlanDev* vx, SkbPtr skb) {
  skb_trace(*skb, "arp_reduce");
  if (vx->flags & IFF_NOARP) {
    consume_skb(std::move(skb));
    return;
  }
  if (skb->len < kEthHlen + 28) {
    ++vx->stats.tx_dropped;
    consume_skb(std::move(skb));
    return;
  }
  const uint8_t* eth = skb->data();
  const uint8_t* arp = eth + kEthHlen;
  if (wire::load_be16(arp) != 1 || wire::load_be16(arp + 2) != kEthPIp || arp[4] != 6 || arp[5] != 4 ||
      wire::load_be16(arp + 6) != 1) {
    consume_skb(std::move(skb));
    return;
  }
  MacAddr sha;
  std::memcpy(sha.b.data(), arp + 8, 6);
  const Ipv4Addr sip = Ipv4Addr(wire::load_be32(arp + 14));
  const Ipv4Addr tip = Ipv4Addr(wire::load_be32(arp + 24));
  if (tip.is_loopback() || tip.is_multicast()) {
    consume_skb(std::move(skb));
    return;
  }
  Neighbour* n = arp_table(*vx->net).lookup(vx, tip);
  if (n && (n->nud_state & NUD_CONNECTED)) {
    VxlanFdb* f = vxlan_find_mac(vx, n->ha);
    if (!(f && !f->remotes.empty() && f->remotes.front().remote_ip.is_any())) {
      // arp_create(ARPOP_REPLY): from the neighbour's address to the asker.
      SkbPtr reply = vx->net->world.pool.alloc(kEthHlen + 28);
      if (reply) {
        uint8_t* p = reply->put(kEthHlen + 28);
        std::memcpy(p, sha.b.data(), 6);
        std::memcpy(p + 6, n->ha.b.data(), 6);
        wire::store_be16(p + 12, kEthPArp);
        uint8_t* a = p + kEthHlen;
        wire::store_be16(a, 1);
        wire::store_be16(a + 2, kEthPIp);
        a[4] = 6, a[5] = 4;
        wire::store_be16(a + 6, 2);
        std::memcpy(a + 8, n->ha.b.data(), 6);
        wire::store_be32(a + 14, tip.v);
        std::memcpy(a + 18, sha.b.data(), 6);
        wire::store_be32(a + 24, sip.v);
        reply->dev = vx;
        reply->reset_mac_header();
        reply->pull(kEthHlen);
        reply->protocol = kEthPArp;
        reply->pkt_type = PktType::Host;
        if (!netif_rx(std::move(reply))) ++vx->stats.rx_dropped;
      }
    }
  }
  // l3miss would notify RTM_GETNEIGH listeners here: none exist in skbox.
  consume_skb(std::move(skb));
}

}  // namespace

bool netif_is_vxlan(const NetDevice* dev) { return dev->kind() == "vxlan"; }

VxlanDev::VxlanDev(Net& n, std::string nm) : NetDevice(n, std::move(nm)) {
  flags = IFF_BROADCAST | IFF_MULTICAST;
  operstate = OperState::Unknown;  // vxlan never reports carrier changes
  age_timer.set_function([this] { vxlan_fdb_cleanup(this); });
}

VxlanDev::~VxlanDev() { net->world.loop.del_timer(age_timer); }

// vxlan_open: joins the UDP port (EADDRINUSE when a user socket holds
// it), starts the fdb ageing.
int VxlanDev::open() {
  auto& devs = vxlan_socks()[{net, cfg.dst_port}];
  if (devs.empty()) {
    if (int err = udp_tunnel_sock_add(*net, cfg.dst_port, vxlan_rcv); err) {
      vxlan_socks().erase({net, cfg.dst_port});
      return err;
    }
  }
  devs.push_back(this);
  if (cfg.age_interval) net->world.loop.mod_timer(age_timer, net->world.now() + kFdbAgeInterval);
  return 0;
}

// vxlan_stop: leaves the port; learned entries go, static ones stay.
void VxlanDev::stop() {
  auto it = vxlan_socks().find({net, cfg.dst_port});
  if (it != vxlan_socks().end()) {
    auto& v = it->second;
    v.erase(std::remove(v.begin(), v.end(), this), v.end());
    if (v.empty()) {
      vxlan_socks().erase(it);
      udp_tunnel_sock_release(*net, cfg.dst_port);
    }
  }
  net->world.loop.del_timer(age_timer);
  vxlan_fdb_flush(this, false);
}

// vxlan_xmit
NetdevTx VxlanDev::start_xmit(SkbPtr skb) {
  skb_trace(*skb, "vxlan_xmit");
  if (skb->len < kEthHlen) {
    ++stats.tx_dropped;
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return NetdevTx::Ok;
  }
  if (cfg.proxy && wire::load_be16(skb->data() + 12) == kEthPArp) {
    arp_reduce(this, std::move(skb));
    return NetdevTx::Ok;
  }
  MacAddr dest;
  std::memcpy(dest.b.data(), skb->data(), 6);
  VxlanFdb* f = vxlan_find_mac(this, dest);
  if (!f) {
    // l2miss would notify a listener of the unknown unicast here.
    f = vxlan_find_mac(this, MacAddr{});
    if (!f) {
      ++stats.tx_dropped;
      kfree_skb_reason(std::move(skb), DropReason::NO_TX_TARGET);
      return NetdevTx::Ok;
    }
  }
  const Time now = net->world.now();
  if (f->used != now) f->used = now;
  // Head-end replication: a copy per remote, the original to the last.
  const size_t n = f->remotes.size();
  if (n == 0) {
    ++stats.tx_dropped;
    kfree_skb_reason(std::move(skb), DropReason::NO_TX_TARGET);
    return NetdevTx::Ok;
  }
  // The remotes are copied first: sending may run receive paths that
  // change the fdb.
  VxlanRdst small[4];
  std::vector<VxlanRdst> big;
  const VxlanRdst* rds = small;
  if (n <= 4) {
    std::copy(f->remotes.begin(), f->remotes.end(), small);
  } else {
    big = f->remotes;
    rds = big.data();
  }
  for (size_t i = 0; i + 1 < n; ++i) {
    SkbPtr c = skb_copy(*skb);
    if (c) vxlan_xmit_one(this, std::move(c), rds[i]);
  }
  vxlan_xmit_one(this, std::move(skb), rds[n - 1]);
  return NetdevTx::Ok;
}

// vxlan_rcv: the UDP tunnel socket's encap_rcv. Every packet is taken:
// bad ones are dropped, never answered with port unreachable.
void vxlan_rcv(uint16_t port, SkbPtr skb) {
  skb_trace(*skb, "vxlan_rcv");
  Net& net = *skb->dev->net;
  if (!skb->may_pull(kVxlanHlen)) {
    kfree_skb_reason(std::move(skb), DropReason::PKT_TOO_SMALL);
    return;
  }
  const uint8_t* vh = skb->data() + 8;
  const uint32_t vflags = wire::load_be32(vh);
  const uint32_t vni_field = wire::load_be32(vh + 4);
  if (!(vflags & kVxlanHfVni)) {
    kfree_skb_reason(std::move(skb), DropReason::VXLAN_INVALID_HDR);
    return;
  }
  VxlanDev* vx = vxlan_vs_find_vni(&net, port, vni_field >> 8);
  if (!vx) {
    kfree_skb_reason(std::move(skb), DropReason::VXLAN_VNI_NOT_FOUND);
    return;
  }
  // Flags or reserved bits this device does not understand.
  if ((vflags & ~kVxlanHfVni) || (vni_field & 0xff)) {
    ++vx->stats.rx_frame_errors;
    ++vx->stats.rx_errors;
    kfree_skb_reason(std::move(skb), DropReason::VXLAN_INVALID_HDR);
    return;
  }
  auto oiph = ip_hdr(*skb);
  const Ipv4Addr saddr = oiph.src();
  const uint8_t outer_tos = oiph.tos();
  skb->pull(kVxlanHlen);  // __iptunnel_pull_header
  if (!skb->may_pull(kEthHlen)) {
    ++vx->stats.rx_length_errors;
    ++vx->stats.rx_errors;
    kfree_skb_reason(std::move(skb), DropReason::HDR_TRUNC);
    return;
  }
  // skb_scrub_packet (same namespace: the mark stays).
  skb_ext_reset(*skb);
  nf_reset_ct(*skb);
  skb->dst = SkbDst{};
  skb->sk = nullptr;
  skb->hash = 0;
  skb->nf_trace = 0;
  eth_type_trans(*skb, vx);
  // vxlan_set_mac: our own frames coming back are loops.
  MacAddr smac;
  std::memcpy(smac.b.data(), skb->mac_ptr() + 6, 6);
  if (smac == vx->dev_addr) {
    kfree_skb_reason(std::move(skb), DropReason::LOCAL_MAC);
    return;
  }
  if (vx->cfg.learn && vxlan_snoop(vx, saddr, smac)) {
    kfree_skb_reason(std::move(skb), DropReason::VXLAN_ENTRY_EXISTS);
    return;
  }
  // ip_tunnel_ecn_decap / INET_ECN_decapsulate: a CE outer header over a
  // not-ECT inner IPv4 packet is dropped.
  if ((outer_tos & 3) == 3 && skb->protocol == kEthPIp && skb->len >= 20 && (skb->data()[1] & 3) == 0) {
    ++vx->stats.rx_frame_errors;
    ++vx->stats.rx_errors;
    kfree_skb_reason(std::move(skb), DropReason::IP_TUNNEL_ECN);
    return;
  }
  if (!vx->is_up()) {
    ++vx->stats.rx_dropped;
    kfree_skb_reason(std::move(skb), DropReason::DEV_READY);
    return;
  }
  const uint32_t len = skb->len;  // after eth_type_trans: from the inner network header
  if (netif_rx(std::move(skb))) {
    ++vx->stats.rx_packets;
    vx->stats.rx_bytes += len;
  }
}

// __vxlan_dev_create: validation (vxlan_config_validate), the device, and
// the default destination as the all-zeros fdb entry.
Expected<NetDevice*> vxlan_newlink(Net& net, const std::string& name, const VxlanConfig& cfg, std::string& extack) {
  if (net.dev_get_by_name(name)) return Errno(EEXIST);
  if (cfg.port_max < cfg.port_min) {
    extack = "Invalid source port range";
    return Errno(EINVAL);
  }
  NetDevice* lower = nullptr;
  if (cfg.remote_ifindex) {
    lower = net.dev_get_by_index(cfg.remote_ifindex);
    if (!lower) {
      extack = "Invalid local interface, device not found";
      return Errno(ENODEV);
    }
  }
  if (cfg.saddr.is_multicast()) {
    extack = "Local address cannot be multicast";
    return Errno(EINVAL);
  }
  // vxlan_vni_in_use: one device per (VNI, port) in a namespace.
  for (NetDevice* d : net.devices()) {
    if (!netif_is_vxlan(d)) continue;
    auto* o = static_cast<VxlanDev*>(d);
    if (o->cfg.vni == cfg.vni && o->cfg.dst_port == cfg.dst_port) {
      extack = "A VXLAN device with the specified VNI already exists";
      return Errno(EEXIST);
    }
  }
  auto dev = std::make_unique<VxlanDev>(net, name);
  VxlanDev* vx = dev.get();
  vx->cfg = cfg;
  vx->default_dst.remote_ip = cfg.remote_ip;
  vx->default_dst.remote_port = cfg.dst_port;
  vx->default_dst.remote_vni = cfg.vni;
  vx->default_dst.remote_ifindex = cfg.remote_ifindex;
  // vxlan_config_apply: room for the outer headers below the lower MTU.
  if (lower) {
    vx->mtu = std::max<uint32_t>(lower->mtu > kVxlanHeadroom ? lower->mtu - kVxlanHeadroom : 0, 68);
    vx->tso_max_size = lower->tso_max_size;
  } else {
    vx->tso_max_size = 65536;
  }
  eth_hw_addr_random(vx);
  auto e = net.register_netdevice(std::move(dev));
  if (!e) return Errno(e.error());
  if (!cfg.remote_ip.is_any()) {
    if (const int err = vxlan_fdb_create_default(vx)) {
      net.unregister_netdevice(vx);
      return Errno(err);
    }
  }
  return static_cast<NetDevice*>(vx);
}

// vxlan_netdevice_event: NETDEV_UNREGISTER of a lower device takes the
// vxlan devices created on it along (vxlan_handle_lowerdev_unregister).
void vxlan_netdevice_event(NetdevEvent ev, NetDevice* dev) {
  if (ev != NetdevEvent::Unregister || netif_is_vxlan(dev)) return;
  std::vector<NetDevice*> gone;
  for (NetDevice* d : dev->net->devices())
    if (netif_is_vxlan(d) && static_cast<VxlanDev*>(d)->cfg.remote_ifindex == dev->ifindex) gone.push_back(d);
  for (NetDevice* d : gone) dev->net->unregister_netdevice(d);
}

}  // namespace skbox
