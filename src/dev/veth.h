#pragma once
#include <string>

#include "core/expected.h"

namespace skbox {
class Net;
class NetDevice;
// `ip link add NAME type veth peer name PEER [netns NS]`: creates the pair
// (the peer first, as veth_newlink registers it first) with random MACs.
// Returns the first device.
Expected<NetDevice*> veth_newlink(Net& net, const std::string& name, Net& peer_net,
                                  const std::string& peer_name);
}  // namespace skbox
