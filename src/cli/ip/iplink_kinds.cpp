// The table of device kinds `ip link` knows besides veth (iplink_kind.h).
// Each kind lives in its own file and adds one line here.
#include <string>

#include "cli/ip/iplink_kind.h"
#include "net/netdevice.h"

namespace skbox {

extern const LinkKind bridge_link_kind, bridge_slave_link_kind, vxlan_link_kind;

namespace {
// One entry per kind file, e.g. `extern const LinkKind bridge_link_kind;`.
const LinkKind* const kKinds[] = {
    &bridge_link_kind, &bridge_slave_link_kind, &vxlan_link_kind,
};
}  // namespace

const LinkKind* get_link_kind(std::string_view id) {
  for (const LinkKind* k : kKinds)
    if (k && k->id == id) return k;
  return nullptr;
}

bool link_kind_matches(const NetDevice* dev, std::string_view kind) {
  constexpr std::string_view kSlave = "_slave";
  if (kind.size() > kSlave.size() && kind.substr(kind.size() - kSlave.size()) == kSlave)
    return dev->master && dev->master->kind() == kind.substr(0, kind.size() - kSlave.size());
  return dev->kind() == kind;
}

const LinkKind* get_slave_kind(const NetDevice* dev) {
  if (!dev->master) return nullptr;
  return get_link_kind(std::string(dev->master->kind()) + "_slave");
}

}  // namespace skbox
