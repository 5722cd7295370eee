// IPv4 policy routing rules (net/core/fib_rules.c, net/ipv4/fib_rules.c):
// the ordered rule list `ip rule` edits and fib_lookup walks.
#pragma once
#include <cstdint>
#include <vector>

#include "ipv4/fib.h"

namespace skbox {

// One rule (struct fib4_rule). Extended by the fib_rules work.
struct FibRule {
  uint32_t pref = 0;
  uint32_t table = 0;
};

// A namespace's rules, kept sorted by preference.
struct FibRules {
  std::vector<FibRule> rules;
  FibRules();  // the three default rules: 0 local, 32766 main, 32767 default
};

}  // namespace skbox
