// Registry semantics and the `sysctl -a` listing of a fresh namespace,
// compared with text captured from Linux 6.18 (`unshare -n sysctl -a`).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cli/command.h"
#include "dev/veth.h"
#include "ipv4/devinet.h"
#include "ipv6/addrconf.h"
#include "neigh/neighbour.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/sysctl.h"
#include "net/world.h"

namespace skbox {

int cmd_sysctl(Proc&, std::span<const std::string>);

namespace {

// What inetdev_init/ipv6_add_dev give a device, for builds where those
// notifiers do not run yet.
void ensure_inet(Net& net, NetDevice* d) {
  if (!d->ip_ptr) {
    d->ip_ptr = std::make_unique<InDevice>();
    d->ip_ptr->cnf = net.devconf_dflt;
  }
  if (!d->ip6_ptr) d->ip6_ptr = std::make_unique<Inet6Dev>();
  if (!d->arp_parms) d->arp_parms = std::make_unique<NeighParms>();
}

struct CmdRun {
  int rc;
  std::string out, err;
};
CmdRun sysctl(World& w, Net& net, std::vector<std::string> args) {
  StringSink out, err;
  Proc p{w, &net, "", out, err};
  args.insert(args.begin(), "sysctl");
  int rc = cmd_sysctl(p, args);
  return {rc, out.data, err.data};
}

std::string v(Net& net, std::string_view name) {
  auto r = sysctl_read(net, name);
  return r ? *r : "<errno " + std::to_string(r.error()) + ">";
}

constexpr std::string_view kKernelAll = R"KERNEL(net.bridge.bridge-nf-call-arptables = 1
net.bridge.bridge-nf-call-ip6tables = 1
net.bridge.bridge-nf-call-iptables = 1
net.bridge.bridge-nf-filter-pppoe-tagged = 0
net.bridge.bridge-nf-filter-vlan-tagged = 0
net.bridge.bridge-nf-pass-vlan-input-dev = 0
net.core.optmem_max = 131072
net.core.rmem_default = 212992
net.core.rmem_max = 4194304
net.core.rps_default_mask = 0
net.core.somaxconn = 4096
net.core.tstamp_allow_data = 1
net.core.txrehash = 1
net.core.wmem_default = 212992
net.core.wmem_max = 4194304
net.core.xfrm_acq_expires = 30
net.core.xfrm_aevent_etime = 10
net.core.xfrm_aevent_rseqth = 2
net.core.xfrm_larval_drop = 1
net.ipv4.conf.all.accept_local = 0
net.ipv4.conf.all.accept_redirects = 1
net.ipv4.conf.all.accept_source_route = 0
net.ipv4.conf.all.arp_accept = 0
net.ipv4.conf.all.arp_announce = 0
net.ipv4.conf.all.arp_evict_nocarrier = 1
net.ipv4.conf.all.arp_filter = 0
net.ipv4.conf.all.arp_ignore = 0
net.ipv4.conf.all.arp_notify = 0
net.ipv4.conf.all.bc_forwarding = 0
net.ipv4.conf.all.bootp_relay = 0
net.ipv4.conf.all.disable_policy = 0
net.ipv4.conf.all.disable_xfrm = 0
net.ipv4.conf.all.drop_gratuitous_arp = 0
net.ipv4.conf.all.drop_unicast_in_l2_multicast = 0
net.ipv4.conf.all.force_igmp_version = 0
net.ipv4.conf.all.forwarding = 0
net.ipv4.conf.all.igmpv2_unsolicited_report_interval = 10000
net.ipv4.conf.all.igmpv3_unsolicited_report_interval = 1000
net.ipv4.conf.all.ignore_routes_with_linkdown = 0
net.ipv4.conf.all.log_martians = 0
net.ipv4.conf.all.mc_forwarding = 0
net.ipv4.conf.all.medium_id = 0
net.ipv4.conf.all.promote_secondaries = 0
net.ipv4.conf.all.proxy_arp = 0
net.ipv4.conf.all.proxy_arp_pvlan = 0
net.ipv4.conf.all.route_localnet = 0
net.ipv4.conf.all.rp_filter = 0
net.ipv4.conf.all.secure_redirects = 1
net.ipv4.conf.all.send_redirects = 1
net.ipv4.conf.all.shared_media = 1
net.ipv4.conf.all.src_valid_mark = 0
net.ipv4.conf.all.tag = 0
net.ipv4.conf.default.accept_local = 0
net.ipv4.conf.default.accept_redirects = 1
net.ipv4.conf.default.accept_source_route = 1
net.ipv4.conf.default.arp_accept = 0
net.ipv4.conf.default.arp_announce = 0
net.ipv4.conf.default.arp_evict_nocarrier = 1
net.ipv4.conf.default.arp_filter = 0
net.ipv4.conf.default.arp_ignore = 0
net.ipv4.conf.default.arp_notify = 0
net.ipv4.conf.default.bc_forwarding = 0
net.ipv4.conf.default.bootp_relay = 0
net.ipv4.conf.default.disable_policy = 0
net.ipv4.conf.default.disable_xfrm = 0
net.ipv4.conf.default.drop_gratuitous_arp = 0
net.ipv4.conf.default.drop_unicast_in_l2_multicast = 0
net.ipv4.conf.default.force_igmp_version = 0
net.ipv4.conf.default.forwarding = 0
net.ipv4.conf.default.igmpv2_unsolicited_report_interval = 10000
net.ipv4.conf.default.igmpv3_unsolicited_report_interval = 1000
net.ipv4.conf.default.ignore_routes_with_linkdown = 0
net.ipv4.conf.default.log_martians = 0
net.ipv4.conf.default.mc_forwarding = 0
net.ipv4.conf.default.medium_id = 0
net.ipv4.conf.default.promote_secondaries = 0
net.ipv4.conf.default.proxy_arp = 0
net.ipv4.conf.default.proxy_arp_pvlan = 0
net.ipv4.conf.default.route_localnet = 0
net.ipv4.conf.default.rp_filter = 0
net.ipv4.conf.default.secure_redirects = 1
net.ipv4.conf.default.send_redirects = 1
net.ipv4.conf.default.shared_media = 1
net.ipv4.conf.default.src_valid_mark = 0
net.ipv4.conf.default.tag = 0
net.ipv4.conf.lo.accept_local = 0
net.ipv4.conf.lo.accept_redirects = 1
net.ipv4.conf.lo.accept_source_route = 1
net.ipv4.conf.lo.arp_accept = 0
net.ipv4.conf.lo.arp_announce = 0
net.ipv4.conf.lo.arp_evict_nocarrier = 1
net.ipv4.conf.lo.arp_filter = 0
net.ipv4.conf.lo.arp_ignore = 0
net.ipv4.conf.lo.arp_notify = 0
net.ipv4.conf.lo.bc_forwarding = 0
net.ipv4.conf.lo.bootp_relay = 0
net.ipv4.conf.lo.disable_policy = 1
net.ipv4.conf.lo.disable_xfrm = 1
net.ipv4.conf.lo.drop_gratuitous_arp = 0
net.ipv4.conf.lo.drop_unicast_in_l2_multicast = 0
net.ipv4.conf.lo.force_igmp_version = 0
net.ipv4.conf.lo.forwarding = 0
net.ipv4.conf.lo.igmpv2_unsolicited_report_interval = 10000
net.ipv4.conf.lo.igmpv3_unsolicited_report_interval = 1000
net.ipv4.conf.lo.ignore_routes_with_linkdown = 0
net.ipv4.conf.lo.log_martians = 0
net.ipv4.conf.lo.mc_forwarding = 0
net.ipv4.conf.lo.medium_id = 0
net.ipv4.conf.lo.promote_secondaries = 0
net.ipv4.conf.lo.proxy_arp = 0
net.ipv4.conf.lo.proxy_arp_pvlan = 0
net.ipv4.conf.lo.route_localnet = 0
net.ipv4.conf.lo.rp_filter = 0
net.ipv4.conf.lo.secure_redirects = 1
net.ipv4.conf.lo.send_redirects = 1
net.ipv4.conf.lo.shared_media = 1
net.ipv4.conf.lo.src_valid_mark = 0
net.ipv4.conf.lo.tag = 0
net.ipv4.fib_multipath_hash_fields = 7
net.ipv4.fib_multipath_hash_policy = 0
net.ipv4.fib_multipath_hash_seed = 0
net.ipv4.fib_multipath_use_neigh = 0
net.ipv4.fib_notify_on_flag_change = 0
net.ipv4.fwmark_reflect = 0
net.ipv4.icmp_echo_enable_probe = 0
net.ipv4.icmp_echo_ignore_all = 0
net.ipv4.icmp_echo_ignore_broadcasts = 1
net.ipv4.icmp_errors_use_inbound_ifaddr = 0
net.ipv4.icmp_ignore_bogus_error_responses = 1
net.ipv4.icmp_msgs_burst = 50
net.ipv4.icmp_msgs_per_sec = 1000
net.ipv4.icmp_ratelimit = 1000
net.ipv4.icmp_ratemask = 6168
net.ipv4.igmp_link_local_mcast_reports = 1
net.ipv4.igmp_max_memberships = 20
net.ipv4.igmp_max_msf = 10
net.ipv4.igmp_qrv = 2
net.ipv4.ip_autobind_reuse = 0
net.ipv4.ip_default_ttl = 64
net.ipv4.ip_dynaddr = 0
net.ipv4.ip_early_demux = 1
net.ipv4.ip_forward = 0
net.ipv4.ip_forward_update_priority = 1
net.ipv4.ip_forward_use_pmtu = 0
net.ipv4.ip_local_port_range = 32768	60999
net.ipv4.ip_local_reserved_ports = 
net.ipv4.ip_no_pmtu_disc = 0
net.ipv4.ip_nonlocal_bind = 0
net.ipv4.ip_unprivileged_port_start = 1024
net.ipv4.ipfrag_high_thresh = 4194304
net.ipv4.ipfrag_low_thresh = 3145728
net.ipv4.ipfrag_max_dist = 64
net.ipv4.ipfrag_time = 30
net.ipv4.neigh.lo.anycast_delay = 100
net.ipv4.neigh.lo.app_solicit = 0
net.ipv4.neigh.lo.base_reachable_time_ms = 30000
net.ipv4.neigh.lo.delay_first_probe_time = 5
net.ipv4.neigh.lo.gc_stale_time = 60
net.ipv4.neigh.lo.interval_probe_time_ms = 5000
net.ipv4.neigh.lo.locktime = 100
net.ipv4.neigh.lo.mcast_resolicit = 0
net.ipv4.neigh.lo.mcast_solicit = 3
net.ipv4.neigh.lo.proxy_delay = 80
net.ipv4.neigh.lo.proxy_qlen = 64
net.ipv4.neigh.lo.retrans_time_ms = 1000
net.ipv4.neigh.lo.ucast_solicit = 3
net.ipv4.neigh.lo.unres_qlen = 101
net.ipv4.neigh.lo.unres_qlen_bytes = 212992
net.ipv4.nexthop_compat_mode = 1
net.ipv4.ping_group_range = 1	0
net.ipv4.raw_l3mdev_accept = 1
net.ipv4.route.min_adv_mss = 256
net.ipv4.route.min_pmtu = 552
net.ipv4.route.mtu_expires = 600
net.ipv4.tcp_abort_on_overflow = 0
net.ipv4.tcp_adv_win_scale = 1
net.ipv4.tcp_allowed_congestion_control = reno bbr
net.ipv4.tcp_app_win = 31
net.ipv4.tcp_autocorking = 1
net.ipv4.tcp_available_congestion_control = reno bbr cubic
net.ipv4.tcp_backlog_ack_defer = 1
net.ipv4.tcp_base_mss = 1024
net.ipv4.tcp_challenge_ack_limit = 2147483647
net.ipv4.tcp_child_ehash_entries = 0
net.ipv4.tcp_comp_sack_delay_ns = 1000000
net.ipv4.tcp_comp_sack_nr = 44
net.ipv4.tcp_comp_sack_slack_ns = 100000
net.ipv4.tcp_congestion_control = bbr
net.ipv4.tcp_dsack = 1
net.ipv4.tcp_early_demux = 1
net.ipv4.tcp_early_retrans = 3
net.ipv4.tcp_ecn = 2
net.ipv4.tcp_ecn_fallback = 1
net.ipv4.tcp_ecn_option = 2
net.ipv4.tcp_ecn_option_beacon = 3
net.ipv4.tcp_ehash_entries = -262144
net.ipv4.tcp_fack = 0
net.ipv4.tcp_fastopen = 1
net.ipv4.tcp_fastopen_blackhole_timeout_sec = 0
net.ipv4.tcp_fastopen_key = 00000000-00000000-00000000-00000000
net.ipv4.tcp_fin_timeout = 60
net.ipv4.tcp_frto = 2
net.ipv4.tcp_fwmark_accept = 0
net.ipv4.tcp_invalid_ratelimit = 500
net.ipv4.tcp_keepalive_intvl = 75
net.ipv4.tcp_keepalive_probes = 9
net.ipv4.tcp_keepalive_time = 7200
net.ipv4.tcp_l3mdev_accept = 0
net.ipv4.tcp_limit_output_bytes = 4194304
net.ipv4.tcp_max_reordering = 300
net.ipv4.tcp_max_syn_backlog = 2048
net.ipv4.tcp_max_tw_buckets = 131072
net.ipv4.tcp_migrate_req = 0
net.ipv4.tcp_min_rtt_wlen = 300
net.ipv4.tcp_min_snd_mss = 48
net.ipv4.tcp_min_tso_segs = 2
net.ipv4.tcp_moderate_rcvbuf = 1
net.ipv4.tcp_mtu_probe_floor = 48
net.ipv4.tcp_mtu_probing = 0
net.ipv4.tcp_no_metrics_save = 0
net.ipv4.tcp_no_ssthresh_metrics_save = 1
net.ipv4.tcp_notsent_lowat = 4294967295
net.ipv4.tcp_orphan_retries = 0
net.ipv4.tcp_pacing_ca_ratio = 120
net.ipv4.tcp_pacing_ss_ratio = 200
net.ipv4.tcp_pingpong_thresh = 1
net.ipv4.tcp_plb_cong_thresh = 128
net.ipv4.tcp_plb_enabled = 0
net.ipv4.tcp_plb_idle_rehash_rounds = 3
net.ipv4.tcp_plb_rehash_rounds = 12
net.ipv4.tcp_plb_suspend_rto_sec = 60
net.ipv4.tcp_probe_interval = 600
net.ipv4.tcp_probe_threshold = 8
net.ipv4.tcp_recovery = 1
net.ipv4.tcp_reflect_tos = 0
net.ipv4.tcp_reordering = 3
net.ipv4.tcp_retrans_collapse = 1
net.ipv4.tcp_retries1 = 3
net.ipv4.tcp_retries2 = 15
net.ipv4.tcp_rfc1337 = 0
net.ipv4.tcp_rmem = 4096	131072	33554432
net.ipv4.tcp_rto_max_ms = 120000
net.ipv4.tcp_rto_min_us = 200000
net.ipv4.tcp_sack = 1
net.ipv4.tcp_shrink_window = 0
net.ipv4.tcp_slow_start_after_idle = 1
net.ipv4.tcp_stdurg = 0
net.ipv4.tcp_syn_linear_timeouts = 4
net.ipv4.tcp_syn_retries = 6
net.ipv4.tcp_synack_retries = 5
net.ipv4.tcp_syncookies = 1
net.ipv4.tcp_thin_linear_timeouts = 0
net.ipv4.tcp_timestamps = 1
net.ipv4.tcp_tso_rtt_log = 9
net.ipv4.tcp_tso_win_divisor = 3
net.ipv4.tcp_tw_reuse = 2
net.ipv4.tcp_tw_reuse_delay = 1000
net.ipv4.tcp_window_scaling = 1
net.ipv4.tcp_wmem = 4096	16384	4194304
net.ipv4.tcp_workaround_signed_windows = 0
net.ipv4.udp_child_hash_entries = 0
net.ipv4.udp_early_demux = 1
net.ipv4.udp_hash_entries = -16384
net.ipv4.udp_l3mdev_accept = 0
net.ipv4.udp_rmem_min = 4096
net.ipv4.udp_wmem_min = 4096
net.ipv4.xfrm4_gc_thresh = 32768
net.ipv6.anycast_src_echo_reply = 0
net.ipv6.auto_flowlabels = 1
net.ipv6.bindv6only = 0
net.ipv6.conf.all.accept_dad = 0
net.ipv6.conf.all.accept_ra = 1
net.ipv6.conf.all.accept_ra_defrtr = 1
net.ipv6.conf.all.accept_ra_from_local = 0
net.ipv6.conf.all.accept_ra_min_hop_limit = 1
net.ipv6.conf.all.accept_ra_min_lft = 0
net.ipv6.conf.all.accept_ra_mtu = 1
net.ipv6.conf.all.accept_ra_pinfo = 1
net.ipv6.conf.all.accept_ra_rt_info_max_plen = 0
net.ipv6.conf.all.accept_ra_rt_info_min_plen = 0
net.ipv6.conf.all.accept_ra_rtr_pref = 1
net.ipv6.conf.all.accept_redirects = 1
net.ipv6.conf.all.accept_source_route = 0
net.ipv6.conf.all.accept_untracked_na = 0
net.ipv6.conf.all.addr_gen_mode = 0
net.ipv6.conf.all.autoconf = 1
net.ipv6.conf.all.dad_transmits = 1
net.ipv6.conf.all.disable_ipv6 = 0
net.ipv6.conf.all.disable_policy = 0
net.ipv6.conf.all.drop_unicast_in_l2_multicast = 0
net.ipv6.conf.all.drop_unsolicited_na = 0
net.ipv6.conf.all.enhanced_dad = 1
net.ipv6.conf.all.force_forwarding = 0
net.ipv6.conf.all.force_mld_version = 0
net.ipv6.conf.all.force_tllao = 0
net.ipv6.conf.all.forwarding = 0
net.ipv6.conf.all.hop_limit = 64
net.ipv6.conf.all.ignore_routes_with_linkdown = 0
net.ipv6.conf.all.ioam6_enabled = 0
net.ipv6.conf.all.ioam6_id = 65535
net.ipv6.conf.all.ioam6_id_wide = 4294967295
net.ipv6.conf.all.keep_addr_on_down = 0
net.ipv6.conf.all.max_addresses = 16
net.ipv6.conf.all.max_desync_factor = 600
net.ipv6.conf.all.mc_forwarding = 0
net.ipv6.conf.all.mldv1_unsolicited_report_interval = 10000
net.ipv6.conf.all.mldv2_unsolicited_report_interval = 1000
net.ipv6.conf.all.mtu = 1280
net.ipv6.conf.all.ndisc_evict_nocarrier = 1
net.ipv6.conf.all.ndisc_notify = 0
net.ipv6.conf.all.ndisc_tclass = 0
net.ipv6.conf.all.optimistic_dad = 0
net.ipv6.conf.all.proxy_ndp = 0
net.ipv6.conf.all.ra_defrtr_metric = 1024
net.ipv6.conf.all.ra_honor_pio_life = 0
net.ipv6.conf.all.ra_honor_pio_pflag = 0
net.ipv6.conf.all.regen_max_retry = 3
net.ipv6.conf.all.regen_min_advance = 2
net.ipv6.conf.all.router_probe_interval = 60
net.ipv6.conf.all.router_solicitation_delay = 1
net.ipv6.conf.all.router_solicitation_interval = 4
net.ipv6.conf.all.router_solicitation_max_interval = 3600
net.ipv6.conf.all.router_solicitations = -1
net.ipv6.conf.all.rpl_seg_enabled = 0
net.ipv6.conf.all.seg6_enabled = 0
net.ipv6.conf.all.seg6_require_hmac = 0
net.ipv6.conf.all.suppress_frag_ndisc = 1
net.ipv6.conf.all.temp_prefered_lft = 86400
net.ipv6.conf.all.temp_valid_lft = 604800
net.ipv6.conf.all.use_oif_addrs_only = 0
net.ipv6.conf.all.use_optimistic = 0
net.ipv6.conf.all.use_tempaddr = 0
net.ipv6.conf.default.accept_dad = 1
net.ipv6.conf.default.accept_ra = 1
net.ipv6.conf.default.accept_ra_defrtr = 1
net.ipv6.conf.default.accept_ra_from_local = 0
net.ipv6.conf.default.accept_ra_min_hop_limit = 1
net.ipv6.conf.default.accept_ra_min_lft = 0
net.ipv6.conf.default.accept_ra_mtu = 1
net.ipv6.conf.default.accept_ra_pinfo = 1
net.ipv6.conf.default.accept_ra_rt_info_max_plen = 0
net.ipv6.conf.default.accept_ra_rt_info_min_plen = 0
net.ipv6.conf.default.accept_ra_rtr_pref = 1
net.ipv6.conf.default.accept_redirects = 1
net.ipv6.conf.default.accept_source_route = 0
net.ipv6.conf.default.accept_untracked_na = 0
net.ipv6.conf.default.addr_gen_mode = 0
net.ipv6.conf.default.autoconf = 1
net.ipv6.conf.default.dad_transmits = 1
net.ipv6.conf.default.disable_ipv6 = 0
net.ipv6.conf.default.disable_policy = 0
net.ipv6.conf.default.drop_unicast_in_l2_multicast = 0
net.ipv6.conf.default.drop_unsolicited_na = 0
net.ipv6.conf.default.enhanced_dad = 1
net.ipv6.conf.default.force_forwarding = 0
net.ipv6.conf.default.force_mld_version = 0
net.ipv6.conf.default.force_tllao = 0
net.ipv6.conf.default.forwarding = 0
net.ipv6.conf.default.hop_limit = 64
net.ipv6.conf.default.ignore_routes_with_linkdown = 0
net.ipv6.conf.default.ioam6_enabled = 0
net.ipv6.conf.default.ioam6_id = 65535
net.ipv6.conf.default.ioam6_id_wide = 4294967295
net.ipv6.conf.default.keep_addr_on_down = 0
net.ipv6.conf.default.max_addresses = 16
net.ipv6.conf.default.max_desync_factor = 600
net.ipv6.conf.default.mc_forwarding = 0
net.ipv6.conf.default.mldv1_unsolicited_report_interval = 10000
net.ipv6.conf.default.mldv2_unsolicited_report_interval = 1000
net.ipv6.conf.default.mtu = 1280
net.ipv6.conf.default.ndisc_evict_nocarrier = 1
net.ipv6.conf.default.ndisc_notify = 0
net.ipv6.conf.default.ndisc_tclass = 0
net.ipv6.conf.default.optimistic_dad = 0
net.ipv6.conf.default.proxy_ndp = 0
net.ipv6.conf.default.ra_defrtr_metric = 1024
net.ipv6.conf.default.ra_honor_pio_life = 0
net.ipv6.conf.default.ra_honor_pio_pflag = 0
net.ipv6.conf.default.regen_max_retry = 3
net.ipv6.conf.default.regen_min_advance = 2
net.ipv6.conf.default.router_probe_interval = 60
net.ipv6.conf.default.router_solicitation_delay = 1
net.ipv6.conf.default.router_solicitation_interval = 4
net.ipv6.conf.default.router_solicitation_max_interval = 3600
net.ipv6.conf.default.router_solicitations = -1
net.ipv6.conf.default.rpl_seg_enabled = 0
net.ipv6.conf.default.seg6_enabled = 0
net.ipv6.conf.default.seg6_require_hmac = 0
net.ipv6.conf.default.suppress_frag_ndisc = 1
net.ipv6.conf.default.temp_prefered_lft = 86400
net.ipv6.conf.default.temp_valid_lft = 604800
net.ipv6.conf.default.use_oif_addrs_only = 0
net.ipv6.conf.default.use_optimistic = 0
net.ipv6.conf.default.use_tempaddr = 0
net.ipv6.conf.lo.accept_dad = -1
net.ipv6.conf.lo.accept_ra = 1
net.ipv6.conf.lo.accept_ra_defrtr = 1
net.ipv6.conf.lo.accept_ra_from_local = 0
net.ipv6.conf.lo.accept_ra_min_hop_limit = 1
net.ipv6.conf.lo.accept_ra_min_lft = 0
net.ipv6.conf.lo.accept_ra_mtu = 1
net.ipv6.conf.lo.accept_ra_pinfo = 1
net.ipv6.conf.lo.accept_ra_rt_info_max_plen = 0
net.ipv6.conf.lo.accept_ra_rt_info_min_plen = 0
net.ipv6.conf.lo.accept_ra_rtr_pref = 1
net.ipv6.conf.lo.accept_redirects = 1
net.ipv6.conf.lo.accept_source_route = 0
net.ipv6.conf.lo.accept_untracked_na = 0
net.ipv6.conf.lo.addr_gen_mode = 0
net.ipv6.conf.lo.autoconf = 1
net.ipv6.conf.lo.dad_transmits = 1
net.ipv6.conf.lo.disable_ipv6 = 0
net.ipv6.conf.lo.disable_policy = 0
net.ipv6.conf.lo.drop_unicast_in_l2_multicast = 0
net.ipv6.conf.lo.drop_unsolicited_na = 0
net.ipv6.conf.lo.enhanced_dad = 1
net.ipv6.conf.lo.force_forwarding = 0
net.ipv6.conf.lo.force_mld_version = 0
net.ipv6.conf.lo.force_tllao = 0
net.ipv6.conf.lo.forwarding = 0
net.ipv6.conf.lo.hop_limit = 64
net.ipv6.conf.lo.ignore_routes_with_linkdown = 0
net.ipv6.conf.lo.ioam6_enabled = 0
net.ipv6.conf.lo.ioam6_id = 65535
net.ipv6.conf.lo.ioam6_id_wide = 4294967295
net.ipv6.conf.lo.keep_addr_on_down = 0
net.ipv6.conf.lo.max_addresses = 16
net.ipv6.conf.lo.max_desync_factor = 600
net.ipv6.conf.lo.mc_forwarding = 0
net.ipv6.conf.lo.mldv1_unsolicited_report_interval = 10000
net.ipv6.conf.lo.mldv2_unsolicited_report_interval = 1000
net.ipv6.conf.lo.mtu = 65536
net.ipv6.conf.lo.ndisc_evict_nocarrier = 1
net.ipv6.conf.lo.ndisc_notify = 0
net.ipv6.conf.lo.ndisc_tclass = 0
net.ipv6.conf.lo.optimistic_dad = 0
net.ipv6.conf.lo.proxy_ndp = 0
net.ipv6.conf.lo.ra_defrtr_metric = 1024
net.ipv6.conf.lo.ra_honor_pio_life = 0
net.ipv6.conf.lo.ra_honor_pio_pflag = 0
net.ipv6.conf.lo.regen_max_retry = 3
net.ipv6.conf.lo.regen_min_advance = 2
net.ipv6.conf.lo.router_probe_interval = 60
net.ipv6.conf.lo.router_solicitation_delay = 1
net.ipv6.conf.lo.router_solicitation_interval = 4
net.ipv6.conf.lo.router_solicitation_max_interval = 3600
net.ipv6.conf.lo.router_solicitations = -1
net.ipv6.conf.lo.rpl_seg_enabled = 0
net.ipv6.conf.lo.seg6_enabled = 0
net.ipv6.conf.lo.seg6_require_hmac = 0
net.ipv6.conf.lo.suppress_frag_ndisc = 1
net.ipv6.conf.lo.temp_prefered_lft = 86400
net.ipv6.conf.lo.temp_valid_lft = 604800
net.ipv6.conf.lo.use_oif_addrs_only = 0
net.ipv6.conf.lo.use_optimistic = 0
net.ipv6.conf.lo.use_tempaddr = -1
net.ipv6.fib_multipath_hash_fields = 7
net.ipv6.fib_multipath_hash_policy = 0
net.ipv6.fib_notify_on_flag_change = 0
net.ipv6.flowlabel_consistency = 1
net.ipv6.flowlabel_reflect = 0
net.ipv6.flowlabel_state_ranges = 0
net.ipv6.fwmark_reflect = 0
net.ipv6.icmp.echo_ignore_all = 0
net.ipv6.icmp.echo_ignore_anycast = 0
net.ipv6.icmp.echo_ignore_multicast = 0
net.ipv6.icmp.error_anycast_as_unicast = 0
net.ipv6.icmp.ratelimit = 100
net.ipv6.icmp.ratemask = 0-1,3-127
net.ipv6.idgen_delay = 1
net.ipv6.idgen_retries = 3
net.ipv6.ioam6_id = 16777215
net.ipv6.ioam6_id_wide = 72057594037927935
net.ipv6.ip6frag_high_thresh = 4194304
net.ipv6.ip6frag_low_thresh = 3145728
net.ipv6.ip6frag_time = 60
net.ipv6.ip_nonlocal_bind = 0
net.ipv6.max_dst_opts_length = 2147483647
net.ipv6.max_dst_opts_number = 8
net.ipv6.max_hbh_length = 2147483647
net.ipv6.max_hbh_opts_number = 8
net.ipv6.neigh.lo.anycast_delay = 100
net.ipv6.neigh.lo.app_solicit = 0
net.ipv6.neigh.lo.base_reachable_time_ms = 30000
net.ipv6.neigh.lo.delay_first_probe_time = 5
net.ipv6.neigh.lo.gc_stale_time = 60
net.ipv6.neigh.lo.interval_probe_time_ms = 5000
net.ipv6.neigh.lo.locktime = 0
net.ipv6.neigh.lo.mcast_resolicit = 0
net.ipv6.neigh.lo.mcast_solicit = 3
net.ipv6.neigh.lo.proxy_delay = 80
net.ipv6.neigh.lo.proxy_qlen = 64
net.ipv6.neigh.lo.retrans_time_ms = 1000
net.ipv6.neigh.lo.ucast_solicit = 3
net.ipv6.neigh.lo.unres_qlen = 101
net.ipv6.neigh.lo.unres_qlen_bytes = 212992
net.ipv6.route.gc_elasticity = 9
net.ipv6.route.gc_interval = 30
net.ipv6.route.gc_min_interval = 0
net.ipv6.route.gc_min_interval_ms = 500
net.ipv6.route.gc_thresh = 1024
net.ipv6.route.gc_timeout = 60
net.ipv6.route.max_size = 2147483647
net.ipv6.route.min_adv_mss = 1220
net.ipv6.route.mtu_expires = 600
net.ipv6.route.skip_notify_on_dev_down = 0
net.ipv6.seg6_flowlabel = 0
net.ipv6.xfrm6_gc_thresh = 32768
net.mptcp.add_addr_timeout = 120
net.mptcp.allow_join_initial_addr_port = 1
net.mptcp.available_path_managers = kernel userspace
net.mptcp.available_schedulers = default
net.mptcp.blackhole_timeout = 3600
net.mptcp.checksum_enabled = 0
net.mptcp.close_timeout = 60
net.mptcp.enabled = 1
net.mptcp.path_manager = kernel
net.mptcp.pm_type = 0
net.mptcp.scheduler = default
net.mptcp.stale_loss_cnt = 4
net.mptcp.syn_retrans_before_tcp_fallback = 2
net.netfilter.nf_conntrack_acct = 0
net.netfilter.nf_conntrack_buckets = 262144
net.netfilter.nf_conntrack_checksum = 1
net.netfilter.nf_conntrack_count = 0
net.netfilter.nf_conntrack_events = 2
net.netfilter.nf_conntrack_expect_max = 4096
net.netfilter.nf_conntrack_frag6_high_thresh = 4194304
net.netfilter.nf_conntrack_frag6_low_thresh = 3145728
net.netfilter.nf_conntrack_frag6_timeout = 60
net.netfilter.nf_conntrack_generic_timeout = 600
net.netfilter.nf_conntrack_gre_timeout = 30
net.netfilter.nf_conntrack_gre_timeout_stream = 180
net.netfilter.nf_conntrack_icmp_timeout = 30
net.netfilter.nf_conntrack_icmpv6_timeout = 30
net.netfilter.nf_conntrack_log_invalid = 0
net.netfilter.nf_conntrack_max = 262144
net.netfilter.nf_conntrack_sctp_timeout_closed = 10
net.netfilter.nf_conntrack_sctp_timeout_cookie_echoed = 3
net.netfilter.nf_conntrack_sctp_timeout_cookie_wait = 3
net.netfilter.nf_conntrack_sctp_timeout_established = 210
net.netfilter.nf_conntrack_sctp_timeout_heartbeat_sent = 30
net.netfilter.nf_conntrack_sctp_timeout_shutdown_ack_sent = 3
net.netfilter.nf_conntrack_sctp_timeout_shutdown_recd = 3
net.netfilter.nf_conntrack_sctp_timeout_shutdown_sent = 3
net.netfilter.nf_conntrack_tcp_be_liberal = 0
net.netfilter.nf_conntrack_tcp_ignore_invalid_rst = 0
net.netfilter.nf_conntrack_tcp_loose = 1
net.netfilter.nf_conntrack_tcp_max_retrans = 3
net.netfilter.nf_conntrack_tcp_timeout_close = 10
net.netfilter.nf_conntrack_tcp_timeout_close_wait = 60
net.netfilter.nf_conntrack_tcp_timeout_established = 432000
net.netfilter.nf_conntrack_tcp_timeout_fin_wait = 120
net.netfilter.nf_conntrack_tcp_timeout_last_ack = 30
net.netfilter.nf_conntrack_tcp_timeout_max_retrans = 300
net.netfilter.nf_conntrack_tcp_timeout_syn_recv = 60
net.netfilter.nf_conntrack_tcp_timeout_syn_sent = 120
net.netfilter.nf_conntrack_tcp_timeout_time_wait = 120
net.netfilter.nf_conntrack_tcp_timeout_unacknowledged = 300
net.netfilter.nf_conntrack_timestamp = 0
net.netfilter.nf_conntrack_udp_timeout = 30
net.netfilter.nf_conntrack_udp_timeout_stream = 120
net.netfilter.nf_hooks_lwtunnel = 0
net.netfilter.nf_log.0 = NONE
net.netfilter.nf_log.1 = NONE
net.netfilter.nf_log.10 = nf_log_ipv6
net.netfilter.nf_log.2 = nf_log_ipv4
net.netfilter.nf_log.3 = nf_log_arp
net.netfilter.nf_log.4 = NONE
net.netfilter.nf_log.5 = nf_log_netdev
net.netfilter.nf_log.6 = NONE
net.netfilter.nf_log.7 = nf_log_bridge
net.netfilter.nf_log.8 = NONE
net.netfilter.nf_log.9 = NONE
net.unix.max_dgram_qlen = 10
)KERNEL";
constexpr std::string_view kKernelVeth1 = R"KERNEL(net.ipv4.conf.veth1.accept_local = 0
net.ipv4.conf.veth1.accept_redirects = 1
net.ipv4.conf.veth1.accept_source_route = 1
net.ipv4.conf.veth1.arp_accept = 0
net.ipv4.conf.veth1.arp_announce = 0
net.ipv4.conf.veth1.arp_evict_nocarrier = 1
net.ipv4.conf.veth1.arp_filter = 0
net.ipv4.conf.veth1.arp_ignore = 0
net.ipv4.conf.veth1.arp_notify = 0
net.ipv4.conf.veth1.bc_forwarding = 0
net.ipv4.conf.veth1.bootp_relay = 0
net.ipv4.conf.veth1.disable_policy = 0
net.ipv4.conf.veth1.disable_xfrm = 0
net.ipv4.conf.veth1.drop_gratuitous_arp = 0
net.ipv4.conf.veth1.drop_unicast_in_l2_multicast = 0
net.ipv4.conf.veth1.force_igmp_version = 0
net.ipv4.conf.veth1.forwarding = 0
net.ipv4.conf.veth1.igmpv2_unsolicited_report_interval = 10000
net.ipv4.conf.veth1.igmpv3_unsolicited_report_interval = 1000
net.ipv4.conf.veth1.ignore_routes_with_linkdown = 0
net.ipv4.conf.veth1.log_martians = 0
net.ipv4.conf.veth1.mc_forwarding = 0
net.ipv4.conf.veth1.medium_id = 0
net.ipv4.conf.veth1.promote_secondaries = 0
net.ipv4.conf.veth1.proxy_arp = 0
net.ipv4.conf.veth1.proxy_arp_pvlan = 0
net.ipv4.conf.veth1.route_localnet = 0
net.ipv4.conf.veth1.rp_filter = 0
net.ipv4.conf.veth1.secure_redirects = 1
net.ipv4.conf.veth1.send_redirects = 1
net.ipv4.conf.veth1.shared_media = 1
net.ipv4.conf.veth1.src_valid_mark = 0
net.ipv4.conf.veth1.tag = 0
net.ipv4.neigh.veth1.anycast_delay = 100
net.ipv4.neigh.veth1.app_solicit = 0
net.ipv4.neigh.veth1.base_reachable_time_ms = 30000
net.ipv4.neigh.veth1.delay_first_probe_time = 5
net.ipv4.neigh.veth1.gc_stale_time = 60
net.ipv4.neigh.veth1.interval_probe_time_ms = 5000
net.ipv4.neigh.veth1.locktime = 100
net.ipv4.neigh.veth1.mcast_resolicit = 0
net.ipv4.neigh.veth1.mcast_solicit = 3
net.ipv4.neigh.veth1.proxy_delay = 80
net.ipv4.neigh.veth1.proxy_qlen = 64
net.ipv4.neigh.veth1.retrans_time_ms = 1000
net.ipv4.neigh.veth1.ucast_solicit = 3
net.ipv4.neigh.veth1.unres_qlen = 101
net.ipv4.neigh.veth1.unres_qlen_bytes = 212992
net.ipv6.conf.veth1.accept_dad = 1
net.ipv6.conf.veth1.accept_ra = 1
net.ipv6.conf.veth1.accept_ra_defrtr = 1
net.ipv6.conf.veth1.accept_ra_from_local = 0
net.ipv6.conf.veth1.accept_ra_min_hop_limit = 1
net.ipv6.conf.veth1.accept_ra_min_lft = 0
net.ipv6.conf.veth1.accept_ra_mtu = 1
net.ipv6.conf.veth1.accept_ra_pinfo = 1
net.ipv6.conf.veth1.accept_ra_rt_info_max_plen = 0
net.ipv6.conf.veth1.accept_ra_rt_info_min_plen = 0
net.ipv6.conf.veth1.accept_ra_rtr_pref = 1
net.ipv6.conf.veth1.accept_redirects = 1
net.ipv6.conf.veth1.accept_source_route = 0
net.ipv6.conf.veth1.accept_untracked_na = 0
net.ipv6.conf.veth1.addr_gen_mode = 0
net.ipv6.conf.veth1.autoconf = 1
net.ipv6.conf.veth1.dad_transmits = 1
net.ipv6.conf.veth1.disable_ipv6 = 0
net.ipv6.conf.veth1.disable_policy = 0
net.ipv6.conf.veth1.drop_unicast_in_l2_multicast = 0
net.ipv6.conf.veth1.drop_unsolicited_na = 0
net.ipv6.conf.veth1.enhanced_dad = 1
net.ipv6.conf.veth1.force_forwarding = 0
net.ipv6.conf.veth1.force_mld_version = 0
net.ipv6.conf.veth1.force_tllao = 0
net.ipv6.conf.veth1.forwarding = 0
net.ipv6.conf.veth1.hop_limit = 64
net.ipv6.conf.veth1.ignore_routes_with_linkdown = 0
net.ipv6.conf.veth1.ioam6_enabled = 0
net.ipv6.conf.veth1.ioam6_id = 65535
net.ipv6.conf.veth1.ioam6_id_wide = 4294967295
net.ipv6.conf.veth1.keep_addr_on_down = 0
net.ipv6.conf.veth1.max_addresses = 16
net.ipv6.conf.veth1.max_desync_factor = 600
net.ipv6.conf.veth1.mc_forwarding = 0
net.ipv6.conf.veth1.mldv1_unsolicited_report_interval = 10000
net.ipv6.conf.veth1.mldv2_unsolicited_report_interval = 1000
net.ipv6.conf.veth1.mtu = 1500
net.ipv6.conf.veth1.ndisc_evict_nocarrier = 1
net.ipv6.conf.veth1.ndisc_notify = 0
net.ipv6.conf.veth1.ndisc_tclass = 0
net.ipv6.conf.veth1.optimistic_dad = 0
net.ipv6.conf.veth1.proxy_ndp = 0
net.ipv6.conf.veth1.ra_defrtr_metric = 1024
net.ipv6.conf.veth1.ra_honor_pio_life = 0
net.ipv6.conf.veth1.ra_honor_pio_pflag = 0
net.ipv6.conf.veth1.regen_max_retry = 3
net.ipv6.conf.veth1.regen_min_advance = 2
net.ipv6.conf.veth1.router_probe_interval = 60
net.ipv6.conf.veth1.router_solicitation_delay = 1
net.ipv6.conf.veth1.router_solicitation_interval = 4
net.ipv6.conf.veth1.router_solicitation_max_interval = 3600
net.ipv6.conf.veth1.router_solicitations = -1
net.ipv6.conf.veth1.rpl_seg_enabled = 0
net.ipv6.conf.veth1.seg6_enabled = 0
net.ipv6.conf.veth1.seg6_require_hmac = 0
net.ipv6.conf.veth1.suppress_frag_ndisc = 1
net.ipv6.conf.veth1.temp_prefered_lft = 86400
net.ipv6.conf.veth1.temp_valid_lft = 604800
net.ipv6.conf.veth1.use_oif_addrs_only = 0
net.ipv6.conf.veth1.use_optimistic = 0
net.ipv6.conf.veth1.use_tempaddr = 0
net.ipv6.neigh.veth1.anycast_delay = 100
net.ipv6.neigh.veth1.app_solicit = 0
net.ipv6.neigh.veth1.base_reachable_time_ms = 30000
net.ipv6.neigh.veth1.delay_first_probe_time = 5
net.ipv6.neigh.veth1.gc_stale_time = 60
net.ipv6.neigh.veth1.interval_probe_time_ms = 5000
net.ipv6.neigh.veth1.locktime = 0
net.ipv6.neigh.veth1.mcast_resolicit = 0
net.ipv6.neigh.veth1.mcast_solicit = 3
net.ipv6.neigh.veth1.proxy_delay = 80
net.ipv6.neigh.veth1.proxy_qlen = 64
net.ipv6.neigh.veth1.retrans_time_ms = 1000
net.ipv6.neigh.veth1.ucast_solicit = 3
net.ipv6.neigh.veth1.unres_qlen = 101
net.ipv6.neigh.veth1.unres_qlen_bytes = 212992
)KERNEL";

}  // namespace

TEST(SysctlRegistry, FreshNamespaceListsLikeKernel) {
  World w;
  Net& net = w.init_net();
  ensure_inet(net, net.loopback());
  CmdRun r = sysctl(w, net, {"-a"});
  // stable_secret is unreadable (EIO) until written, so -a exits 1.
  EXPECT_EQ(r.rc, 1);
  EXPECT_EQ(r.err, "");
  // The real -a also walks abi., fs., kernel., vm.; skbox has only net.
  EXPECT_EQ(r.out, kKernelAll);
}

TEST(SysctlRegistry, DeviceDirectoriesFollowDevices) {
  World w;
  Net& net = w.init_net();
  auto a = veth_newlink(net, "veth1", net, "veth2");
  ASSERT_TRUE(a);
  for (NetDevice* d : net.devices()) ensure_inet(net, d);
  std::string got;
  for (const std::string& n : sysctl_list(net, "net"))
    if (n.find(".veth1.") != std::string::npos && n.find("stable_secret") == std::string::npos &&
        !n.ends_with(".base_reachable_time") && !n.ends_with(".retrans_time"))
      got += n + " = " + v(net, n) + "\n";
  std::string want(kKernelVeth1);
  // MAC-independent: the kernel's ipv6 mtu of a veth is its mtu.
  EXPECT_EQ(got, want);
  net.unregister_netdevice(*a);
  for (const std::string& n : sysctl_list(net, "net")) EXPECT_EQ(n.find("veth"), std::string::npos) << n;
  EXPECT_EQ(sysctl_read(net, "net.ipv4.conf.veth1.rp_filter").error(), ENOENT);
}

TEST(SysctlRegistry, IpForwardIsConfAllForwardingAndSpreads) {
  World w;
  Net& net = w.init_net();
  auto a = veth_newlink(net, "veth1", net, "veth2");
  ASSERT_TRUE(a);
  for (NetDevice* d : net.devices()) ensure_inet(net, d);
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.ip_forward", "1\n"));
  EXPECT_TRUE(net.ip_forward());
  EXPECT_EQ(v(net, "net.ipv4.conf.all.forwarding"), "1");
  EXPECT_EQ(v(net, "net.ipv4.conf.default.forwarding"), "1");
  EXPECT_EQ(v(net, "net.ipv4.conf.veth1.forwarding"), "1");
  EXPECT_EQ(v(net, "net.ipv4.conf.lo.forwarding"), "1");
  EXPECT_EQ(v(net, "net.ipv4.conf.all.accept_redirects"), "0");  // inet_forward_change
  EXPECT_EQ(v(net, "net.ipv4.conf.veth1.accept_redirects"), "1");
  // A device's own forwarding does not touch the global switch.
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.conf.all.forwarding", "0"));
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.conf.veth1.forwarding", "1"));
  EXPECT_EQ(v(net, "net.ipv4.ip_forward"), "0");
  EXPECT_EQ(v(net, "net.ipv4.conf.veth2.forwarding"), "0");
  // Any int is accepted (proc_dointvec), and copied as is.
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.ip_forward", "2"));
  EXPECT_EQ(v(net, "net.ipv4.conf.veth2.forwarding"), "2");
  EXPECT_EQ(sysctl_write(net, "net.ipv4.ip_forward", "abc").error(), EINVAL);
  EXPECT_EQ(sysctl_write(net, "net.ipv4.ip_forward", "\n").error(), EINVAL);
  EXPECT_EQ(sysctl_write(net, "net.ipv4.ip_forward", "2147483648").error(), EINVAL);
}

TEST(SysctlRegistry, DefaultFlowsIntoDevicesNotSetByHand) {
  World w;
  Net& net = w.init_net();
  ASSERT_TRUE(veth_newlink(net, "veth1", net, "veth2"));
  for (NetDevice* d : net.devices()) ensure_inet(net, d);
  // Captured: default.rp_filter=2 reaches veth1; veth2 set by hand keeps its arp_ignore.
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.conf.default.rp_filter", "2"));
  EXPECT_EQ(v(net, "net.ipv4.conf.veth1.rp_filter"), "2");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.conf.veth2.arp_ignore", "1"));
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.conf.default.arp_ignore", "2"));
  EXPECT_EQ(v(net, "net.ipv4.conf.veth1.arp_ignore"), "2");
  EXPECT_EQ(v(net, "net.ipv4.conf.veth2.arp_ignore"), "1");
  // `all` does not flow anywhere.
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.conf.all.rp_filter", "1"));
  EXPECT_EQ(v(net, "net.ipv4.conf.veth1.rp_filter"), "2");
  // IPv6: default only affects devices created later; all.forwarding and
  // all.disable_ipv6 rewrite default and every device.
  ASSERT_TRUE(sysctl_write(net, "net.ipv6.conf.default.accept_ra", "0"));
  EXPECT_EQ(v(net, "net.ipv6.conf.veth1.accept_ra"), "1");
  ASSERT_TRUE(sysctl_write(net, "net.ipv6.conf.all.forwarding", "1"));
  EXPECT_EQ(v(net, "net.ipv6.conf.veth1.forwarding"), "1");
  EXPECT_EQ(v(net, "net.ipv6.conf.default.forwarding"), "1");
  ASSERT_TRUE(sysctl_write(net, "net.ipv6.conf.all.hop_limit", "5"));
  EXPECT_EQ(v(net, "net.ipv6.conf.veth1.hop_limit"), "64");
  ASSERT_TRUE(sysctl_write(net, "net.ipv6.conf.all.disable_ipv6", "1"));
  EXPECT_EQ(net.dev_get_by_name("veth1")->ip6_ptr->disable_ipv6, 1);
  EXPECT_EQ(v(net, "net.ipv6.conf.default.disable_ipv6"), "1");
}

TEST(SysctlRegistry, ValuesAndUnits) {
  World w;
  Net& net = w.init_net();
  ensure_inet(net, net.loopback());
  EXPECT_EQ(v(net, "net.ipv4.ip_local_port_range"), "32768\t60999");
  EXPECT_EQ(sysctl_write(net, "net.ipv4.ip_local_port_range", "1000 2000").error(), EINVAL);  // below 1024
  EXPECT_EQ(sysctl_write(net, "net.ipv4.ip_local_port_range", "3000 2000").error(), EINVAL);
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.ip_local_port_range", "1024"));
  EXPECT_EQ(v(net, "net.ipv4.ip_local_port_range"), "1024\t60999");
  EXPECT_EQ(net.ipv4.ip_local_port_range[0], 1024);
  EXPECT_EQ(sysctl_write(net, "net.ipv4.ip_default_ttl", "0").error(), EINVAL);
  EXPECT_EQ(sysctl_write(net, "net.ipv4.ip_default_ttl", "256").error(), EINVAL);
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.ip_default_ttl", "0x10"));
  EXPECT_EQ(net.ipv4.ip_default_ttl, 16);
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.icmp_ratelimit", "1"));  // rounded up to a jiffy
  EXPECT_EQ(v(net, "net.ipv4.icmp_ratelimit"), "4");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.ping_group_range", "0 2147483647"));
  EXPECT_EQ(v(net, "net.ipv4.ping_group_range"), "0\t2147483647");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.ping_group_range", "5 1"));  // reversed: back to 1 0
  EXPECT_EQ(v(net, "net.ipv4.ping_group_range"), "1\t0");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.tcp_rmem", "1"));
  EXPECT_EQ(v(net, "net.ipv4.tcp_rmem"), "1\t131072\t33554432");
  EXPECT_EQ(sysctl_write(net, "net.ipv4.tcp_congestion_control", "foo").error(), ENOENT);
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.tcp_congestion_control", "cubic\n"));
  EXPECT_EQ(v(net, "net.ipv4.tcp_congestion_control"), "cubic");
  EXPECT_EQ(sysctl_write(net, "net.core.rmem_max", "1").error(), EACCES);
  EXPECT_EQ(sysctl_read(net, "net.ipv4.route.flush").error(), EACCES);
  EXPECT_TRUE(sysctl_write(net, "net.ipv4.route.flush", "1"));
  EXPECT_EQ(sysctl_read(net, "net.ipv6.conf.lo.stable_secret").error(), EIO);
  ASSERT_TRUE(sysctl_write(net, "net.ipv6.conf.lo.stable_secret", "fe80::1"));
  EXPECT_EQ(v(net, "net.ipv6.conf.lo.stable_secret"), "fe80:0000:0000:0000:0000:0000:0000:0001");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.ip_local_reserved_ports", "8080,9148,10-12,11"));
  EXPECT_EQ(v(net, "net.ipv4.ip_local_reserved_ports"), "10-12,8080,9148");
  EXPECT_EQ(sysctl_read(net, "net.ipv4.nope").error(), ENOENT);
  EXPECT_EQ(sysctl_read(net, "net.ipv4.ip_forward.x").error(), ENOTDIR);
  EXPECT_EQ(sysctl_read(net, "net.ipv4.conf").error(), EISDIR);
  // Stored values are per namespace.
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.tcp_syncookies", "0"));
  Net* ns = *w.netns_add("t1");
  EXPECT_EQ(v(*ns, "net.ipv4.tcp_syncookies"), "1");
  EXPECT_EQ(v(net, "net.ipv4.tcp_syncookies"), "0");
}

TEST(SysctlRegistry, NeighParmsUnits) {
  World w;
  Net& net = w.init_net();
  ensure_inet(net, net.loopback());
  NeighParms& p = *net.loopback()->arp_parms;
  EXPECT_EQ(v(net, "net.ipv4.neigh.lo.retrans_time"), "100");  // USER_HZ ticks
  EXPECT_EQ(v(net, "net.ipv4.neigh.lo.base_reachable_time"), "30");
  EXPECT_EQ(v(net, "net.ipv4.neigh.lo.unres_qlen"), "101");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.neigh.lo.base_reachable_time_ms", "1"));
  EXPECT_EQ(p.base_reachable_time, 4 * kMsec);
  EXPECT_EQ(v(net, "net.ipv4.neigh.lo.base_reachable_time_ms"), "4");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.neigh.lo.locktime", "3"));  // 3 ticks = 7 jiffies -> 2 ticks
  EXPECT_EQ(v(net, "net.ipv4.neigh.lo.locktime"), "2");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.neigh.lo.unres_qlen", "1"));
  EXPECT_EQ(v(net, "net.ipv4.neigh.lo.unres_qlen_bytes"), "2090");
  ASSERT_TRUE(sysctl_write(net, "net.ipv4.neigh.lo.unres_qlen_bytes", "2000"));
  EXPECT_EQ(v(net, "net.ipv4.neigh.lo.unres_qlen"), "0");
  EXPECT_EQ(sysctl_write(net, "net.ipv4.neigh.lo.retrans_time_ms", "abc").error(), EINVAL);
}

TEST(SysctlCommand, MessagesAndExitCodes) {
  World w;
  Net& net = w.init_net();
  ensure_inet(net, net.loopback());
  CmdRun r = sysctl(w, net, {"net.ipv4.nope"});
  EXPECT_EQ(r.err, "sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n");
  EXPECT_EQ(r.rc, 1);
  r = sysctl(w, net, {"nope1", "nope2", "nope3"});
  EXPECT_EQ(r.rc, 3);
  EXPECT_EQ(sysctl(w, net, {""}).rc, 255);
  EXPECT_EQ(sysctl(w, net, {""}).err, "sysctl: \"\" is an unknown key\n");
  r = sysctl(w, net, {"-e", "net.ipv4.nope"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err, "");
  r = sysctl(w, net, {"-w", "net.ipv4.ip_forward=abc"});
  EXPECT_EQ(r.err, "sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument\n");
  EXPECT_EQ(r.rc, 1);
  r = sysctl(w, net, {"-w", "net.core.rmem_max=1"});
  EXPECT_EQ(r.err, "sysctl: setting key \"net.core.rmem_max\": Invalid argument\n");
  EXPECT_EQ(r.rc, 0);
  r = sysctl(w, net, {"-w", "  net.ipv4.ip_forward  =  1  "});
  EXPECT_EQ(r.out, "net.ipv4.ip_forward = 1\n");
  r = sysctl(w, net, {"net.ipv4.ip_forward", "net.ipv4.ip_default_ttl"});
  EXPECT_EQ(r.out, "net.ipv4.ip_forward = 1\nnet.ipv4.ip_default_ttl = 64\n");
  r = sysctl(w, net, {"-n", "net.ipv4.ip_local_port_range", "net.ipv4.ip_forward"});
  EXPECT_EQ(r.out, "32768\t60999\n1\n");
  r = sysctl(w, net, {"-b", "net.ipv4.ip_local_port_range"});
  EXPECT_EQ(r.out, "32768\t60999");
  r = sysctl(w, net, {"-N", "net.ipv4.ip_forward", "net.ipv4.route"});
  EXPECT_EQ(r.out, "net.ipv4.ip_forward\nnet.ipv4.route.min_adv_mss\nnet.ipv4.route.min_pmtu\nnet.ipv4.route.mtu_expires\n");
  r = sysctl(w, net, {"-w", "net.ipv4.ip_forward"});
  EXPECT_EQ(r.err, "sysctl: command line(0): invalid syntax, continuing...\n");
  EXPECT_EQ(r.rc, 1);
  r = sysctl(w, net, {"-q", "-w", "net.ipv4.ip_forward=0"});
  EXPECT_EQ(r.out, "");
  r = sysctl(w, net, {"net/ipv4/conf/lo/rp_filter"});
  EXPECT_EQ(r.out, "net.ipv4.conf.lo.rp_filter = 0\n");
  r = sysctl(w, net, {"net.ipv4.conf.lo/rp_filter"});
  EXPECT_EQ(r.err, "sysctl: cannot stat /proc/sys/net/ipv4/conf/lo.rp_filter: No such file or directory\n");
  r = sysctl(w, net, {"net.ipv4.ip_forward.x"});
  EXPECT_EQ(r.err, "sysctl: cannot stat /proc/sys/net/ipv4/ip_forward/x: Not a directory\n");
  r = sysctl(w, net, {"-w", "=1"});
  EXPECT_EQ(r.err, "sysctl: Path is not under /proc/sys/: /proc/sys/\n");
  r = sysctl(w, net, {"-a", "-r", "ip_forward"});
  EXPECT_EQ(r.out, "net.ipv4.ip_forward = 0\nnet.ipv4.ip_forward_update_priority = 1\nnet.ipv4.ip_forward_use_pmtu = 0\n");
  r = sysctl(w, net, {"-w", "net.ipv4.tcp_congestion_control=foo"});
  EXPECT_EQ(r.err, "sysctl: setting key \"net.ipv4.tcp_congestion_control\": No such file or directory\n");
  r = sysctl(w, net, {"-x"});
  EXPECT_EQ(r.err, "sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
  EXPECT_EQ(r.rc, 1);
  r = sysctl(w, net, {"-N", "-q", "x"});
  EXPECT_EQ(r.err, "sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.\n");
  EXPECT_EQ(sysctl(w, net, {"-V"}).out, "sysctl from procps-ng 4.0.2\n");
  r = sysctl(w, net, {"-z"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_TRUE(r.err.starts_with("sysctl: invalid option -- 'z'\n"));
  EXPECT_TRUE(r.out.starts_with("\nUsage:\n sysctl [options] [variable[=value] ...]\n"));
  EXPECT_EQ(sysctl(w, net, {}).rc, 1);
  r = sysctl(w, net, {"-a", "--deprecated"});
  EXPECT_NE(r.out.find("net.ipv4.neigh.lo.retrans_time = 100\n"), std::string::npos);
}

}  // namespace skbox
