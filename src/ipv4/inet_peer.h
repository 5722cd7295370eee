// Per-destination long-lived state (net/ipv4/inetpeer.c): the token bucket
// that rate-limits ICMP errors and ip_error per remote address, plus the
// namespace-wide ICMP credit and the IP ID counter used for packets
// without a socket.
// Not modelled: inet_peer garbage collection (entries live as long as the
// namespace; one small struct per remote address).
#pragma once
#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "core/time.h"
#include "core/timer_wheel.h"
#include "wire/addr.h"

namespace skbox {

class Net;

struct InetPeer {
  Time rate_tokens = 0;
  Time rate_last = 0;
  uint32_t n_redirects = 0;  // redirects sent since the last silence (ip_rt_send_redirect)

  // inet_peer_xrlim_allow: up to 6 messages in a burst, then one per timeout.
  // Within the jiffy of the last update the bucket is neither refilled nor
  // clamped (6.13+), so ip_error's tokens survive its own icmp_send.
  bool xrlim_allow(Time now, Duration timeout) {
    Time token = rate_tokens;
    if (jiffies_at(now) != jiffies_at(rate_last)) {
      token = std::min<Time>(token + (now - rate_last), 6 * timeout);
      rate_last = now;
    }
    bool ok = false;
    if (token >= timeout) {
      token -= timeout;
      ok = true;
    }
    rate_tokens = token;
    return ok;
  }
  // ip_error's bucket (ip_rt_error_cost / ip_rt_error_burst).
  bool error_allow(Time now, Duration cost, Duration burst) {
    rate_tokens = std::min<Time>(rate_tokens + (now - rate_last), burst);
    rate_last = now;
    if (rate_tokens < cost) return false;
    rate_tokens -= cost;
    return true;
  }
};

struct IcmpGlobal {
  int credit = 0;
  Time stamp = -kSec;  // so the first call refills
};

struct InetPeerBase {
  InetPeer& get(Ipv4Addr a, Time now) {
    auto [it, fresh] = peers.try_emplace(a.v);
    // A new peer starts with its bucket full ("rate_last = jiffies - 60*HZ").
    if (fresh) it->second.rate_last = now - 60 * kSec;
    return it->second;
  }
  uint16_t next_ip_id() { return ip_id++; }

  std::unordered_map<uint32_t, InetPeer> peers;
  IcmpGlobal global;
  uint16_t ip_id = 0;
};

InetPeerBase& inet_peers(Net& net);

}  // namespace skbox
