// Device kinds of `ip link add ... type KIND [ARGS]` beyond veth (iproute2's
// struct link_util, together with the kernel's rtnl_link_ops it talks to):
// each kind parses its own arguments, creates or changes its device, and
// prints its attributes for `ip -d link show`. A "slave" kind
// (bridge_slave) describes a port's options under its master.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "cli/command.h"
#include "cli/ip/ip_common.h"
#include "core/expected.h"

namespace skbox {

class Net;
class NetDevice;

// A kind's parsed arguments (its IFLA_INFO_DATA).
struct LinkKindArgs {
  virtual ~LinkKindArgs() = default;
};

struct LinkKind {
  std::string_view id;  // "bridge", "vxlan", "bridge_slave"
  // parse_opt: the arguments after "type ID". Returns -1 when they parsed
  // (into *out), else the exit status after printing iproute2's message.
  // is_add: for `ip link add` (false: `ip link set DEV type ID ...`).
  int (*parse_opt)(Proc& p, std::span<const std::string> args, bool is_add, std::unique_ptr<LinkKindArgs>& out);
  // rtnl_link_ops->newlink: creates the device `name` in net. On failure
  // the errno, with the kernel's extack text in extack (may stay empty).
  Expected<NetDevice*> (*newlink)(Net& net, const std::string& name, const LinkKindArgs* args, std::string& extack);
  // changelink (slave kinds: slave_changelink on the port's master).
  Expected<void> (*changelink)(NetDevice* dev, const LinkKindArgs* args, std::string& extack);
  // print_opt for -d: the kind's attributes after "    ID " (slave kinds:
  // after "    ID_slave "), as iproute2 prints them.
  void (*print_opt)(IpPrinter& pr, const IpOptions& o, NetDevice* dev);
};

// The kind named id, or null (iproute2 then says "Unknown device type").
const LinkKind* get_link_kind(std::string_view id);
// The `type KIND` filter of `ip link show` / `ip addr show`: the device's
// kind, or for "X_slave" the kind of its master (iproute2 sends a slave
// kind filter; the kernel compares it with the master's ops).
bool link_kind_matches(const NetDevice* dev, std::string_view kind);
// The slave kind describing dev as a port of its master ("bridge_slave"),
// or null when dev has no master or the master's kind has none.
const LinkKind* get_slave_kind(const NetDevice* dev);

}  // namespace skbox
