// The TRACE target (net/netfilter/xt_TRACE.c, iptables'
// extensions/libxt_TRACE.c): marks the packet (skb->nf_trace) so that
// every table it then traverses logs each rule it matches ("TRACE:
// raw:PREROUTING:policy:2 IN=..."; see trace_packet in ip_tables.cpp).
// Only the raw table may hold it, as the kernel's .table = "raw" says.
#include "netfilter/x_tables.h"

namespace skbox {

namespace {

class TraceTarget : public XtTargetImpl<TraceTarget> {
 public:
  bool operator==(const TraceTarget&) const { return true; }
  void parse(int, const std::string&, const XtParseCtx&) override {}
  void print(std::string&, bool) const override {}
  void save(std::string&) const override {}
  int checkentry(const XtCheckParam& par) override { return xt_check_table(par, "TRACE target", "raw"); }
  XtTargetRet target(XtActionParam& par) override {
    par.skb.nf_trace = 1;
    return XtTargetRet::Continue;
  }
};

const XtTargetType kTrace{"TRACE", {}, [] { return std::unique_ptr<XtTargetExt>(new TraceTarget); }};
XtTargetRegistrar reg_trace{kTrace};

}  // namespace

}  // namespace skbox
