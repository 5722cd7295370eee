// text2pcap (Wireshark 4.0, wireshark-common): turns a hex dump in the
// `od -Ax -tx1` / hexdump -C style into a capture file. Each line is an
// offset (hex, two digits or more) followed by bytes (two hex digits each,
// separated by blanks); whatever follows the bytes (an ASCII column) is
// ignored, as are lines that do not start with an offset and `#` comments.
// An offset of 0 starts a new packet. -e L3PID prepends a dummy Ethernet
// header, -q silences the summary on stderr.
//
// Not modelled: pcapng output (the real tool's default; the file is written
// as classic pcap, which every reader here accepts), -F/-E/-l/-m, -i/-4/-6/-u/
// -T/-s dummy headers, -t time stamps, -r regex mode, -a, -D, -o (radix).
#include <pcap/pcap.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/tcpdump/pcap_file.h"
#include "cli/vfs.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr int kSnapLen = 262144;

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Text2pcap {
  Proc& p;
  bool quiet = false;
  std::optional<uint16_t> l3pid;
  std::vector<std::vector<uint8_t>> packets;
  size_t lines_ok = 0;

  void parse(std::string_view text) {
    std::vector<uint8_t>* cur = nullptr;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      pos = nl + 1;
      size_t i = 0;
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i >= line.size() || line[i] == '#') continue;
      // The offset: hex digits, then a blank or ':' (hexdump -C has none).
      size_t st = i;
      uint64_t off = 0;
      while (i < line.size() && hexval(line[i]) >= 0) off = off * 16 + uint64_t(hexval(line[i++]));
      if (i - st < 2 || (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != ':')) continue;
      if (i < line.size() && line[i] == ':') ++i;
      if (off == 0) {
        packets.emplace_back();
        cur = &packets.back();
      }
      if (!cur) continue;  // bytes before the first offset 0
      if (off != cur->size()) continue;  // an inconsistent offset: the line is skipped
      // Bytes: exactly two hex digits between blanks; the first other token
      // ends the data (the ASCII column).
      while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        const bool pair = i + 1 < line.size() && hexval(line[i]) >= 0 && hexval(line[i + 1]) >= 0 &&
                          (i + 2 == line.size() || line[i + 2] == ' ' || line[i + 2] == '\t');
        if (!pair) break;
        cur->push_back(static_cast<uint8_t>(hexval(line[i]) * 16 + hexval(line[i + 1])));
        i += 2;
      }
      ++lines_ok;
    }
  }

  int write(const std::string& in, const std::string& out) {
    tcpdump::PcapPtr pd(pcap_open_dead(DLT_EN10MB, kSnapLen));
    tcpdump::DumpFile dump(p, out);
    if (!pd || !dump.open(pd.get())) {
      p.err.print("text2pcap: The file \"{}\" could not be created: {}.\n", out, std::strerror(EACCES));
      return 2;
    }
    const Time now = p.world.now();
    size_t bytes = 0, written = 0;
    int64_t usec = 0;
    for (auto& pkt : packets) {
      if (pkt.empty()) continue;
      std::vector<uint8_t> frame;
      if (l3pid) {
        static constexpr uint8_t kDummy[12] = {0x0a, 0x02, 0x02, 0x02, 0x02, 0x02,
                                               0x0a, 0x01, 0x01, 0x01, 0x01, 0x01};
        frame.assign(kDummy, kDummy + 12);
        frame.push_back(static_cast<uint8_t>(*l3pid >> 8));
        frame.push_back(static_cast<uint8_t>(*l3pid));
      }
      frame.insert(frame.end(), pkt.begin(), pkt.end());
      pcap_pkthdr h{};
      // The real tool stamps packets with the current second and counts
      // microseconds up from 1.
      ++usec;
      h.ts.tv_sec = static_cast<time_t>(wall_seconds(now));
      h.ts.tv_usec = static_cast<suseconds_t>(usec);
      h.caplen = h.len = static_cast<bpf_u_int32>(frame.size());
      dump.dump(h, frame.data());
      bytes += frame.size() + 16;
      ++written;
    }
    dump.close();
    if (!quiet) p.err.print("Input from: {}\nOutput to: {}\nOutput format: pcap\n", in, out);
    p.err.write("\n-------------------------\n");
    if (!quiet)
      p.err.print("Read {} potential packet{}, wrote {} packet{} ({} bytes including overhead).\n", packets.size(),
                  packets.size() == 1 ? "" : "s", written, written == 1 ? "" : "s", bytes + 24);
    return 0;
  }
};

}  // namespace

int cmd_text2pcap(Proc& p, std::span<const std::string> argv) {
  Text2pcap t{p};
  std::vector<std::string> files;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-q") {
      t.quiet = true;
    } else if (a == "-e" && i + 1 < argv.size()) {
      const std::string& v = argv[++i];
      size_t k = v.rfind("0x", 0) == 0 || v.rfind("0X", 0) == 0 ? 2 : 0;
      unsigned x = 0;
      bool ok = k < v.size();
      for (; k < v.size(); ++k) {
        int d = hexval(v[k]);
        if (d < 0) ok = false;
        x = x * 16 + unsigned(d < 0 ? 0 : d);
      }
      if (!ok || x > 0xffff) {
        p.err.print("text2pcap: Bad argument for '-e': {}\n", v);
        return 1;
      }
      t.l3pid = static_cast<uint16_t>(x);
    } else if (a.size() > 1 && a[0] == '-') {
      p.err.print("text2pcap: invalid option -- '{}'\n", a.substr(1));
      return 1;
    } else {
      files.push_back(a);
    }
  }
  if (files.size() < 2) {
    p.err.write("text2pcap: Input file or output file not specified\n");
    return 1;
  }
  std::string text;
  if (files[0] == "-") {
    text = std::string(p.in);
  } else {
    auto data = vfs_read(p, files[0]);
    if (!data) {
      p.err.print("text2pcap: Can't open input file {}: {}.\n", files[0], std::strerror(data.error()));
      return 2;
    }
    text = std::move(*data);
  }
  t.parse(text);
  return t.write(files[0] == "-" ? "Standard input" : files[0], files[1]);
}

}  // namespace skbox
