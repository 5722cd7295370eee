#include "cli/tcpdump/pcap_file.h"

#include <cstdlib>

#include "cli/vfs.h"

namespace skbox::tcpdump {

bool compile_filter(Proc& p, pcap_t* pd, const std::string& expr, Filter& f) {
  if (pcap_compile(pd, &f.prog, expr.c_str(), 1, PCAP_NETMASK_UNKNOWN) < 0) {
    p.err.print("tcpdump: {}\n", pcap_geterr(pd));
    return false;
  }
  f.set = true;
  return true;
}

bool DumpFile::open(pcap_t* pd) {
  f_ = open_memstream(&buf_, &size_);
  if (!f_) return false;
  d_ = pcap_dump_fopen(pd, f_);
  if (!d_) {
    std::fclose(f_);
    std::free(buf_);
    f_ = nullptr;
    buf_ = nullptr;
    return false;
  }
  sync();
  return true;
}

void DumpFile::dump(const pcap_pkthdr& h, const uint8_t* data) {
  pcap_dump(reinterpret_cast<u_char*>(d_), &h, data);
}

void DumpFile::sync() {
  if (!d_) return;
  pcap_dump_flush(d_);
  (void)vfs_write(p_, path_, std::string_view(buf_, size_), false);
}

void DumpFile::close() {
  if (!d_) return;
  sync();
  pcap_dump_close(d_);  // fcloses the memstream too
  d_ = nullptr;
  f_ = nullptr;
  std::free(buf_);
  buf_ = nullptr;
}

}  // namespace skbox::tcpdump
