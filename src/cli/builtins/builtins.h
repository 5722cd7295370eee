// Helpers shared by the small utilities (echo, printf, test, grep, ...) and
// by the shell, whose builtin versions of echo/printf/test print bash's
// messages ("x.sh: line 2: printf: abc: invalid number") where the
// stand-alone commands print coreutils' ones.
#pragma once
#include <functional>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"

namespace skbox::util {

// Reports an error message without trailing newline ("printf: abc: invalid number").
using ErrFn = std::function<void(std::string_view)>;

// echo; `escapes` makes \n etc. special by default (dash's echo).
int echo_main(Proc& p, std::span<const std::string> argv, bool escapes = false);
// Interprets echo-style backslash escapes into `out`; false when \c ended
// the output. `dash_octal` also accepts \NNN without the leading 0.
bool echo_escapes(std::string_view s, std::string& out, bool dash_octal);
// printf FORMAT [ARGS...]; returns the exit status. `bash_style` selects
// bash's builtin messages instead of coreutils'.
int printf_main(Proc& p, std::span<const std::string> argv, const ErrFn& err, bool bash_style,
                std::string* to_var = nullptr);
// test / [ ; argv[0] selects the name. Status 0, 1, or 2 on error.
int test_main(Proc& p, std::span<const std::string> argv, const ErrFn& err);
// File tests shared with [[ ]]: op is "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h".
bool file_test(Proc& p, std::string_view op, const std::string& path);
bool is_unary_file_op(std::string_view op);

// POSIX regular expressions (GNU grep's flavour) translated to ECMAScript for
// std::regex. `group_offset` shifts back-references (for wrapping groups).
bool posix_to_ecma(std::string_view pat, bool extended, std::string& out, std::string& err,
                   int group_offset = 0);
std::optional<std::regex> compile_posix(std::string_view pat, bool extended, bool icase, std::string& err);

// Splits text into lines; the last line may lack its newline.
std::vector<std::string_view> split_lines(std::string_view text);

// Reads a command's input files (or stdin for none / "-"). Errors print
// "NAME: FILE: No such file or directory" and set *status to `err_status`.
struct InputFile {
  std::string name;
  std::string data;
};
std::vector<InputFile> read_inputs(Proc& p, std::string_view cmd, std::span<const std::string> files,
                                   int* status, int err_status = 1, bool quiet = false);

// GNU's quoting of file names in messages: 'a b' only when needed.
std::string gnu_quote(std::string_view s);

// Parses a decimal integer (optional sign, surrounding blanks allowed like
// strtol); false when invalid or out of range.
bool parse_int(std::string_view s, long long& out);

}  // namespace skbox::util
