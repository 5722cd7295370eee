#include "netfilter/xt_ct_ref.h"

#if __has_include("netfilter/nf_conntrack.h")
#include "netfilter/nf_conntrack.h"
#define SKBOX_HAVE_CONNTRACK 1
#endif

namespace skbox {

int XtCtRef::get(Net& net) {
  if (held) return 0;
#ifdef SKBOX_HAVE_CONNTRACK
  if (int err = nf_ct_netns_get(net); err < 0) return -err;
#else
  (void)net;
#endif
  held = true;
  return 0;
}

void XtCtRef::put(Net& net) {
#ifdef SKBOX_HAVE_CONNTRACK
  if (held) nf_ct_netns_put(net);
#else
  (void)net;
#endif
  held = false;
}

}  // namespace skbox
