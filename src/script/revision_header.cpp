// Hand-written reader of revision headers (see revision_header.hpp for why not Lua).
#include "script/revision_header.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "retort/error.hpp"
#include "script/sql_revision.hpp"

namespace retort {
namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The leading `---`/`--` comment block: message, doc and the Create Date field.
void parse_docstring(std::string_view src, RevisionInfo& info) {
  std::vector<std::string> lines;
  size_t pos = 0;
  bool first = true;
  // Blank lines before the block are allowed; the block ends at the first other line.
  while (pos < src.size()) {
    size_t eol = src.find('\n', pos);
    if (eol == std::string_view::npos) eol = src.size();
    std::string_view line = src.substr(pos, eol - pos);
    pos = eol + 1;
    std::string_view t = trim(line);
    if (t.empty() && first) continue;
    if (!starts_with(t, "--") || starts_with(t, "--[[") || starts_with(t, "--[=")) break;
    std::string_view text = t.substr(starts_with(t, "---") ? 3 : 2);
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    text = trim(text);
    if (first) {
      info.message = std::string(text);
      first = false;
    }
    if (starts_with(text, "Revision ID:") || starts_with(text, "Revises:")) continue;
    if (starts_with(text, "Create Date:")) {
      info.create_date = std::string(trim(text.substr(12)));
      continue;
    }
    // Runs of blank lines collapse to one (removing the fields above leaves holes).
    if (text.empty() && (lines.empty() || lines.back().empty())) continue;
    lines.emplace_back(text);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string doc;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) doc += '\n';
    doc += lines[i];
  }
  info.doc = std::move(doc);
}

class HeaderScanner {
 public:
  HeaderScanner(std::string_view src, const std::string& name) : s_(src), name_(name) {}

  // Scans top-level statements until the first `function`; fills the four fields.
  void scan(RevisionInfo& info, bool& found_revision) {
    while (pos_ < s_.size()) {
      skip_space_and_comments();
      if (pos_ >= s_.size()) break;
      char c = s_[pos_];
      if (c == ';') {
        ++pos_;
        continue;
      }
      if (!is_ident_start(c)) {
        skip_line();
        continue;
      }
      size_t line = line_;
      std::string_view ident = read_ident();
      if (ident == "function") return;
      if (ident == "local") {
        skip_inline_space();
        if (pos_ < s_.size() && is_ident_start(s_[pos_]) && read_ident() == "function") return;
        skip_line();  // a local is not a field the runtime could see
        continue;
      }
      bool field = ident == "revision" || ident == "down_revision" || ident == "branch_labels" ||
                   ident == "depends_on" || ident == "squashes" || ident == "squashed_checksum";
      skip_inline_space();
      if (!field || pos_ >= s_.size() || s_[pos_] != '=' ||
          (pos_ + 1 < s_.size() && s_[pos_ + 1] == '=')) {
        skip_line();
        continue;
      }
      ++pos_;
      std::vector<std::string> values = read_value(ident, line);
      // The value must stand alone: `revision = "a" .. suffix` is not a literal retort can read.
      skip_inline_space();
      if (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != ';' &&
          !(s_[pos_] == '-' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '-')) {
        fail(line_, std::string(ident) +
                        " must be a plain literal (nil, a string or a table of strings) on its "
                        "own: retort reads it without running Lua");
      }
      if (ident == "revision") {
        if (values.size() != 1) {
          fail(line, "`revision` must be one string, like revision = \"3f2a1b9c8d7e\"");
        }
        info.revision = values[0];
        found_revision = true;
      } else if (ident == "down_revision") {
        info.down_revisions = std::move(values);
      } else if (ident == "branch_labels") {
        info.branch_labels = std::move(values);
      } else if (ident == "squashes") {
        info.squashes = std::move(values);
      } else if (ident == "squashed_checksum") {
        if (values.size() > 1) fail(line, "`squashed_checksum` must be one string");
        info.squashed_checksum = values.empty() ? std::string() : values[0];
      } else {
        info.depends_on = std::move(values);
      }
    }
  }

 private:
  [[noreturn]] void fail(size_t line, const std::string& what) const {
    throw Error(ErrorKind::Script, name_ + ":" + std::to_string(line) + ": " + what);
  }

  std::string_view read_ident() {
    size_t start = pos_;
    while (pos_ < s_.size() && is_ident_char(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  void skip_inline_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r')) ++pos_;
  }

  void skip_line() {
    while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
  }

  // Level of a long bracket `[==[` at pos_, or -1 if there is none.
  int long_bracket_level(size_t at) const {
    if (at >= s_.size() || s_[at] != '[') return -1;
    size_t p = at + 1;
    int level = 0;
    while (p < s_.size() && s_[p] == '=') ++p, ++level;
    return (p < s_.size() && s_[p] == '[') ? level : -1;
  }

  void skip_space_and_comments() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '-' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '-') {
        int level = long_bracket_level(pos_ + 2);
        if (level < 0) {
          skip_line();
          continue;
        }
        std::string close = "]" + std::string(level, '=') + "]";
        size_t end = s_.find(close, pos_);
        size_t stop = end == std::string_view::npos ? s_.size() : end + close.size();
        for (size_t i = pos_; i < stop; ++i) line_ += s_[i] == '\n';
        pos_ = stop;
      } else {
        return;
      }
    }
  }

  std::string read_string(size_t line) {
    char quote = s_[pos_++];
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      char c = s_[pos_++];
      if (c == '\n') fail(line, "unfinished string");
      if (c == '\\' && pos_ < s_.size()) {
        char e = s_[pos_++];
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          default:
            out += e;
        }
      } else {
        out += c;
      }
    }
    if (pos_ >= s_.size()) fail(line, "unfinished string");
    ++pos_;
    return out;
  }

  std::vector<std::string> read_value(std::string_view field, size_t line) {
    auto bad = [&]() {
      fail(line_, std::string(field) +
                      " must be nil, a string or a table of strings, like {\"a\", \"b\"}");
    };
    skip_space_and_comments();
    std::vector<std::string> out;
    if (pos_ >= s_.size()) bad();
    char c = s_[pos_];
    if (c == '"' || c == '\'') {
      std::string v = read_string(line_);
      if (!v.empty()) out.push_back(std::move(v));
    } else if (c == '{') {
      ++pos_;
      while (true) {
        skip_space_and_comments();
        if (pos_ >= s_.size()) bad();
        if (s_[pos_] == '}') {
          ++pos_;
          break;
        }
        if (s_[pos_] != '"' && s_[pos_] != '\'') bad();
        std::string v = read_string(line_);
        if (!v.empty()) out.push_back(std::move(v));
        skip_space_and_comments();
        if (pos_ < s_.size() && (s_[pos_] == ',' || s_[pos_] == ';')) {
          ++pos_;
        } else if (pos_ >= s_.size() || s_[pos_] != '}') {
          bad();
        }
      }
    } else if (is_ident_start(c)) {
      if (read_ident() != "nil") bad();
    } else {
      bad();
    }
    (void)line;
    return out;
  }

  std::string_view s_;
  const std::string& name_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

}  // namespace

RevisionInfo parse_revision_header(std::string_view source, const std::string& name) {
  if (is_sql_revision(name)) return parse_sql_revision_header(source, name);
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);  // a UTF-8 BOM
  RevisionInfo info;
  info.path = name;
  parse_docstring(source, info);
  bool found = false;
  HeaderScanner(source, name).scan(info, found);
  if (!found || info.revision.empty()) {
    throw Error(ErrorKind::Graph, name + ": no `revision = \"...\"` line");
  }
  return info;
}

RevisionInfo read_revision_header_at(int dir_fd, const char* name, const std::string& display,
                                     std::string* text) {
  // One open and usually one read into a reused buffer: revision headers fit in the first
  // block. A file whose header runs past it (no `function` seen yet) is read whole.
  int fd = ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(ErrorKind::Config, "cannot read " + display + ": " + std::strerror(errno));
  }
  constexpr size_t kBlock = 8192;
  // Where the header ends: a Lua script's first function, a SQL revision's first section.
  const std::string_view end_mark = is_sql_revision(display) ? "retort:" : "function";
  thread_local char block[kBlock];
  // One read() (retried on EINTR); 0 at the end of the file.
  auto read_once = [&](char* dst, size_t want) -> size_t {
    for (;;) {
      ssize_t n = ::read(fd, dst, want);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw Error(ErrorKind::Config, "cannot read " + display + ": " + std::strerror(err));
    }
  };
  auto read_into = [&](char* dst, size_t want) -> size_t {
    size_t got = 0;
    while (got < want) {
      size_t n = read_once(dst + got, want - got);
      if (n == 0) break;
      got += n;
    }
    return got;
  };
  if (text) {
    // The whole file, to the read that reports its end: the caller will run it.
    text->clear();
    while (size_t n = read_once(block, kBlock)) text->append(block, n);
    ::close(fd);
    return parse_revision_header(*text, display);
  }
  // The first read is a single system call: on a regular file it returns the whole file when
  // it is shorter than the block, so once the header's end (`function`) is in sight there is no
  // need for the second read that would only report end of file (10,000 fewer reads for
  // 10,000 revisions).
  size_t got = read_once(block, kBlock);
  if (got > 0 && got < kBlock &&
      std::string_view(block, got).find(end_mark) == std::string_view::npos) {
    got += read_into(block + got, kBlock - got);  // a short read without the header's end
  }
  std::string_view first(block, got);
  if (got < kBlock || first.find(end_mark) != std::string_view::npos) {
    ::close(fd);
    return parse_revision_header(first, display);
  }
  std::string whole(first);
  char more[kBlock];
  while (size_t n = read_into(more, kBlock)) whole.append(more, n);
  ::close(fd);
  return parse_revision_header(whole, display);
}

RevisionInfo read_revision_header(const std::filesystem::path& file) {
  return read_revision_header_at(AT_FDCWD, file.c_str(), file.string());
}

}  // namespace retort
