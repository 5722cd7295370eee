// [[ ... ]]: no word splitting, == and != match patterns, =~ matches an
// extended regular expression, -eq and friends evaluate arithmetic.
#include "cli/builtins/builtins.h"
#include "cli/shell/interp.h"

namespace skbox::sh {

bool Interp::eval_cond(const CondExpr& e) {
  switch (e.k) {
    case CondExpr::And:
      return eval_cond(*e.l) && eval_cond(*e.r);
    case CondExpr::Or:
      return eval_cond(*e.l) || eval_cond(*e.r);
    case CondExpr::Not:
      return !eval_cond(*e.l);
    case CondExpr::Single:
      return !expand_str(e.a).empty();
    case CondExpr::Unary: {
      std::string a = expand_str(e.a);
      if (e.op == "-n") return !a.empty();
      if (e.op == "-z") return a.empty();
      if (e.op == "-v") return get_param(a).has_value();
      if (e.op == "-o") {
        if (a == "errexit") return opts_.errexit;
        if (a == "xtrace") return opts_.xtrace;
        if (a == "nounset") return opts_.nounset;
        if (a == "pipefail") return opts_.pipefail;
        if (a == "noglob") return opts_.noglob;
        return false;
      }
      if (e.op == "-t") return false;
      NullSink ns;
      Proc p = make_proc(ns, ns);
      return util::file_test(p, e.op, a);
    }
    case CondExpr::Binary: {
      std::string a = expand_str(e.a);
      const std::string& op = e.op;
      if (op == "==" || op == "=" || op == "!=") {
        bool m = pattern_match(expand_pattern(e.b), a);
        return op == "!=" ? !m : m;
      }
      if (op == "=~") {
        std::string re = expand_regex(e.b);
        std::string err;
        auto rx = util::compile_posix(re, true, false, err);
        if (!rx) {
          last_status_ = 2;
          return false;
        }
        return std::regex_search(a, *rx);
      }
      if (op == "<") return a < expand_str(e.b);
      if (op == ">") return a > expand_str(e.b);
      if (op == "-eq" || op == "-ne" || op == "-lt" || op == "-le" || op == "-gt" || op == "-ge") {
        int64_t x = arith(a), y = arith(expand_str(e.b));
        if (op == "-eq") return x == y;
        if (op == "-ne") return x != y;
        if (op == "-lt") return x < y;
        if (op == "-le") return x <= y;
        if (op == "-gt") return x > y;
        return x >= y;
      }
      std::string b = expand_str(e.b);
      NullSink ns;
      Proc p = make_proc(ns, ns);
      if (op == "-ef") return a == b && util::file_test(p, "-e", a);
      return false;  // -nt / -ot: files have no times here
    }
  }
  return false;
}

}  // namespace skbox::sh
