// exclude_constraint_node and create_exclude_node (render_excludes.hpp).
#include "autogen/render_excludes.hpp"

#include <string>
#include <utility>
#include <vector>

namespace retort::autogen {
namespace {

using namespace lua;  // NOLINT: the printer is this file's vocabulary

// { "room", "=" } for a column (with its sort order in the text, as index elements have it);
// { sa.text("..."), "&&" } for an expression.
Node element_node(const ExcludeElement& x) {
  const IndexElement& e = x.element;
  std::string text = e.text;
  if (e.descending) text += " DESC";
  if (!e.nulls.empty()) text += " NULLS " + e.nulls;
  Node pair{Node::Kind::Table, "", {}, {}, 0, false};
  pair.keys = {"", ""};
  pair.items.push_back(e.expression ? call("sa.text", {str(text)}) : str(text));
  pair.items.push_back(str(x.op));
  return pair;
}

// using (unless gist, the default), where, ops, deferrable, initially.
void exclude_options(Options& o, const ExcludeConstraint& c) {
  if (c.using_method != "gist") o.add("using", str(c.using_method));
  if (!c.where.empty()) o.add("where", str(c.where));
  Node ops_table{Node::Kind::Table, "", {}, {}, 0, false};
  for (const auto& x : c.elements) {
    if (x.element.postgresql_ops.empty()) continue;
    ops_table.keys.push_back(x.element.text);
    ops_table.items.push_back(str(x.element.postgresql_ops));
  }
  if (!ops_table.items.empty()) o.add("ops", std::move(ops_table));
  if (c.deferrable) o.add("deferrable", boolean(*c.deferrable));
  if (!c.initially.empty()) o.add("initially", str(c.initially));
}

}  // namespace

Node exclude_constraint_node(const ExcludeConstraint& c) {
  std::vector<Node> args;
  for (const auto& x : c.elements) args.push_back(element_node(x));
  Options o;
  o.add("name", str(c.name));
  exclude_options(o, c);
  args.push_back(std::move(o.node));
  const size_t head = c.elements.size();  // broken: the options on a line of their own
  return call("sa.ExcludeConstraint", std::move(args), head);
}

Node create_exclude_node(const ops::CreateExcludeConstraint& o) {
  std::vector<Node> args{str(o.constraint.name), str(o.table.name)};
  Node elements{Node::Kind::Table, "", {}, {}, 0, false};
  for (const auto& x : o.constraint.elements) {
    elements.keys.push_back("");
    elements.items.push_back(element_node(x));
  }
  args.push_back(std::move(elements));
  Options opts;
  if (!o.table.schema.empty()) opts.add("schema", str(o.table.schema));
  exclude_options(opts, o.constraint);
  if (!opts.empty()) args.push_back(std::move(opts.node));
  return call("op.create_exclude_constraint", std::move(args), 2);
}

}  // namespace retort::autogen
