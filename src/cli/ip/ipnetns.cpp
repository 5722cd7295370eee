// `ip netns` (iproute2 6.1 ip/ipnetns.c): named network namespaces, i.e. the
// bind mounts under /run/netns, and running a command inside one.
//
// Not modelled: `attach` (no host processes to take a namespace from),
// `monitor` (would block forever in a script), `ip -all netns`. `pids`
// prints nothing because no simulated process has a pid.
#include <string>
#include <vector>

#include "cli/ip/ip_common.h"
#include "cli/vfs.h"
#include "net/net.h"
#include "net/world.h"

namespace skbox {

namespace {

constexpr const char* kNetnsRunDir = "/run/netns";

int netns_usage(Proc& p) {
  p.err.print(
      "Usage:\tip netns list\n"
      "\tip netns add NAME\n"
      "\tip netns attach NAME PID\n"
      "\tip netns set NAME NETNSID\n"
      "\tip [-all] netns delete [NAME]\n"
      "\tip netns identify [PID]\n"
      "\tip netns pids NAME\n"
      "\tip [-all] netns exec [NAME] cmd ...\n"
      "\tip netns monitor\n"
      "\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
      "NETNSID := auto | POSITIVE-INT\n");
  return 255;
}

// The names in /run/netns in readdir order: tmpfs lists the newest entry
// first, and a re-added name is a new entry.
std::vector<Net*> netns_dir_order(const World& w) {
  std::vector<Net*> v;
  for (auto& n : w.nets())
    if (!n->name.empty() && w.netns_find(n->name) == n.get()) v.push_back(n.get());
  return {v.rbegin(), v.rend()};
}

// iproute2's invalid_name(): names that cannot be a file in /run/netns.
bool invalid_name(const std::string& name) { return name.find('/') != std::string::npos || name == "." || name == ".."; }

int netns_list(Proc& p, const IpOptions& o) {
  // /run/netns always exists (procfs.cpp), so JSON output is at least "[]";
  // iproute2 prints nothing only when the directory is missing.
  IpPrinter pr(o);
  pr.open_array();
  for (Net* n : netns_dir_order(p.world)) {
    pr.open_object();
    pr.str(PrintKind::Any, "name", "{}", n->name);
    int id = o.net->peernet2id(n);
    if (id >= 0) pr.sint(PrintKind::Any, "id", " (id: {})", id);
    pr.fp("\n");
    pr.close_object();
  }
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

int netns_list_id(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (!a.empty()) {
    // Filters by target-nsid/nsid are not modelled; show everything.
  }
  IpPrinter pr(o);
  pr.open_array();
  for (auto& [id, peer] : o.net->nsids()) {
    pr.open_object();
    pr.uint(PrintKind::Any, "nsid", "nsid {} ", static_cast<uint64_t>(id));
    if (!peer->name.empty() && p.world.netns_find(peer->name) == peer)
      pr.str(PrintKind::Any, "name", "(iproute2 netns name: {})", peer->name);
    pr.fp("\n");
    pr.close_object();
  }
  pr.close_array();
  ip_emit(p, pr.finish());
  return 0;
}

int netns_add(Proc& p, std::span<const std::string> a) {
  if (a.empty()) {
    p.err.print("No netns name specified\n");
    return 1;
  }
  const std::string& name = a[0];
  std::string path = std::string(kNetnsRunDir) + "/" + name;
  if (name.size() > 255) {
    p.err.print("Cannot create namespace file \"{}\": {}\n", path, errno_str(ENAMETOOLONG));
    return 1;
  }
  auto r = p.world.netns_add(name);
  if (!r) {
    p.err.print("Cannot create namespace file \"{}\": {}\n", path, errno_str(r.error()));
    return 1;
  }
  return 0;
}

int netns_delete(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (o.all) {
    // Every name in /run/netns; a failure is reported and the walk goes on.
    for (Net* n : netns_dir_order(p.world)) {
      std::string name = n->name;
      auto r = p.world.netns_del(name);
      if (!r) p.err.print("Cannot remove namespace file \"{}/{}\": {}\n", kNetnsRunDir, name, errno_str(r.error()));
    }
    return 0;
  }
  if (a.empty()) {
    p.err.print("No netns name specified\n");
    return 1;
  }
  const std::string& name = a[0];
  auto r = p.world.netns_del(name);
  if (!r) {
    p.err.print("Cannot remove namespace file \"{}/{}\": {}\n", kNetnsRunDir, name, errno_str(r.error()));
    return 1;
  }
  return 0;
}

// identify: the names bound to the namespace of the process (ourselves
// when no pid is given). Prints an empty line when none matches.
int netns_identify(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (a.size() > 1) {
    p.err.print("extra arguments specified\n");
    return 1;
  }
  if (a.size() == 1) {
    const std::string& pid = a[0];
    bool digits = true;
    for (char c : pid) digits = digits && c >= '0' && c <= '9';
    if (!digits) {
      p.err.print("Specified string '{}' is not a pid\n", pid);
      return 1;
    }
    // Only the shell itself exists as a process; any other pid is gone.
    p.err.print("Cannot open network namespace: {}\n", errno_str(ENOENT));
    return 1;
  }
  std::string name;
  for (Net* n : netns_dir_order(p.world)) {
    if (n == o.net) {
      name = n->name;
      break;
    }
  }
  p.out.print("{}\n", name);
  return 0;
}

int netns_pids(Proc& p, std::span<const std::string> a) {
  if (a.empty()) {
    p.err.print("No netns name specified\n");
    return 1;
  }
  if (a.size() > 1) {
    p.err.print("extra arguments specified\n");
    return 1;
  }
  if (!p.world.netns_find(a[0])) {
    p.err.print("Cannot open network namespace: {}\n", errno_str(ENOENT));
    return 1;
  }
  return 0;
}

// set NAME NETNSID: gives NAME an id in the current namespace
// (rtnl_net_newid).
int netns_set(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (a.size() < 1) {
    p.err.print("No netns name specified\n");
    return 1;
  }
  if (a.size() < 2) {
    p.err.print("No nsid specified\n");
    return 1;
  }
  const std::string& id_s = a[1];
  int id = -1;
  if (id_s != "auto") {
    auto v = parse_i64(id_s, 0);
    if (!v || *v > 0x7fffffff || *v < -0x80000000LL) {
      p.err.print("Error: argument \"{}\" is wrong: Invalid \"netnsid\" value\n", id_s);
      return 255;
    }
    if (*v < 0) {
      p.err.print("Error: argument \"{}\" is wrong: \"netnsid\" value should be >= 0\n", id_s);
      return 255;
    }
    id = static_cast<int>(*v);
  }
  Net* n = p.world.netns_find(a[0]);
  if (!n) {
    p.err.print("Cannot open network namespace \"{}\": {}\n", a[0], errno_str(ENOENT));
    return 1;
  }
  if (o.net->peernet2id(n) >= 0) {
    print_rtnl_error(p, EEXIST, "Peer netns already has a nsid assigned");
    return 2;
  }
  if (id < 0) {
    o.net->peernet2id_alloc(n);
  } else if (!o.net->peernet2id_set(n, id)) {
    print_rtnl_error(p, EEXIST, "The specified nsid is already used");
    return 2;
  }
  return 0;
}

// exec NAME cmd...: runs the built-in command with its network namespace
// switched, as the child of `ip` would after setns().
int exec_in_netns(Proc& p, Net* n, std::span<const std::string> cmdv);

int netns_exec(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (o.all) {
    if (a.empty()) {
      p.err.print("No command specified\n");
      return 1;
    }
    // One child per name in /run/netns; its status is not collected.
    for (Net* n : netns_dir_order(p.world)) {
      p.out.print("\nnetns: {}\n", n->name);
      exec_in_netns(p, n, a);
    }
    return 0;
  }
  if (a.empty()) {
    p.err.print("No netns name specified\n");
    return 1;
  }
  if (a.size() < 2) {
    p.err.print("No command specified\n");
    return 1;
  }
  Net* n = p.world.netns_find(a[0]);
  if (!n) {
    p.err.print("Cannot open network namespace \"{}\": {}\n", a[0], errno_str(ENOENT));
    return 255;
  }
  return exec_in_netns(p, n, a.subspan(1));
}

// The forked child: switch to N, then execvp(cmdv).
int exec_in_netns(Proc& p, Net* n, std::span<const std::string> cmdv) {
  std::vector<std::string> argv(cmdv.begin(), cmdv.end());
  std::string& cmd = argv[0];
  Proc sub{p.world, n, p.in, p.out, p.err};
  if (!find_command(cmd)) {
    // execvp: a path runs that file; a name found nowhere fails with ENOENT.
    auto slash = cmd.rfind('/');
    if (slash != std::string::npos && find_command(cmd.substr(slash + 1)) &&
        (cmd.starts_with("/bin/") || cmd.starts_with("/sbin/") || cmd.starts_with("/usr/"))) {
      cmd = cmd.substr(slash + 1);
    } else if (slash != std::string::npos && vfs_exists(sub, cmd) && !vfs_is_dir(sub, cmd)) {
      argv.insert(argv.begin(), "sh");
    } else {
      p.err.print("exec of \"{}\" failed: {}\n", cmdv[0],
                  errno_str(slash != std::string::npos && vfs_is_dir(sub, cmd) ? EACCES : ENOENT));
      return 1;
    }
  }
  // The child holds the namespace for as long as it runs.
  struct Pin {
    World& w;
    Net* n;
    Pin(World& w_, Net* n_) : w(w_), n(n_) { w.netns_get(n); }
    ~Pin() { w.netns_put(n); }
  } pin(p.world, n);
  return run_command(sub, argv) & 0xff;
}

}  // namespace

int do_ipnetns(Proc& p, const IpOptions& o, std::span<const std::string> a) {
  if (a.empty()) return netns_list(p, o);
  if (a.size() > 1 && invalid_name(a[1])) {
    p.err.print("Invalid netns name \"{}\"\n", a[1]);
    return 255;
  }
  const std::string& c = a[0];
  auto rest = a.subspan(1);
  if (matches(c, "list") || matches(c, "show") || matches(c, "lst")) return netns_list(p, o);
  if (matches(c, "list-id")) return netns_list_id(p, o, rest);
  if (matches(c, "help")) return netns_usage(p);
  if (matches(c, "add")) return netns_add(p, rest);
  if (matches(c, "set")) return netns_set(p, o, rest);
  if (matches(c, "delete")) return netns_delete(p, o, rest);
  if (matches(c, "identify")) return netns_identify(p, o, rest);
  if (matches(c, "pids")) return netns_pids(p, rest);
  if (matches(c, "exec")) return netns_exec(p, o, rest);
  if (matches(c, "monitor") || matches(c, "attach")) {
    p.err.print("skbox: ip netns {} is not modelled\n", c);
    return 1;
  }
  p.err.print("Command \"{}\" is unknown, try \"ip netns help\".\n", c);
  return 255;
}

}  // namespace skbox
