#include "net/net.h"

#include <algorithm>

#include "dev/loopback.h"
#include "ipv6/addrconf.h"
#include "neigh/neighbour.h"
#include "net/dev.h"
#include "net/notifier.h"
#include "net/world.h"
#include "transport/ping.h"
#include "transport/udp.h"

namespace skbox {

std::string_view operstate_name(OperState s) {
  static constexpr std::string_view kNames[] = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
                                                "TESTING", "DORMANT",    "UP"};
  return kNames[static_cast<int>(s)];
}

InetPeerBase& inet_peers(Net& net) { return net.peers; }

NetDevice::NetDevice(Net& n, std::string nm) : net(&n), name(std::move(nm)) {}
NetDevice::~NetDevice() = default;

Net::Net(World& w, uint32_t net_id) : world(w), id(net_id) {
  devconf_all = Ipv4DevConf::kernel_defaults();
  devconf_dflt = Ipv4DevConf::kernel_defaults();
  // ipv4_devconf_dflt differs from `all` in one value only.
  devconf_dflt[Ipv4DevConf::ACCEPT_SOURCE_ROUTE] = 1;
  neigh_net_init(*this);
  ping_socks = std::make_unique<PingSockets>(*this);
  // Every namespace starts with its loopback device, down (loopback_net_init).
  auto lo = register_netdevice(make_loopback(*this));
  loopback_ = lo.value();
}

Net::~Net() {
  // Devices first (their unregistration touches tables), loopback last, as
  // default_device_exit does.
  std::vector<int> idx;
  for (auto& [i, d] : devs_)
    if (d.get() != loopback_) idx.push_back(i);
  for (auto it = idx.rbegin(); it != idx.rend(); ++it)
    if (NetDevice* d = dev_get_by_index(*it)) unregister_netdevice(d);
  if (loopback_) unregister_netdevice(loopback_);
  // Every other namespace forgets the id it gave this one (unhash_nsid walks
  // all namespaces: ids are allocated one way, so our own map is not enough).
  for (const auto& peer : world.nets()) {
    if (!peer || peer.get() == this) continue;
    auto it = peer->net_to_nsid_.find(this);
    if (it != peer->net_to_nsid_.end()) {
      peer->nsid_to_net_.erase(it->second);
      peer->net_to_nsid_.erase(it);
    }
  }
  // The rules hold conntrack references (nf_ct_netns_put): they go before
  // the conntrack state, which is declared after them.
  xt.reset();
}

Expected<void> Net::dev_change_name(NetDevice* dev, const std::string& new_name) {
  if (dev_get_by_name(new_name)) return Errno(EEXIST);
  by_name_.erase(dev->name);
  dev->name = new_name;
  by_name_[new_name] = dev;
  call_netdevice_notifiers(NetdevEvent::ChangeName, dev);
  return {};
}

NetDevice* Net::dev_get_by_index(int ifindex) const {
  auto it = devs_.find(ifindex);
  return it == devs_.end() ? nullptr : it->second.get();
}

NetDevice* Net::dev_get_by_name(std::string_view nm) const {
  auto it = by_name_.find(std::string(nm));
  return it == by_name_.end() ? nullptr : it->second;
}

std::vector<NetDevice*> Net::devices() const {
  std::vector<NetDevice*> v;
  v.reserve(devs_.size());
  for (auto& [i, d] : devs_) v.push_back(d.get());
  return v;
}

// Cyclic allocation from the last index handed out, as dev_index_reserve()
// does with xa_alloc_cyclic: indexes are not reused until they wrap.
int Net::alloc_ifindex() {
  int i = ifindex_cursor_;
  for (;;) {
    i = i >= 0x7fffffff ? 1 : i + 1;
    if (!devs_.count(i)) break;
  }
  ifindex_cursor_ = i;
  return i;
}

Expected<NetDevice*> Net::register_netdevice(std::unique_ptr<NetDevice> dev, int ifindex) {
  if (by_name_.count(dev->name)) return Errno(EEXIST);
  if (ifindex != 0 && devs_.count(ifindex)) return Errno(EBUSY);
  dev->net = this;
  dev->ifindex = ifindex ? ifindex : alloc_ifindex();
  NetDevice* d = dev.get();
  by_name_[d->name] = d;
  devs_[d->ifindex] = std::move(dev);
  neigh_dev_init(d);
  call_netdevice_notifiers(NetdevEvent::Register, d);
  return d;
}

void Net::detach_device(NetDevice* dev) {
  by_name_.erase(dev->name);
  auto it = devs_.find(dev->ifindex);
  if (it != devs_.end()) {
    it->second.release();
    devs_.erase(it);
  }
}

void Net::unregister_netdevice(NetDevice* dev) {
  if (dev->is_up()) (void)dev_close(dev);
  // A veth takes its peer with it (veth_dellink unregisters both).
  NetDevice* peer = dev->link_peer();
  call_netdevice_notifiers(NetdevEvent::Unregister, dev);
  dev_purge_backlog(world, dev);
  detach_device(dev);
  std::unique_ptr<NetDevice> owned(dev);
  if (dev == loopback_) loopback_ = nullptr;
  owned.reset();  // a veth's destructor unlinks its peer
  if (peer) peer->net->unregister_netdevice(peer);
}

Expected<void> Net::dev_change_net_namespace(NetDevice* dev, Net& to, const std::string& new_name) {
  const std::string& nm = new_name.empty() ? dev->name : new_name;
  if (to.by_name_.count(nm)) return Errno(EEXIST);
  if (dev->is_loopback()) return Errno(EINVAL);
  if (&to == this) return {};
  if (dev->is_up()) (void)dev_close(dev);
  call_netdevice_notifiers(NetdevEvent::Unregister, dev);
  dev_purge_backlog(world, dev);
  detach_device(dev);
  std::unique_ptr<NetDevice> owned(dev);
  dev->name = nm;
  // Keep the ifindex unless the target namespace already uses it.
  int idx = to.devs_.count(dev->ifindex) ? to.alloc_ifindex() : dev->ifindex;
  dev->net = &to;
  dev->ifindex = idx;
  to.by_name_[dev->name] = dev;
  to.devs_[idx] = std::move(owned);
  neigh_dev_init(dev);
  call_netdevice_notifiers(NetdevEvent::Register, dev);
  return {};
}

int Net::peernet2id(const Net* peer) const {
  auto it = net_to_nsid_.find(peer);
  return it == net_to_nsid_.end() ? -1 : it->second;
}

bool Net::peernet2id_set(Net* peer, int id) {
  if (nsid_to_net_.count(id)) return false;
  net_to_nsid_[peer] = id;
  nsid_to_net_[id] = peer;
  return true;
}

int Net::peernet2id_alloc(Net* peer) {
  int id = peernet2id(peer);
  if (id >= 0) return id;
  id = 0;
  while (nsid_to_net_.count(id)) ++id;
  net_to_nsid_[peer] = id;
  nsid_to_net_[id] = peer;
  return id;
}

}  // namespace skbox
