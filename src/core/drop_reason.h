// Why a packet was freed. Names and meanings follow Linux's enum
// skb_drop_reason (include/net/dropreason-core.h); the tracer and the
// per-namespace drop counters print them as Linux spells them.
#pragma once
#include <cstdint>
#include <string_view>

namespace skbox {

#define SKBOX_DROP_REASONS(X)      \
  X(NOT_SPECIFIED)                 \
  X(NO_SOCKET)                     \
  X(PKT_TOO_SMALL)                 \
  X(TCP_CSUM)                      \
  X(SOCKET_FILTER)                 \
  X(UDP_CSUM)                      \
  X(NETFILTER_DROP)                \
  X(OTHERHOST)                     \
  X(IP_CSUM)                       \
  X(IP_INHDR)                      \
  X(IP_RPFILTER)                   \
  X(UNICAST_IN_L2_MULTICAST)       \
  X(IP_NOPROTO)                    \
  X(SOCKET_RCVBUFF)                \
  X(PROTO_MEM)                     \
  X(NEIGH_CREATEFAIL)              \
  X(NEIGH_FAILED)                  \
  X(NEIGH_QUEUEFULL)               \
  X(NEIGH_DEAD)                    \
  X(IP_OUTNOROUTES)                \
  X(IP_INADDRERRORS)               \
  X(IP_INNOROUTES)                 \
  X(IP_LOCAL_SOURCE)               \
  X(IP_INVALID_SOURCE)             \
  X(IP_LOCALNET)                   \
  X(IP_INVALID_DEST)               \
  X(PKT_TOO_BIG)                   \
  X(DEV_READY)                     \
  X(DEV_HDR)                       \
  X(CPU_BACKLOG)                   \
  X(QDISC_DROP)                    \
  X(UNHANDLED_PROTO)               \
  X(SKB_CSUM)                      \
  X(NOMEM)                         \
  X(HDR_TRUNC)                     \
  X(ICMP_CSUM)                     \
  X(INVALID_PROTO)                 \
  X(IPV6DISABLED)                  \
  X(FRAG_REASM_TIMEOUT)            \
  X(FRAG_TOO_FAR)                  \
  X(DUP_FRAG)                      \
  X(TC_EGRESS)                     \
  X(TC_INGRESS)                    \
  X(XDP)                          \
  X(MAC_INVALID_SOURCE)           \
  X(MAC_IEEE_MAC_CONTROL)         \
  X(BRIDGE_INGRESS_STP_STATE)     \
  X(NO_TX_TARGET)                  \
  X(VXLAN_INVALID_HDR)             \
  X(VXLAN_VNI_NOT_FOUND)           \
  X(VXLAN_ENTRY_EXISTS)            \
  X(LOCAL_MAC)                     \
  X(IP_TUNNEL_ECN)


enum class DropReason : uint16_t {
#define SKBOX_DR_ENUM(n) n,
  SKBOX_DROP_REASONS(SKBOX_DR_ENUM)
#undef SKBOX_DR_ENUM
      kCount
};

constexpr size_t kDropReasonCount = static_cast<size_t>(DropReason::kCount);

// "SKB_DROP_REASON_" is implied, as in tracepoint output ("reason: NOT_SPECIFIED").
std::string_view drop_reason_name(DropReason r);

}  // namespace skbox
