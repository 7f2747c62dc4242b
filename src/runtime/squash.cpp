// squash (retort/squash.hpp): a run of revisions folded into one, from reflection.
#include "retort/squash.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <set>

#include "autogen/autogenerate.hpp"
#include "autogen/compare.hpp"
#include "autogen/render.hpp"
#include "dialect/dialect_extras.hpp"
#include "dialect/scratch.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "runtime/scratch_database.hpp"
#include "script/checksum.hpp"
#include "script/script_directory.hpp"

namespace retort {
namespace {

[[noreturn]] void refuse(const std::string& what) { throw Error(ErrorKind::Usage, what); }

// One revision name of the range, as exactly one id; an unknown name is a refusal (exit 2).
std::string resolve_one(const RevisionGraph& graph, const std::string& name) {
  std::vector<std::string> ids;
  try {
    ids = graph.resolve(name);
  } catch (const Error& e) {
    refuse(e.what());
  }
  if (ids.size() != 1) {
    refuse(fmt::format("squash {}: '{}' must name one revision (it names {})", name, name,
                       ids.empty() ? std::string("base") : fmt::format("{}", ids.size())));
  }
  return ids[0];
}

// The run from A up to B, oldest first, checked to be one line of the graph with nothing
// branching off, merging in or depending on its inner revisions.
std::vector<std::string> linear_run(const RevisionGraph& graph, const std::string& a,
                                    const std::string& b) {
  std::vector<std::string> run{b};
  for (std::string cur = b; cur != a;) {
    const RevisionNode* node = graph.find(cur);
    if (node->down_revisions.size() > 1) {
      refuse(
          fmt::format("cannot squash {}:{}: {} is a merge point; squash takes a run of "
                      "revisions on one line",
                      a, b, cur));
    }
    if (node->down_revisions.empty()) {
      refuse(
          fmt::format("cannot squash {}:{}: {} is not below {} (A:B takes the older revision "
                      "first, on one line of the graph)",
                      a, b, a, b));
    }
    cur = node->down_revisions[0];
    run.push_back(cur);
  }
  std::reverse(run.begin(), run.end());
  if (graph.find(a)->down_revisions.size() > 1) {
    refuse(
        fmt::format("cannot squash {}:{}: {} is a merge point; squash takes a run of revisions "
                    "on one line",
                    a, b, a));
  }
  const std::set<std::string> inner(run.begin(), run.end() - 1);  // removed ids (not B)
  for (size_t i = 0; i + 1 < run.size(); ++i) {
    std::vector<std::string> children = graph.children(run[i]);
    if (children.size() > 1) {
      refuse(
          fmt::format("cannot squash {}:{}: {} is a branch point ({}); squash takes a run of "
                      "revisions on one line",
                      a, b, run[i], fmt::join(children, ", ")));
    }
  }
  for (const auto& id : run) {
    if (!graph.find(id)->depends_on.empty()) {
      refuse(
          fmt::format("cannot squash {}:{}: {} has depends_on ({}); squash takes revisions "
                      "without dependencies",
                      a, b, id, fmt::join(graph.find(id)->depends_on, ", ")));
    }
  }
  for (const RevisionNode& node : graph.nodes()) {
    for (const auto& d : graph.dependencies(node.id)) {
      if (inner.count(d)) {
        refuse(fmt::format("cannot squash {}:{}: {} depends on {}, which the squash removes", a, b,
                           node.id, d));
      }
    }
  }
  return run;
}

bool contains_word_ci(const std::string& text, const std::string& word) {
  std::string lower(text.size(), ' ');
  std::transform(text.begin(), text.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
    const bool left = at == 0 || !(std::isalnum(static_cast<unsigned char>(lower[at - 1])) ||
                                   lower[at - 1] == '_');
    const size_t end = at + word.size();
    const bool right = end >= lower.size() ||
                       !(std::isalnum(static_cast<unsigned char>(lower[end])) || lower[end] == '_');
    if (left && right) return true;
  }
  return false;
}

// The data statements a script runs itself, which reflection cannot carry over: a textual test
// (a mention in a comment counts too, erring on the side of a warning).
std::vector<std::string> data_statements(const std::string& path, const std::string& text) {
  std::vector<std::string> found;
  const bool sql = path.size() > 4 && path.substr(path.size() - 4) == ".sql";
  if (sql) {
    for (const char* w : {"insert", "update", "delete", "merge", "copy"}) {
      if (contains_word_ci(text, w)) found.push_back(fmt::format("{}", w));
    }
    for (auto& w : found) std::transform(w.begin(), w.end(), w.begin(), ::toupper);
    return found;
  }
  for (const char* w : {"op.execute", "bulk_insert", "get_bind"}) {
    if (text.find(w) != std::string::npos) found.push_back(w);
  }
  return found;
}

// `text` in lines of at most `width` characters (words are never cut).
std::string wrap(const std::string& text, size_t width) {
  std::string out;
  std::string line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + '\n';
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

// A scratch database of the project's dialect, with a session for reflecting it.
class Scratch {
 public:
  Scratch(const Dialect& d, const std::string& project_url, Connection* admin)
      : db_(d, project_url, admin,
            scratch_name(admin ? Url::parse(project_url).database : std::string())) {
    live_.dialect = &d;
    live_.url = Url::parse(db_.url());
    live_.connection = d.connect(live_.url);
  }

  const std::string& url() const { return db_.url(); }
  const autogen::LiveDatabase& live() const { return live_; }

 private:
  ScratchDatabase db_;
  autogen::LiveDatabase live_;  // closed before db_ drops the database
};

}  // namespace

SquashResult squash(const Config& config, const std::string& range, const std::string& message) {
  const size_t colon = range.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == range.size() ||
      range.find(':', colon + 1) != std::string::npos) {
    refuse(fmt::format(
        "squash takes a range A:B (A the oldest revision to fold in, B the newest), not '{}'",
        range));
  }
  const ScriptDirectory dir = ScriptDirectory::load(config);
  const RevisionGraph& graph = dir.graph();
  const std::string a = resolve_one(graph, range.substr(0, colon));
  const std::string b = resolve_one(graph, range.substr(colon + 1));
  const std::vector<std::string> run = linear_run(graph, a, b);
  const std::vector<std::string> parent = graph.find(a)->down_revisions;  // empty: base

  SquashResult result;
  std::vector<std::string> labels;
  for (const auto& id : run) {
    const RevisionInfo& info = dir.info(id);
    labels.insert(labels.end(), info.branch_labels.begin(), info.branch_labels.end());
    std::vector<std::string> found = data_statements(info.path, dir.text(id));
    if (!found.empty()) {
      result.warnings.push_back(fmt::format(
          "{} ({}) runs statements of its own ({}), which are not in the squashed revision: a "
          "new database gets the schema only",
          id, std::filesystem::path(info.path).filename().string(), fmt::join(found, ", ")));
    }
  }

  // The schema at P and at B, from the old files upgraded on a scratch database.
  autogen::LiveDatabase project = autogen::resolve_database(config);
  const Dialect& dialect = *project.dialect;
  std::unique_ptr<Connection> admin;
  if (dialect_extras(dialect).scratch_needs_server()) admin = dialect.connect(project.url);
  MetaData before;
  MetaData after;
  {
    Scratch scratch(dialect, config.url, admin.get());
    Config c = config;
    c.url = scratch.url();
    try {
      Migrator migrator(c);
      if (!parent.empty()) {
        migrator.upgrade(parent[0]);
        before = autogen::reflect_database(scratch.live(), config, config.include_schemas);
      }
      migrator.upgrade(b);
    } catch (const Error& e) {
      throw Error(e.kind(), fmt::format("cannot squash {}:{}: the old files do not upgrade a "
                                        "scratch database to {} ({}); nothing was written",
                                        a, b, b, e.what()));
    }
    after = autogen::reflect_database(scratch.live(), config, config.include_schemas);
  }
  admin.reset();

  autogen::CompareOptions co;
  co.version_table = config.version_table;
  co.history_table = config.history_table_name();
  co.include_tables = config.include_tables;
  co.exclude_tables = config.exclude_tables;
  co.compare_comments = dialect.keeps_comments();
  autogen::CompareResult diff = autogen::compare(std::move(before), std::move(after), dialect, co);
  for (const auto& w : diff.warnings) result.warnings.push_back(w);

  RevisionOptions ro;
  ro.message = message.empty() ? fmt::format("squash of {}..{}", a, b) : message;
  ro.rev_id = b;
  ro.head = parent.empty() ? std::vector<std::string>{"base"} : parent;
  ro.branch_labels = labels;
  ro.version_path = std::filesystem::path(dir.info(b).path).parent_path();
  ro.upgrade_body = autogen::render_lua(diff.upgrade, diff.upgrade_notes);
  ro.downgrade_body = autogen::render_lua(diff.downgrade);
  ro.replaces = run;
  ro.squashed_checksum = script_checksum(dir.text(b));
  ro.header_comment = fmt::format(
      "Written by `retort squash` from {} revision(s), {} to {}: upgrade() takes {} to the "
      "schema at {}, as reflected from a scratch database the old files ran on. A database at {} "
      "or later continues unchanged; one at a revision listed in `squashes` must first upgrade "
      "to {} with the old files (from version control).",
      run.size(), a, b,
      parent.empty() ? std::string("an empty database") : "the schema at " + parent[0], b, b, b);
  ro.header_comment = wrap(ro.header_comment, 96);
  for (const auto& w : result.warnings) ro.header_comment += "\n" + wrap("Warning: " + w, 96);
  for (const auto& id : run) result.removed.push_back(dir.info(id).path);
  result.revision = create_revision(config, ro);
  return result;
}

}  // namespace retort
