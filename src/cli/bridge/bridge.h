// The `bridge` command (iproute2's bridge/): global options and the
// objects it knows. Only link and fdb are modelled (no mdb, vlan, monitor).
#pragma once
#include <span>
#include <string>

#include "cli/command.h"

namespace skbox {

struct BridgeOptions {
  Net* net = nullptr;
  int details = 0;  // -d
  int stats = 0;    // -s
};

int do_bridge_link(Proc& p, const BridgeOptions& o, std::span<const std::string> args);
int do_bridge_fdb(Proc& p, const BridgeOptions& o, std::span<const std::string> args);

}  // namespace skbox
