#include "core/printk.h"

#include <fmt/format.h>

#include "core/timer_wheel.h"
#include "net/world.h"

namespace skbox {

// A text block in the data ring holds the record's id (an unsigned long)
// and its text, rounded up to a long (printk_ringbuffer's DATA_ALIGN).
size_t PrintkLog::block_size(size_t text_len) { return (sizeof(uint64_t) + text_len + 7) & ~size_t(7); }

void PrintkLog::emit(Time ts, uint8_t facility, uint8_t level, std::string_view text) {
  // A message longer than the kernel's record limit is cut there
  // (PRINTKRB_RECORD_MAX / LOG_LINE_MAX: 1024 - 32 bytes of text).
  constexpr size_t kLineMax = 1024 - 32;
  if (text.size() > kLineMax) text = text.substr(0, kLineMax);
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  const size_t need = block_size(text.size());
  while (!recs_.empty() && (used_ + need > kLogBufLen || recs_.size() >= kDescs)) {
    used_ -= block_size(recs_.front().text.size());
    recs_.pop_front();
  }
  used_ += need;
  recs_.push_back(PrintkRecord{next_seq_++, ts, facility, uint8_t(level & 7), std::string(text)});
}

void printk(World& w, uint8_t level, std::string_view text) {
  w.printk_log.emit(w.now(), LOG_FAC_KERN, level, text);
}

bool ratelimit(World& w, RatelimitState& rs, const char* func) {
  const int64_t interval = rs.interval / kJiffyNs;  // in jiffies, as the kernel keeps it
  if (interval <= 0 || rs.burst <= 0) {
    // No limit, or nothing ever allowed (and nothing reported).
    const bool ok = interval == 0 || rs.burst > 0;
    if (!ok) ++rs.missed;
    return ok;
  }
  const int64_t now = jiffies_at(w.now());
  if (!rs.initialized) {
    rs.initialized = true;
    rs.begin = now;
    rs.left = rs.burst;
  }
  // Every call past the interval (time_is_before_jiffies(begin +
  // interval)) starts a new one, reporting what the old one suppressed.
  if (now > rs.begin + interval) {
    rs.left = rs.burst;
    rs.begin = now;
    if (rs.missed) {
      printk(w, LOGLEVEL_WARNING, fmt::format("{}: {} callbacks suppressed", func, rs.missed));
      rs.missed = 0;
    }
  }
  if (--rs.left >= 0) return true;
  ++rs.missed;
  return false;
}

bool net_ratelimit(World& w) { return ratelimit(w, w.printk_log.net_ratelimit_state, "net_ratelimit"); }

void printk_ratelimited(World& w, const PrintkSite& site, uint8_t level, std::string_view text) {
  if (ratelimit(w, w.printk_log.sites[&site], site.func)) printk(w, level, text);
}

}  // namespace skbox
