// libpcap glue for tcpdump: BPF filters compiled by libpcap and run on
// simulated frames, and pcap files written into the script's file system.
#pragma once
#include <pcap/pcap.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"

namespace skbox::tcpdump {

struct PcapCloser {
  void operator()(pcap_t* p) const { pcap_close(p); }
};
using PcapPtr = std::unique_ptr<pcap_t, PcapCloser>;

struct Filter {
  bpf_program prog{};
  bool set = false;
  Filter() = default;
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;
  ~Filter() {
    if (set) pcap_freecode(&prog);
  }
};

// pcap_compile; prints tcpdump's message and returns false on a bad expression.
bool compile_filter(Proc& p, pcap_t* pd, const std::string& expr, Filter& f);

// pcap_dump into a memory stream whose bytes are copied into the VFS file
// at open (the header, as the real file exists from the start), on sync()
// and at close.
class DumpFile {
 public:
  DumpFile(Proc& p, std::string path) : p_(p), path_(std::move(path)) {}
  ~DumpFile() { close(); }
  DumpFile(const DumpFile&) = delete;
  DumpFile& operator=(const DumpFile&) = delete;

  bool open(pcap_t* pd);
  void dump(const pcap_pkthdr& h, const uint8_t* data);
  void sync();
  void close();

 private:
  Proc& p_;
  std::string path_;
  FILE* f_ = nullptr;
  pcap_dumper_t* d_ = nullptr;
  char* buf_ = nullptr;
  size_t size_ = 0;
};

}  // namespace skbox::tcpdump
