// Formats follow Alembic's Script.cmd_format / log_entry (alembic/script/base.py), so people and
// scripts that read Alembic's output can read ours.
#include "cli/output.hpp"

#include <fmt/format.h>

#include <sstream>

namespace retort::cli {
namespace {

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::string format_parents(const RevisionInfo& r) {
  return r.down_revisions.empty() ? "<base>" : join(r.down_revisions);
}

std::string revisions_or_base(const std::vector<std::string>& revs) {
  return revs.empty() ? "base" : join(revs);
}

std::string revision_line(const RevisionInfo& r, const LineStyle& style) {
  std::string text;
  if (style.parents) {
    text = format_parents(r);
    if (!r.depends_on.empty()) text += " (" + join(r.depends_on) + ")";
    text += " -> ";
  }
  text += r.revision;
  if (style.branches && !r.branch_labels.empty()) text += " (" + join(r.branch_labels) + ")";
  if (r.is_head) text += " (head)";
  if (style.current) text += " (current)";
  if (style.tree) {
    if (r.is_branch_point) text += " (branchpoint)";
    if (r.is_merge_point) text += " (mergepoint)";
  }
  if (style.doc) text += ", " + r.message;
  return text;
}

std::string revision_block(const RevisionInfo& r, const std::vector<std::string>& children,
                           bool current) {
  std::string out = "Rev: " + r.revision;
  if (r.is_head) out += " (head)";
  if (r.is_branch_point) out += " (branchpoint)";
  if (r.is_merge_point) out += " (mergepoint)";
  if (current) out += " (current)";
  out += "\n";
  out += (r.is_merge_point ? "Merges: " : "Parent: ") + format_parents(r) + "\n";
  if (!r.depends_on.empty()) out += "Also depends on: " + join(r.depends_on) + "\n";
  if (r.is_branch_point && !children.empty()) out += "Branches into: " + join(children) + "\n";
  if (!r.branch_labels.empty()) out += "Branch names: " + join(r.branch_labels) + "\n";
  if (!r.squashes.empty()) out += "Squashes: " + join(r.squashes) + "\n";
  out += "Path: " + r.path + "\n\n";
  std::istringstream doc(r.doc.empty() ? r.message : r.doc);
  for (std::string line; std::getline(doc, line);) {
    out += line.empty() ? "\n" : "    " + line + "\n";
  }
  out += "\n";
  return out;
}

std::string step_line(const std::string& verb, const StepReport& step, bool timed) {
  std::string line = fmt::format("{} {} -> {}", verb, step.from.empty() ? "base" : step.from,
                                 step.to.empty() ? "base" : step.to);
  if (!step.message.empty()) line += ", " + step.message;
  if (timed)
    line += fmt::format(" ({:.1f} ms)", static_cast<double>(step.elapsed.count()) / 1000.0);
  return line;
}

nlohmann::ordered_json revision_json(const RevisionInfo& r) {
  nlohmann::ordered_json j{
      {"revision", r.revision},
      {"down_revisions", r.down_revisions},
      {"branch_labels", r.branch_labels},
      {"depends_on", r.depends_on},
      {"message", r.message},
      {"doc", r.doc},
      {"create_date", r.create_date},
      {"path", r.path},
      {"is_head", r.is_head},
      {"is_base", r.is_base},
      {"is_branch_point", r.is_branch_point},
      {"is_merge_point", r.is_merge_point},
  };
  if (!r.squashes.empty()) {  // written by `retort squash`
    j["squashes"] = r.squashes;
    j["squashed_checksum"] = r.squashed_checksum;
  }
  return j;
}

}  // namespace retort::cli
