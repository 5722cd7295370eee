#include "net/socket.h"

#include "core/task.h"

namespace skbox {

short sock_wait(Tasks& tasks, const Socket& s, short events, Time deadline) {
  short seen = 0;
  tasks.block_until(deadline, [&] {
    seen = static_cast<short>(s.poll() & (events | POLLERR | POLLHUP));
    return seen != 0;
  });
  return seen;
}

}  // namespace skbox
