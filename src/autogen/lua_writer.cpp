// The Lua pretty-printer behind render_lua.
#include "autogen/lua_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
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

void append_flat(const Node& n, std::string& out) {
  switch (n.kind) {
    case Node::Kind::Atom:
      out += n.text;
      return;
    case Node::Kind::Call:
      out += n.text;
      out += '(';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ", ";
        append_flat(n.items[i], out);
      }
      out += ')';
      return;
    case Node::Kind::Table:
      if (n.items.empty()) {
        out += "{}";
        return;
      }
      out += "{ ";
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ", ";
        if (!n.keys[i].empty()) out += key_text(n.keys[i]) + " = ";
        append_flat(n.items[i], out);
      }
      out += " }";
      return;
  }
}

std::string flat(const Node& n) {
  std::string s;
  append_flat(n, s);
  return s;
}

namespace {

// The length of flat(n), or some length past `limit` as soon as it is known to exceed it: a
// node too long for one line is never built as one line only to be thrown away (rendering a
// create_table of many columns measured every subtree once per level above it).
size_t flat_size(const Node& n, size_t limit) {
  switch (n.kind) {
    case Node::Kind::Atom:
      return n.text.size();
    case Node::Kind::Call: {
      size_t size = n.text.size() + 2;  // the parentheses
      for (size_t i = 0; i < n.items.size() && size <= limit; ++i)
        size += (i ? 2 : 0) + flat_size(n.items[i], limit - std::min(limit, size));
      return size;
    }
    case Node::Kind::Table: {
      if (n.items.empty()) return 2;
      size_t size = 4;  // "{ " and " }"
      for (size_t i = 0; i < n.items.size() && size <= limit; ++i) {
        if (i) size += 2;
        if (!n.keys[i].empty()) size += key_text(n.keys[i]).size() + 3;
        size += flat_size(n.items[i], limit - std::min(limit, size));
      }
      return size;
    }
  }
  return 0;
}

}  // namespace

void emit(const Node& n, size_t indent, size_t column, size_t trail, std::string& out) {
  if (n.kind == Node::Kind::Atom) {
    out += n.text;
    return;
  }
  if (!n.force_break && column + trail <= kLuaWidth) {
    const size_t room = kLuaWidth - column - trail;
    if (flat_size(n, room) <= room) {
      append_flat(n, out);
      return;
    }
  }
  const std::string pad(indent + 2, ' ');
  if (n.kind == Node::Kind::Call) {
    std::string first = n.text + "(";
    size_t head = std::min(n.head, n.items.size());
    for (size_t i = 0; i < head; ++i) {
      if (i) first += ", ";
      append_flat(n.items[i], first);
    }
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
