// The shell parser: source text -> syntax tree, one complete command (one
// line's list, or a multi-line compound command) at a time, because bash runs
// each command before it reads the next: a syntax error on line 9 comes after
// the output of lines 1-8.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/shell/ast.h"

namespace skbox::sh {

struct SyntaxError {
  enum Kind { Unexpected, Eof, Unterminated, TooDeep } kind = Unexpected;
  int line = 0;
  std::string token;     // Unexpected: the token's text ("fi", "newline")
                         // Unterminated: the missing delimiter ("\"", ")")
  std::string src_line;  // the input line bash quotes after the message
};

struct ParseWarning {
  int line;
  std::string msg;  // "warning: here-document at line 3 delimited by end-of-file (wanted `EOF')"
};

class ParserImpl;

class Parser {
 public:
  explicit Parser(std::string_view src, int first_line = 1);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // The next complete command, or nullptr at end of input. Throws SyntaxError.
  NodeP next();
  // Warnings noticed while parsing the last command (taken by the caller).
  std::vector<ParseWarning> take_warnings();
  int line() const;

 private:
  std::unique_ptr<ParserImpl> impl_;
};

// Parses `text` with double-quote rules (here-document bodies, the inside
// of $((...))): $-expansions and backquotes are recognised, quotes are not
// (when heredoc) or are removed (arith).
std::vector<WordPart> parse_dq_text(std::string_view text, bool heredoc);

// True for NAME (a valid shell variable name).
bool is_name(std::string_view s);

}  // namespace skbox::sh
