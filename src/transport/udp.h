// UDP (net/ipv4/udp.c, datagram.c, af_inet.c): the sockets of a namespace
// and the receive path. A UdpSock is struct udp_sock with the inet_sock and
// struct sock fields UDP reads; UdpTable is the namespace's udp_table (port
// hash, ephemeral port choice, lookup by score).
//
// Not modelled: IPv6 and dual-stack sockets, UDP-Lite, GSO/GRO, BPF socket
// filters and reuseport BPF programs, multicast group membership
// (IP_ADD_MEMBERSHIP), IP options, SO_LINGER, the per-CPU reader queue
// split (one queue here; the counters are the same).
#pragma once
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/skbuff.h"
#include "ipv4/fib.h"
#include "net/sock.h"
#include "net/socket.h"
#include "wire/addr.h"

namespace skbox {

class Net;
struct UdpSock;

constexpr uint32_t kUdpHlen = 8;  // sizeof(struct udphdr)

// sk_state as /proc/net/udp and ss print it.
enum : uint8_t { TCP_ESTABLISHED = 1, TCP_CLOSE = 7 };

// The encap_rcv hook of a tunnel socket (VXLAN): takes the datagram, data
// at the UDP header.
using UdpEncapRcv = void (*)(uint16_t port, SkbPtr skb);

// One queued ICMP error (sock_extended_err + offender), for IP_RECVERR.
struct SockExtErr {
  int ee_errno = 0;
  uint8_t origin = 0;  // SO_EE_ORIGIN_LOCAL (1) / SO_EE_ORIGIN_ICMP (2)
  uint8_t type = 0, code = 0;
  uint32_t info = 0;
  Ipv4Addr offender;
  SockAddrIn dest;     // the quoted datagram's destination
};

struct UdpSock final : public Socket {
  UdpSock(Net& net, bool kernel);
  ~UdpSock() override;

  // --- Socket ---
  int bind(const SockAddrIn& a) override;
  int connect(const SockAddrIn& a) override;
  long sendmsg(std::span<const uint8_t> data, const SockAddrIn* to, int flags) override;
  long recvmsg(std::span<uint8_t> buf, RecvInfo* info, int flags) override;
  int setsockopt(int level, int name, int value) override;
  int getsockopt(int level, int name, int* value) override;
  int getsockname(SockAddrIn* a) const override;
  int getpeername(SockAddrIn* a) const override;
  int shutdown(int how) override;
  short poll() const override;

  Net& net;
  // inet_sock
  Ipv4Addr rcv_saddr;   // bound local address (inet_rcv_saddr)
  Ipv4Addr saddr;       // source for sending (inet_saddr)
  Ipv4Addr daddr;       // connected peer
  uint16_t num = 0;     // local port (inet_num), host order; 0: unbound
  uint16_t dport = 0;   // connected peer port
  uint16_t inet_id = 0; // IP id of DF datagrams on a connected socket
  uint8_t state = TCP_CLOSE;
  uint8_t tos = 0;
  int ttl = -1;         // IP_TTL (-1: ip_default_ttl)
  int pmtudisc = IP_PMTUDISC_WANT;
  int bound_dev_if = 0;
  uint32_t mark = 0;
  bool reuse = false, reuseport = false, broadcast = false;
  bool recverr = false, pktinfo = false, recvttl = false, timestamp = false;
  bool bindaddr_lock = false, bindport_lock = false;  // sk_userlocks
  bool corkflag = false;  // UDP_CORK
  bool no_check_tx = false;  // SO_NO_CHECK
  uint8_t shutdown_mask = 0;
  int sk_err = 0;       // pending error, reported once by the next call
  // Memory accounting (sk_rcvbuf/sk_rmem_alloc, sk_sndbuf), in truesize.
  uint32_t rcvbuf = 0, sndbuf = 0, rmem_alloc = 0;
  uint32_t drops = 0;   // sk_drops
  SkbQueue receive_queue;
  std::vector<SockExtErr> error_queue;
  // The corked datagram (up->pending): built up by MSG_MORE/UDP_CORK sends.
  struct Cork {
    bool pending = false;
    SockAddrIn to;
    std::vector<uint8_t> data;  // payload so far (the UDP header is added at push)
  } cork;
  UdpEncapRcv encap_rcv = nullptr;  // tunnel sockets
  int encap_refs = 0;
  const bool kernel;    // a kernel socket (tunnel): inode 0, no process
  uint64_t inode = 0;
  uint32_t uid = 0;
  Sock sock;            // what skb->sk of its datagrams points at

  long udp_sendmsg(std::span<const uint8_t> data, const SockAddrIn* to, int flags);
  // The flow of a datagram to `to` with this socket's binding
  // (flowi4_init_output's arguments in udp_sendmsg and ip4_datagram_connect).
  Flowi4 flow(const SockAddrIn& to) const;
  int push_pending_frames();
  // sk_error_report's side: records err for the next call.
  int sock_error() {
    int e = sk_err;
    sk_err = 0;
    return -e;
  }
};

class UdpTable {
 public:
  explicit UdpTable(Net& net) : net_(net) {}
  // udp_lib_get_port: binds s to snum (0: an ephemeral port). 0 or
  // -EADDRINUSE (or -EAGAIN when no ephemeral port is free).
  int get_port(UdpSock* s, uint16_t snum);
  void unhash(UdpSock* s);
  // __udp4_lib_lookup: the best-scoring socket for a datagram.
  UdpSock* lookup(Ipv4Addr saddr, uint16_t sport, Ipv4Addr daddr, uint16_t dport, int dif) const;
  // Every socket bound to port (multicast/broadcast delivery), newest first.
  const std::vector<UdpSock*>* on_port(uint16_t port) const {
    auto it = ports_.find(port);
    return it == ports_.end() ? nullptr : &it->second;
  }
  // All sockets in /proc/net/udp order (by slot, then newest first).
  std::vector<UdpSock*> all() const;
  // udp_hashfn's slot for /proc/net/udp's "sl" column.
  uint32_t slot(uint16_t port) const { return port & (kSlots - 1); }
  static constexpr uint32_t kSlots = 16384;  // udp_hash_entries on the oracle machine

 private:
  bool lport_inuse(const UdpSock* s, uint16_t port) const;
  Net& net_;
  std::unordered_map<uint16_t, std::vector<UdpSock*>> ports_;

 public:
  // Kernel tunnel sockets (udp_tunnel.h), by port. Declared last so they
  // go before the port map they are hashed in.
  std::unordered_map<uint16_t, std::unique_ptr<UdpSock>> tunnels;
};

UdpTable& udp_table(Net& net);

// udp_lib_checksum_complete: true when the datagram at skb's transport
// header has a bad checksum. A verified one is marked CHECKSUM_UNNECESSARY
// so it is summed only once.
bool udp_lib_checksum_complete(SkBuff& skb);

// __udp4_lib_rcv: skb data starts at the UDP header.
void udp_rcv(SkbPtr skb);
// __udp4_lib_err: an ICMP error quoting a datagram we sent. `quoted` starts
// at the quoted IP header; info is the ICMP info (next-hop MTU). Returns
// false when no socket sent it (the caller counts ICMP InErrors).
bool udp_err(Net& net, const uint8_t* quoted, uint32_t len, uint8_t type, uint8_t code, uint32_t info,
             Ipv4Addr offender, int ifindex);

// /proc/net/udp
std::string udp4_seq_show(Net& net);

}  // namespace skbox
