// IPv6 address autoconfiguration, as much as Linux does on link-up of a
// device (net/ipv6/addrconf.c): the per-device inet6_dev with its
// net.ipv6.conf.* values, the link-local address (EUI-64, stable-privacy,
// random or none), duplicate address detection, router solicitations and the
// MLDv2 reports that go with them; ::1 on loopback; disable_ipv6.
//
// Public API for the other subsystems:
//   - dev->ip6_ptr (Inet6Dev): cnf (the conf/DEV/ values), addrs (what
//     `ip -6 addr` lists, in the kernel's order, with IFA_F_* flags).
//   - ipv6_net(net): per-namespace state: devconf_all / devconf_dflt (the
//     conf/all and conf/default values), the IPv6 routes, the snmp6 MIBs.
//   - ipv6_devconf_field(): name -> int* into an Ipv6DevConf, for sysctl.
//   - addrconf_disable_change / addrconf_set_addr_gen_mode /
//     addrconf_set_stable_secret: the side effects of sysctl writes.
//   - ipv6_routes(net) (ipv6/route.h): every route as `ip -6 route show
//     table all` dumps them.
//
// Not modelled: addresses added by `ip -6 addr add` (no netlink path yet),
// SLAAC from router advertisements, temporary (privacy) addresses, optimistic
// DAD, keep_addr_on_down, forwarding changes at run time (joining ff02::2,
// anycast), MLD leave (TO_IN) records.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "core/time.h"
#include "core/timer.h"
#include "core/timer_wheel.h"
#include "ipv6/route.h"
#include "ipv6/snmp6.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;
enum class NetdevEvent;

// CONFIG_HZ of the oracle kernel: conf values kept in jiffies use it.
inline constexpr int kIpv6Hz = 250;
inline constexpr Duration kIpv6Jiffy = kSec / kIpv6Hz;
inline constexpr uint32_t IPV6_MIN_MTU = 1280;

// IN6_ADDR_GEN_MODE_*
enum : int {
  IN6_ADDR_GEN_MODE_EUI64 = 0,
  IN6_ADDR_GEN_MODE_NONE = 1,
  IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2,
  IN6_ADDR_GEN_MODE_RANDOM = 3,
};

// ifa_proto (IFAPROT_*): who created an address.
enum : uint8_t { IFAPROT_UNSPEC = 0, IFAPROT_KERNEL_LO = 1, IFAPROT_KERNEL_RA = 2, IFAPROT_KERNEL_LL = 3 };

// struct ipv6_devconf: one set of net.ipv6.conf.{all,default,DEV}.* values.
// Fields marked (j) hold jiffies (HZ = kIpv6Hz) exactly like the kernel; the
// sysctl files show them in seconds (K::J) or milliseconds (K::MS).
struct Ipv6DevConf {
  int forwarding = 0;
  int hop_limit = 64;
  int mtu6 = IPV6_MIN_MTU;
  int accept_ra = 1;
  int accept_redirects = 1;
  int autoconf = 1;
  int force_mld_version = 0;
  int mldv1_unsolicited_report_interval = 10 * kIpv6Hz;  // (j)
  int mldv2_unsolicited_report_interval = kIpv6Hz;       // (j)
  int dad_transmits = 1;
  int rtr_solicits = -1;                                  // router_solicitations: -1 = no limit
  int rtr_solicit_interval = 4 * kIpv6Hz;                 // (j)
  int rtr_solicit_max_interval = 3600 * kIpv6Hz;          // (j)
  int rtr_solicit_delay = 1 * kIpv6Hz;                    // (j)
  int use_tempaddr = 0;
  int max_addresses = 16;
  int accept_ra_defrtr = 1;
  int accept_ra_pinfo = 1;
  int proxy_ndp = 0;
  int accept_source_route = 0;
  int disable_ipv6 = 0;
  int accept_dad = 1;                                     // `all` starts at 0
  int enhanced_dad = 1;
  int addr_gen_mode = IN6_ADDR_GEN_MODE_EUI64;
  int keep_addr_on_down = 0;
  int ndisc_notify = 0;
  int ndisc_tclass = 0;
  int optimistic_dad = 0;
  int use_optimistic = 0;
  int ignore_routes_with_linkdown = 0;
  int suppress_frag_ndisc = 1;
  // stable_secret: unset until written (reading it then fails with EIO).
  std::optional<Ipv6Addr> stable_secret;

  // ipv6_devconf (all) and ipv6_devconf_dflt (default) of a new namespace.
  static Ipv6DevConf kernel_all();
  static Ipv6DevConf kernel_default();
};

// Binding of sysctl file names to Ipv6DevConf members.
struct Ipv6DevConfField {
  std::string_view name;      // file name under net/ipv6/conf/X/
  int Ipv6DevConf::*member;
  bool jiffies;               // value is in jiffies (see Ipv6DevConf)
};
std::span<const Ipv6DevConfField> ipv6_devconf_fields();
// The member behind a sysctl name, or nullptr if skbox does not model it.
int* ipv6_devconf_field(Ipv6DevConf& cnf, std::string_view name);

// inet6_ifaddr state (INET6_IFADDR_STATE_*).
enum class Inet6IfaddrState : uint8_t { PreDad, Dad, PostDad, ErrDad, Dead };

// One IPv6 address (struct inet6_ifaddr).
struct Inet6Ifaddr {
  Ipv6Addr addr;
  uint8_t prefixlen = 64;
  uint8_t scope = 0;                 // RT_SCOPE_* as `ip` prints it (253 "link", 254 "host", 0 "global")
  uint32_t flags = 0;                // IFA_F_* (TENTATIVE while DAD runs, PERMANENT, STABLE_PRIVACY, DADFAILED)
  uint8_t ifa_proto = IFAPROT_UNSPEC;
  uint32_t valid_lft = 0xffffffffu;  // seconds; ~0 = forever
  uint32_t prefered_lft = 0xffffffffu;
  Time cstamp = 0, tstamp = 0;
  uint32_t rt_priority = 0;
  bool tentative() const;

  // --- DAD (addrconf_dad_work) ---
  Inet6IfaddrState state = Inet6IfaddrState::PreDad;
  int dad_probes = 0;
  std::array<uint8_t, 6> dad_nonce{};
  uint8_t stable_privacy_retry = 0;  // DAD conflicts behind a stable-privacy address
  TimerList dad_timer;
  NetDevice* dev = nullptr;
};

// One multicast group joined on a device (struct ifmcaddr6).
struct Ifmcaddr6 {
  Ipv6Addr addr;
  int users = 1;
  int crcount = 0;      // change records still to send (mca_crcount)
  bool noreport = false;  // MAF_NOREPORT: ff02::1 and scopes below link
};

// if_flags bits of inet6_dev.
enum : uint32_t { IF_RA_RCVD = 0x20, IF_RS_SENT = 0x10, IF_READY = 0x80000000u };

// Per-device IPv6 state (struct inet6_dev).
struct Inet6Dev {
  Inet6Dev();
  ~Inet6Dev();
  Inet6Dev(const Inet6Dev&) = delete;
  Inet6Dev& operator=(const Inet6Dev&) = delete;

  Ipv6DevConf cnf;
  // Aliases kept for code written against the first stub; use cnf.
  int& disable_ipv6 = cnf.disable_ipv6;
  int& addr_gen_mode = cnf.addr_gen_mode;

  NetDevice* dev = nullptr;
  // dev->perm_addr: the address a device was registered with when it came
  // from hardware (NET_ADDR_PERM); all zeros for random ones (veth), which
  // is what stable-privacy addresses hash.
  MacAddr perm_addr{};
  // The addresses in the kernel's list order (`ip addr` prints this order):
  // larger scope first, newest first within a scope.
  std::vector<std::unique_ptr<Inet6Ifaddr>> addrs;
  uint32_t if_flags = 0;
  bool dead = false;
  Time tstamp = 0;

  // --- MLD (mcast.c) --- newest group first, like idev->mc_list.
  std::vector<Ifmcaddr6> mc_list;
  int mc_qrv = 2;
  int mc_ifc_count = 0;
  int mc_dad_count = 0;
  TimerList mc_ifc_timer;
  TimerList mc_dad_timer;

  // --- router solicitation ---
  TimerList rs_timer;
  int rs_probes = 0;
  int rs_interval = 0;  // jiffies

  Ipv6DevMib stats;
};

// Per-namespace IPv6 state (net->ipv6).
struct Ipv6NetState {
  Ipv6DevConf devconf_all = Ipv6DevConf::kernel_all();
  Ipv6DevConf devconf_dflt = Ipv6DevConf::kernel_default();
  std::vector<Ipv6Route> routes;  // insertion order; see ipv6_routes()
  Ipv6NetMib mib;
  uint64_t route_seq = 0;
};
// The IPv6 state of net (created on first use, owned by Net::ipv6_state).
Ipv6NetState& ipv6_net(Net& net);
const Ipv6NetState* ipv6_net_if(const Net& net);

// --- control path ---
// Netdevice notifier (addrconf_notify); runs after the IPv4 ones.
void addrconf_notify(NetdevEvent ev, NetDevice* dev);
// net.ipv6.conf.*.disable_ipv6 changed on dev (dev_disable_change): when
// disabled, addresses, routes and timers go; when enabled again on an up
// device, addrconf runs as on link-up. The caller has stored the new value.
void addrconf_disable_change(NetDevice* dev, bool disabled);
// Write of conf/DEV/addr_gen_mode (addrconf_sysctl_addr_gen_mode): EINVAL for
// an unknown mode or stable-privacy without any stable_secret; a change
// regenerates the automatic addresses at once (addrconf_init_auto_addrs).
Expected<void> addrconf_set_addr_gen_mode(NetDevice* dev, int mode);
// Write of conf/{default,DEV}/stable_secret (dev nullptr = default): sets the
// secret and switches the device (or every device, for default) to
// stable-privacy; no address changes until the next link-up.
void addrconf_set_stable_secret(Net& net, NetDevice* dev, const Ipv6Addr& secret);

// --- address helpers ---
// EUI-64 interface identifier of dev (ipv6_generate_eui64): false if the
// device has none (not Ethernet-like).
bool ipv6_generate_eui64(const NetDevice* dev, uint8_t eui[8]);
// RFC 7217 address as addrconf does it (ipv6_generate_stable_address: one
// SHA-1 block over secret, prefix, hardware address and dad_count).
Ipv6Addr ipv6_stable_address(const Ipv6Addr& prefix, const Ipv6Addr& secret,
                             std::span<const uint8_t> hwaddr, uint8_t dad_count);
// The address on dev (strict) or anywhere in net, or nullptr (ipv6_get_ifaddr).
Inet6Ifaddr* ipv6_get_ifaddr(Net& net, const Ipv6Addr& addr, const NetDevice* dev, bool strict);
// First link-local address of dev without any of `banned` flags (ipv6_get_lladdr).
std::optional<Ipv6Addr> ipv6_get_lladdr(const NetDevice* dev, uint32_t banned_flags);

// The text of /proc/net/if_inet6 (if6_seq_show), devices by ifindex.
std::string if6_seq_show(const Net& net);

}  // namespace skbox
