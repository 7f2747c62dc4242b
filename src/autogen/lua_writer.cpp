// The Lua pretty-printer behind render_lua.
#include "autogen/lua_writer.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>

namespace retort::autogen {
namespace {

bool lua_identifier(const std::string& s) {
  static const std::set<std::string> keywords = {
      "and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
      "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
      "repeat",   "return", "then", "true", "until",  "while"};
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return !keywords.count(s);
}

std::string key_text(const std::string& key) {
  return lua_identifier(key) ? key : "[" + lua_string(key) + "]";
}

}  // namespace

std::string lua_string(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\{:03d}", c);  // three digits: a following digit stays a digit
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

namespace lua {

std::string flat(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Atom:
      return n.text;
    case Node::Kind::Call: {
      std::string s = n.text + "(";
      for (size_t i = 0; i < n.items.size(); ++i) s += (i ? ", " : "") + flat(n.items[i]);
      return s + ")";
    }
    case Node::Kind::Table: {
      if (n.items.empty()) return "{}";
      std::string s = "{ ";
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) s += ", ";
        if (!n.keys[i].empty()) s += key_text(n.keys[i]) + " = ";
        s += flat(n.items[i]);
      }
      return s + " }";
    }
  }
  return "";
}

void emit(const Node& n, size_t indent, size_t column, size_t trail, std::string& out) {
  std::string f = flat(n);
  if (n.kind == Node::Kind::Atom || (!n.force_break && column + f.size() + trail <= kLuaWidth)) {
    out += f;
    return;
  }
  const std::string pad(indent + 2, ' ');
  if (n.kind == Node::Kind::Call) {
    std::string first = n.text + "(";
    size_t head = std::min(n.head, n.items.size());
    for (size_t i = 0; i < head; ++i) first += (i ? ", " : "") + flat(n.items[i]);
    if (head == n.items.size()) {  // nothing to wrap
      out += first + ")";
      return;
    }
    out += first + (head ? "," : "");
    for (size_t i = head; i < n.items.size(); ++i) {
      out += "\n" + pad;
      emit(n.items[i], indent + 2, indent + 2, 1, out);
      out += i + 1 == n.items.size() ? ")" : ",";
    }
    return;
  }
  out += "{";
  for (size_t i = 0; i < n.items.size(); ++i) {
    out += "\n" + pad;
    size_t col = indent + 2;
    if (!n.keys[i].empty()) {
      std::string k = key_text(n.keys[i]) + " = ";
      out += k;
      col += k.size();
    }
    emit(n.items[i], indent + 2, col, 1, out);
    if (i + 1 != n.items.size()) out += ",";
  }
  out += "\n" + std::string(indent, ' ') + "}";
}

}  // namespace lua
}  // namespace retort::autogen
