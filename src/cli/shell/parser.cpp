// Recursive-descent parser for the shell subset, with the lexer folded in:
// the shell's tokens depend on the parser's state (reserved words only in
// command position, here-document bodies after the next newline, $(...)
// parsed recursively to find where it ends), so one class does both.
#include "cli/shell/parser.h"

#include <cstring>
#include <optional>

namespace skbox::sh {

namespace {

enum class T : uint8_t {
  Word, IoNum, Newline, Eof,
  Semi, DSemi, SemiAnd, DSemiAnd, Amp, AndIf, Pipe, OrIf, PipeAmp, LParen, RParen,
  Less, Great, DGreat, DLess, DLessDash, TLess, LessAnd, GreatAnd, LessGreat, Clobber,
  AndGreat, AndDGreat,
};

struct Tok {
  T t = T::Eof;
  Word w;
  int line = 0;
  int io = -1;
  std::string text;
};

constexpr int kMaxDepth = 200;

bool is_meta(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' ||
         c == ')' || c == '<' || c == '>';
}
bool is_name_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(int c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_special_param(int c) { return c && std::strchr("@*#?-$!0", c) != nullptr; }

bool is_redir_tok(T t) {
  switch (t) {
    case T::IoNum: case T::Less: case T::Great: case T::DGreat: case T::DLess: case T::DLessDash:
    case T::TLess: case T::LessAnd: case T::GreatAnd: case T::LessGreat: case T::Clobber:
    case T::AndGreat: case T::AndDGreat:
      return true;
    default:
      return false;
  }
}

enum class Mode : uint8_t { Word, DQ, Heredoc, Brace, Arith, Regex };

void add_text(std::vector<WordPart>& out, std::string_view s, bool quoted) {
  WP k = quoted ? WP::Quoted : WP::Lit;
  if (!out.empty() && out.back().kind == k) {
    out.back().text.append(s);
    return;
  }
  WordPart p;
  p.kind = k;
  p.text = std::string(s);
  out.push_back(std::move(p));
}
void add_char(std::vector<WordPart>& out, char c, bool quoted) { add_text(out, std::string_view(&c, 1), quoted); }

}  // namespace

bool is_name(std::string_view s) {
  if (s.empty() || !is_name_start(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!is_name_char(static_cast<unsigned char>(c))) return false;
  return true;
}

class ParserImpl {
 public:
  ParserImpl(std::string_view src, int first_line) : src_(src), line_(first_line), first_line_(first_line) {}

  NodeP next_command();
  std::vector<WordPart> dq_text(bool heredoc);

  std::vector<ParseWarning> warnings;
  int line() const { return line_; }

 private:
  struct Pending {
    RedirP r;
    std::string delim;
    int line;
  };

  // --- characters
  int peekc(size_t k = 0) const {
    return pos_ + k < src_.size() ? static_cast<unsigned char>(src_[pos_ + k]) : -1;
  }
  int getc() {
    if (pos_ >= src_.size()) return -1;
    char c = src_[pos_++];
    if (c == '\n') ++line_;
    return static_cast<unsigned char>(c);
  }

  // --- errors
  std::string line_text(int line) const {
    int l = first_line_;
    size_t start = 0;
    while (l < line) {
      size_t nl = src_.find('\n', start);
      if (nl == std::string_view::npos) return "";
      start = nl + 1;
      ++l;
    }
    size_t end = src_.find('\n', start);
    return std::string(src_.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  }
  [[noreturn]] void unexpected(const Tok& t) {
    SyntaxError e;
    if (t.t == T::Eof) {
      e.kind = SyntaxError::Eof;
      e.line = line_;
      throw e;
    }
    e.kind = SyntaxError::Unexpected;
    e.line = t.line;
    e.token = t.text;
    e.src_line = line_text(t.line);
    throw e;
  }
  [[noreturn]] void unterminated(std::string what, int line) {
    SyntaxError e;
    e.kind = SyntaxError::Unterminated;
    e.line = line;
    e.token = std::move(what);
    throw e;
  }
  struct DepthGuard {
    ParserImpl& p;
    explicit DepthGuard(ParserImpl& pp) : p(pp) {
      if (++p.depth_ > kMaxDepth) {
        SyntaxError e;
        e.kind = SyntaxError::TooDeep;
        e.line = p.line_;
        throw e;
      }
    }
    ~DepthGuard() { --p.depth_; }
  };

  // --- lexer
  const Tok& peek() {
    if (!la_) la_ = lex_token();
    return *la_;
  }
  Tok take() {
    peek();
    Tok t = std::move(*la_);
    la_.reset();
    return t;
  }
  Tok lex_token();
  void lex_parts(Mode mode, bool in_dq, std::string_view stops, std::vector<WordPart>& out);
  bool lex_dollar(Mode mode, bool quoted_ctx, std::vector<WordPart>& out);
  void lex_brace_param(bool in_dq, std::vector<WordPart>& out, size_t dollar_pos, int start_line);
  void lex_backquote(bool in_dq, std::vector<WordPart>& out);
  void lex_ansi_c(std::vector<WordPart>& out);
  Word lex_regex_word();
  void read_heredocs();
  std::string read_arith_body(int start_line);

  // --- grammar
  static bool reserved(const Tok& t, const char* w) {
    return t.t == T::Word && t.w.parts.size() == 1 && t.w.parts[0].kind == WP::Lit && t.w.parts[0].text == w;
  }
  static bool is_closer(const Tok& t) {
    static const char* const kClosers[] = {"then", "else", "elif", "fi", "do", "done", "esac", "}"};
    for (const char* c : kClosers)
      if (reserved(t, c)) return true;
    return false;
  }
  bool can_start_command() {
    const Tok& t = peek();
    if (t.t == T::Word) return !is_closer(t);
    return t.t == T::LParen || is_redir_tok(t.t);
  }
  void skip_newlines() {
    while (peek().t == T::Newline) take();
  }
  void expect_reserved(const char* w) {
    if (!reserved(peek(), w)) unexpected(peek());
    take();
  }
  NodeP compound_list(bool allow_empty);
  NodeP and_or();
  NodeP pipeline();
  NodeP command();
  NodeP simple_command();
  void redirect(std::vector<RedirP>& out);
  void compound_redirects(Node& n);
  NodeP if_clause();
  NodeP for_clause();
  NodeP while_clause(bool until);
  NodeP case_clause();
  NodeP function_def(Word name, int line);
  NodeP function_body(std::string name, int line);
  NodeP cond_command();
  std::shared_ptr<CondExpr> cond_or();
  std::shared_ptr<CondExpr> cond_and();
  std::shared_ptr<CondExpr> cond_not();
  std::shared_ptr<CondExpr> cond_prim();
  NodeP arith_command(int line);
  Word cmd_subst_tail();

  std::string_view src_;
  size_t pos_ = 0;
  int line_;
  int first_line_;
  int depth_ = 0;
  std::optional<Tok> la_;
  std::vector<Pending> pending_;
};

// ---------------------------------------------------------------- lexer

Tok ParserImpl::lex_token() {
  for (;;) {
    int c = peekc();
    if (c == ' ' || c == '\t' || c == '\r') {
      ++pos_;
    } else if (c == '\\' && peekc(1) == '\n') {
      getc();
      getc();
    } else if (c == '#') {
      while (peekc() >= 0 && peekc() != '\n') ++pos_;
    } else {
      break;
    }
  }
  Tok t;
  t.line = line_;
  int c = peekc();
  if (c < 0) {
    if (!pending_.empty()) read_heredocs();
    t.t = T::Eof;
    t.text = "end of file";
    return t;
  }
  if (c == '\n') {
    getc();
    if (!pending_.empty()) read_heredocs();
    t.t = T::Newline;
    t.text = "newline";
    return t;
  }
  struct Op {
    const char* s;
    T t;
  };
  static const Op kOps[] = {
      {";;&", T::DSemiAnd}, {";;", T::DSemi},     {";&", T::SemiAnd},   {";", T::Semi},
      {"&&", T::AndIf},     {"&>>", T::AndDGreat}, {"&>", T::AndGreat},  {"&", T::Amp},
      {"||", T::OrIf},      {"|&", T::PipeAmp},   {"|", T::Pipe},       {"(", T::LParen},
      {")", T::RParen},     {"<<<", T::TLess},    {"<<-", T::DLessDash}, {"<<", T::DLess},
      {"<&", T::LessAnd},   {"<>", T::LessGreat}, {"<", T::Less},       {">>", T::DGreat},
      {">&", T::GreatAnd},  {">|", T::Clobber},   {">", T::Great},
  };
  for (const Op& op : kOps) {
    size_t n = std::strlen(op.s);
    if (src_.substr(pos_, n) == op.s) {
      pos_ += n;
      t.t = op.t;
      t.text = op.s;
      return t;
    }
  }
  if (is_digit(c)) {
    size_t i = pos_;
    while (i < src_.size() && is_digit(static_cast<unsigned char>(src_[i]))) ++i;
    if (i < src_.size() && (src_[i] == '<' || src_[i] == '>') && i - pos_ <= 4) {
      t.t = T::IoNum;
      t.io = std::stoi(std::string(src_.substr(pos_, i - pos_)));
      t.text = std::string(src_.substr(pos_, i - pos_));
      pos_ = i;
      return t;
    }
  }
  size_t start = pos_;
  t.t = T::Word;
  lex_parts(Mode::Word, false, {}, t.w.parts);
  t.w.raw = std::string(src_.substr(start, pos_ - start));
  t.text = t.w.raw;
  return t;
}

void ParserImpl::lex_parts(Mode mode, bool in_dq, std::string_view stops, std::vector<WordPart>& out) {
  DepthGuard guard(*this);
  int paren = 0;
  int start_line = line_;
  for (;;) {
    int c = peekc();
    if (c < 0) {
      if (mode == Mode::DQ) unterminated("\"", start_line);
      return;
    }
    if (mode == Mode::Word && is_meta(c)) return;
    if (mode == Mode::DQ && c == '"') return;
    if (mode == Mode::Brace && stops.find(static_cast<char>(c)) != std::string_view::npos) return;
    if (mode == Mode::Regex) {
      if (paren == 0 && (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '<' || c == '>'))
        return;
      if (c == '(' || c == ')' || c == '|') {
        if (c == '(') ++paren;
        if (c == ')') {
          if (paren == 0) return;
          --paren;
        }
        getc();
        add_char(out, static_cast<char>(c), false);
        continue;
      }
      if (paren > 0 && (c == ' ' || c == '\t')) {
        getc();
        add_char(out, static_cast<char>(c), false);
        continue;
      }
    }
    bool quoted_ctx = mode == Mode::DQ || mode == Mode::Heredoc || (mode == Mode::Brace && in_dq);
    if (c == '\\') {
      int d = peekc(1);
      if (d == '\n') {
        getc();
        getc();
        continue;
      }
      if (d < 0) {
        getc();
        add_char(out, '\\', quoted_ctx || mode == Mode::Word);
        continue;
      }
      if (quoted_ctx || mode == Mode::Arith) {
        bool esc = d == '$' || d == '`' || d == '\\' || (d == '"' && mode != Mode::Heredoc) ||
                   (mode == Mode::Brace && d == '}');
        getc();
        if (esc) {
          getc();
          add_char(out, static_cast<char>(d), true);
        } else {
          add_char(out, '\\', true);
        }
      } else {
        getc();
        getc();
        add_char(out, static_cast<char>(d), true);
      }
      continue;
    }
    if (c == '\'' && !quoted_ctx && mode != Mode::Arith) {
      int l = line_;
      getc();
      size_t end = src_.find('\'', pos_);
      if (end == std::string_view::npos) unterminated("'", l);
      WordPart p;
      p.kind = WP::Quoted;
      p.text = std::string(src_.substr(pos_, end - pos_));
      while (pos_ <= end) getc();
      if (!out.empty() && out.back().kind == WP::Quoted)
        out.back().text += p.text;
      else
        out.push_back(std::move(p));
      continue;
    }
    if (c == '"' && mode != Mode::DQ && mode != Mode::Heredoc) {
      getc();
      WordPart p;
      p.kind = WP::DQ;
      lex_parts(Mode::DQ, true, {}, p.parts);
      getc();  // the closing quote (lex_parts throws at EOF)
      out.push_back(std::move(p));
      continue;
    }
    if (c == '$' && lex_dollar(mode, quoted_ctx, out)) continue;
    if (c == '`') {
      lex_backquote(quoted_ctx, out);
      continue;
    }
    getc();
    add_char(out, static_cast<char>(c), quoted_ctx);
  }
}

bool ParserImpl::lex_dollar(Mode mode, bool quoted_ctx, std::vector<WordPart>& out) {
  int d = peekc(1);
  size_t dollar = pos_;
  int l = line_;
  if (d == '{') {
    getc();
    getc();
    lex_brace_param(quoted_ctx, out, dollar, l);
    return true;
  }
  if (d == '(') {
    if (peekc(2) == '(') {
      // $(( ... )) if the parentheses close with "))", else $( (...) ).
      size_t i = pos_ + 3;
      int depth = 0;
      bool found = false;
      for (; i < src_.size(); ++i) {
        char ch = src_[i];
        if (ch == '(') {
          ++depth;
        } else if (ch == ')') {
          if (depth == 0) {
            found = i + 1 < src_.size() && src_[i + 1] == ')';
            break;
          }
          --depth;
        }
      }
      if (found) {
        getc();
        getc();
        getc();
        std::string body = read_arith_body(l);
        WordPart p;
        p.kind = WP::Arith;
        p.parts = parse_dq_text(body, false);
        p.text = body;
        out.push_back(std::move(p));
        return true;
      }
    }
    getc();
    getc();
    WordPart p;
    p.kind = WP::Cmd;
    DepthGuard guard(*this);
    la_.reset();
    NodeP body = compound_list(true);
    const Tok& t = peek();
    if (t.t == T::Eof) unterminated(")", line_);
    if (t.t != T::RParen) unexpected(t);
    take();
    p.cmd = body;
    out.push_back(std::move(p));
    return true;
  }
  if (d == '[') {
    // $[ expr ]: the old form of $(( expr ))
    size_t close = std::string_view::npos;
    int depth = 0;
    for (size_t i = pos_ + 2; i < src_.size(); ++i) {
      if (src_[i] == '[') ++depth;
      if (src_[i] == ']' && depth-- == 0) {
        close = i;
        break;
      }
    }
    if (close != std::string_view::npos) {
      std::string body(src_.substr(pos_ + 2, close - pos_ - 2));
      while (pos_ <= close) getc();
      WordPart p;
      p.kind = WP::Arith;
      p.parts = parse_dq_text(body, false);
      p.text = body;
      out.push_back(std::move(p));
      return true;
    }
  }
  if (d == '\'' && !quoted_ctx && mode != Mode::Arith) {
    getc();
    lex_ansi_c(out);
    return true;
  }
  if (d == '"' && !quoted_ctx && mode != Mode::Arith) {
    getc();  // $"..." is "..." (no translation)
    return true;
  }
  WordPart p;
  p.kind = WP::Param;
  if (is_name_start(d)) {
    getc();
    size_t s = pos_;
    while (is_name_char(peekc())) getc();
    p.text = std::string(src_.substr(s, pos_ - s));
  } else if (is_digit(d) || is_special_param(d)) {
    getc();
    p.text = std::string(1, static_cast<char>(getc()));
  } else {
    return false;
  }
  out.push_back(std::move(p));
  return true;
}

std::string ParserImpl::read_arith_body(int start_line) {
  // pos_ is just after "$((": read to the matching "))".
  int depth = 0;
  std::string body;
  for (;;) {
    int c = getc();
    if (c < 0) unterminated(")", start_line);
    if (c == '(') ++depth;
    if (c == ')') {
      if (depth == 0 && peekc() == ')') {
        getc();
        return body;
      }
      --depth;
    }
    body += static_cast<char>(c);
  }
}

void ParserImpl::lex_brace_param(bool in_dq, std::vector<WordPart>& out, size_t dollar_pos, int start_line) {
  WordPart p;
  p.kind = WP::Param;
  auto bad = [&] {
    int depth = 0;
    for (;;) {
      int c = getc();
      if (c < 0) unterminated("}", start_line);
      if (c == '{') ++depth;
      if (c == '}') {
        if (depth == 0) break;
        --depth;
      }
    }
    p.op = POp::Bad;
    p.text = std::string(src_.substr(dollar_pos, pos_ - dollar_pos));
    out.push_back(std::move(p));
  };
  auto read_name = [&]() -> bool {
    int c = peekc();
    size_t s = pos_;
    if (is_name_start(c)) {
      while (is_name_char(peekc())) getc();
    } else if (is_digit(c)) {
      while (is_digit(peekc())) getc();
    } else if (is_special_param(c)) {
      getc();
    } else {
      return false;
    }
    p.text = std::string(src_.substr(s, pos_ - s));
    return true;
  };
  int c = peekc();
  // NAME[...]: the subscript text up to the matching ']', expanded later.
  auto read_subscript = [&]() -> bool {
    if (peekc() != '[' || !is_name_start(static_cast<unsigned char>(p.text.empty() ? 0 : p.text[0]))) return true;
    getc();
    int depth = 0;
    size_t s = pos_;
    for (;;) {
      int ch = peekc();
      if (ch < 0 || ch == '}') return false;
      getc();
      if (ch == '[') ++depth;
      if (ch == ']' && depth-- == 0) break;
    }
    p.subscript = std::string(src_.substr(s, pos_ - 1 - s));
    p.has_subscript = true;
    return true;
  };
  if (c == '#' && peekc(1) != '}' && peekc(1) >= 0) {
    size_t save = pos_;
    getc();
    if (read_name() && read_subscript() && peekc() == '}') {
      getc();
      p.op = POp::Len;
      out.push_back(std::move(p));
      return;
    }
    pos_ = save;
    p.subscript.clear();
    p.has_subscript = false;
  }
  if (c == '!' && (is_name_start(peekc(1)) || is_digit(peekc(1)))) {
    getc();
    p.indirect = true;
  }
  if (!read_name()) return bad();
  if (!read_subscript()) return bad();
  c = peekc();
  if (c == '}') {
    getc();
    out.push_back(std::move(p));
    return;
  }
  auto arg = [&](std::string_view stops, std::vector<WordPart>& dst) {
    lex_parts(Mode::Brace, in_dq, stops, dst);
    if (peekc() < 0) unterminated("}", start_line);
  };
  auto close = [&] {
    if (getc() != '}') unterminated("}", start_line);
    out.push_back(std::move(p));
  };
  if (c == ':' && peekc(1) >= 0 && std::strchr("-=?+", peekc(1))) {
    getc();
    p.colon = true;
    c = peekc();
  }
  switch (c) {
    case '-': p.op = POp::Default; break;
    case '=': p.op = POp::Assign; break;
    case '?': p.op = POp::Error; break;
    case '+': p.op = POp::Alt; break;
    default: break;
  }
  if (p.op != POp::None) {
    getc();
    arg("}", p.parts);
    return close();
  }
  if (c == ':') {
    getc();
    p.op = POp::Substr;
    arg(":}", p.parts);
    if (peekc() == ':') {
      getc();
      p.has_parts2 = true;
      arg("}", p.parts2);
    }
    return close();
  }
  if (c == '%' || c == '#') {
    getc();
    bool twice = peekc() == c;
    if (twice) getc();
    p.op = c == '%' ? (twice ? POp::RemSufL : POp::RemSuf) : (twice ? POp::RemPreL : POp::RemPre);
    arg("}", p.parts);
    return close();
  }
  if (c == '/') {
    getc();
    p.op = POp::Repl;
    if (peekc() == '/') {
      getc();
      p.op = POp::ReplAll;
    } else if (peekc() == '#') {
      getc();
      p.op = POp::ReplPre;
    } else if (peekc() == '%') {
      getc();
      p.op = POp::ReplSuf;
    }
    arg("/}", p.parts);
    if (peekc() == '/') {
      getc();
      p.has_parts2 = true;
      arg("}", p.parts2);
    }
    return close();
  }
  if (c == '^' || c == ',') {
    getc();
    bool twice = peekc() == c;
    if (twice) getc();
    p.op = c == '^' ? (twice ? POp::UpperAll : POp::Upper) : (twice ? POp::LowerAll : POp::Lower);
    arg("}", p.parts);
    return close();
  }
  bad();
}

void ParserImpl::lex_backquote(bool in_dq, std::vector<WordPart>& out) {
  int l = line_;
  getc();
  std::string text;
  for (;;) {
    int c = getc();
    if (c < 0) unterminated("`", l);
    if (c == '`') break;
    if (c == '\\') {
      int d = peekc();
      if (d == '$' || d == '`' || d == '\\' || (in_dq && d == '"')) {
        text += static_cast<char>(getc());
        continue;
      }
    }
    text += static_cast<char>(c);
  }
  WordPart p;
  p.kind = WP::Backq;
  p.text = std::move(text);
  out.push_back(std::move(p));
}

void ParserImpl::lex_ansi_c(std::vector<WordPart>& out) {
  int l = line_;
  getc();  // the quote
  std::string s;
  auto hexval = [](int c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (;;) {
    int c = getc();
    if (c < 0) unterminated("'", l);
    if (c == '\'') break;
    if (c != '\\') {
      s += static_cast<char>(c);
      continue;
    }
    int d = getc();
    switch (d) {
      case 'n': s += '\n'; break;
      case 't': s += '\t'; break;
      case 'r': s += '\r'; break;
      case 'a': s += '\a'; break;
      case 'b': s += '\b'; break;
      case 'e': case 'E': s += '\x1b'; break;
      case 'f': s += '\f'; break;
      case 'v': s += '\v'; break;
      case '\\': s += '\\'; break;
      case '\'': s += '\''; break;
      case '"': s += '"'; break;
      case '?': s += '?'; break;
      case 'c': {
        int e = getc();
        if (e >= 0) s += static_cast<char>(e & 0x1f);
        break;
      }
      case 'x': {
        int v = 0, n = 0;
        while (n < 2 && hexval(peekc()) >= 0) v = v * 16 + hexval(getc()), ++n;
        if (n == 0) s += "\\x";
        else s += static_cast<char>(v);
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int v = d - '0', n = 1;
        while (n < 3 && peekc() >= '0' && peekc() <= '7') v = v * 8 + (getc() - '0'), ++n;
        s += static_cast<char>(v & 0xff);
        break;
      }
      case -1: unterminated("'", l);
      default:
        s += '\\';
        s += static_cast<char>(d);
    }
  }
  add_text(out, s, true);
  if (s.empty()) {
    WordPart p;
    p.kind = WP::Quoted;
    out.push_back(std::move(p));
  }
}

Word ParserImpl::lex_regex_word() {
  while (peekc() == ' ' || peekc() == '\t') ++pos_;
  Word w;
  size_t start = pos_;
  lex_parts(Mode::Regex, false, {}, w.parts);
  w.raw = std::string(src_.substr(start, pos_ - start));
  return w;
}

void ParserImpl::read_heredocs() {
  std::vector<Pending> list = std::move(pending_);
  pending_.clear();
  for (Pending& pd : list) {
    std::string body;
    bool found = false;
    while (pos_ < src_.size()) {
      size_t eol = src_.find('\n', pos_);
      bool has_nl = eol != std::string_view::npos;
      std::string_view ln = src_.substr(pos_, has_nl ? eol - pos_ : std::string_view::npos);
      pos_ = has_nl ? eol + 1 : src_.size();
      if (has_nl) ++line_;
      if (pd.r->strip_tabs)
        while (!ln.empty() && ln[0] == '\t') ln.remove_prefix(1);
      if (ln == pd.delim) {
        found = true;
        break;
      }
      body.append(ln);
      body += '\n';
    }
    if (!found) {
      int l = (pos_ > 0 && src_[pos_ - 1] == '\n') ? line_ - 1 : line_;
      warnings.push_back({l, "warning: here-document at line " + std::to_string(pd.line) +
                                 " delimited by end-of-file (wanted `" + pd.delim + "')"});
    }
    if (pd.r->expand)
      pd.r->body = parse_dq_text(body, true);
    else
      pd.r->body_text = std::move(body);
  }
}

// ---------------------------------------------------------------- grammar

NodeP ParserImpl::next_command() {
  skip_newlines();
  if (peek().t == T::Eof) return nullptr;
  auto seq = std::make_shared<Node>();
  seq->kind = NK::Seq;
  seq->line = peek().line;
  for (;;) {
    NodeP n = and_or();
    const Tok& t = peek();
    if (t.t == T::Semi || t.t == T::Amp) {
      if (t.t == T::Amp) {
        auto bg = std::make_shared<Node>();
        bg->kind = NK::Bg;
        bg->line = n->line;
        bg->kids.push_back(n);
        n = bg;
      }
      take();
      seq->kids.push_back(n);
      const Tok& u = peek();
      if (u.t == T::Newline) {
        take();
        break;
      }
      if (u.t == T::Eof) break;
      continue;
    }
    seq->kids.push_back(n);
    if (t.t == T::Newline) {
      take();
      break;
    }
    if (t.t == T::Eof) break;
    unexpected(t);
  }
  if (seq->kids.size() == 1) return seq->kids[0];
  return seq;
}

NodeP ParserImpl::compound_list(bool allow_empty) {
  DepthGuard guard(*this);
  skip_newlines();
  auto seq = std::make_shared<Node>();
  seq->kind = NK::Seq;
  seq->line = peek().line;
  if (!can_start_command()) {
    if (allow_empty) return seq;
    unexpected(peek());
  }
  for (;;) {
    NodeP n = and_or();
    const Tok& t = peek();
    if (t.t == T::Semi || t.t == T::Amp) {
      if (t.t == T::Amp) {
        auto bg = std::make_shared<Node>();
        bg->kind = NK::Bg;
        bg->line = n->line;
        bg->kids.push_back(n);
        n = bg;
      }
      take();
    }
    seq->kids.push_back(n);
    skip_newlines();
    if (!can_start_command()) break;
  }
  if (seq->kids.size() == 1) return seq->kids[0];
  return seq;
}

NodeP ParserImpl::and_or() {
  NodeP left = pipeline();
  for (;;) {
    T t = peek().t;
    if (t != T::AndIf && t != T::OrIf) return left;
    take();
    skip_newlines();
    NodeP right = pipeline();
    auto n = std::make_shared<Node>();
    n->kind = t == T::AndIf ? NK::And : NK::Or;
    n->line = left->line;
    n->kids = {left, right};
    left = n;
  }
}

NodeP ParserImpl::pipeline() {
  DepthGuard guard(*this);
  int line = peek().line;
  if (reserved(peek(), "!")) {
    take();
    auto n = std::make_shared<Node>();
    n->kind = NK::Not;
    n->line = line;
    if (!can_start_command()) unexpected(peek());
    n->kids.push_back(pipeline());
    return n;
  }
  NodeP first = command();
  if (peek().t != T::Pipe && peek().t != T::PipeAmp) return first;
  auto n = std::make_shared<Node>();
  n->kind = NK::Pipe;
  n->line = first->line;
  n->kids.push_back(first);
  while (peek().t == T::Pipe || peek().t == T::PipeAmp) {
    n->pipe_err.push_back(take().t == T::PipeAmp);
    skip_newlines();
    n->kids.push_back(command());
  }
  n->pipe_err.push_back(false);
  return n;
}

void ParserImpl::compound_redirects(Node& n) {
  while (is_redir_tok(peek().t)) redirect(n.redirs);
}

NodeP ParserImpl::command() {
  DepthGuard guard(*this);
  const Tok& t = peek();
  int line = t.line;
  if (t.t == T::LParen) {
    if (peekc() == '(' ) {
      // (( arithmetic ))
      take();
      getc();
      return arith_command(line);
    }
    take();
    auto n = std::make_shared<Node>();
    n->kind = NK::Subshell;
    n->line = line;
    n->kids.push_back(compound_list(false));
    if (peek().t != T::RParen) unexpected(peek());
    take();
    compound_redirects(*n);
    return n;
  }
  if (t.t == T::Word) {
    if (reserved(t, "{")) {
      take();
      auto n = std::make_shared<Node>();
      n->kind = NK::Group;
      n->line = line;
      n->kids.push_back(compound_list(false));
      expect_reserved("}");
      compound_redirects(*n);
      return n;
    }
    if (reserved(t, "if")) return if_clause();
    if (reserved(t, "for")) return for_clause();
    if (reserved(t, "while")) return while_clause(false);
    if (reserved(t, "until")) return while_clause(true);
    if (reserved(t, "case")) return case_clause();
    if (reserved(t, "[[")) return cond_command();
    if (reserved(t, "function")) {
      take();
      Tok name = take();
      if (name.t != T::Word) unexpected(name);
      if (peek().t == T::LParen) {
        take();
        if (peek().t != T::RParen) unexpected(peek());
        take();
      }
      return function_body(name.w.raw, line);
    }
    if (is_closer(t) || reserved(t, "!")) unexpected(t);
    return simple_command();
  }
  if (is_redir_tok(t.t)) return simple_command();
  unexpected(t);
}

static bool is_assignment(const Word& w) {
  if (w.parts.empty() || w.parts[0].kind != WP::Lit) return false;
  const std::string& s = w.parts[0].text;
  // NAME[subscript]=value (the subscript may hold expansions).
  if (size_t br = s.find('['); br != std::string::npos && br > 0 && is_name(std::string_view(s).substr(0, br)) &&
                                 (s.find('=') == std::string::npos || s.find('=') > br) &&
                                 (w.raw.find("]=") != std::string::npos || w.raw.find("]+=") != std::string::npos))
    return true;
  size_t eq = s.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  size_t name_end = (eq > 0 && s[eq - 1] == '+') ? eq - 1 : eq;
  return is_name(std::string_view(s).substr(0, name_end));
}

NodeP ParserImpl::simple_command() {
  auto n = std::make_shared<Node>();
  n->kind = NK::Simple;
  n->line = peek().line;
  for (;;) {
    const Tok& t = peek();
    if (t.t == T::Word) {
      if (n->words.empty() && is_assignment(t.w)) {
        Word a = take().w;
        // NAME=( words ): the '(' must follow the '=' directly.
        const std::string& s0 = a.parts[0].text;
        if (a.parts.size() == 1 && !s0.empty() && s0.back() == '=' && s0.find('[') == std::string::npos &&
            !la_ && peekc() == '(') {
          take();  // (
          a.array_assign = true;
          for (;;) {
            skip_newlines();
            if (peek().t == T::RParen) break;
            if (peek().t != T::Word) unexpected(peek());
            a.array.push_back(take().w);
          }
          take();  // )
        }
        n->assigns.push_back(std::move(a));
        continue;
      }
      Tok w = take();
      if (n->words.empty() && n->assigns.empty() && peek().t == T::LParen) {
        if (!n->redirs.empty()) unexpected(peek());
        return function_def(std::move(w.w), n->line);
      }
      n->words.push_back(std::move(w.w));
      continue;
    }
    if (is_redir_tok(t.t)) {
      redirect(n->redirs);
      continue;
    }
    break;
  }
  return n;
}

NodeP ParserImpl::function_def(Word name, int line) {
  take();  // (
  if (peek().t != T::RParen) unexpected(peek());
  take();
  return function_body(name.raw, line);
}

NodeP ParserImpl::function_body(std::string name, int line) {
  skip_newlines();
  const Tok& t = peek();
  bool compound = t.t == T::LParen || reserved(t, "{") || reserved(t, "if") || reserved(t, "for") ||
                  reserved(t, "while") || reserved(t, "until") || reserved(t, "case") || reserved(t, "[[");
  if (!compound) unexpected(t);
  auto n = std::make_shared<Node>();
  n->kind = NK::FuncDef;
  n->line = line;
  n->name = std::move(name);
  n->kids.push_back(command());
  return n;
}

void ParserImpl::redirect(std::vector<RedirP>& out) {
  auto r = std::make_shared<Redir>();
  if (peek().t == T::IoNum) r->fd = take().io;
  Tok op = take();
  switch (op.t) {
    case T::Less: r->op = ROp::In; break;
    case T::Great: r->op = ROp::Out; break;
    case T::DGreat: r->op = ROp::Append; break;
    case T::Clobber: r->op = ROp::Clobber; break;
    case T::LessGreat: r->op = ROp::InOut; break;
    case T::LessAnd: r->op = ROp::DupIn; break;
    case T::GreatAnd: r->op = ROp::DupOut; break;
    case T::DLess: r->op = ROp::HereDoc; break;
    case T::DLessDash: r->op = ROp::HereDoc; r->strip_tabs = true; break;
    case T::TLess: r->op = ROp::HereStr; break;
    case T::AndGreat: r->op = ROp::OutErr; break;
    case T::AndDGreat: r->op = ROp::AppendErr; break;
    default: unexpected(op);
  }
  int line = op.line;
  Tok w = take();
  if (w.t != T::Word) unexpected(w);
  r->target = std::move(w.w);
  if (r->op == ROp::HereDoc) {
    std::string delim;
    bool quoted = false;
    for (const WordPart& p : r->target.parts) {
      switch (p.kind) {
        case WP::Lit: delim += p.text; break;
        case WP::Quoted: delim += p.text; quoted = true; break;
        case WP::DQ:
          quoted = true;
          for (const WordPart& q : p.parts) delim += q.kind == WP::Param ? "$" + q.text : q.text;
          break;
        default: {
          delim += r->target.raw;  // unusual delimiters: use the text as written
          quoted = true;
          break;
        }
      }
    }
    r->expand = !quoted;
    pending_.push_back({r, delim, line});
  }
  out.push_back(std::move(r));
}

NodeP ParserImpl::if_clause() {
  auto n = std::make_shared<Node>();
  n->kind = NK::If;
  n->line = take().line;
  n->kids.push_back(compound_list(false));
  expect_reserved("then");
  n->kids.push_back(compound_list(false));
  for (;;) {
    if (reserved(peek(), "elif")) {
      take();
      n->kids.push_back(compound_list(false));
      expect_reserved("then");
      n->kids.push_back(compound_list(false));
      continue;
    }
    if (reserved(peek(), "else")) {
      take();
      n->kids.push_back(compound_list(false));
    }
    break;
  }
  expect_reserved("fi");
  compound_redirects(*n);
  return n;
}

NodeP ParserImpl::for_clause() {
  int line = take().line;
  auto n = std::make_shared<Node>();
  n->line = line;
  if (peek().t == T::LParen && peekc() == '(') {
    // for (( init; cond; step ))
    take();
    getc();
    std::string body = read_arith_body(line);
    n->kind = NK::ArithFor;
    std::vector<std::string> parts(1);
    int depth = 0;
    for (char c : body) {
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (c == ';' && depth == 0 && parts.size() < 3) {
        parts.emplace_back();
        continue;
      }
      parts.back() += c;
    }
    if (parts.size() != 3) {
      Tok t;
      t.t = T::RParen;
      t.text = "))";
      t.line = line;
      unexpected(t);
    }
    for (auto& s : parts) {
      Word w;
      w.parts = parse_dq_text(s, false);
      w.raw = s;
      n->items.push_back(std::move(w));
    }
    if (peek().t == T::Semi) take();
    skip_newlines();
    if (reserved(peek(), "{")) {
      take();
      n->kids.push_back(compound_list(false));
      expect_reserved("}");
    } else {
      expect_reserved("do");
      n->kids.push_back(compound_list(false));
      expect_reserved("done");
    }
    compound_redirects(*n);
    return n;
  }
  n->kind = NK::For;
  Tok name = take();
  if (name.t != T::Word || !is_name(name.w.raw)) unexpected(name);
  n->name = name.w.raw;
  skip_newlines();
  if (reserved(peek(), "in")) {
    take();
    n->has_in = true;
    while (peek().t == T::Word) n->items.push_back(take().w);
    if (peek().t != T::Semi && peek().t != T::Newline) unexpected(peek());
    take();
  } else if (peek().t == T::Semi) {
    take();
  }
  skip_newlines();
  expect_reserved("do");
  n->kids.push_back(compound_list(false));
  expect_reserved("done");
  compound_redirects(*n);
  return n;
}

NodeP ParserImpl::while_clause(bool until) {
  auto n = std::make_shared<Node>();
  n->kind = until ? NK::Until : NK::While;
  n->line = take().line;
  n->kids.push_back(compound_list(false));
  expect_reserved("do");
  n->kids.push_back(compound_list(false));
  expect_reserved("done");
  compound_redirects(*n);
  return n;
}

NodeP ParserImpl::case_clause() {
  auto n = std::make_shared<Node>();
  n->kind = NK::Case;
  n->line = take().line;
  Tok subj = take();
  if (subj.t != T::Word) unexpected(subj);
  n->subject = std::move(subj.w);
  skip_newlines();
  expect_reserved("in");
  for (;;) {
    skip_newlines();
    if (reserved(peek(), "esac")) break;
    CaseItem item;
    if (peek().t == T::LParen) take();
    for (;;) {
      Tok p = take();
      if (p.t != T::Word) unexpected(p);
      item.pats.push_back(std::move(p.w));
      if (peek().t == T::Pipe) {
        take();
        continue;
      }
      if (peek().t != T::RParen) unexpected(peek());
      take();
      break;
    }
    NodeP body = compound_list(true);
    if (!body->kids.empty() || body->kind != NK::Seq) item.body = body;
    const Tok& t = peek();
    if (t.t == T::DSemi || t.t == T::SemiAnd || t.t == T::DSemiAnd) {
      item.term = t.t == T::DSemi ? 0 : t.t == T::SemiAnd ? 1 : 2;
      take();
      n->cases.push_back(std::move(item));
      continue;
    }
    n->cases.push_back(std::move(item));
    skip_newlines();
    if (!reserved(peek(), "esac")) unexpected(peek());
    break;
  }
  take();  // esac
  compound_redirects(*n);
  return n;
}

NodeP ParserImpl::arith_command(int line) {
  std::string body = read_arith_body(line);
  auto n = std::make_shared<Node>();
  n->kind = NK::ArithCmd;
  n->line = line;
  n->arith.parts = parse_dq_text(body, false);
  n->arith.raw = body;
  compound_redirects(*n);
  return n;
}

NodeP ParserImpl::cond_command() {
  auto n = std::make_shared<Node>();
  n->kind = NK::Cond;
  n->line = take().line;
  n->cond = cond_or();
  if (!reserved(peek(), "]]")) unexpected(peek());
  take();
  compound_redirects(*n);
  return n;
}

std::shared_ptr<CondExpr> ParserImpl::cond_or() {
  DepthGuard guard(*this);
  auto l = cond_and();
  while (peek().t == T::OrIf) {
    take();
    skip_newlines();
    auto e = std::make_shared<CondExpr>();
    e->k = CondExpr::Or;
    e->l = l;
    e->r = cond_and();
    l = e;
  }
  return l;
}

std::shared_ptr<CondExpr> ParserImpl::cond_and() {
  auto l = cond_not();
  while (peek().t == T::AndIf) {
    take();
    skip_newlines();
    auto e = std::make_shared<CondExpr>();
    e->k = CondExpr::And;
    e->l = l;
    e->r = cond_not();
    l = e;
  }
  return l;
}

std::shared_ptr<CondExpr> ParserImpl::cond_not() {
  DepthGuard guard(*this);
  skip_newlines();
  if (reserved(peek(), "!")) {
    take();
    auto e = std::make_shared<CondExpr>();
    e->k = CondExpr::Not;
    e->l = cond_not();
    return e;
  }
  return cond_prim();
}

std::shared_ptr<CondExpr> ParserImpl::cond_prim() {
  static const char* const kUnary[] = {"-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s",
                                       "-t", "-u", "-w", "-x", "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o",
                                       "-v", "-R"};
  static const char* const kBinary[] = {"=",   "==",  "!=",  "=~",  "-eq", "-ne", "-lt", "-le",
                                        "-gt", "-ge", "-nt", "-ot", "-ef"};
  if (peek().t == T::LParen) {
    take();
    auto e = cond_or();
    if (peek().t != T::RParen) unexpected(peek());
    take();
    return e;
  }
  Tok a = take();
  if (a.t != T::Word || reserved(a, "]]")) unexpected(a);
  auto e = std::make_shared<CondExpr>();
  if (a.w.parts.size() == 1 && a.w.parts[0].kind == WP::Lit) {
    for (const char* u : kUnary) {
      if (a.w.raw == u && peek().t == T::Word && !reserved(peek(), "]]")) {
        e->k = CondExpr::Unary;
        e->op = u;
        e->a = take().w;
        return e;
      }
    }
  }
  e->a = std::move(a.w);
  const Tok& t = peek();
  if (t.t == T::Less || t.t == T::Great) {
    e->k = CondExpr::Binary;
    e->op = take().text;
    Tok b = take();
    if (b.t != T::Word) unexpected(b);
    e->b = std::move(b.w);
    return e;
  }
  if (t.t == T::Word) {
    for (const char* bop : kBinary) {
      if (reserved(t, bop)) {
        e->k = CondExpr::Binary;
        e->op = bop;
        take();
        if (e->op == "=~") {
          e->b = lex_regex_word();
          if (e->b.raw.empty()) unexpected(peek());
        } else {
          Tok b = take();
          if (b.t != T::Word) unexpected(b);
          e->b = std::move(b.w);
        }
        return e;
      }
    }
    if (!reserved(t, "]]")) unexpected(t);
  }
  e->k = CondExpr::Single;
  return e;
}

std::vector<WordPart> ParserImpl::dq_text(bool heredoc) {
  std::vector<WordPart> out;
  lex_parts(heredoc ? Mode::Heredoc : Mode::Arith, false, {}, out);
  return out;
}

// ---------------------------------------------------------------- API

std::vector<WordPart> parse_dq_text(std::string_view text, bool heredoc) {
  ParserImpl p(text, 1);
  return p.dq_text(heredoc);
}

Parser::Parser(std::string_view src, int first_line) : impl_(std::make_unique<ParserImpl>(src, first_line)) {}
Parser::~Parser() = default;
NodeP Parser::next() { return impl_->next_command(); }
std::vector<ParseWarning> Parser::take_warnings() { return std::move(impl_->warnings); }
int Parser::line() const { return impl_->line(); }

}  // namespace skbox::sh
