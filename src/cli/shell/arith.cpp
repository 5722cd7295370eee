// Shell arithmetic ($((...)), ((...)), let): 64-bit integers with C's
// operators and bash's precedence, number bases (0x, 0, base#n), variables
// evaluated recursively, and bash's error messages with their "error token".
#include <cstdint>
#include <string>

#include "cli/shell/interp.h"

namespace skbox::sh {

namespace {

constexpr int kMaxDepth = 200;

struct ArithError {
  std::string msg;  // complete message
};

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

class ArithParser {
 public:
  ArithParser(std::string_view s, ArithEnv& env, int depth, int* total_nest = nullptr)
      : s_(s), env_(env), depth_(depth), total_(total_nest ? total_nest : &own_total_) {
    // bash quotes the expression without its leading blanks
    while (!s_.empty() && (s_[0] == ' ' || s_[0] == '\t' || s_[0] == '\n')) s_.remove_prefix(1);
  }

  int64_t run() {
    skip();
    if (p_ >= s_.size()) return 0;
    int64_t v = comma();
    skip();
    if (p_ < s_.size()) fail("syntax error in expression", p_);
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what, size_t at) {
    throw ArithError{std::string(s_) + ": " + what + " (error token is \"" + std::string(s_.substr(at)) + "\")"};
  }
  // Where an error "is": the current token, or the last one at end of input.
  size_t err_pos() {
    skip();
    return p_ >= s_.size() ? last_ : p_;
  }
  void skip() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r')) ++p_;
  }
  bool at(std::string_view op) {
    skip();
    return s_.substr(p_, op.size()) == op;
  }
  // Consumes op if present (and not the start of a longer operator in `not_followed`).
  bool eat(std::string_view op, std::string_view not_followed = {}) {
    if (!at(op)) return false;
    if (!not_followed.empty() && p_ + op.size() < s_.size() &&
        not_followed.find(s_[p_ + op.size()]) != std::string_view::npos)
      return false;
    last_ = p_;
    p_ += op.size();
    return true;
  }

  struct Depth {
    ArithParser& a;
    explicit Depth(ArithParser& ap) : a(ap) {
      // one budget across the nested evaluations of variables' values
      if (++*a.total_ > kMaxDepth) {
        --*a.total_;
        a.fail("expression recursion level exceeded", a.p_ < a.s_.size() ? a.p_ : a.last_);
      }
    }
    ~Depth() { --*a.total_; }
  };

  int64_t comma() {
    int64_t v = assign();
    while (eat(",")) v = assign();
    return v;
  }

  int64_t assign() {
    Depth d(*this);
    skip();
    size_t save = p_, save_last = last_;
    if (p_ < s_.size() && is_ident_start(s_[p_])) {
      size_t start = p_;
      while (p_ < s_.size() && is_ident_char(s_[p_])) ++p_;
      std::string name(s_.substr(start, p_ - start));
      skip();
      static const char* const kOps[] = {"<<=", ">>=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "="};
      for (const char* op : kOps) {
        std::string_view o(op);
        if (s_.substr(p_, o.size()) == o && !(o == "=" && s_.substr(p_, 2) == "==")) {
          size_t op_pos = p_;
          last_ = p_;
          p_ += o.size();
          int64_t rhs = assign();
          int64_t v = rhs;
          if (o != "=") {
            int64_t cur = var_value(name);
            v = binop(o.substr(0, o.size() - 1), cur, rhs, op_pos + o.size());
          }
          if (!noeval_) env_.set(name, v);
          return v;
        }
      }
      p_ = save;
      last_ = save_last;
    }
    int64_t v = cond();
    skip();
    if (p_ < s_.size() && s_[p_] == '=' && s_.substr(p_, 2) != "==")
      fail("attempted assignment to non-variable", p_);
    return v;
  }

  int64_t cond() {
    int64_t c = lor();
    if (!eat("?")) return c;
    bool save = noeval_;
    if (!c) noeval_ = true;
    int64_t a = comma();
    noeval_ = save;
    if (!eat(":")) fail("`:' expected for conditional expression", err_pos());
    if (c) noeval_ = true;
    int64_t b = cond();
    noeval_ = save;
    return c ? a : b;
  }

  int64_t lor() {
    int64_t v = land();
    while (eat("||")) {
      bool save = noeval_;
      if (v) noeval_ = true;
      int64_t r = land();
      noeval_ = save;
      v = (v || r) ? 1 : 0;
    }
    return v;
  }
  int64_t land() {
    int64_t v = bor();
    while (eat("&&")) {
      bool save = noeval_;
      if (!v) noeval_ = true;
      int64_t r = bor();
      noeval_ = save;
      v = (v && r) ? 1 : 0;
    }
    return v;
  }
  int64_t bor() {
    int64_t v = bxor();
    while (eat("|", "|=")) v |= bxor();
    return v;
  }
  int64_t bxor() {
    int64_t v = band();
    while (eat("^", "=")) v ^= band();
    return v;
  }
  int64_t band() {
    int64_t v = equality();
    while (eat("&", "&=")) v &= equality();
    return v;
  }
  int64_t equality() {
    int64_t v = relational();
    for (;;) {
      if (eat("==")) v = v == relational();
      else if (eat("!=")) v = v != relational();
      else return v;
    }
  }
  int64_t relational() {
    int64_t v = shift();
    for (;;) {
      if (eat("<=")) v = v <= shift();
      else if (eat(">=")) v = v >= shift();
      else if (eat("<", "<")) v = v < shift();
      else if (eat(">", ">")) v = v > shift();
      else return v;
    }
  }
  int64_t shift() {
    int64_t v = additive();
    for (;;) {
      if (eat("<<", "=")) v = binop("<<", v, additive(), 0);
      else if (eat(">>", "=")) v = binop(">>", v, additive(), 0);
      else return v;
    }
  }
  int64_t additive() {
    int64_t v = multiplicative();
    for (;;) {
      if (eat("+", "+=")) v = binop("+", v, multiplicative(), 0);
      else if (eat("-", "-=")) v = binop("-", v, multiplicative(), 0);
      else return v;
    }
  }
  int64_t multiplicative() {
    int64_t v = power();
    for (;;) {
      std::string_view op;
      if (eat("*", "*=")) op = "*";
      else if (eat("/", "=")) op = "/";
      else if (eat("%", "=")) op = "%";
      else return v;
      skip();
      size_t rhs_pos = p_;
      int64_t r = power();
      v = binop(op, v, r, rhs_pos);
    }
  }
  int64_t power() {
    int64_t base = unary();
    if (eat("**", "=")) {
      int64_t e = power();
      if (noeval_) return 0;
      if (e < 0) fail("exponent less than 0", last_);
      uint64_t acc = 1, bb = static_cast<uint64_t>(base), ee = static_cast<uint64_t>(e);
      while (ee) {
        if (ee & 1) acc *= bb;
        bb *= bb;
        ee >>= 1;
      }
      return static_cast<int64_t>(acc);
    }
    return base;
  }

  int64_t binop(std::string_view op, int64_t a, int64_t b, size_t rhs_pos) {
    uint64_t ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
    if (op == "+") return static_cast<int64_t>(ua + ub);
    if (op == "-") return static_cast<int64_t>(ua - ub);
    if (op == "*") return static_cast<int64_t>(ua * ub);
    if (op == "/" || op == "%") {
      if (noeval_) return 0;
      if (b == 0) fail("division by 0", rhs_pos);
      if (a == INT64_MIN && b == -1) return op == "/" ? INT64_MIN : 0;
      return op == "/" ? a / b : a % b;
    }
    if (op == "<<") return static_cast<int64_t>(ua << (ub & 63));
    if (op == ">>") return a >> (ub & 63);
    if (op == "&") return a & b;
    if (op == "|") return a | b;
    if (op == "^") return a ^ b;
    return 0;
  }

  int64_t unary() {
    Depth d(*this);
    skip();
    if (eat("++")) return incdec(+1, true);
    if (eat("--")) return incdec(-1, true);
    if (eat("-")) return static_cast<int64_t>(0 - static_cast<uint64_t>(unary()));
    if (eat("+")) return unary();
    if (eat("!")) return !unary();
    if (eat("~")) return ~unary();
    return postfix();
  }

  int64_t incdec(int delta, bool prefix) {
    skip();
    size_t start = p_;
    if (p_ >= s_.size() || !is_ident_start(s_[p_])) {
      // "++5": bash treats it as two unary pluses.
      int64_t v = unary();
      return prefix ? v : v;
    }
    while (p_ < s_.size() && is_ident_char(s_[p_])) ++p_;
    last_ = start;
    std::string name(s_.substr(start, p_ - start));
    int64_t old = var_value(name);
    int64_t nv = static_cast<int64_t>(static_cast<uint64_t>(old) + static_cast<uint64_t>(delta));
    if (!noeval_) env_.set(name, nv);
    return nv;
  }

  int64_t postfix() {
    skip();
    if (p_ < s_.size() && is_ident_start(s_[p_])) {
      size_t start = p_;
      while (p_ < s_.size() && is_ident_char(s_[p_])) ++p_;
      last_ = start;
      std::string name(s_.substr(start, p_ - start));
      int64_t v = var_value(name);
      skip();
      if (s_.substr(p_, 2) == "++" || s_.substr(p_, 2) == "--") {
        int delta = s_[p_] == '+' ? 1 : -1;
        last_ = p_;
        p_ += 2;
        if (!noeval_) env_.set(name, static_cast<int64_t>(static_cast<uint64_t>(v) + static_cast<uint64_t>(delta)));
      }
      return v;
    }
    return primary();
  }

  int64_t primary() {
    skip();
    if (p_ >= s_.size()) fail("syntax error: operand expected", last_);
    char c = s_[p_];
    if (c == '(') {
      last_ = p_;
      ++p_;
      int64_t v = comma();
      if (!eat(")")) fail("missing `)'", err_pos());
      return v;
    }
    if (c >= '0' && c <= '9') return number();
    fail("syntax error: operand expected", p_);
  }

  int64_t number() {
    size_t start = p_;
    while (p_ < s_.size() && (is_ident_char(s_[p_]) || s_[p_] == '#' || s_[p_] == '@')) ++p_;
    last_ = start;
    std::string_view tok = s_.substr(start, p_ - start);
    int64_t v;
    if (!parse_number(tok, v)) {
      std::string t(tok);
      throw ArithError{t + ": value too great for base (error token is \"" + t + "\")"};
    }
    return v;
  }

 public:
  static bool parse_number(std::string_view tok, int64_t& out) {
    int base = 10;
    std::string_view digits = tok;
    size_t hash = tok.find('#');
    if (hash != std::string_view::npos) {
      base = 0;
      for (char c : tok.substr(0, hash)) {
        if (c < '0' || c > '9') return false;
        base = base * 10 + (c - '0');
        if (base > 64) return false;
      }
      if (base < 2) return false;
      digits = tok.substr(hash + 1);
      if (digits.empty()) return false;
    } else if (tok.size() > 1 && tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X')) {
      base = 16;
      digits = tok.substr(2);
    } else if (tok.size() > 1 && tok[0] == '0') {
      base = 8;
      digits = tok.substr(1);
    }
    uint64_t v = 0;
    for (char c : digits) {
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'Z') d = base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
      else if (c == '@') d = 62;
      else if (c == '_') d = 63;
      else return false;
      if (d >= base) return false;
      v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    out = static_cast<int64_t>(v);
    return true;
  }

 private:
  int64_t var_value(const std::string& name) {
    std::string val = env_.get(name);
    // Plain integers (optionally signed, surrounded by blanks) short-cut.
    std::string_view t = val;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\n')) t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n')) t.remove_suffix(1);
    if (t.empty()) return 0;
    if (depth_ + 1 > kMaxDepth / 2) fail("expression recursion level exceeded", last_);
    ArithParser sub(val, env_, depth_ + 1, total_);
    sub.noeval_ = noeval_;
    return sub.run();
  }

  std::string_view s_;
  ArithEnv& env_;
  int depth_;
  size_t p_ = 0;
  size_t last_ = 0;
  int own_total_ = 0;
  int* total_;
  bool noeval_ = false;
};

}  // namespace

bool arith_eval(std::string_view expr, ArithEnv& env, int64_t& out, std::string& err) {
  try {
    ArithParser p(expr, env, 0);
    out = p.run();
    return true;
  } catch (const ArithError& e) {
    err = e.msg;
    return false;
  }
}

}  // namespace skbox::sh
