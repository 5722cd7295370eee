#include "cli/sink.h"

#include <unistd.h>

namespace skbox {

void FdSink::write(std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(fd_, s.data(), s.size());
    if (n <= 0) return;
    s.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace skbox
