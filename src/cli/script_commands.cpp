// The verbs that read and write the revision scripts: init, revision, merge, history, heads,
// graph, branches, show and edit. Only history -i and graph ask the database anything (which
// revisions it is at).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "cli/command_support.hpp"
#include "cli/graph_output.hpp"
#include "cli/output.hpp"
#include "dialect/dialect.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"

namespace retort::cli {
namespace {

namespace fs = std::filesystem;

// The database's revisions, read only when `needed` (a name that resolves against them, or
// history -i): most listings never connect.
std::vector<std::string> current_if(const Config& c, bool needed) {
  if (!needed) return {};
  require_url(c);
  return Migrator(c).current();
}

bool any_names_current(const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [](const std::string& n) { return names_current(n); });
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
    if (!r.depends_on.empty())
      text += fmt::format(" [depends on {}]", fmt::join(r.depends_on, ", "));
    rows.push_back(GraphRow{r.revision, r.down_revisions, std::move(text)});
  }
  return rows;
}

// A revision file just written (revision, merge).
int print_written(const GlobalOptions& g, const RevisionInfo& info, Streams io) {
  if (g.json) {
    io.out << revision_json(info).dump(2) << '\n';
  } else if (!g.quiet) {
    io.out << "Generating " << info.path << " ... done\n";
  }
  return 0;
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

int cmd_init(const GlobalOptions& g, const InitArgs& a, Streams io) {
  const std::string& directory = a.directory;
  fs::path project = fs::current_path();
  std::error_code ec;
  // The files a template may write outside the migrations folder, and which of them were there.
  const std::vector<fs::path> outside_names = {"retort.toml", ".luarc.json", "CMakeLists.txt",
                                               "src/main.cpp"};
  std::vector<bool> existed;
  for (const auto& name : outside_names) existed.push_back(fs::exists(project / name, ec));
  const bool had_luarc = existed[1];
  init_project(project, directory, a.template_name);
  if (g.quiet && !g.json) return 0;
  fs::path scripts = fs::path(directory).is_absolute() ? fs::path(directory) : project / directory;
  scripts = scripts.lexically_normal();
  // init_project says what it writes; list what is there now, directories first, in order.
  std::vector<fs::path> dirs{scripts};
  std::vector<fs::path> files;

  for (auto it = fs::recursive_directory_iterator(scripts, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    (it->is_directory() ? dirs : files).push_back(it->path());
  }
  std::sort(dirs.begin(), dirs.end());
  std::sort(files.begin(), files.end());
  // What the template wrote outside the migrations folder.
  std::vector<fs::path> outside;
  for (size_t i = 0; i < outside_names.size(); ++i) {
    if (!existed[i] && fs::exists(project / outside_names[i], ec))
      outside.push_back(project / outside_names[i]);
  }
  files.insert(files.begin(), outside.begin(), outside.end());
  const bool one_config = fs::exists(project / "retort.toml", ec);
  if (g.json) {
    nlohmann::ordered_json out;
    out["template"] = a.template_name;
    out["directory"] = scripts.string();
    out["directories"] = nlohmann::ordered_json::array();
    for (const auto& d : dirs) out["directories"].push_back(d.string());
    out["files"] = nlohmann::ordered_json::array();
    for (const auto& f : files) out["files"].push_back(f.string());
    out["left_as_is"] = nlohmann::ordered_json::array();
    if (had_luarc) out["left_as_is"].push_back((project / ".luarc.json").string());
    // The configuration files whose url must be edited before the first run.
    out["edit_url_in"] = nlohmann::ordered_json::array();
    if (one_config) {
      out["edit_url_in"].push_back((project / "retort.toml").string());
    } else {
      for (const auto& f : files)
        if (f.filename().string() == "retort.toml") out["edit_url_in"].push_back(f.string());
    }
    io.out << out.dump(2) << '\n';
    return 0;
  }
  for (const auto& d : dirs) io.out << "Creating directory " << d.string() << " ... done\n";
  for (const auto& f : files) io.out << "Generating " << f.string() << " ... done\n";
  if (had_luarc) {
    io.out << "Leaving " << (project / ".luarc.json").string() << " as it is: add "
           << (scripts / ".luals").string() << " to its workspace.library for editor support.\n";
  }
  if (one_config) {
    io.out << "Please edit the url in " << (project / "retort.toml").string()
           << " before proceeding.\n";
  } else {
    io.out << "Please edit the url in each retort.toml under " << scripts.string()
           << " before proceeding (see " << (scripts / "README.md").string() << ").\n";
  }
  return 0;
}

int cmd_list_templates(const GlobalOptions& g, Streams io) {
  if (g.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& t : project_templates())
      out.push_back({{"name", t.name}, {"description", t.description}});
    io.out << out.dump(2) << '\n';
    return 0;
  }
  io.out << "Available templates:\n\n";
  for (const auto& t : project_templates())
    io.out << fmt::format("{:<10}- {}\n", t.name, t.description);
  io.out << "\nTemplates are used via the 'init' command, e.g.:\n\n  retort init --template "
            "multidb migrations\n";
  return 0;
}

int cmd_revision(const GlobalOptions& g, const RevisionArgs& a, Streams io) {
  if (a.autogenerate && a.sql) {
    throw Error(ErrorKind::Usage,
                "--autogenerate writes a Lua revision; --sql revisions are written by hand");
  }
  if (a.autogenerate) return cmd_autogenerate(g, a, io);
  Config c = load_config(g);
  RevisionOptions o;
  copy_revision_args(a, o);
  o.sql = a.sql;
  o.current = current_if(c, any_names_current(o.head) || any_names_current(o.depends_on));
  return print_written(g, create_revision(c, o), io);
}

int cmd_merge(const GlobalOptions& g, const MergeArgs& a, Streams io) {
  Config c = load_config(g);
  return print_written(g,
                       merge_revisions(c, a.revisions, a.message, a.rev_id,
                                       current_if(c, any_names_current(a.revisions))),
                       io);
}

// `history --applied`: the history table's rows, newest first.
static int print_applied_history(const GlobalOptions& g, const Config& c, Streams io) {
  require_url(c);
  std::vector<HistoryEntry> rows = Migrator(c).applied_history();
  if (g.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    auto opt = [](const std::optional<std::int64_t>& v) {
      return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    };
    auto text = [](const std::string& v) {
      return v.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
    };
    for (const auto& r : rows) {
      out.push_back(nlohmann::ordered_json{
          {"run_id", r.run_id},
          {"seq", r.seq},
          {"revision", r.revision},
          {"direction", r.direction},
          {"checksum", text(r.checksum)},
          {"started_at", r.started_at},
          {"finished_at", text(r.finished_at)},
          {"duration_us", opt(r.duration_us)},
          {"statements", opt(r.statements)},
          {"statements_total", opt(r.statements_total)},
          {"lock_wait_ms", opt(r.lock_wait_ms)},
          {"applied_by", r.applied_by},
          {"retort_version", r.retort_version},
          {"success", r.success ? nlohmann::ordered_json(*r.success) : nullptr},
          {"tag", text(r.tag)},
          {"detail", text(r.detail)}});
    }
    io.out << out.dump(2) << '\n';
    return 0;
  }
  if (rows.empty()) {
    if (!g.quiet) io.out << "No migration has run on this database yet.\n";
    return 0;
  }
  for (const auto& r : rows) {
    const char* outcome = !r.success ? "IN PROGRESS" : *r.success ? "ok" : "FAILED";
    std::string line =
        fmt::format("{}  {:<9} {}  {}", r.started_at, r.direction, r.revision, outcome);
    std::vector<std::string> facts;
    if (r.duration_us) facts.push_back(fmt::format("{:.1f} ms", *r.duration_us / 1000.0));
    if (r.statements) {
      facts.push_back(r.statements_total
                          ? fmt::format("{} of {} statements", *r.statements, *r.statements_total)
                          : fmt::format("{} statement(s)", *r.statements));
    }
    facts.push_back("by " + r.applied_by);
    facts.push_back("run " + r.run_id.substr(0, 8));
    if (!r.tag.empty()) facts.push_back("tag " + r.tag);
    line += " (" + fmt::format("{}", fmt::join(facts, ", ")) + ")";
    io.out << line << '\n';
    if (g.verbose) {
      if (!r.checksum.empty()) io.out << "    checksum: " << r.checksum << '\n';
      io.out << "    retort " << r.retort_version << '\n';
    }
    if (!r.detail.empty() && (g.verbose || !r.success || !*r.success || r.direction == "repair"))
      io.out << "    " << r.detail << '\n';
  }
  return 0;
}

int cmd_history(const GlobalOptions& g, const HistoryArgs& a, Streams io) {
  Config c = load_config(g);
  if (a.applied) {
    if (!a.range.empty() || a.graph || a.indicate_current) {
      throw Error(ErrorKind::Usage,
                  "history --applied lists what ran on the database: it takes no -r, --graph or "
                  "-i");
    }
    return print_applied_history(g, c, io);
  }
  const std::string& range = a.range;
  if (!range.empty() && range.find(':') == std::string::npos) {
    throw Error(ErrorKind::Usage, "history -r expects [START]:[END], e.g. -r base:head, -r " +
                                      range + ": or -r :" + range);
  }
  const std::vector<std::string> rows = current_if(c, a.indicate_current || names_current(range));
  const std::set<std::string> current(rows.begin(), rows.end());
  std::vector<RevisionInfo> revs = history(c, range, rows);
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
  LineStyle style;
  style.parents = true;
  style.doc = true;
  for (const auto& r : revs) {
    style.current = a.indicate_current && current.count(r.revision) > 0;
    io.out << listing_entry(r, children, g.verbose, style);
  }
  return 0;
}

int cmd_heads(const GlobalOptions& g, const HeadsArgs& a, Streams io) {
  Config c = load_config(g);
  std::vector<RevisionInfo> revs = heads(c, a.resolve_dependencies);
  if (g.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : revs) out.push_back(revision_json(r));
    io.out << out.dump(2) << '\n';
    return 0;
  }
  Children children(c);
  LineStyle style;
  style.tree = false;
  for (const auto& r : revs) io.out << listing_entry(r, children, g.verbose, style);
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
  if (url) {
    const Dialect& d = find_dialect(url->scheme);
    file = d.database_file(d.resolve_paths(*url, c.root));  // where the Migrator looks
  }
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
  if (g.json) {
    // The revision objects of `history --json`, each with its place in the database.
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : revs) {
      nlohmann::ordered_json j = revision_json(r);
      j["is_current"] = current.count(r.revision) > 0;
      out.push_back(std::move(j));
    }
    io.out << out.dump(2) << '\n';
    return 0;
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
    if (!r.branch_labels.empty())
      n.label = fmt::format("({}) {}", fmt::join(r.branch_labels, ", "), n.label);
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
    io.out << listing_entry(r, children, g.verbose, LineStyle{});
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
  RevisionInfo info = show(c, revision, current_if(c, names_current(revision)));
  if (g.json) {
    io.out << revision_json(info).dump(2) << '\n';
    return 0;
  }
  Children children(c);
  io.out << block(info, children, false);
  return 0;
}
int cmd_edit(const GlobalOptions& g, const std::string& revision, Streams io) {
  Config c = load_config(g);
  RevisionInfo info = show(c, revision, current_if(c, names_current(revision)));
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

}  // namespace retort::cli
