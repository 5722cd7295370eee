// What iptables, iptables-save and iptables-restore share: one command
// line run against a table, and the -S/save form of chains and rules.
#pragma once
#include <span>
#include <string>

#include "cli/command.h"
#include "netfilter/x_tables.h"

namespace skbox {

// A libiptc failure: "iptables: MSG." exit 1 (EINVAL adds the dmesg hint).
struct IptcError {
  std::string msg;
  bool einval = false;
};

// do_command4: parses and runs one iptables command line (argv[0] is the
// program name). With `staged` (iptables-restore), edits that table and
// leaves the kernel's checks to the commit; otherwise it opens the table
// -t names in p's namespace and checks each change as the kernel would.
// Throws XtParamError (exit 2) or IptcError (exit 1).
void iptables_do_command(Proc& p, std::span<const std::string> argv, XtTable* staged);

// "-P CHAIN POLICY" / "-N CHAIN" and "-A CHAIN ..." as iptables -S and
// iptables-save print them.
void iptables_print_chain_save(Sink& out, const XtChain& c);
void iptables_print_rule_save(Sink& out, const XtChain& c, const IptEntry& e);

// The version banner every iptables tool prints: "iptables v1.8.9 (legacy)".
inline constexpr std::string_view kIptablesVersion = "v1.8.9 (legacy)";

}  // namespace skbox
