#include "netfilter/xt_ct_ref.h"

#include "netfilter/nf_conntrack.h"

namespace skbox {

int XtCtRef::get(Net& net) {
  if (held) return 0;
  if (int err = nf_ct_netns_get(net); err < 0) return -err;
  held = true;
  return 0;
}

void XtCtRef::put(Net& net) {
  if (held) nf_ct_netns_put(net);
  held = false;
}

}  // namespace skbox
