// libFuzzer target: the `ip route` and `ip rule` command parsers and the
// table/trie/rule code behind them. Each input is a few command lines built
// from fuzzed argument words after a fixed verb, run in a namespace that
// already has devices, addresses and routes; then a lookup and the trie
// dumps run so every change is walked. Must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/shell/interp.h"
#include "cli/shell/shell.h"
#include "net/world.h"

namespace {

constexpr std::string_view kSetup =
    "ip link set lo up\n"
    "ip link add va type veth peer name vb\n"
    "ip link set va up; ip link set vb up\n"
    "ip addr add 10.0.0.1/24 dev va\n"
    "ip addr add 10.1.0.1/16 dev vb\n"
    "ip route add 192.168.0.0/16 via 10.0.0.2\n"
    "ip route add 172.16.0.0/12 nexthop via 10.0.0.2 weight 2 nexthop via 10.1.0.2\n"
    "ip rule add fwmark 3 lookup 100\n";

constexpr std::string_view kVerbs[] = {
    "ip route add ",    "ip route del ",  "ip route replace ", "ip route append ", "ip route prepend ",
    "ip route change ", "ip route get ",  "ip route show ",    "ip route flush ",  "ip rule add ",
    "ip rule del ",     "ip rule show ",  "ip rule flush",     "ip -j route show ", "ip link set va down",
    "ip link set va up"};

// Words the parsers branch on, so short inputs reach deep states.
constexpr std::string_view kWords[] = {
    "10.0.0.0/8", "10.0.0.2", "via", "dev", "va", "vb", "table", "100", "local", "main", "metric", "7",
    "nexthop", "weight", "onlink", "blackhole", "unreachable", "prohibit", "throw", "broadcast", "scope",
    "link", "host", "proto", "static", "src", "10.0.0.1", "mtu", "lock", "1400", "advmss", "from", "to",
    "iif", "oif", "fwmark", "0x3/0xff", "pref", "lookup", "suppress_prefixlength", "0", "tos", "0x10",
    "not", "all", "default", "0.0.0.0/0", "255.255.255.255", "1.2.3.4/32", "224.0.0.0/4", "mark"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 512) return 0;
  std::string script(kSetup);
  size_t i = 0;
  while (i < size) {
    script += kVerbs[data[i++] % std::size(kVerbs)];
    // A length byte, then words: a byte below 0xf0 picks a known word,
    // 0xf0 and up takes the next raw bytes up to a space as a word.
    const size_t n = i < size ? data[i++] % 12 : 0;
    for (size_t w = 0; w < n && i < size; ++w) {
      const uint8_t b = data[i++];
      if (b < 0xf0) {
        script += kWords[b % std::size(kWords)];
      } else {
        while (i < size && data[i] != ' ' && data[i] != '\n' && data[i] != ';' && data[i] != '\'' &&
               data[i] != '"' && data[i] != '$' && data[i] != '`' && data[i] != '\\')
          script += static_cast<char>(data[i++]);
      }
      script += ' ';
    }
    script += '\n';
  }
  script += "ip route get 10.0.0.9\nip route get 172.16.1.1 from 10.0.0.1\ncat /proc/net/fib_trie /proc/net/fib_triestat\n";
  skbox::World w(1);
  skbox::sh::CaptureSink out(1 << 16), err(1 << 16);
  skbox::sh::RunLimits limits;
  limits.max_steps = 20000;
  limits.max_output = 1 << 15;
  try {
    skbox::sh::run_script_limited(w, script, "fuzz.sh", out, err, {}, limits);
  } catch (const skbox::sh::BudgetEx&) {
  }
  return 0;
}
