// The kernel log (kernel/printk/printk.c, printk_ringbuffer.c,
// lib/ratelimit.c): one per simulated machine (World), since the kernel
// log is global, not per namespace. printk() stores a record with the
// virtual-time timestamp (local_clock(): ns since the virtual boot), its
// facility and level; dmesg reads the records back.
//
// The buffer is bounded like a default kernel's (CONFIG_LOG_BUF_SHIFT=17:
// 128 KiB of text, 4096 record descriptors): when either is used up, the
// oldest records drop off.
//
// Not modelled: the console (console_loglevel only stores what dmesg -n
// sets), continuation lines (KERN_CONT), caller ids, dictionaries, the
// space a text block wastes when it would wrap around the data ring, and
// the net.core.message_cost/message_burst sysctls (fixed 5 s / 10).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>

#include "core/time.h"

namespace skbox {

class World;

// include/linux/kern_levels.h: KERN_EMERG "0" .. KERN_DEBUG "7".
enum : uint8_t {
  LOGLEVEL_EMERG = 0, LOGLEVEL_ALERT = 1, LOGLEVEL_CRIT = 2, LOGLEVEL_ERR = 3,
  LOGLEVEL_WARNING = 4, LOGLEVEL_NOTICE = 5, LOGLEVEL_INFO = 6, LOGLEVEL_DEBUG = 7,
};
// Syslog facilities of a record (the kernel's own are all LOG_KERN).
enum : uint8_t { LOG_FAC_KERN = 0, LOG_FAC_USER = 1 };

struct PrintkRecord {
  uint64_t seq;
  Time ts;           // ns since the virtual boot
  uint8_t facility;  // LOG_FAC_*
  uint8_t level;     // LOGLEVEL_*
  std::string text;  // without the trailing newline
};

// struct ratelimit_state: at most `burst` callbacks per `interval`,
// counted in jiffies (lib/ratelimit.c as of Linux 6.18: rs_n_left).
struct RatelimitState {
  Duration interval = 5 * kSec;  // DEFAULT_RATELIMIT_INTERVAL (5 * HZ)
  int burst = 10;                // DEFAULT_RATELIMIT_BURST
  int64_t begin = 0;             // jiffies
  int left = 0;                  // rs_n_left: goes below 0 once used up
  int missed = 0;
  bool initialized = false;
};

// A pr_*_ratelimited call site: each has its own state (per World), as
// each expansion of the kernel macro has its own static ratelimit_state.
// `func` is the __func__ the "callbacks suppressed" line names. Declare
// one as `static constexpr PrintkSite kSite{"xt_check_match"};`.
struct PrintkSite {
  const char* func;
};

class PrintkLog {
 public:
  static constexpr size_t kLogBufLen = size_t(1) << 17;  // log_buf_len
  static constexpr size_t kDescs = kLogBufLen >> 5;      // PRB_AVGBITS = 5

  void emit(Time ts, uint8_t facility, uint8_t level, std::string_view text);
  // Records still in the buffer, oldest first.
  const std::deque<PrintkRecord>& records() const { return recs_; }
  // SYSLOG_ACTION_CLEAR: readers (dmesg) start after what is there now.
  void clear() { clear_seq_ = next_seq_; }
  uint64_t clear_seq() const { return clear_seq_; }
  // console_loglevel (dmesg -n); 7 by default (CONSOLE_LOGLEVEL_DEFAULT).
  int console_loglevel = 7;
  // saved_console_loglevel: what SYSLOG_ACTION_CONSOLE_OFF (dmesg -D) put
  // aside for CONSOLE_ON (dmesg -E); -1 (LOGLEVEL_DEFAULT) when none.
  int saved_console_loglevel = -1;

  RatelimitState net_ratelimit_state;
  std::map<const PrintkSite*, RatelimitState> sites;

 private:
  static size_t block_size(size_t text_len);
  std::deque<PrintkRecord> recs_;
  size_t used_ = 0;  // text-ring bytes of the records held
  uint64_t next_seq_ = 0;
  uint64_t clear_seq_ = 0;
};

// printk(KERN_<level> "text\n"): kernel facility, the World's clock.
void printk(World& w, uint8_t level, std::string_view text);

// ___ratelimit(rs, func): true when the callback may go ahead. When a new
// interval starts after some were suppressed it logs, as Linux does,
// "FUNC: N callbacks suppressed" at KERN_WARNING first.
bool ratelimit(World& w, RatelimitState& rs, const char* func);
// net_ratelimit(): the networking code's shared limit (10 per 5 s).
bool net_ratelimit(World& w);
// printk_ratelimited / pr_*_ratelimited at call site `site`.
void printk_ratelimited(World& w, const PrintkSite& site, uint8_t level, std::string_view text);

}  // namespace skbox
