#pragma once
#include <memory>

namespace skbox {
class Net;
class NetDevice;
// The namespace's "lo" (drivers/net/loopback.c).
std::unique_ptr<NetDevice> make_loopback(Net& net);
}  // namespace skbox
