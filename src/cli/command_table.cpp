// The built-in commands. Each lives in its own file under src/cli/ and is
// declared here; keep the table sorted by name.
#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "cli/command.h"

namespace skbox {

// Declarations (one line per command file).
#define SKBOX_COMMANDS(X) \
  X("[", cmd_test) \
  X("arp", cmd_arp) \
  X("arping", cmd_arping) \
  X("basename", cmd_basename) \
  X("bash", cmd_bash) \
  X("bridge", cmd_bridge) \
  X("cat", cmd_cat) \
  X("conntrack", cmd_conntrack) \
  X("cut", cmd_cut) \
  X("dirname", cmd_dirname) \
  X("dmesg", cmd_dmesg) \
  X("echo", cmd_echo) \
  X("false", cmd_false) \
  X("grep", cmd_grep) \
  X("head", cmd_head) \
  X("ifconfig", cmd_ifconfig) \
  X("ip", cmd_ip) \
  X("iperf", cmd_iperf) \
  X("iptables", cmd_iptables) \
  X("iptables-restore", cmd_iptables_restore) \
  X("iptables-save", cmd_iptables_save) \
  X("ls", cmd_ls) \
  X("nc", cmd_nc) \
  X("nstat", cmd_nstat) \
  X("ping", cmd_ping) \
  X("printf", cmd_printf) \
  X("route", cmd_route) \
  X("seq", cmd_seq) \
  X("sh", cmd_sh) \
  X("sleep", cmd_sleep) \
  X("sort", cmd_sort) \
  X("ss", cmd_ss) \
  X("sysctl", cmd_sysctl) \
  X("tcpdump", cmd_tcpdump) \
  X("tcpreplay", cmd_tcpreplay) \
  X("tail", cmd_tail) \
  X("tee", cmd_tee) \
  X("test", cmd_test) \
  X("text2pcap", cmd_text2pcap) \
  X("tr", cmd_tr) \
  X("true", cmd_true) \
  X("uniq", cmd_uniq) \
  X("wc", cmd_wc) \
  /* end */

#define SKBOX_DECLARE(name, fn) int fn(Proc&, std::span<const std::string>);
SKBOX_COMMANDS(SKBOX_DECLARE)
#undef SKBOX_DECLARE

namespace {
struct Entry {
  std::string_view name;
  CommandFn fn;
};
#define SKBOX_ENTRY(name, fn) Entry{name, &fn},
constexpr Entry kCommands[] = {SKBOX_COMMANDS(SKBOX_ENTRY) Entry{"", nullptr}};
#undef SKBOX_ENTRY
}  // namespace

CommandFn find_command(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const Entry& e : kCommands)
    if (e.name == name) return e.fn;
  return nullptr;
}

int run_command(Proc& p, std::span<const std::string> argv) {
  if (argv.empty()) return 0;
  CommandFn fn = find_command(argv[0]);
  if (!fn) {
    p.err.print("{}: command not found\n", argv[0]);
    return 127;
  }
  int rc = fn(p, argv);
  p.out.flush();
  return rc;
}

}  // namespace skbox
