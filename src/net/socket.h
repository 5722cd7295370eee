// The BSD socket calls (net/socket.c, inet_* in net/ipv4/af_inet.c) as a C++
// API: what a process in a namespace does with socket(2), bind(2),
// connect(2), sendto(2), recvfrom(2), setsockopt(2) and poll(2). Commands
// (nc, ping), tests and later subsystems (TCP, the Kubernetes twin) open
// sockets through it. Every call returns 0 / a byte count or -errno, with
// the errno the kernel returns for the same call.
//
// Calls never block: a blocking read is the caller's loop over poll() and
// Tasks::block_until (see sock_wait_readable), as a process sleeping in
// the kernel would be woken.
#pragma once
#include <poll.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "core/time.h"
#include "wire/addr.h"

namespace skbox {

class Net;
class Tasks;

// struct sockaddr_in in host order (port too).
struct SockAddrIn {
  Ipv4Addr addr;
  uint16_t port = 0;
  // sin_family: AF_INET, or AF_UNSPEC for connect()'s "disconnect".
  int family = AF_INET;
};

// What recvmsg reports besides the bytes.
struct RecvInfo {
  SockAddrIn from;
  uint32_t datagram_len = 0;  // full length (MSG_TRUNC tells it was cut)
  bool truncated = false;     // MSG_TRUNC in msg_flags
  Time tstamp = 0;            // SO_TIMESTAMP
  uint8_t ttl = 0;            // IP_RECVTTL
  Ipv4Addr dst;               // IP_PKTINFO ipi_addr
  int ifindex = 0;            // IP_PKTINFO ipi_ifindex
};

class Socket {
 public:
  virtual ~Socket() = default;
  virtual int bind(const SockAddrIn& a) = 0;
  virtual int connect(const SockAddrIn& a) = 0;
  // sendto (to set) or send (to null). flags: MSG_MORE, MSG_DONTWAIT...
  virtual long sendmsg(std::span<const uint8_t> data, const SockAddrIn* to, int flags) = 0;
  // recvfrom: -EAGAIN when nothing is queued. flags: MSG_PEEK, MSG_TRUNC,
  // MSG_ERRQUEUE.
  virtual long recvmsg(std::span<uint8_t> buf, RecvInfo* info, int flags) = 0;
  virtual int setsockopt(int level, int name, int value) = 0;
  virtual int getsockopt(int level, int name, int* value) = 0;
  virtual int getsockname(SockAddrIn* a) const = 0;
  virtual int getpeername(SockAddrIn* a) const = 0;
  // shutdown(2): for datagram sockets only the flags (poll reports them).
  virtual int shutdown(int how) = 0;
  // POLLIN / POLLOUT / POLLERR / POLLHUP as poll(2) would report them.
  virtual short poll() const = 0;
};

// socket(AF_INET, type, protocol) in net. -EAFNOSUPPORT, -ESOCKTNOSUPPORT,
// -EPROTONOSUPPORT as the kernel. Closing is destroying the object.
int sock_create(Net& net, int family, int type, int protocol, std::unique_ptr<Socket>* out);

// Blocks the calling task until poll() has one of `events` or virtual time
// reaches deadline (kTimeNever: no limit). Returns the events seen (0 on
// timeout).
short sock_wait(Tasks& tasks, const Socket& s, short events, Time deadline);

}  // namespace skbox
