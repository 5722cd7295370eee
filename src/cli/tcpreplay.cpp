// tcpreplay 4.4.3: sends every frame of a capture file out of one interface
// through a packet socket (PF_PACKET, SOCK_RAW), as packet_snd does: the
// frame is handed to dev_queue_xmit starting at its link-layer header, so
// the peer of a veth receives exactly those bytes. Each send returns after
// the softirq work it caused (veth delivery), like sendto().
//
// The statistics (-q still prints them on stdout) carry real-time rates on
// Linux; here the whole file goes out at one virtual instant.
// Not modelled: pacing by the capture's time stamps (-x/-p/-M/-t), loops,
// -I/-2 dual interfaces, cache files, --stats, -v.
#include <pcap/pcap.h>

#include <cstring>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/tcpdump/pcap_file.h"
#include "cli/vfs.h"
#include "net/dev.h"
#include "net/net.h"
#include "net/netdevice.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr int kFatal = 255;  // tcpreplay exits with -1 on errors

constexpr std::string_view kUsage =
    "tcpreplay (tcpreplay) - Replay network traffic stored in pcap files\n"
    "Usage:  tcpreplay [ -<flag> [<val>] | --<name>[{=| }<val>] ]... \\\n"
    "\t\t<pcap_file(s)> | <pcap_dir(s)>\n"
    "\n"
    "   -d, --dbug=num             Enable debugging output\n"
    "   -q, --quiet                Quiet mode\n"
    "   -T, --timer=str            Select packet timing mode: select, ioport, gtod, nano\n"
    "       --maxsleep=num         Sleep for no more then X milliseconds between packets\n"
    "   -v, --verbose              Print decoded packets via tcpdump to STDOUT\n"
    "   -A, --decode=str           Arguments passed to tcpdump decoder\n"
    "   -K, --preload-pcap         Preloads packets into RAM before sending\n"
    "   -c, --cachefile=str        Split traffic via a tcpprep cache file\n"
    "   -2, --dualfile             Replay two files at a time from a network tap\n"
    "   -i, --intf1=str            Client to server/RX/primary traffic output interface\n"
    "   -I, --intf2=str            Server to client/TX/secondary traffic output interface\n"
    "       --listnics             List available network interfaces and exit\n"
    "   -l, --loop=num             Loop through the capture file X times\n"
    "       --loopdelay-ms=num     Delay between loops in milliseconds\n"
    "       --pktlen               Override the snaplen and use the actual packet len\n"
    "   -L, --limit=num            Limit the number of packets to send\n"
    "       --duration=num         Limit the number of seconds to send\n"
    "   -x, --multiplier=str       Modify replay speed to a given multiple\n"
    "   -p, --pps=str              Replay packets at a given packets/sec\n"
    "   -M, --mbps=str             Replay packets at a given Mbps\n"
    "   -t, --topspeed             Replay packets as fast as possible\n"
    "   -o, --oneatatime           Replay one packet at a time for each user input\n"
    "       --pps-multi=num        Number of packets to send for each time interval\n"
    "       --unique-ip            Modify IP addresses each loop iteration to generate unique flows\n"
    "       --unique-ip-loops=str  Number of times to loop before assigning new unique ip\n"
    "       --no-flow-stats        Suppress printing and tracking flow count, rates and expirations\n"
    "       --flow-expiry=num      Number of inactive seconds before a flow is considered expired\n"
    "   -P, --pid                  Print the PID of tcpreplay at startup\n"
    "       --stats=num            Print statistics every X seconds, or every loop if '0'\n"
    "   -V, --version              Print version information\n"
    "   -h, --less-help            Display less usage information and exit\n"
    "   -H, --help                 display extended usage information and exit\n"
    "   -!, --more-help            extended usage information passed thru pager\n"
    "       --save-opts[=arg]      save the option state to a config file\n"
    "       --load-opts=str        load options from a config file\n"
    "\n"
    "Options are specified by doubled hyphens and their name or by a single\n"
    "hyphen and the flag character.\n"
    "tcpreplay is a tool for replaying network traffic from files saved with\n"
    "tcpdump or other tools which write pcap(3) files.\n"
    "\n"
    "Please send bug reports to:  <tcpreplay-users@lists.sourceforge.net>\n";

// packet_snd for one frame: false when the socket would refuse it.
bool packet_snd(NetDevice* dev, const uint8_t* data, uint32_t len) {
  constexpr uint32_t kEthHlen = 14, kVlanHlen = 4;
  if (len < kEthHlen) return false;                         // dev_validate_header: EINVAL
  if (len > dev->mtu + kEthHlen + kVlanHlen) return false;  // EMSGSIZE
  if (len > dev->mtu + kEthHlen) {
    const uint16_t proto = static_cast<uint16_t>(data[12] << 8 | data[13]);
    if (proto != 0x8100 && proto != 0x88a8) return false;  // only a VLAN tag may exceed the MTU
  }
  if (!dev->is_up()) return false;  // ENETDOWN
  SkbPtr skb = dev->net->world.pool.alloc(len);
  if (!skb) return false;
  std::memcpy(skb->put(len), data, len);
  skb->reset_mac_header();
  skb->network_header = static_cast<uint16_t>(skb->mac_header + kEthHlen);
  skb->protocol = static_cast<uint16_t>(data[12] << 8 | data[13]);  // dev_parse_header_protocol
  skb->dev = dev;
  dev_queue_xmit(std::move(skb));
  return true;
}

}  // namespace

int cmd_tcpreplay(Proc& p, std::span<const std::string> argv) {
  std::string intf;
  bool quiet = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else if ((a == "-i" || a == "--intf1") && i + 1 < argv.size()) {
      intf = argv[++i];
    } else if (a.rfind("--intf1=", 0) == 0) {
      intf = a.substr(8);
    } else if (a.rfind("-i", 0) == 0 && a.size() > 2) {
      intf = a.substr(2);
    } else {
      files.push_back(a);
    }
  }
  if (argv.size() == 1) {
    p.err.print("tcpreplay: Command line arguments required\n{}", kUsage);
    return 1;
  }
  if (intf.empty()) {
    p.err.print("tcpreplay error:  The intf1 option is required\n{}", kUsage);
    return 1;
  }
  NetDevice* dev = p.net ? p.net->dev_get_by_name(intf) : nullptr;
  if (!dev) {
    p.err.print(
        "\nFatal Error in tcpreplay.c:main() line 79:\n Unable to parse args: From "
        "tcpreplay_api.c:tcpreplay_post_args() line 336:\nInvalid interface name/alias: {}\n",
        intf);
    return kFatal;
  }
  if (!dev->is_up()) {
    p.err.print("\nFatal Error in sendpacket.c:sendpacket_open() line 554:\n failed to open device {}: "
                "error opening {}: Network is down\n", intf, intf);
    return kFatal;
  }
  for (const std::string& f : files) {
    if (!vfs_exists(p, f)) {
      p.err.print("\nFatal Error in tcpreplay.c:main() line 122:\n Unable to retrieve information from file {}: {}\n",
                  f, std::strerror(ENOENT));
      return kFatal;
    }
  }
  uint64_t sent = 0, failed = 0, bytes = 0;
  for (const std::string& f : files) {
    auto data = vfs_read(p, f);
    std::string buf = data ? *data : std::string();
    FILE* fp = fmemopen(buf.data(), buf.size(), "rb");
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    tcpdump::PcapPtr pd(fp && !buf.empty() ? pcap_fopen_offline(fp, errbuf) : nullptr);
    if (!pd) {
      if (fp) std::fclose(fp);
      p.err.write("\nFailed: From replay.c:replay_file() line 129:\nError opening pcap file: unknown file format\n\n");
      return kFatal;
    }
    pcap_pkthdr* h;
    const u_char* d;
    while (pcap_next_ex(pd.get(), &h, &d) == 1) {
      if (packet_snd(dev, d, h->caplen)) {
        ++sent;
        bytes += h->caplen;
      } else {
        ++failed;
      }
      // sendto returns once the softirq work it raised is done.
      p.world.loop.do_softirq();
    }
  }
  (void)quiet;  // -q only drops per-packet noise; the summary is printed anyway
  p.out.print("Actual: {} packets ({} bytes) sent in 0.000001 seconds\n", sent, bytes);
  p.out.print("Rated: {:.1f} Bps, {:.2f} Mbps, {:.2f} pps\n", double(bytes) * 1e6, double(bytes) * 8.0,
              double(sent) * 1e6);
  p.out.print("Statistics for network device: {}\n", intf);
  p.out.print("\tSuccessful packets:        {}\n\tFailed packets:            {}\n", sent, failed);
  p.out.write("\tTruncated packets:         0\n\tRetried packets (ENOBUFS): 0\n\tRetried packets (EAGAIN):  0\n");
  return 0;
}

}  // namespace skbox
