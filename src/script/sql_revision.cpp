// Reading plain SQL revisions (see sql_revision.hpp).
#include "script/sql_revision.hpp"

#include "retort/error.hpp"

namespace retort {

const char* const kDefaultSqlRevisionTemplate = R"(-- ${message}
--
-- Create Date: ${create_date}
${header_comment}
--
-- revision: ${up_revision}
-- down_revision: ${down_revision}
-- branch_labels: ${branch_labels}
-- depends_on: ${depends_on}

-- retort:upgrade
${upgrades}

-- retort:downgrade
${downgrades}
)";

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

[[noreturn]] void fail(const std::string& name, size_t line, const std::string& what) {
  throw Error(ErrorKind::Script, name + ":" + std::to_string(line) + ": " + what);
}

bool valid_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == '@';
}

std::vector<std::string> field_values(std::string_view value, const std::string& name, size_t line,
                                      std::string_view field) {
  std::vector<std::string> out;
  value = trim(value);
  if (value.empty() || value == "nil" || value == "None" || value == "none") return out;
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t comma = value.find(',', pos);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view item = trim(value.substr(pos, comma - pos));
    if (item.empty()) {
      fail(name, line,
           std::string(field) +
               " has an empty item; write ids separated by commas, "
               "like `-- " +
               std::string(field) + ": a, b`");
    }
    for (char c : item) {
      if (!valid_id_char(c)) {
        fail(name, line,
             std::string(field) + ": '" + std::string(item) +
                 "' is not a revision id or label (letters, digits, _ - . only)");
      }
    }
    out.emplace_back(item);
    pos = comma + 1;
  }
  return out;
}

}  // namespace

bool is_sql_revision(std::string_view name) {
  return name.size() > 4 && name.substr(name.size() - 4) == ".sql";
}

RevisionInfo parse_sql_revision_header(std::string_view src, const std::string& name) {
  if (src.substr(0, 3) == "\xEF\xBB\xBF") src.remove_prefix(3);
  RevisionInfo info;
  info.path = name;
  std::vector<std::string> doc_lines;
  bool first = true, in_doc = true, found = false;
  bool seen[4] = {false, false, false, false};
  static const char* const kFields[4] = {"revision", "down_revision", "branch_labels",
                                         "depends_on"};
  size_t pos = 0, line_no = 0;
  while (pos < src.size()) {
    size_t eol = src.find('\n', pos);
    if (eol == std::string_view::npos) eol = src.size();
    std::string_view line = trim(src.substr(pos, eol - pos));
    pos = eol + 1;
    ++line_no;
    if (line.empty()) {
      if (!first) in_doc = false;  // a blank line ends the docstring, not the header
      continue;
    }
    if (!starts_with(line, "--")) break;
    std::string_view text = trim(line.substr(2));
    if (starts_with(text, "retort:")) break;  // the first section
    // A field: `name: value` with one of the four names.
    int field = -1;
    for (int i = 0; i < 4; ++i) {
      std::string_view f = kFields[i];
      if (starts_with(text, f) && starts_with(trim(text.substr(f.size())), ":")) {
        field = i;
      }
    }
    if (field >= 0) {
      in_doc = false;
      if (seen[field]) fail(name, line_no, std::string(kFields[field]) + " is given twice");
      seen[field] = true;
      std::string_view rest = trim(text.substr(std::string_view(kFields[field]).size()));
      std::vector<std::string> values = field_values(rest.substr(1), name, line_no, kFields[field]);
      switch (field) {
        case 0:
          if (values.size() != 1) {
            fail(name, line_no, "`revision` must be one id, like -- revision: 3f2a1b9c8d7e");
          }
          info.revision = values[0];
          found = true;
          break;
        case 1:
          info.down_revisions = std::move(values);
          break;
        case 2:
          info.branch_labels = std::move(values);
          break;
        default:
          info.depends_on = std::move(values);
      }
      continue;
    }
    if (!in_doc) continue;  // other comments after the docstring are the author's
    if (first) {
      info.message = std::string(text);
      first = false;
    }
    if (starts_with(text, "Revision ID:") || starts_with(text, "Revises:")) continue;
    if (starts_with(text, "Create Date:")) {
      info.create_date = std::string(trim(text.substr(12)));
      continue;
    }
    if (text.empty() && (doc_lines.empty() || doc_lines.back().empty())) continue;
    doc_lines.emplace_back(text);
  }
  while (!doc_lines.empty() && doc_lines.back().empty()) doc_lines.pop_back();
  for (size_t i = 0; i < doc_lines.size(); ++i) info.doc += (i ? "\n" : "") + doc_lines[i];
  if (!found) throw Error(ErrorKind::Graph, name + ": no `-- revision: ...` line");
  return info;
}

std::optional<std::string> sql_revision_section(std::string_view src, const std::string& name,
                                                const std::string& section, size_t* first_line) {
  std::optional<std::string> out;
  bool inside = false;
  size_t pos = 0, line_no = 0;
  while (pos < src.size()) {
    size_t eol = src.find('\n', pos);
    if (eol == std::string_view::npos) eol = src.size();
    std::string_view raw = src.substr(pos, std::min(eol + 1, src.size()) - pos);
    std::string_view line = trim(src.substr(pos, eol - pos));
    pos = eol + 1;
    ++line_no;
    if (starts_with(line, "--") && starts_with(trim(line.substr(2)), "retort:")) {
      std::string_view marker = trim(trim(line.substr(2)).substr(7));
      if (marker == "upgrade" || marker == "downgrade") {
        inside = marker == section;
        if (inside) {
          if (out) fail(name, line_no, "a second `-- retort:" + section + "` section");
          out.emplace();
          if (first_line) *first_line = line_no + 1;
        }
        continue;
      }
      if (marker != "allow-data-loss") {
        fail(name, line_no,
             "unknown marker `-- retort:" + std::string(marker) +
                 "`; a SQL revision has `-- retort:upgrade` and `-- retort:downgrade` sections "
                 "(and `-- retort:allow-data-loss` before a statement)");
      }
    }
    if (inside) out->append(raw);
  }
  return out;
}

std::string sql_list_literal(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

}  // namespace retort
