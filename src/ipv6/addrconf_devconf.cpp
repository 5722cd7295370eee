// The net.ipv6.conf.* values (struct ipv6_devconf) of a new namespace, the
// binding of their sysctl names, and the per-namespace IPv6 state.
// Not modelled here: the conf files skbox only stores (see net/sysctl.cpp).
#include <iterator>

#include "ipv6/addrconf.h"
#include "net/net.h"

namespace skbox {

// ipv6_devconf_dflt: the member initialisers of Ipv6DevConf.
Ipv6DevConf Ipv6DevConf::kernel_default() { return Ipv6DevConf{}; }

// ipv6_devconf (conf/all) differs from the default in accept_dad only.
Ipv6DevConf Ipv6DevConf::kernel_all() {
  Ipv6DevConf c;
  c.accept_dad = 0;
  return c;
}

namespace {

constexpr Ipv6DevConfField kFields[] = {
    {"accept_dad", &Ipv6DevConf::accept_dad, false},
    {"accept_ra", &Ipv6DevConf::accept_ra, false},
    {"accept_ra_defrtr", &Ipv6DevConf::accept_ra_defrtr, false},
    {"accept_ra_pinfo", &Ipv6DevConf::accept_ra_pinfo, false},
    {"accept_redirects", &Ipv6DevConf::accept_redirects, false},
    {"accept_source_route", &Ipv6DevConf::accept_source_route, false},
    {"addr_gen_mode", &Ipv6DevConf::addr_gen_mode, false},
    {"autoconf", &Ipv6DevConf::autoconf, false},
    {"dad_transmits", &Ipv6DevConf::dad_transmits, false},
    {"disable_ipv6", &Ipv6DevConf::disable_ipv6, false},
    {"enhanced_dad", &Ipv6DevConf::enhanced_dad, false},
    {"force_mld_version", &Ipv6DevConf::force_mld_version, false},
    {"forwarding", &Ipv6DevConf::forwarding, false},
    {"hop_limit", &Ipv6DevConf::hop_limit, false},
    {"ignore_routes_with_linkdown", &Ipv6DevConf::ignore_routes_with_linkdown, false},
    {"keep_addr_on_down", &Ipv6DevConf::keep_addr_on_down, false},
    {"max_addresses", &Ipv6DevConf::max_addresses, false},
    {"mldv1_unsolicited_report_interval", &Ipv6DevConf::mldv1_unsolicited_report_interval, true},
    {"mldv2_unsolicited_report_interval", &Ipv6DevConf::mldv2_unsolicited_report_interval, true},
    {"mtu", &Ipv6DevConf::mtu6, false},
    {"ndisc_notify", &Ipv6DevConf::ndisc_notify, false},
    {"ndisc_tclass", &Ipv6DevConf::ndisc_tclass, false},
    {"optimistic_dad", &Ipv6DevConf::optimistic_dad, false},
    {"proxy_ndp", &Ipv6DevConf::proxy_ndp, false},
    {"router_solicitation_delay", &Ipv6DevConf::rtr_solicit_delay, true},
    {"router_solicitation_interval", &Ipv6DevConf::rtr_solicit_interval, true},
    {"router_solicitation_max_interval", &Ipv6DevConf::rtr_solicit_max_interval, true},
    {"router_solicitations", &Ipv6DevConf::rtr_solicits, false},
    {"suppress_frag_ndisc", &Ipv6DevConf::suppress_frag_ndisc, false},
    {"use_optimistic", &Ipv6DevConf::use_optimistic, false},
    {"use_tempaddr", &Ipv6DevConf::use_tempaddr, false},
};

}  // namespace

std::span<const Ipv6DevConfField> ipv6_devconf_fields() { return {kFields, std::size(kFields)}; }

int* ipv6_devconf_field(Ipv6DevConf& cnf, std::string_view name) {
  for (const Ipv6DevConfField& f : kFields)
    if (f.name == name) return &(cnf.*(f.member));
  return nullptr;
}

Ipv6NetState& ipv6_net(Net& net) {
  if (!net.ipv6_state) net.ipv6_state = std::make_unique<Ipv6NetState>();
  return *net.ipv6_state;
}

const Ipv6NetState* ipv6_net_if(const Net& net) { return net.ipv6_state.get(); }

}  // namespace skbox
