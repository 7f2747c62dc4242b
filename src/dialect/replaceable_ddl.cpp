// compile_replaceable (replaceable_ddl.hpp).
#include "dialect/replaceable_ddl.hpp"

#include <cctype>
#include <optional>
#include <regex>

#include "autogen/sql_splitter.hpp"
#include "base/overloaded.hpp"

namespace retort {
namespace {

const char* plural(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::View:
      return "views";
    case ObjectKind::MaterializedView:
      return "materialized views";
    case ObjectKind::Function:
      return "functions";
    case ObjectKind::Procedure:
      return "procedures";
    case ObjectKind::Trigger:
      return "triggers";
    case ObjectKind::Aggregate:
      return "aggregates (CREATE AGGREGATE is PostgreSQL's)";
  }
  return "objects";
}

const char* keyword(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::View:
      return "VIEW";
    case ObjectKind::MaterializedView:
      return "MATERIALIZED VIEW";
    case ObjectKind::Function:
      return "FUNCTION";
    case ObjectKind::Procedure:
      return "PROCEDURE";
    case ObjectKind::Trigger:
      return "TRIGGER";
    case ObjectKind::Aggregate:
      return "AGGREGATE";
  }
  return "";
}

bool is_view(ObjectKind k) { return k == ObjectKind::View || k == ObjectKind::MaterializedView; }

class Compiler {
 public:
  Compiler(const Dialect& d, const ReplaceableDdl& s) : d_(d), s_(s) {}

  void check(const std::string& op, const ReplaceableObject& o) const {
    if (!s_.kinds.count(o.kind))
      throw Error(ErrorKind::Script,
                  "op." + op + " " + o.name + ": " + s_.database + " has no " + plural(o.kind));
    if (o.name.empty()) throw Error(ErrorKind::Script, "op." + op + ": the name is empty");
    if (o.kind == ObjectKind::Trigger && o.table.empty())
      throw Error(ErrorKind::Script,
                  "op." + op + " " + o.name + ": a trigger needs the table it fires on");
  }

  // "SQL SECURITY INVOKER\nselect ..." -> "SQL SECURITY INVOKER " and "select ..." (view_head).
  std::string head_of(std::string& def) const {
    if (!s_.view_head || def.size() < 13) return "";
    std::string start = def.substr(0, 13);
    for (auto& c : start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const size_t nl = def.find('\n');
    if (start != "SQL SECURITY " || nl == std::string::npos) return "";
    std::string head = def.substr(0, nl) + " ";
    def = trim_definition(def.substr(nl + 1));
    return head;
  }

  void create(const std::string& op, const ReplaceableObject& o) {
    std::string def = trim_definition(o.definition);
    if (def.empty())
      throw Error(ErrorKind::Script, "op." + op + " " + o.name + ": the definition is empty");
    if (o.kind == ObjectKind::MaterializedView) {
      // Its SELECT, then the CREATE INDEX statements of its indexes (each on this view).
      std::vector<std::string> parts = autogen::split_sql_statements(def);
      if (parts.empty())
        throw Error(ErrorKind::Script, "op." + op + " " + o.name + ": the definition is empty");
      push(std::string("CREATE ") + keyword(o.kind) + " " + d_.qualify(o.schema, o.name) + " AS " +
           parts[0]);
      static const std::regex index(R"(^CREATE\s+(UNIQUE\s+)?INDEX\s)", std::regex::icase);
      for (size_t i = 1; i < parts.size(); ++i) {
        if (!std::regex_search(parts[i], index))
          throw Error(ErrorKind::Script,
                      "op." + op + " " + o.name +
                          ": a materialized view's definition is its SELECT, then only the "
                          "CREATE INDEX statements of its indexes (found: " +
                          parts[i].substr(0, 40) + ")");
        push(parts[i]);
      }
    } else if (is_view(o.kind)) {
      const std::string head = head_of(def);
      push(std::string("CREATE ") + head + keyword(o.kind) + " " + d_.qualify(o.schema, o.name) +
           " AS " + def);
    } else {
      std::optional<std::string> mode = sql_mode_of(def);
      push_under(mode, def);
    }
  }

  void drop(const ReplaceableObject& o) {
    // DROP AGGREGATE wants the argument types; DROP ROUTINE (PostgreSQL 11) takes the name alone.
    const char* kind = o.kind == ObjectKind::Aggregate ? "ROUTINE" : keyword(o.kind);
    std::string sql = std::string("DROP ") + kind + " " + d_.qualify(o.schema, o.name);
    if (o.kind == ObjectKind::Trigger && s_.trigger_drop_on_table)
      sql += " ON " + d_.qualify(o.schema, o.table);
    push(sql);
  }

  void replace(const std::string& op, const ReplaceableObject& o) {
    std::string def = trim_definition(o.definition);
    if (def.empty())
      throw Error(ErrorKind::Script, "op." + op + " " + o.name + ": the definition is empty");
    const bool routine = o.kind == ObjectKind::Function || o.kind == ObjectKind::Procedure ||
                         o.kind == ObjectKind::Aggregate;
    if (o.kind == ObjectKind::View && s_.view_or_replace) {
      const std::string head = head_of(def);
      push("CREATE OR REPLACE " + head + "VIEW " + d_.qualify(o.schema, o.name) + " AS " + def);
    } else if ((routine && s_.routine_or_replace) ||
               (o.kind == ObjectKind::Trigger && s_.trigger_or_replace)) {
      std::optional<std::string> mode = sql_mode_of(def);
      push_under(mode, or_replace(def));
    } else {
      drop(o);
      create(op, o);
    }
  }

  std::vector<Statement> out;

 private:
  void push(std::string sql) {
    Statement s{std::move(sql), {}, true};
    s.offline_delimiter = s_.offline_delimiter;
    out.push_back(std::move(s));
  }

  // routine_sql_mode: the mode of a leading `SET sql_mode = '...';`, taken off `def`; nullopt
  // for none (the session's mode).
  std::optional<std::string> sql_mode_of(std::string& def) const {
    if (!s_.routine_sql_mode) return std::nullopt;
    static const std::regex set(R"(^\s*SET\s+(?:SESSION\s+)?sql_mode\s*=\s*'([^']*)'\s*;\s*)",
                                std::regex::icase);
    std::smatch m;
    if (!std::regex_search(def, m, set)) return std::nullopt;
    std::string mode = m[1];
    def = def.substr(static_cast<size_t>(m.length(0)));
    return mode;
  }

  // `sql` run with the session's sql_mode set to `mode` (when given), and put back after.
  void push_under(const std::optional<std::string>& mode, std::string sql) {
    auto plain = [&](std::string text) {
      Statement st;
      st.sql = std::move(text);
      out.push_back(std::move(st));
    };
    if (mode) {
      plain("SET @retort_sql_mode = @@SESSION.sql_mode");
      plain("SET SESSION sql_mode = '" + *mode + "'");
    }
    push(std::move(sql));
    if (mode) plain("SET SESSION sql_mode = @retort_sql_mode");
  }

  const Dialect& d_;
  const ReplaceableDdl& s_;
};

// "view" -> "create_view" etc.: the op's Lua name.
std::string op_name(const char* verb, ObjectKind kind) {
  std::string k = object_kind_name(kind);
  for (auto& c : k)
    if (c == ' ') c = '_';
  return std::string(verb) + "_" + k;
}

}  // namespace

std::string trim_definition(std::string definition) {
  while (!definition.empty() &&
         (definition.back() == ';' || std::isspace(static_cast<unsigned char>(definition.back()))))
    definition.pop_back();
  size_t start = 0;
  while (start < definition.size() && std::isspace(static_cast<unsigned char>(definition[start])))
    ++start;
  return definition.substr(start);
}

std::string or_replace(const std::string& definition) {
  static const std::regex create(R"(^(\s*CREATE)(\s+)(?!OR\s+REPLACE\b))", std::regex::icase);
  return std::regex_replace(definition, create, "$1 OR REPLACE$2",
                            std::regex_constants::format_first_only);
}

std::vector<Statement> compile_replaceable(const Dialect& dialect, const ops::Op& op,
                                           const ReplaceableDdl& style) {
  Compiler c(dialect, style);
  std::visit(Overloaded{
                 [&](const ops::CreateObject& o) {
                   std::string name = op_name("create", o.object.kind);
                   c.check(name, o.object);
                   c.create(name, o.object);
                 },
                 [&](const ops::ReplaceObject& o) {
                   std::string name = op_name("replace", o.object.kind);
                   c.check(name, o.object);
                   c.replace(name, o.object);
                 },
                 [&](const ops::DropObject& o) {
                   c.check(op_name("drop", o.object.kind), o.object);
                   c.drop(o.object);
                 },
                 [](const auto&) {},
             },
             op);
  return std::move(c.out);
}

}  // namespace retort
