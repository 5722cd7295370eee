// /proc/net/udp (udp4_seq_show, udp4_format_sock): one line per socket in
// hash-slot order, every record padded to 127 columns (seq_pad).
#include <fmt/format.h>

#include "net/net.h"
#include "transport/udp.h"

namespace skbox {

namespace {

// The raw __be32 as the kernel prints it with %08X on little-endian x86.
uint32_t be_raw(Ipv4Addr a) { return __builtin_bswap32(a.v); }

void pad_line(std::string& out, size_t start) {
  const size_t n = out.size() - start;
  if (n < 127) out.append(127 - n, ' ');
  out += '\n';
}

}  // namespace

std::string udp4_seq_show(Net& net) {
  std::string out;
  out += "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops";
  pad_line(out, 0);
  if (!net.udp) return out;
  for (const UdpSock* s : net.udp->all()) {
    const size_t start = out.size();
    // %pK: a hashed pointer; skbox derives a stable one from the inode.
    const uint64_t ptr = 0xffff888000000000ull | (s->inode * 0x9E3779B97F4A7C15ull >> 28 & 0x7fffffffull) << 6;
    fmt::format_to(std::back_inserter(out), "{:5d}: {:08X}:{:04X} {:08X}:{:04X} {:02X} {:08X}:{:08X} {:02X}:{:08X} {:08X} {:5d} {:8d} {} {} {:016x} {}",
                   net.udp->slot(s->num), be_raw(s->rcv_saddr), s->num, be_raw(s->daddr), s->dport, s->state, 0,
                   s->rmem_alloc, 0, 0, 0, s->uid, 0, s->inode, 2, ptr, s->drops);
    pad_line(out, start);
  }
  return out;
}

}  // namespace skbox
