// LuaWriter pieces — a tiny pretty-printer for Lua expressions, used by render_lua.
//
// A Node is a Lua expression that knows how to lay itself out: flat when it fits in the width,
// otherwise a call puts each argument after its first `head` ones on its own line, and a table
// each entry. Pure; never throws.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace retort::autogen {

// `s` as a Lua string literal in double quotes (also declared in render.hpp).
std::string lua_string(const std::string& s);

}  // namespace retort::autogen

namespace retort::autogen::lua {

constexpr size_t kLuaWidth = 100;

struct Node {
  enum class Kind { Atom, Call, Table } kind = Kind::Atom;
  std::string text;  // Atom: the text; Call: the function
  std::vector<Node> items;
  std::vector<std::string> keys;  // Table: "" for a positional entry
  size_t head = 0;                // Call: arguments kept on the first line when broken
  bool force_break = false;
};

inline Node atom(std::string text) { return {Node::Kind::Atom, std::move(text), {}, {}, 0, false}; }
inline Node str(const std::string& s) { return atom(lua_string(s)); }
inline Node boolean(bool b) { return atom(b ? "true" : "false"); }
inline Node call(std::string fn, std::vector<Node> args, size_t head = 1) {
  return {Node::Kind::Call, std::move(fn), std::move(args), {}, head, false};
}

// Builds an options table { k = v, ... } entry by entry; empty() tells whether to pass it.
struct Options {
  Node node{Node::Kind::Table, "", {}, {}, 0, false};
  void add(const std::string& key, Node value) {
    node.keys.push_back(key);
    node.items.push_back(std::move(value));
  }
  bool empty() const { return node.items.empty(); }
};

inline Node list(const std::vector<std::string>& items) {
  Node t{Node::Kind::Table, "", {}, {}, 0, false};
  for (const auto& i : items) {
    t.keys.push_back("");
    t.items.push_back(str(i));
  }
  return t;
}

// The node on one line.
std::string flat(const Node& n);
// The same, appended to `out`.
void append_flat(const Node& n, std::string& out);

// Appends `n` to `out`, starting at `column`, lines indented by `indent`; `trail` is what
// follows on the same line (a comma or parenthesis), counted against the width.
void emit(const Node& n, size_t indent, size_t column, size_t trail, std::string& out);

}  // namespace retort::autogen::lua
