// The namespace conntrack reference an extension takes in checkentry and
// drops in destroy (nf_ct_netns_get/put), so conntrack runs only in a
// namespace with rules that need it. skbox re-checks every rule of a
// table at each change, as a replace does, so the reference is taken
// once per rule; a copy of a rule is a new rule and holds none.
#pragma once

namespace skbox {

class Net;

struct XtCtRef {
  bool held = false;
  XtCtRef() = default;
  XtCtRef(const XtCtRef&) {}
  XtCtRef& operator=(const XtCtRef&) {
    held = false;
    return *this;
  }
  // 0 or the errno nf_ct_netns_get failed with.
  int get(Net& net);
  void put(Net& net);
};

}  // namespace skbox
