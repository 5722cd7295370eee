// Per-namespace SNMP counters, as /proc/net/snmp and /proc/net/netstat show
// them (Linux 6.x column sets and order). Like lwIP's stats, every drop site
// bumps one of these by name.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace skbox {

#define SKBOX_IP_MIB(X)                                                                          \
  X(InReceives) X(InHdrErrors) X(InAddrErrors) X(ForwDatagrams) X(InUnknownProtos) X(InDiscards) \
  X(InDelivers) X(OutRequests) X(OutDiscards) X(OutNoRoutes) X(ReasmTimeout) X(ReasmReqds)       \
  X(ReasmOKs) X(ReasmFails) X(FragOKs) X(FragFails) X(FragCreates) X(OutTransmits)

#define SKBOX_ICMP_MIB(X)                                                                          \
  X(InMsgs) X(InErrors) X(InCsumErrors) X(InDestUnreachs) X(InTimeExcds) X(InParmProbs)            \
  X(InSrcQuenchs) X(InRedirects) X(InEchos) X(InEchoReps) X(InTimestamps) X(InTimestampReps)       \
  X(InAddrMasks) X(InAddrMaskReps) X(OutMsgs) X(OutErrors) X(OutRateLimitGlobal)                   \
  X(OutRateLimitHost) X(OutDestUnreachs) X(OutTimeExcds) X(OutParmProbs) X(OutSrcQuenchs)          \
  X(OutRedirects) X(OutEchos) X(OutEchoReps) X(OutTimestamps) X(OutTimestampReps) X(OutAddrMasks)  \
  X(OutAddrMaskReps)

#define SKBOX_TCP_MIB(X)                                                                        \
  X(ActiveOpens) X(PassiveOpens) X(AttemptFails) X(EstabResets) X(CurrEstab) X(InSegs) X(OutSegs) \
  X(RetransSegs) X(InErrs) X(OutRsts) X(InCsumErrors)

#define SKBOX_UDP_MIB(X)                                                                       \
  X(InDatagrams) X(NoPorts) X(InErrors) X(OutDatagrams) X(RcvbufErrors) X(SndbufErrors)         \
  X(InCsumErrors) X(IgnoredMulti) X(MemErrors)

#define SKBOX_IPEXT_MIB(X)                                                                         \
  X(InNoRoutes) X(InTruncatedPkts) X(InMcastPkts) X(OutMcastPkts) X(InBcastPkts) X(OutBcastPkts)   \
  X(InOctets) X(OutOctets) X(InMcastOctets) X(OutMcastOctets) X(InBcastOctets) X(OutBcastOctets)   \
  X(InCsumErrors) X(InNoECTPkts) X(InECT1Pkts) X(InECT0Pkts) X(InCEPkts) X(ReasmOverlaps)

// TcpExt (LINUX_MIB_*): the Linux-specific counters of /proc/net/netstat.
#define SKBOX_LINUX_MIB(X) \
  X(SyncookiesSent) X(SyncookiesRecv) X(SyncookiesFailed) X(EmbryonicRsts) X(PruneCalled) \
  X(RcvPruned) X(OfoPruned) X(OutOfWindowIcmps) X(LockDroppedIcmps) X(ArpFilter) X(TW) \
  X(TWRecycled) X(TWKilled) X(PAWSActive) X(PAWSEstab) X(BeyondWindow) X(TSEcrRejected) \
  X(PAWSOldAck) X(PAWSTimewait) X(DelayedACKs) X(DelayedACKLocked) X(DelayedACKLost) \
  X(ListenOverflows) X(ListenDrops) X(TCPHPHits) X(TCPPureAcks) X(TCPHPAcks) X(TCPRenoRecovery) \
  X(TCPSackRecovery) X(TCPSACKReneging) X(TCPSACKReorder) X(TCPRenoReorder) X(TCPTSReorder) \
  X(TCPFullUndo) X(TCPPartialUndo) X(TCPDSACKUndo) X(TCPLossUndo) X(TCPLostRetransmit) \
  X(TCPRenoFailures) X(TCPSackFailures) X(TCPLossFailures) X(TCPFastRetrans) \
  X(TCPSlowStartRetrans) X(TCPTimeouts) X(TCPLossProbes) X(TCPLossProbeRecovery) \
  X(TCPRenoRecoveryFail) X(TCPSackRecoveryFail) X(TCPRcvCollapsed) X(TCPBacklogCoalesce) \
  X(TCPDSACKOldSent) X(TCPDSACKOfoSent) X(TCPDSACKRecv) X(TCPDSACKOfoRecv) X(TCPAbortOnData) \
  X(TCPAbortOnClose) X(TCPAbortOnMemory) X(TCPAbortOnTimeout) X(TCPAbortOnLinger) \
  X(TCPAbortFailed) X(TCPMemoryPressures) X(TCPMemoryPressuresChrono) X(TCPSACKDiscard) \
  X(TCPDSACKIgnoredOld) X(TCPDSACKIgnoredNoUndo) X(TCPSpuriousRTOs) X(TCPMD5NotFound) \
  X(TCPMD5Unexpected) X(TCPMD5Failure) X(TCPSackShifted) X(TCPSackMerged) \
  X(TCPSackShiftFallback) X(TCPBacklogDrop) X(PFMemallocDrop) X(TCPMinTTLDrop) \
  X(TCPDeferAcceptDrop) X(IPReversePathFilter) X(TCPTimeWaitOverflow) X(TCPReqQFullDoCookies) \
  X(TCPReqQFullDrop) X(TCPRetransFail) X(TCPRcvCoalesce) X(TCPOFOQueue) X(TCPOFODrop) \
  X(TCPOFOMerge) X(TCPChallengeACK) X(TCPSYNChallenge) X(TCPFastOpenActive) \
  X(TCPFastOpenActiveFail) X(TCPFastOpenPassive) X(TCPFastOpenPassiveFail) \
  X(TCPFastOpenListenOverflow) X(TCPFastOpenCookieReqd) X(TCPFastOpenBlackhole) \
  X(TCPSpuriousRtxHostQueues) X(BusyPollRxPackets) X(TCPAutoCorking) X(TCPFromZeroWindowAdv) \
  X(TCPToZeroWindowAdv) X(TCPWantZeroWindowAdv) X(TCPSynRetrans) X(TCPOrigDataSent) \
  X(TCPHystartTrainDetect) X(TCPHystartTrainCwnd) X(TCPHystartDelayDetect) \
  X(TCPHystartDelayCwnd) X(TCPACKSkippedSynRecv) X(TCPACKSkippedPAWS) X(TCPACKSkippedSeq) \
  X(TCPACKSkippedFinWait2) X(TCPACKSkippedTimeWait) X(TCPACKSkippedChallenge) X(TCPWinProbe) \
  X(TCPKeepAlive) X(TCPMTUPFail) X(TCPMTUPSuccess) X(TCPDelivered) X(TCPDeliveredCE) \
  X(TCPAckCompressed) X(TCPZeroWindowDrop) X(TCPRcvQDrop) X(TCPWqueueTooBig) \
  X(TCPFastOpenPassiveAltKey) X(TcpTimeoutRehash) X(TcpDuplicateDataRehash) X(TCPDSACKRecvSegs) \
  X(TCPDSACKIgnoredDubious) X(TCPMigrateReqSuccess) X(TCPMigrateReqFailure) X(TCPPLBRehash) \
  X(TCPAORequired) X(TCPAOBad) X(TCPAOKeyNotFound) X(TCPAOGood) X(TCPAODroppedIcmps)

#define SKBOX_MIB_ENUM(n) n,
#define SKBOX_MIB_NAME(n) #n,
#define SKBOX_DEFINE_MIB(Name, LIST)                                          \
  struct Name {                                                               \
    enum Field { LIST(SKBOX_MIB_ENUM) kCount };                               \
    static constexpr std::string_view kNames[] = {LIST(SKBOX_MIB_NAME)};      \
    std::array<uint64_t, kCount> v{};                                         \
    void inc(Field f, uint64_t n = 1) { v[f] += n; }                          \
    uint64_t operator[](Field f) const { return v[f]; }                       \
  };

SKBOX_DEFINE_MIB(IpMib, SKBOX_IP_MIB)
SKBOX_DEFINE_MIB(IcmpMib, SKBOX_ICMP_MIB)
SKBOX_DEFINE_MIB(TcpMib, SKBOX_TCP_MIB)
SKBOX_DEFINE_MIB(UdpMib, SKBOX_UDP_MIB)
SKBOX_DEFINE_MIB(IpExtMib, SKBOX_IPEXT_MIB)
SKBOX_DEFINE_MIB(LinuxMib, SKBOX_LINUX_MIB)

#undef SKBOX_DEFINE_MIB

// IcmpMsg: per-type in/out counts ("InType0", "OutType8"). As in Linux, the
// per-type columns of the Icmp line (InDestUnreachs, OutEchos, ...) are read
// from these, so IcmpMib only counts InMsgs/InErrors/InCsumErrors/OutMsgs/
// OutErrors/OutRateLimit*.
struct IcmpMsgMib {
  std::array<uint64_t, 256> in{};
  std::array<uint64_t, 256> out{};
};

struct NetMibs {
  IpMib ip;
  IcmpMib icmp;
  IcmpMsgMib icmpmsg;
  TcpMib tcp;
  UdpMib udp;
  UdpMib udplite;
  IpExtMib ipext;
  LinuxMib linux;  // TcpExt
};

}  // namespace skbox
