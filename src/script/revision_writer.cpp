// Slugs, file names and template rendering for new revision files.
#include "script/revision_writer.hpp"

#include <cstdio>

#include "retort/error.hpp"

namespace retort {

const char* const kDefaultRevisionTemplate = R"(--- ${message}
--
-- Revision ID: ${up_revision}
-- Revises: ${revises}
-- Create Date: ${create_date}
${header_comment}

revision = "${up_revision}"
down_revision = ${down_revision}
branch_labels = ${branch_labels}
depends_on = ${depends_on}

function upgrade()
${upgrades}
end

function downgrade()
${downgrades}
end
)";

namespace {

// ASCII spelling of U+00C0..U+00FF (UTF-8 lead byte 0xC3); "" is a separator.
const char* const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

}  // namespace

std::string slugify(const std::string& message, int limit) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&]() {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < message.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(message[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < message.size() &&
               (static_cast<unsigned char>(message[i + 1]) & 0xC0) == 0x80) {
      const char* ascii = kLatin1[static_cast<unsigned char>(message[i + 1]) - 0x80];
      ++i;
      if (*ascii) {
        word += ascii;
      } else {
        flush();
      }
    } else {
      flush();
      // Skip the continuation bytes of any other multi-byte character.
      while (c >= 0xC0 && i + 1 < message.size() &&
             (static_cast<unsigned char>(message[i + 1]) & 0xC0) == 0x80) {
        ++i;
      }
    }
  }
  flush();
  std::string slug;
  for (const std::string& w : words) {
    if (limit > 0 && static_cast<int>(slug.size()) >= limit) break;
    if (!slug.empty()) slug += '_';
    slug += w;
  }
  if (limit > 0 && static_cast<int>(slug.size()) > limit + 20) {
    slug.resize(static_cast<size_t>(limit) + 20);
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
  }
  return slug;
}

std::string render_file_name(const std::string& file_template, const std::string& rev,
                             const std::string& slug, std::time_t when) {
  std::tm tm{};
  localtime_r(&when, &tm);
  const std::map<std::string, long long> numbers = {{"year", tm.tm_year + 1900},
                                                    {"month", tm.tm_mon + 1},
                                                    {"day", tm.tm_mday},
                                                    {"hour", tm.tm_hour},
                                                    {"minute", tm.tm_min},
                                                    {"second", tm.tm_sec},
                                                    {"epoch", static_cast<long long>(when)}};
  std::string out;
  const std::string& t = file_template;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '%') {
      out += t[i];
      continue;
    }
    if (i + 1 < t.size() && t[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    size_t close = t.find(')', i);
    if (i + 1 >= t.size() || t[i + 1] != '(' || close == std::string::npos) {
      throw Error(ErrorKind::Config, "file_template '" + t +
                                         "': a % must start a token like %(rev)s (write %% for "
                                         "a percent sign)");
    }
    std::string name = t.substr(i + 2, close - i - 2);
    // Format spec: flags/width/precision up to the conversion letter.
    size_t conv = close + 1;
    while (conv < t.size() &&
           (t[conv] == '.' || t[conv] == '0' || (t[conv] >= '1' && t[conv] <= '9'))) {
      ++conv;
    }
    if (conv >= t.size() || (t[conv] != 's' && t[conv] != 'd')) {
      throw Error(ErrorKind::Config, "file_template '" + t + "': token %(" + name +
                                         ") needs a conversion such as s or d");
    }
    std::string spec = t.substr(close + 1, conv - close - 1);
    int width = 0;
    for (char c : spec) {
      if (c >= '0' && c <= '9') width = width * 10 + (c - '0');
    }
    std::string value;
    if (name == "rev") {
      value = rev;
    } else if (name == "slug") {
      value = slug;
    } else if (auto it = numbers.find(name); it != numbers.end()) {
      value = std::to_string(it->second);
      if (static_cast<int>(value.size()) < width) {
        value.insert(0, static_cast<size_t>(width) - value.size(), '0');
      }
    } else {
      throw Error(ErrorKind::Config, "file_template '" + t + "': unknown token %(" + name +
                                         "); known: rev, slug, year, month, day, hour, minute, "
                                         "second, epoch");
    }
    out += value;
    i = conv;
  }
  return out;
}

std::string lua_list_literal(const std::vector<std::string>& values) {
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    return q + "\"";
  };
  if (values.empty()) return "nil";
  if (values.size() == 1) return quote(values[0]);
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + quote(values[i]);
  return out + "}";
}

std::string render_template(const std::string& tmpl,
                            const std::map<std::string, std::string>& values) {
  std::string out;
  size_t pos = 0;
  while (pos < tmpl.size()) {
    size_t eol = tmpl.find('\n', pos);
    bool has_nl = eol != std::string::npos;
    if (!has_nl) eol = tmpl.size();
    std::string line = tmpl.substr(pos, eol - pos);
    pos = has_nl ? eol + 1 : eol;
    std::string rendered;
    bool only_placeholders = true;
    bool any_value = false;
    for (size_t i = 0; i < line.size();) {
      size_t start = line.find("${", i);
      if (start == std::string::npos) {
        rendered += line.substr(i);
        for (size_t k = i; k < line.size(); ++k) {
          if (line[k] != ' ' && line[k] != '\t' && line[k] != '\r') only_placeholders = false;
        }
        break;
      }
      for (size_t k = i; k < start; ++k) {
        if (line[k] != ' ' && line[k] != '\t') only_placeholders = false;
      }
      rendered += line.substr(i, start - i);
      size_t end = line.find('}', start);
      if (end == std::string::npos) {
        rendered += line.substr(start);
        only_placeholders = false;
        break;
      }
      std::string name = line.substr(start + 2, end - start - 2);
      auto it = values.find(name);
      if (it == values.end()) {
        rendered += line.substr(start, end - start + 1);
        only_placeholders = false;
      } else {
        rendered += it->second;
        any_value = any_value || !it->second.empty();
      }
      i = end + 1;
    }
    bool had_placeholder = line.find("${") != std::string::npos;
    if (had_placeholder && only_placeholders && !any_value) continue;
    if (had_placeholder) {
      // "-- Revises: ${revises}" for a base would end in a space.
      while (!rendered.empty() && (rendered.back() == ' ' || rendered.back() == '\t')) {
        rendered.pop_back();
      }
    }
    out += rendered;
    if (has_nl) out += '\n';
  }
  return out;
}

std::string function_body(const std::string& body, const std::string& fallback) {
  std::string b = body;
  while (!b.empty() && (b.back() == '\n' || b.back() == '\r')) b.pop_back();
  size_t first = b.find_first_not_of('\n');
  if (first == std::string::npos) return fallback;
  b.erase(0, first);
  if (b[0] == ' ' || b[0] == '\t') return b;
  std::string out;
  size_t pos = 0;
  while (pos <= b.size()) {
    size_t eol = b.find('\n', pos);
    if (eol == std::string::npos) eol = b.size();
    std::string line = b.substr(pos, eol - pos);
    if (!line.empty()) out += "  " + line;
    if (eol < b.size()) out += '\n';
    pos = eol + 1;
  }
  return out;
}

std::string header_comment_lines(const std::string& comment) {
  if (comment.empty()) return "";
  std::string out = "--";
  size_t pos = 0;
  while (pos < comment.size()) {
    size_t eol = comment.find('\n', pos);
    if (eol == std::string::npos) eol = comment.size();
    std::string line = comment.substr(pos, eol - pos);
    out += '\n';
    out += line.rfind("--", 0) == 0 ? line : (line.empty() ? "--" : "-- " + line);
    pos = eol + 1;
  }
  return out;
}

}  // namespace retort
