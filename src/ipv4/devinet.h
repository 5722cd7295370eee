// Per-device IPv4 state (struct in_device): the addresses (in_ifaddr) and
// the conf/<dev>/ sysctls (ipv4_devconf). Address changes and the routes
// they imply live in devinet.cpp / fib_frontend.cpp.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "core/time.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class NetDevice;

// IPV4_DEVCONF_* (include/uapi/linux/ip.h), in kernel order. Values are
// indices into Ipv4DevConf::v.
#define SKBOX_IPV4_DEVCONF(X)                                                                    \
  X(FORWARDING, "forwarding") X(MC_FORWARDING, "mc_forwarding") X(PROXY_ARP, "proxy_arp")          \
  X(ACCEPT_REDIRECTS, "accept_redirects") X(SECURE_REDIRECTS, "secure_redirects")                  \
  X(SEND_REDIRECTS, "send_redirects") X(SHARED_MEDIA, "shared_media") X(RP_FILTER, "rp_filter")     \
  X(ACCEPT_SOURCE_ROUTE, "accept_source_route") X(BOOTP_RELAY, "bootp_relay")                      \
  X(LOG_MARTIANS, "log_martians") X(TAG, "tag") X(ARPFILTER, "arp_filter") X(MEDIUM_ID, "medium_id") \
  X(NOXFRM, "disable_xfrm") X(NOPOLICY, "disable_policy") X(FORCE_IGMP_VERSION, "force_igmp_version") \
  X(ARP_ANNOUNCE, "arp_announce") X(ARP_IGNORE, "arp_ignore")                                      \
  X(PROMOTE_SECONDARIES, "promote_secondaries") X(ARP_ACCEPT, "arp_accept")                        \
  X(ARP_NOTIFY, "arp_notify") X(ACCEPT_LOCAL, "accept_local") X(SRC_VMARK, "src_valid_mark")       \
  X(PROXY_ARP_PVLAN, "proxy_arp_pvlan") X(ROUTE_LOCALNET, "route_localnet")                        \
  X(IGMPV2_UNSOLICITED_REPORT_INTERVAL, "igmpv2_unsolicited_report_interval")                      \
  X(IGMPV3_UNSOLICITED_REPORT_INTERVAL, "igmpv3_unsolicited_report_interval")                      \
  X(IGNORE_ROUTES_WITH_LINKDOWN, "ignore_routes_with_linkdown")                                    \
  X(DROP_UNICAST_IN_L2_MULTICAST, "drop_unicast_in_l2_multicast")                                  \
  X(DROP_GRATUITOUS_ARP, "drop_gratuitous_arp") X(BC_FORWARDING, "bc_forwarding")                  \
  X(ARP_EVICT_NOCARRIER, "arp_evict_nocarrier")

struct Ipv4DevConf {
#define SKBOX_DEVCONF_ENUM(e, s) e,
  enum Field { SKBOX_IPV4_DEVCONF(SKBOX_DEVCONF_ENUM) kCount };
#undef SKBOX_DEVCONF_ENUM
  static const std::string_view kNames[kCount];  // sysctl file names
  std::array<int, kCount> v{};
  int& operator[](Field f) { return v[f]; }
  int operator[](Field f) const { return v[f]; }
  static Ipv4DevConf kernel_defaults();  // ipv4_devconf in a new namespace
};

// IFA_F_* address flags.
enum : uint32_t {
  IFA_F_SECONDARY = 0x01, IFA_F_NODAD = 0x02, IFA_F_OPTIMISTIC = 0x04, IFA_F_DADFAILED = 0x08,
  IFA_F_HOMEADDRESS = 0x10, IFA_F_DEPRECATED = 0x20, IFA_F_TENTATIVE = 0x40, IFA_F_PERMANENT = 0x80,
  IFA_F_MANAGETEMPADDR = 0x100, IFA_F_NOPREFIXROUTE = 0x200, IFA_F_MCAUTOJOIN = 0x400,
  IFA_F_STABLE_PRIVACY = 0x800,
};

struct InIfaddr {
  Ipv4Addr local;       // IFA_LOCAL
  Ipv4Addr address;     // IFA_ADDRESS (peer for point-to-point, else == local)
  Ipv4Addr broadcast;   // 0 when none
  uint8_t prefixlen = 32;
  uint8_t scope = 0;    // RT_SCOPE_*
  uint32_t flags = IFA_F_PERMANENT;
  std::string label;    // defaults to the device name
  uint32_t valid_lft = 0xffffffffu, preferred_lft = 0xffffffffu;  // seconds; ~0 = forever
  Time created = 0;
  uint32_t metric = 0;
  uint32_t mask() const { return inet_make_mask(prefixlen); }
};

struct InDevice {
  Ipv4DevConf cnf;
  std::vector<InIfaddr> ifa_list;  // the kernel's ifa_list order: primaries (by scope), then secondaries
  uint32_t mc_count = 0;
  bool dead = false;               // being destroyed (inetdev_destroy)
  // The device has been opened since it arrived in this namespace, so its
  // qdisc is attached (`ip link` shows "noop" before that). Kept here
  // because in_device lives exactly as long as that state.
  bool activated = false;
};

// --- the address control path (net/ipv4/devinet.c) ---
// Kernel extended-ack text ("ipv4: Address already assigned"); commands print
// it as "Error: <msg>." and fall back to strerror when it is empty.
using Extack = std::string;

// NLM_F_* request flags that the control path interprets.
enum : uint32_t { NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_APPEND = 0x800 };

// inet_rtm_newaddr: adds ifa to dev (label defaults to the device name,
// address to local). With NLM_F_EXCL (or without NLM_F_REPLACE) an address
// with the same local/prefix is EEXIST; with NLM_F_REPLACE its lifetimes and
// metric are updated. Secondary/primary placement as __inet_insert_ifa.
Expected<void> inet_addr_add(NetDevice* dev, InIfaddr ifa, uint32_t nlflags = NLM_F_CREATE | NLM_F_EXCL,
                             Extack* extack = nullptr);

// Keys of inet_rtm_deladdr: unset keys match anything.
struct InIfaddrMatch {
  std::optional<Ipv4Addr> local;     // IFA_LOCAL
  std::optional<Ipv4Addr> address;   // IFA_ADDRESS (checked together with prefixlen)
  uint8_t prefixlen = 32;
  std::optional<std::string> label;  // IFA_LABEL
};
// inet_rtm_deladdr: deletes the first address matching m (EADDRNOTAVAIL,
// "ipv4: Address not found" when none), promoting or deleting its secondaries.
Expected<void> inet_addr_del(NetDevice* dev, const InIfaddrMatch& m, Extack* extack = nullptr);
// Deletes the address at position idx of dev's list (__inet_del_ifa), with
// the primary's secondaries deleted or (promote_secondaries) promoted.
// Returns the removed address (the ioctl path re-inserts it changed).
InIfaddr inet_del_ifa(NetDevice* dev, size_t idx);
// __inet_insert_ifa: places ifa (primary/secondary) and adds its routes.
// A zero local address is accepted and ignored, as in Linux.
Expected<void> inet_insert_ifa(NetDevice* dev, InIfaddr ifa, Extack* extack = nullptr);
// The classful prefix length of addr (inet_abc_len): 0 for 0.0.0.0 and
// 255.255.255.255, -1 for multicast.
int inet_abc_len(Ipv4Addr addr);
// Netdevice notifier of the IPv4 address layer (inetdev_event): in_device
// set-up, 127.0.0.1 on loopback up, label renames, teardown.
class NetDevice;
enum class NetdevEvent;
void inetdev_event(NetdevEvent ev, NetDevice* dev);

// Some device of net has `addr` as a local address (inet_lookup_ifaddr_rcu).
bool inet_lookup_ifaddr(const Net& net, Ipv4Addr addr);

// The primary address of dev covering prefix/mask (inet_ifa_byprefix), or nullptr.
const InIfaddr* inet_ifa_byprefix(const NetDevice* dev, Ipv4Addr prefix, uint32_t mask);
// True when addr lies in ifa's subnet (inet_ifa_match).
inline bool inet_ifa_match(Ipv4Addr addr, const InIfaddr& ifa) {
  return ((addr.v ^ ifa.address.v) & ifa.mask()) == 0;
}
// Remaining lifetime in seconds at time `now` (what `ip addr` prints); ~0 = forever.
uint32_t ifa_valid_left(const InIfaddr& ifa, Time now);
uint32_t ifa_preferred_left(const InIfaddr& ifa, Time now);

}  // namespace skbox
