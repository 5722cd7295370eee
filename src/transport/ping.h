// ICMP echo sockets (net/ipv4/ping.c), the kind iputils ping opens
// (SOCK_DGRAM, IPPROTO_ICMP, or a raw socket with an id filter — both look
// the same from the outside): the kernel fills the echo id, header and
// checksum; matching echo replies go to the receive queue and ICMP errors
// quoting our echoes to the error queue (IP_RECVERR).
// Not modelled: IP options, cmsg ancillary data other than TTL/timestamp.
#pragma once
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "core/skbuff.h"
#include "core/time.h"
#include "net/sock.h"
#include "wire/addr.h"

namespace skbox {

class Net;

// IP_PMTUDISC_DONT/WANT/DO/PROBE (ping -M dont|want|do|probe) come from
// <netinet/in.h>, with Linux's values 0..3.

// What recvmsg (or recvmsg(MSG_ERRQUEUE)) returns.
struct PingMessage {
  enum class Kind { EchoReply, Error } kind = Kind::EchoReply;
  Ipv4Addr from;        // reply source, or the ICMP error's sender (ee offender)
  uint16_t seq = 0;
  uint8_t ttl = 0;      // IP TTL of the reply (IP_RECVTTL)
  uint32_t bytes = 0;   // ICMP bytes (header + payload) of a reply
  Time rx_time = 0;     // virtual receive time (SO_TIMESTAMP)
  // Errors (struct sock_extended_err)
  bool local = false;   // SO_EE_ORIGIN_LOCAL (EMSGSIZE before sending)
  uint8_t icmp_type = 0, icmp_code = 0;
  int ee_errno = 0;
  uint32_t ee_info = 0; // next-hop MTU for FRAG_NEEDED / local EMSGSIZE
};

struct PingSock {
  uint16_t ident = 0;   // the echo id ("port")
  Ipv4Addr saddr;       // bound source (0: any)
  int bound_dev = 0;    // SO_BINDTODEVICE ifindex
  int ttl = -1;         // IP_TTL (-1: net.ipv4.ip_default_ttl)
  int pmtudisc = IP_PMTUDISC_WANT;
  bool broadcast = false;  // SO_BROADCAST
  uint8_t tos = 0;
  uint32_t mark = 0;
  uint32_t rcvbuf = 212992;
  uint32_t rmem = 0;    // receive-queue charge (skb truesize)
  uint64_t drops = 0;
  SkbQueue rx;          // echo replies (IP header kept: data at the IP header)
  // The error queue: a small ring (errors are rare; Linux bounds it by rcvbuf).
  std::array<PingMessage, 64> errq{};
  uint32_t errq_head = 0, errq_len = 0;
  Sock sock;            // what skb->sk of its echoes points at
};

class PingSockets {
 public:
  explicit PingSockets(Net& net) : net_(net) {}
  ~PingSockets();

  PingSock* open();
  void close(PingSock* s);
  // What ping's connect() probe does: route lookup for dst with the socket's
  // binding; on success *src is the source address the kernel would use.
  // Returns 0 or -errno (-ENETUNREACH, -EHOSTUNREACH, -EACCES, -EINVAL).
  int connect_probe(PingSock* s, Ipv4Addr dst, Ipv4Addr* src);
  // sendto(): echo request with the socket's id and `seq`. Returns the
  // number of bytes sent or -errno.
  int sendto(PingSock* s, Ipv4Addr dst, uint16_t seq, const uint8_t* payload, size_t len);
  // Earliest pending message (replies and errors in arrival order); false if none.
  bool recv(PingSock* s, PingMessage& m, std::vector<uint8_t>* payload = nullptr);
  bool readable(const PingSock* s) const { return !s->rx.empty() || s->errq_len; }
  // The socket owning echo id `ident` (nullptr when none).
  PingSock* lookup(uint16_t ident) const {
    auto it = socks_.find(ident);
    return it == socks_.end() ? nullptr : it->second.get();
  }

  // From icmp_rcv: takes the echo reply when a socket owns its id.
  bool ping_rcv(SkbPtr& skb);
  // From icmp_unreach: an error quoting our echo to orig_dst with this id.
  void deliver_error(uint16_t ident, Ipv4Addr orig_dst, const PingMessage& m);

 private:
  void queue_error(PingSock* s, const PingMessage& m);
  Net& net_;
  std::map<uint16_t, std::unique_ptr<PingSock>> socks_;
  uint16_t next_ident_ = 0;
};

}  // namespace skbox
