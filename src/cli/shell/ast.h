// The syntax tree of the shell language subset skbox interprets (a POSIX sh
// subset with the bash extensions scenario scripts use: [[ ]], (( )), $'..').
// Nodes are shared and immutable once parsed, so background jobs and function
// definitions can hold on to them after the parser is gone.
//
// Not modelled: associative arrays, process substitution, coprocesses, select, aliases.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace skbox::sh {

struct Node;
using NodeP = std::shared_ptr<const Node>;

enum class WP : uint8_t {
  Lit,    // unquoted literal text
  Quoted, // literal text protected by quotes or a backslash
  DQ,     // "..." (parts)
  Param,  // $x ${x...}
  Cmd,    // $(...) (cmd)
  Backq,  // `...` (text: the command text, parsed when run)
  Arith,  // $((...)) (parts: the expression before expansion)
};

enum class POp : uint8_t {
  None, Len, Default, Assign, Error, Alt,
  RemSuf, RemSufL, RemPre, RemPreL,
  Repl, ReplAll, ReplPre, ReplSuf,
  Substr, Upper, UpperAll, Lower, LowerAll,
  Bad,  // unparsable ${...}: "bad substitution" when expanded
};

struct WordPart {
  WP kind = WP::Lit;
  POp op = POp::None;
  bool colon = false;     // ${x:-y} vs ${x-y}
  bool indirect = false;  // ${!x}
  std::string text;       // Lit/Quoted text, Param name, Backq source, Bad: raw ${...}
  std::string subscript;  // Param: the text inside ${name[...]}
  bool has_subscript = false;
  std::vector<WordPart> parts;   // DQ body, Param argument (word/pattern/offset), Arith expr
  std::vector<WordPart> parts2;  // Param replacement string / substring length
  bool has_parts2 = false;
  NodeP cmd;                     // Cmd
};

struct Word {
  std::vector<WordPart> parts;
  std::string raw;  // source text, for messages
  // NAME=( ... ): an array assignment; parts hold "NAME=" and array the elements.
  bool array_assign = false;
  std::vector<Word> array;
};

enum class ROp : uint8_t {
  In,         // <
  Out,        // >
  Append,     // >>
  Clobber,    // >|
  InOut,      // <>
  DupIn,      // <&
  DupOut,     // >&
  HereDoc,    // << <<-
  HereStr,    // <<<
  OutErr,     // &>
  AppendErr,  // &>>
};

struct Redir {
  int fd = -1;  // -1: the operator's default
  ROp op = ROp::Out;
  Word target;  // file, fd number or here-string word; heredoc delimiter
  // Here-documents: the body is read after the next newline.
  bool strip_tabs = false;
  bool expand = true;
  std::vector<WordPart> body;  // expanded like a double-quoted string when `expand`
  std::string body_text;       // literal body when !expand
};
using RedirP = std::shared_ptr<Redir>;

enum class NK : uint8_t {
  Simple, Pipe, And, Or, Not, Seq, Bg,
  Subshell, Group, If, For, ArithFor, While, Until, Case, FuncDef, ArithCmd, Cond,
};

// [[ ... ]] expression tree.
struct CondExpr {
  enum K : uint8_t { And, Or, Not, Unary, Binary, Single } k = Single;
  std::string op;
  Word a, b;
  std::shared_ptr<CondExpr> l, r;
};

struct CaseItem {
  std::vector<Word> pats;
  NodeP body;        // may be null (empty body)
  int term = 0;      // 0 ;;  1 ;&  2 ;;&
};

struct Node {
  NK kind = NK::Simple;
  int line = 0;
  // Simple: assignments, words; any command: redirections
  std::vector<Word> assigns;
  std::vector<Word> words;
  std::vector<RedirP> redirs;
  // Pipe stages, Seq items, And/Or operands, Not/Bg/Subshell/Group child,
  // If: cond, then, [cond, then]..., [else]; While/Until: cond, body;
  // For/ArithFor/FuncDef: body.
  std::vector<NodeP> kids;
  std::vector<bool> pipe_err;  // Pipe: stage i uses |& (stderr too)
  // For: variable and list; ArithFor: init/cond/step in items[0..2]
  std::string name;
  bool has_in = false;
  std::vector<Word> items;
  // Case
  Word subject;
  std::vector<CaseItem> cases;
  // ArithCmd
  Word arith;
  // Cond
  std::shared_ptr<CondExpr> cond;
  // FuncDef: where it was defined (for error messages)
  std::string src_name;
};

}  // namespace skbox::sh
