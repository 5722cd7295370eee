// The comment match (net/netfilter/xt_comment.c, iptables'
// extensions/libxt_comment.c): always matches; carries up to 255 bytes of
// text (longer comments are cut silently, as xtopt_parse_string does) that
// -L shows as "/* text */" and -S quotes as xtables_save_string does.
#include "netfilter/x_tables.h"
#include "netfilter/xtoptions.h"

namespace skbox {

namespace {

constexpr size_t kMaxCommentLen = 256;  // XT_MAX_COMMENT_LEN, with the NUL
enum { O_COMMENT = 0 };
constexpr XtOption kOpts[] = {{"comment", O_COMMENT}};
constexpr XtOptSpec kSpecs[] = {{"comment", O_COMMENT, 0, true, false}};

// struct xt_comment_info
class CommentMatch : public XtMatchImpl<CommentMatch> {
 public:
  std::string comment;
  unsigned seen = 0;
  bool operator==(const CommentMatch& o) const { return comment == o.comment; }

  void parse(int id, const std::string& arg, const XtParseCtx& ctx) override {
    xt_option_parse("comment", kSpecs, id, ctx.invert, seen);
    // strncpy into the fixed buffer: the text ends at a NUL or 255 bytes.
    comment = arg.substr(0, std::min(arg.find('\0'), kMaxCommentLen - 1));
  }
  void final_check() override { xt_options_fcheck("comment", kSpecs, seen); }
  void print(std::string& out, bool) const override {
    out += " /* ";
    out += comment;
    out += " */";
  }
  void save(std::string& out) const override {
    out += " --comment";
    xt_save_string(out, comment);
  }
  bool match(XtActionParam&) const override { return true; }
};

const XtMatchType kComment{"comment", kOpts, [] { return std::unique_ptr<XtMatch>(new CommentMatch); }};
XtMatchRegistrar reg{kComment};

}  // namespace

}  // namespace skbox
