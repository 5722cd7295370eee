// Where a command's output goes. Commands write through a Sink so the shell can
// send it to the terminal, a pipe, a file or a $(...) capture.
#pragma once
#include <fmt/format.h>

#include <string>
#include <string_view>

namespace skbox {

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void write(std::string_view s) = 0;
  // Called when the command that owns this sink exits (stdio's exit-time
  // flush). A sink that models full buffering releases its data here.
  virtual void flush() {}

  template <class... A>
  void print(fmt::format_string<A...> f, A&&... a) {
    fmt::memory_buffer buf;
    fmt::format_to(std::back_inserter(buf), f, std::forward<A>(a)...);
    write(std::string_view(buf.data(), buf.size()));
  }
};

class StringSink final : public Sink {
 public:
  void write(std::string_view s) override { data.append(s); }
  std::string data;
};

class NullSink final : public Sink {
 public:
  void write(std::string_view) override {}
};

// Writes straight to a file descriptor (the real terminal or a real file).
class FdSink final : public Sink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  void write(std::string_view s) override;

 private:
  int fd_;
};

}  // namespace skbox
