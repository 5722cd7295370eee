#include "net/world.h"

#include "net/net.h"
#include "net/softnet.h"

namespace skbox {

World::World(uint64_t seed) : rng(seed) {
  softnet.push_back(std::make_unique<SoftnetData>(*this, 0));
  nets_.push_back(std::make_unique<Net>(*this, next_net_id_++));
  init_net_ = nets_.back().get();
}

World::~World() {
  tasks.cancel_all();
  // Named namespaces go first, then the root, so veth peers unwind cleanly.
  while (nets_.size() > 1) nets_.pop_back();
  nets_.clear();
  for (auto& sd : softnet) sd->purge();
}

Net* World::netns_find(const std::string& name) const {
  auto it = named_.find(name);
  return it == named_.end() ? nullptr : it->second;
}

Expected<Net*> World::netns_add(const std::string& name) {
  if (named_.count(name)) return Errno(EEXIST);
  nets_.push_back(std::make_unique<Net>(*this, next_net_id_++));
  Net* n = nets_.back().get();
  n->name = name;
  named_[name] = n;
  return n;
}

Expected<void> World::netns_del(const std::string& name) {
  auto it = named_.find(name);
  if (it == named_.end()) return Errno(ENOENT);
  Net* n = it->second;
  named_.erase(it);
  if (pins_.count(n)) {
    n->name.clear();  // still alive, but no longer reachable by name
    return {};
  }
  destroy_net(n);
  return {};
}

void World::netns_put(Net* n) {
  auto it = pins_.find(n);
  if (it == pins_.end()) return;
  if (--it->second > 0) return;
  pins_.erase(it);
  if (n != init_net_ && n->name.empty()) destroy_net(n);
}

void World::destroy_net(Net* n) {
  for (auto i = nets_.begin(); i != nets_.end(); ++i) {
    if (i->get() == n) {
      std::unique_ptr<Net> doomed = std::move(*i);
      nets_.erase(i);
      doomed.reset();
      break;
    }
  }
}

}  // namespace skbox
