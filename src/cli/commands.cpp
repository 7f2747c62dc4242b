// The CLI verbs. Each loads the configuration, calls one library function and prints what it
// returned; nothing here knows about databases or files beyond what the library reports.
#include "cli/commands.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "cli/graph_output.hpp"
#include "cli/output.hpp"
#include "dialect/dialect.hpp"
#include "retort/autogenerate.hpp"
#include "retort/config.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "retort/scripts.hpp"

namespace retort::cli {
namespace {

namespace fs = std::filesystem;

// The URL of the last configuration loaded, so scrub_password can hide its password in any
// message, even one thrown after the Config object is gone.
std::string& loaded_url() {
  static std::string url;
  return url;
}

Config load_config(const GlobalOptions& g) {
  ConfigOverrides o;
  o.env = g.env;
  o.url = g.url;
  for (const auto& kv : g.x) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ErrorKind::Usage, "-x expects key=value, got '" + kv + "'");
    }
    o.x[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  Config c = Config::load(g.config_path, o);
  loaded_url() = c.url;
  return c;
}

void require_url(const Config& c) {
  if (c.url.empty()) {
    throw Error(ErrorKind::Config,
                "no database URL: set url in retort.toml, $DATABASE_URL or --url");
  }
}

nlohmann::ordered_json run_json(const RunReport& r) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const auto& s : r.steps) {
    steps.push_back({{"upgrade", s.upgrade},
                     {"from", s.from},
                     {"to", s.to},
                     {"revision", s.revision},
                     {"message", s.message},
                     {"elapsed_ms", static_cast<double>(s.elapsed.count()) / 1000.0}});
  }
  return {{"steps", steps}, {"heads_before", r.heads_before}, {"heads_after", r.heads_after}};
}

// Prints an upgrade/downgrade/stamp run: a line per step as the library reports it (on stderr
// with --sql, where stdout carries the SQL), notices on stderr, and at the end the JSON report or
// "already at X" when an online run had nothing to do.
class RunPrinter {
 public:
  RunPrinter(const GlobalOptions& g, std::string verb, bool sql, Streams io)
      : g_(g),
        verb_(std::move(verb)),
        sql_(sql),
        io_(io),
        batch_(sql && &io.err == &std::cerr && !::isatty(STDERR_FILENO)) {}
  RunPrinter(const RunPrinter&) = delete;
  RunPrinter& operator=(const RunPrinter&) = delete;
  // A failed run unwinds through here before its error is printed: the lines come first.
  ~RunPrinter() { flush_pending(); }

  RunOptions options(bool allow_data_loss) {
    RunOptions o;
    o.allow_data_loss = allow_data_loss;
    o.sql = sql_;
    o.out = &io_.out;
    o.script_threads = script_threads();
    o.on_step = [this](const StepReport& s) { print_step(s); };
    o.on_notice = [this](const std::string& notice) {
      flush_pending();
      io_.err << ("retort: " + notice + '\n') << std::flush;  // one write on unbuffered stderr
    };
    return o;
  }

  // RETORT_SCRIPT_THREADS: the threads an offline run may use for scripts (unset or 0: chosen
  // by the run; 1: this thread only).
  static unsigned script_threads() {
    const char* v = std::getenv("RETORT_SCRIPT_THREADS");
    if (!v || !*v) return 0;
    char* end = nullptr;
    errno = 0;
    unsigned long n = std::strtoul(v, &end, 10);
    if (*end != '\0' || errno != 0 || v[0] == '-' || n > 64)
      throw Error(
          ErrorKind::Config,
          std::string("RETORT_SCRIPT_THREADS must be a number from 0 to 64, not '") + v + "'");
    return static_cast<unsigned>(n);
  }

  void finish(const RunReport& r) {
    // A library that reports steps only in the result still gets its progress lines.
    if (printed_ == 0) {
      for (const auto& s : r.steps) print_step(s);
    }
    flush_pending();
    if (sql_) return;
    if (g_.json) {
      io_.out << run_json(r).dump(2) << '\n';
    } else if (r.steps.empty() && !g_.quiet) {
      io_.out << "already at " << revisions_or_base(r.heads_after) << '\n';
    }
  }

 private:
  void print_step(const StepReport& s) {
    ++printed_;
    if (g_.quiet || (g_.json && !sql_)) return;
    std::string name = verb_ == "stamp" ? verb_ : (s.upgrade ? "upgrade" : "downgrade");
    std::string line = step_line(name, s, !sql_ && verb_ != "stamp") + '\n';
    if (batch_) {
      pending_ += line;
      if (pending_.size() >= (32u << 10)) flush_pending();
      return;
    }
    std::ostream& out = sql_ ? io_.err : io_.out;
    out << line << std::flush;  // one write
  }

  void flush_pending() {
    if (pending_.empty()) return;
    io_.err.write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    io_.err.flush();
    pending_.clear();
  }

  const GlobalOptions& g_;
  std::string verb_;
  bool sql_;
  Streams io_;
  int printed_ = 0;
  // With --sql and stderr not a terminal (a file, a CI log), the progress lines are written
  // in blocks like the SQL on stdout: a write per line was 1,000 system calls, a tenth of an
  // `upgrade --sql` of 1,000 revisions. A notice, the end of the run and a failure (the
  // destructor runs before the error is printed) write out what is pending first.
  bool batch_ = false;
  std::string pending_;
};

// Which revisions each revision branches into (history -v, show, branches). Reads all
// headers, so it is only called when a branch point is printed verbosely.
class Children {
 public:
  explicit Children(const Config& c) : config_(c) {}
  const std::vector<std::string>& of(const std::string& rev) {
    load();
    return children_[rev];
  }
  const RevisionInfo* find(const std::string& rev) {
    load();
    auto it = by_id_.find(rev);
    return it == by_id_.end() ? nullptr : &it->second;
  }

 private:
  void load() {
    if (loaded_) return;
    loaded_ = true;
    // Children in file order (directory, then file name), the order heads are listed in:
    // stable, unlike Alembic's set, and the same from one run to the next.
    auto all = history(config_);
    std::map<std::string, std::vector<const RevisionInfo*>> kids;
    for (const auto& r : all) {
      for (const auto& parent : r.down_revisions) kids[parent].push_back(&r);
    }
    for (auto& [parent, list] : kids) {
      std::stable_sort(list.begin(), list.end(), [](const RevisionInfo* a, const RevisionInfo* b) {
        return a->path < b->path;
      });
      for (const RevisionInfo* r : list) children_[parent].push_back(r->revision);
    }
    for (auto& r : all) by_id_[r.revision] = std::move(r);
  }
  const Config& config_;
  bool loaded_ = false;
  std::map<std::string, std::vector<std::string>> children_;
  std::map<std::string, RevisionInfo> by_id_;
};

std::string block(const RevisionInfo& r, Children& children, bool current) {
  static const std::vector<std::string> none;
  return revision_block(r, r.is_branch_point ? children.of(r.revision) : none, current);
}

// "current" on either side of a history range means the database's revision.
std::string resolve_current(const std::string& side, const std::vector<std::string>& current) {
  if (side != "current") return side;
  if (current.empty()) return "base";
  if (current.size() > 1) {
    std::string list;
    for (const auto& c : current) list += (list.empty() ? "" : ", ") + c;
    throw Error(ErrorKind::Usage, "'current' is ambiguous: the database is at several heads (" +
                                      list + "); name one of them in -r");
  }
  return current.front();
}

// The text after the lanes of `history --graph` and `graph`: git's --oneline, with retort's
// markers (labels, head, branch point, merge point, current) and dependencies.
std::vector<GraphRow> graph_rows(const std::vector<RevisionInfo>& revs,
                                 const std::set<std::string>& current) {
  std::vector<GraphRow> rows;
  rows.reserve(revs.size());
  for (const auto& r : revs) {
    LineStyle style;
    style.doc = true;
    style.current = current.count(r.revision) > 0;
    std::string text = revision_line(r, style);
    if (!r.depends_on.empty()) {
      std::string deps;
      for (const auto& d : r.depends_on) deps += (deps.empty() ? "" : ", ") + d;
      text += " [depends on " + deps + "]";
    }
    rows.push_back(GraphRow{r.revision, r.down_revisions, std::move(text)});
  }
  return rows;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

int cmd_init(const GlobalOptions& g, const std::string& directory, Streams io) {
  fs::path project = fs::current_path();
  init_project(project, directory);
  if (g.quiet) return 0;
  fs::path scripts = fs::path(directory).is_absolute() ? fs::path(directory) : project / directory;
  scripts = scripts.lexically_normal();
  // init_project says what it writes; list what is there now, directories first, in order.
  std::vector<fs::path> dirs{scripts};
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(scripts, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    (it->is_directory() ? dirs : files).push_back(it->path());
  }
  std::sort(dirs.begin(), dirs.end());
  std::sort(files.begin(), files.end());
  files.insert(files.begin(), project / "retort.toml");
  for (const auto& d : dirs) io.out << "Creating directory " << d.string() << " ... done\n";
  for (const auto& f : files) io.out << "Generating " << f.string() << " ... done\n";
  io.out << "Please edit the url in " << (project / "retort.toml").string()
         << " before proceeding.\n";
  return 0;
}

// On a terminal, a likely rename is asked about; without one, retort never guesses.
static bool ask_rename_on_terminal(const std::string& table, const std::string& from,
                                   const std::string& to) {
  std::cerr << "retort: table " << table << " lost column " << from << " and gained column " << to
            << " of a compatible type. Is it a rename (keeps the data)? [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

// The table and schema filters of retort.toml, for autogenerate and check.
static void apply_filters(const Config& c, AutogenerateOptions& o) {
  o.include_tables = c.include_tables;
  o.exclude_tables = c.exclude_tables;
  o.schemas = c.include_schemas;
}

int cmd_autogenerate(const GlobalOptions& g, const RevisionArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  AutogenerateOptions o;
  o.message = a.message;
  o.allow_empty = a.allow_empty;
  o.rev_id = a.rev_id;
  o.head = a.head;
  o.splice = a.splice;
  o.branch_labels = a.branch_label;
  o.depends_on = a.depends_on;
  if (a.version_path) o.version_path = fs::path(*a.version_path);
  apply_filters(c, o);
  if (isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) o.ask_rename = ask_rename_on_terminal;
  AutogenerateResult r = autogenerate(c, o);
  for (const auto& w : r.warnings) io.err << "retort: warning: " << w << '\n';
  if (g.json) {
    nlohmann::json j;
    j["changes"] = r.changes;
    j["warnings"] = r.warnings;
    j["written"] = r.written ? nlohmann::json(revision_json(*r.written)) : nlohmann::json();
    io.out << j.dump(2) << '\n';
    return 0;
  }
  if (g.quiet) return 0;
  for (const auto& change : r.changes) io.out << "Detected " << change << '\n';
  if (r.written) {
    io.out << "Generating " << r.written->path << " ... done\n";
  } else {
    io.out << "No changes detected; no revision written (use --allow-empty to write one anyway)\n";
  }
  return 0;
}

int cmd_revision(const GlobalOptions& g, const RevisionArgs& a, Streams io) {
  if (a.autogenerate) return cmd_autogenerate(g, a, io);
  Config c = load_config(g);
  RevisionOptions o;
  o.message = a.message;
  o.rev_id = a.rev_id;
  o.head = a.head;
  o.splice = a.splice;
  o.branch_labels = a.branch_label;
  o.depends_on = a.depends_on;
  if (a.version_path) o.version_path = fs::path(*a.version_path);
  RevisionInfo info = create_revision(c, o);
  if (g.json) {
    io.out << revision_json(info).dump(2) << '\n';
  } else if (!g.quiet) {
    io.out << "Generating " << info.path << " ... done\n";
  }
  return 0;
}

int cmd_merge(const GlobalOptions& g, const MergeArgs& a, Streams io) {
  Config c = load_config(g);
  RevisionInfo info = merge_revisions(c, a.revisions, a.message, a.rev_id);
  if (g.json) {
    io.out << revision_json(info).dump(2) << '\n';
  } else if (!g.quiet) {
    io.out << "Generating " << info.path << " ... done\n";
  }
  return 0;
}

// upgrade and downgrade: the same run, in one direction or the other.
static int run_migrations(const GlobalOptions& g, const MigrateArgs& a, Streams io, bool up) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunPrinter printer(g, up ? "upgrade" : "downgrade", a.sql, io);
  RunOptions options = printer.options(a.allow_data_loss);
  printer.finish(up ? m.upgrade(a.revision, options) : m.downgrade(a.revision, options));
  return 0;
}

int cmd_upgrade(const GlobalOptions& g, const MigrateArgs& a, Streams io) {
  return run_migrations(g, a, io, true);
}

int cmd_downgrade(const GlobalOptions& g, const MigrateArgs& a, Streams io) {
  return run_migrations(g, a, io, false);
}

int cmd_stamp(const GlobalOptions& g, const StampArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunPrinter printer(g, "stamp", a.sql, io);
  printer.finish(m.stamp(a.revision, a.purge, printer.options(false)));
  return 0;
}

int cmd_current(const GlobalOptions& g, Streams io) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  std::vector<std::string> revs = m.current();
  if (g.json) {
    io.out << nlohmann::ordered_json{{"current", revs}}.dump(2) << '\n';
    return 0;
  }
  if (g.verbose) io.out << "Current revision(s) for " << mask_url(c.url) << ":\n";
  Children children(c);
  for (const auto& rev : revs) {
    RevisionInfo info = show(c, rev);
    if (g.verbose) {
      io.out << block(info, children, false);
    } else {
      LineStyle style;
      style.branches = false;
      io.out << revision_line(info, style) << '\n';
    }
  }
  return 0;
}

int cmd_history(const GlobalOptions& g, const HistoryArgs& a, Streams io) {
  Config c = load_config(g);
  std::string range = a.range;
  size_t colon = range.find(':');
  if (!range.empty() && colon == std::string::npos) {
    throw Error(ErrorKind::Usage, "history -r expects [START]:[END], e.g. -r base:head, -r " +
                                      range + ": or -r :" + range);
  }
  std::set<std::string> current;
  if (a.indicate_current || range.find("current") != std::string::npos) {
    require_url(c);
    Migrator m(c);
    std::vector<std::string> revs = m.current();
    current.insert(revs.begin(), revs.end());
    if (!range.empty()) {
      range = resolve_current(range.substr(0, colon), revs) + ":" +
              resolve_current(range.substr(colon + 1), revs);
    }
  }
  std::vector<RevisionInfo> revs = history(c, range);
  if (g.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : revs) {
      nlohmann::ordered_json j = revision_json(r);
      if (a.indicate_current) j["is_current"] = current.count(r.revision) > 0;
      out.push_back(std::move(j));
    }
    io.out << out.dump(2) << '\n';
    return 0;
  }
  if (a.graph) {
    for (const auto& line : draw_ascii_graph(graph_rows(revs, current))) io.out << line << '\n';
    return 0;
  }
  Children children(c);
  for (const auto& r : revs) {
    bool is_current = a.indicate_current && current.count(r.revision) > 0;
    if (g.verbose) {
      io.out << block(r, children, is_current);
    } else {
      LineStyle style;
      style.parents = true;
      style.doc = true;
      style.current = is_current;
      io.out << revision_line(r, style) << '\n';
    }
  }
  return 0;
}

int cmd_heads(const GlobalOptions& g, Streams io) {
  Config c = load_config(g);
  std::vector<RevisionInfo> revs = heads(c);
  if (g.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : revs) out.push_back(revision_json(r));
    io.out << out.dump(2) << '\n';
    return 0;
  }
  Children children(c);
  for (const auto& r : revs) {
    if (g.verbose) {
      io.out << block(r, children, false);
    } else {
      LineStyle style;
      style.tree = false;
      io.out << revision_line(r, style) << '\n';
    }
  }
  return 0;
}

int cmd_graph(const GlobalOptions& g, const GraphArgs& a, Streams io) {
  Config c = load_config(g);
  std::vector<RevisionInfo> revs = history(c);
  // The database's revisions are a bonus: a graph of the scripts is useful without one.
  std::set<std::string> current;
  // A SQLite file that does not exist has no current revision, and reading it would create it.
  std::optional<Url> url;
  try {
    if (!c.url.empty()) url = Url::parse(c.url);
  } catch (const Error&) {
    url.reset();  // Migrator reports the bad URL below
  }
  std::optional<fs::path> file;
  if (url) file = find_dialect(url->scheme).database_file(*url);
  bool missing_file = file && (file->empty() || !fs::exists(*file));
  if (c.url.empty()) {
    io.err << "retort: no database URL; the graph does not mark current revisions\n";
  } else if (missing_file) {
    if (file->empty()) {
      io.err << "retort: the database is in memory; the graph does not mark current "
                "revisions\n";
    } else {
      io.err << "retort: the database " << file->string()
             << " does not exist; the graph does not mark current revisions\n";
    }
  } else {
    try {
      Migrator m(c);
      std::vector<std::string> rows = m.current();
      current.insert(rows.begin(), rows.end());
    } catch (const Error& e) {
      io.err << "retort: cannot read the current revisions (" << scrub_password(g, e.what())
             << "); the graph does not mark them\n";
    }
  }
  if (!a.dot) {
    for (const auto& line : draw_ascii_graph(graph_rows(revs, current))) io.out << line << '\n';
    return 0;
  }
  // depends_on may name a branch label: draw the edge to the labelled revision.
  std::map<std::string, std::string> by_label;
  for (const auto& r : revs) {
    for (const auto& l : r.branch_labels) by_label[l] = r.revision;
  }
  std::vector<DotNode> nodes;
  nodes.reserve(revs.size());
  for (const auto& r : revs) {
    DotNode n;
    n.id = r.revision;
    n.parents = r.down_revisions;
    for (const auto& d : r.depends_on) {
      auto it = by_label.find(d);
      n.depends_on.push_back(it == by_label.end() ? d : it->second);
    }
    n.label = r.message;
    if (!r.branch_labels.empty()) {
      std::string labels;
      for (const auto& l : r.branch_labels) labels += (labels.empty() ? "" : ", ") + l;
      n.label = "(" + labels + ") " + n.label;
    }
    n.head = r.is_head;
    n.current = current.count(r.revision) > 0;
    nodes.push_back(std::move(n));
  }
  io.out << dot_graph(nodes);
  return 0;
}

int cmd_branches(const GlobalOptions& g, Streams io) {
  Config c = load_config(g);
  std::vector<RevisionInfo> points = branch_points(c);
  Children children(c);
  if (g.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : points) {
      nlohmann::ordered_json j = revision_json(r);
      j["branches_into"] = children.of(r.revision);
      out.push_back(std::move(j));
    }
    io.out << out.dump(2) << '\n';
    return 0;
  }
  for (const auto& r : points) {
    if (g.verbose) {
      io.out << block(r, children, false);
    } else {
      io.out << revision_line(r, LineStyle{}) << '\n';
    }
    std::string indent(r.revision.size(), ' ');
    for (const auto& child : children.of(r.revision)) {
      const RevisionInfo* info = children.find(child);
      if (info == nullptr) continue;
      LineStyle style;
      style.doc = g.verbose;
      io.out << indent << " -> " << revision_line(*info, style) << '\n';
    }
    io.out << '\n';
  }
  return 0;
}

int cmd_show(const GlobalOptions& g, const std::string& revision, Streams io) {
  Config c = load_config(g);
  RevisionInfo info = show(c, revision);
  if (g.json) {
    io.out << revision_json(info).dump(2) << '\n';
    return 0;
  }
  Children children(c);
  io.out << block(info, children, false);
  return 0;
}

int cmd_check(const GlobalOptions& g, Streams io) {
  Config c = load_config(g);
  require_url(c);
  AutogenerateOptions o;
  apply_filters(c, o);
  AutogenerateResult r = check(c, o);
  if (g.json) {
    nlohmann::json j;
    j["changes"] = r.changes;
    j["warnings"] = r.warnings;
    io.out << j.dump(2) << '\n';
  } else {
    for (const auto& w : r.warnings) io.err << "retort: warning: " << w << '\n';
    if (r.changes.empty()) {
      if (!g.quiet) io.out << "No changes: the database matches the models\n";
    } else {
      for (const auto& change : r.changes) io.out << change << '\n';
      io.err << "retort: the database differs from the models (" << r.changes.size()
             << " change(s)): run `retort revision --autogenerate -m MSG`\n";
    }
  }
  return r.changes.empty() ? 0 : 1;
}

int cmd_edit(const GlobalOptions& g, const std::string& revision, Streams io) {
  Config c = load_config(g);
  RevisionInfo info = show(c, revision);
  std::string editor;
  for (const char* name : {"EDITOR", "VISUAL"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') {
      editor = v;
      break;
    }
  }
  if (editor.empty()) {
    throw Error(ErrorKind::Config,
                "edit needs an editor: set $EDITOR (e.g. EDITOR=nano retort edit " + revision +
                    ") or open " + info.path);
  }
  io.out << std::flush;
  // Through the shell, so EDITOR may carry arguments ("code --wait").
  int status = std::system((editor + " " + shell_quote(info.path)).c_str());
  if (status != 0) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : status;
    throw Error(ErrorKind::Config,
                fmt::format("editor '{}' failed with status {} on {}", editor, code, info.path));
  }
  return 0;
}

std::string scrub_password(const GlobalOptions& g, const std::string& message) {
  std::vector<std::string> urls{loaded_url()};
  if (g.url) urls.push_back(*g.url);
  if (const char* db = std::getenv("DATABASE_URL")) urls.emplace_back(db);
  std::string out = message;
  for (const auto& text : urls) {
    std::string password;
    try {
      password = Url::parse(text).password;
    } catch (const Error&) {
      continue;  // an unparsable URL is masked by mask_url wherever it is quoted
    }
    // Short passwords would match ordinary words; the library masks URLs itself, this only
    // catches a password quoted outside one.
    if (password.size() < 4) continue;
    for (size_t pos = out.find(password); pos != std::string::npos;
         pos = out.find(password, pos + 3)) {
      out.replace(pos, password.size(), "***");
    }
  }
  return out;
}

}  // namespace retort::cli
