#include "cli/getopt.h"

#include <fmt/format.h>

#include "cli/sink.h"

namespace skbox {

Getopt::Getopt(std::string_view prog, Sink* err, std::span<const std::string> argv, std::string_view optstring,
               std::span<const LongOption> longopts)
    : prog_(prog), err_(err), argv_(argv), shorts_(optstring), longs_(longopts) {
  if (!shorts_.empty() && shorts_[0] == '+') {
    order_ = Order::RequireOrder;
    shorts_.remove_prefix(1);
  } else if (!shorts_.empty() && shorts_[0] == '-') {
    order_ = Order::ReturnInOrder;
    shorts_.remove_prefix(1);
  }
  if (!shorts_.empty() && shorts_[0] == ':') {
    colon_ = true;
    shorts_.remove_prefix(1);
  }
}

void Getopt::report(const std::string& msg) {
  if (!err_ || colon_) return;  // glibc: a leading ':' means opterr = 0
  if (flush_) flush_->flush();
  err_->write(msg);
}

int Getopt::finish() {
  // glibc leaves the skipped operands in front of what follows "--".
  for (size_t i = ind_; i < argv_.size(); ++i) operands_.push_back(argv_[i]);
  ind_ = argv_.size();
  done_ = true;
  return -1;
}

int Getopt::next() {
  arg_.clear();
  has_arg_ = false;
  optopt_ = 0;
  long_index_ = -1;
  if (done_) return -1;
  if (pos_ == 0) {
    for (;;) {
      if (ind_ >= argv_.size()) return finish();
      const std::string& a = argv_[ind_];
      if (a == "--") {
        ++ind_;
        return finish();
      }
      if (a.size() >= 2 && a[0] == '-') break;
      // An operand ("-" alone is one too).
      if (order_ == Order::RequireOrder) return finish();
      ++ind_;
      if (order_ == Order::ReturnInOrder) {
        arg_ = a;
        has_arg_ = true;
        return 1;
      }
      operands_.push_back(a);
    }
    if (!longs_.empty() && argv_[ind_][1] == '-') return long_option();
    pos_ = 1;
  }
  return short_option();
}

int Getopt::short_option() {
  const std::string& a = argv_[ind_];
  const char c = a[pos_++];
  if (pos_ == a.size()) {  // the cluster is used up
    ++ind_;
    pos_ = 0;
  }
  const size_t at = shorts_.find(c);
  if (at == std::string_view::npos || c == ':' || c == ';') {
    report(fmt::format("{}: invalid option -- '{}'\n", prog_, c));
    optopt_ = static_cast<unsigned char>(c);
    return '?';
  }
  if (at + 1 >= shorts_.size() || shorts_[at + 1] != ':') return c;
  const bool optional = at + 2 < shorts_.size() && shorts_[at + 2] == ':';
  if (pos_ != 0) {  // the rest of the cluster is the argument
    arg_ = a.substr(pos_);
    has_arg_ = true;
    ++ind_;
    pos_ = 0;
  } else if (optional) {
    // "::" takes an attached argument only.
  } else if (ind_ < argv_.size()) {
    arg_ = argv_[ind_++];
    has_arg_ = true;
  } else {
    report(fmt::format("{}: option requires an argument -- '{}'\n", prog_, c));
    optopt_ = static_cast<unsigned char>(c);
    return colon_ ? ':' : '?';
  }
  return c;
}

int Getopt::long_option() {
  const std::string& a = argv_[ind_++];
  const std::string_view text = std::string_view(a).substr(2);  // what follows "--"
  const size_t eq = text.find('=');
  const std::string_view name = text.substr(0, eq);

  int found = -1;
  for (size_t i = 0; i < longs_.size(); ++i)
    if (longs_[i].name == name) {
      found = static_cast<int>(i);
      break;
    }
  if (found < 0 && abbreviations_) {
    // A prefix of several options is ambiguous unless they all mean the same.
    std::vector<int> matches;
    bool ambiguous = false;
    for (size_t i = 0; i < longs_.size(); ++i) {
      if (!longs_[i].name.starts_with(name)) continue;
      if (!matches.empty() && (longs_[i].arg != longs_[matches[0]].arg || longs_[i].val != longs_[matches[0]].val))
        ambiguous = true;
      matches.push_back(static_cast<int>(i));
    }
    if (ambiguous) {
      std::string msg = fmt::format("{}: option '--{}' is ambiguous; possibilities:", prog_, text);
      // glibc lists the first match and every later one that differs from it.
      for (int i : matches)
        if (i == matches[0] || longs_[i].arg != longs_[matches[0]].arg || longs_[i].val != longs_[matches[0]].val)
          msg += fmt::format(" '--{}'", longs_[i].name);
      report(msg + "\n");
      return '?';
    }
    if (!matches.empty()) found = matches[0];
  }
  if (found < 0) {
    report(fmt::format("{}: unrecognized option '--{}'\n", prog_, text));
    return '?';
  }

  const LongOption& o = longs_[found];
  if (eq != std::string_view::npos) {
    if (o.arg == ArgKind::None) {
      report(fmt::format("{}: option '--{}' doesn't allow an argument\n", prog_, o.name));
      optopt_ = o.val;
      return '?';
    }
    arg_ = std::string(text.substr(eq + 1));
    has_arg_ = true;
  } else if (o.arg == ArgKind::Required) {
    if (ind_ >= argv_.size()) {
      report(fmt::format("{}: option '--{}' requires an argument\n", prog_, o.name));
      optopt_ = o.val;
      return colon_ ? ':' : '?';
    }
    arg_ = argv_[ind_++];
    has_arg_ = true;
  }
  long_index_ = found;
  return o.val;
}

}  // namespace skbox
