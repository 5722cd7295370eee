// Policy routing (net/ipv4/fib_rules.c, net/core/fib_rules.c).
#include "ipv4/fib_rules.h"

#include <cerrno>

#include "net/net.h"

namespace skbox {

FibRules::FibRules() {
  rules = {{0, RT_TABLE_LOCAL}, {32766, RT_TABLE_MAIN}, {32767, RT_TABLE_DEFAULT}};
}

int fib_lookup(Net& net, const Flowi4& fl, FibResult& res) {
  const FibTable* def = net.fib.get_table(RT_TABLE_DEFAULT);
  const FibRoute* found[2] = {
      fib_local_table_lookup(net, fl),
      def ? def->lookup(fl) : nullptr,
  };
  for (const FibRoute* r : found) {
    if (!r) continue;
    int err = fib_type_error(r->type);
    if (err == -EAGAIN) continue;  // throw: on to the default table
    res.route = r;
    res.nh = nullptr;
    for (const FibNh& nh : r->nhs) {
      if (nh.flags & RTNH_F_DEAD) continue;
      if (fl.oif && (!nh.dev || nh.dev->ifindex != fl.oif)) continue;
      res.nh = &nh;
      break;
    }
    res.type = r->type;
    res.scope = r->scope;
    res.prefixlen = r->plen;
    res.table = r->table;
    return err;
  }
  return -ENETUNREACH;
}

}  // namespace skbox
