#include "ops/apply.hpp"

#include <algorithm>

#include "base/overloaded.hpp"

namespace retort::ops {
namespace {

template <class T, class Pred>
void erase_if_vec(std::vector<T>& v, Pred p) {
  v.erase(std::remove_if(v.begin(), v.end(), p), v.end());
}

bool mentions(const std::vector<std::string>& cols, const std::string& c) {
  return std::find(cols.begin(), cols.end(), c) != cols.end();
}

void rename_in(std::vector<std::string>& cols, const std::string& from, const std::string& to) {
  for (auto& c : cols)
    if (c == from) c = to;
}

}  // namespace

void apply(Table& t, const BatchOp& op) {
  std::visit(
      Overloaded{
          [&](const AddColumn& o) {
            if (o.if_not_exists && t.find_column(o.column.name)) return;
            auto at = t.columns.end();
            const std::string& anchor = !o.insert_before.empty() ? o.insert_before : o.insert_after;
            if (!anchor.empty()) {
              at = std::find_if(t.columns.begin(), t.columns.end(),
                                [&](const Column& c) { return c.name == anchor; });
              if (at != t.columns.end() && o.insert_before.empty()) ++at;
            }
            t.columns.insert(at, o.column);
          },
          [&](const DropColumn& o) {
            erase_if_vec(t.columns, [&](const Column& c) { return c.name == o.column; });
            erase_if_vec(t.indexes, [&](const Index& i) {
              return std::any_of(i.elements.begin(), i.elements.end(), [&](const IndexElement& e) {
                return !e.expression && e.text == o.column;
              });
            });
            erase_if_vec(t.unique_constraints,
                         [&](const UniqueConstraint& u) { return mentions(u.columns, o.column); });
            erase_if_vec(t.foreign_keys,
                         [&](const ForeignKey& f) { return mentions(f.columns, o.column); });
            if (t.primary_key && mentions(t.primary_key->columns, o.column)) t.primary_key.reset();
          },
          [&](const AlterColumn& o) {
            Column* c = t.find_column(o.column);
            if (!c) return;
            if (o.nullable) c->nullable = *o.nullable;
            if (o.type) c->type = *o.type;
            if (o.server_default) c->server_default = *o.server_default;
            if (o.comment) c->comment = *o.comment;
            if (o.identity) c->identity = *o.identity;
            if (o.autoincrement) c->autoincrement = *o.autoincrement;
            if (o.new_column_name) {
              const std::string from = c->name;
              c->name = *o.new_column_name;
              for (auto& i : t.indexes)
                for (auto& e : i.elements)
                  if (!e.expression && e.text == from) e.text = *o.new_column_name;
              for (auto& u : t.unique_constraints) rename_in(u.columns, from, *o.new_column_name);
              for (auto& f : t.foreign_keys) rename_in(f.columns, from, *o.new_column_name);
              if (t.primary_key) rename_in(t.primary_key->columns, from, *o.new_column_name);
            }
          },
          [&](const CreateIndex& o) { t.indexes.push_back(o.index); },
          [&](const DropIndex& o) {
            erase_if_vec(t.indexes, [&](const Index& i) { return i.name == o.name; });
          },
          [&](const CreateUniqueConstraint& o) { t.unique_constraints.push_back(o.constraint); },
          [&](const CreateForeignKey& o) { t.foreign_keys.push_back(o.constraint); },
          [&](const CreateCheckConstraint& o) { t.check_constraints.push_back(o.constraint); },
          [&](const CreatePrimaryKey& o) { t.primary_key = o.constraint; },
          [&](const DropConstraint& o) {
            erase_if_vec(t.unique_constraints,
                         [&](const UniqueConstraint& u) { return u.name == o.name; });
            erase_if_vec(t.foreign_keys, [&](const ForeignKey& f) { return f.name == o.name; });
            erase_if_vec(t.check_constraints,
                         [&](const CheckConstraint& c) { return c.name == o.name; });
            if (t.primary_key && t.primary_key->name == o.name) t.primary_key.reset();
            erase_if_vec(t.exclude_constraints,
                         [&](const ExcludeConstraint& c) { return c.name == o.name; });
          },
      },
      op);
}

void apply(MetaData& schema, const Op& op) {
  auto on_table = [&](const TableRef& ref, auto&& fn) {
    if (Table* t = schema.find_table(ref.schema, ref.name)) fn(*t);
  };
  std::visit(
      Overloaded{
          [&](const CreateTable& o) {
            if (o.if_not_exists && schema.find_table(o.table.schema, o.table.name)) return;
            schema.tables.push_back(o.table);
          },
          [&](const DropTable& o) {
            erase_if_vec(schema.tables, [&](const Table& t) {
              return t.name == o.table.name && t.schema == o.table.schema;
            });
          },
          [&](const RenameTable& o) { on_table(o.table, [&](Table& t) { t.name = o.new_name; }); },
          [&](const Execute&) {},
          [&](const BulkInsert&) {},
          [&](const CreateObject& o) { schema.objects.push_back(o.object); },
          [&](const ReplaceObject& o) {
            for (auto& x : schema.objects)
              if (x.kind == o.object.kind && x.name == o.object.name && x.schema == o.object.schema)
                x = o.object;
          },
          [&](const DropObject& o) {
            erase_if_vec(schema.objects, [&](const ReplaceableObject& x) {
              return x.kind == o.object.kind && x.name == o.object.name &&
                     x.schema == o.object.schema;
            });
          },
          [&](const CreateTableComment& o) {
            on_table(o.table, [&](Table& t) { t.comment = o.comment; });
          },
          [&](const DropTableComment& o) {
            on_table(o.table, [&](Table& t) { t.comment.reset(); });
          },
          [&](const CreateDomain& o) { schema.domains.push_back(o.domain); },
          [&](const AlterDomain& o) {
            for (auto& d : schema.domains)
              if (d.name == o.domain.name && d.schema == o.domain.schema) d = o.domain;
          },
          [&](const DropDomain& o) {
            erase_if_vec(schema.domains,
                         [&](const Domain& d) { return d.name == o.name && d.schema == o.schema; });
          },
          [&](const AlterTableOptions& o) {
            on_table(o.table, [&](Table& t) {
              for (const auto& [key, value] : o.options) {
                if (value.empty())
                  t.dialect_options.erase(key);
                else
                  t.dialect_options[key] = value;
              }
            });
          },
          [&](const CreateSequence& o) { schema.sequences.push_back(o.sequence); },
          [&](const AlterSequence& o) {
            for (auto& s : schema.sequences)
              if (s.name == o.sequence.name && s.schema == o.sequence.schema) s = o.sequence;
          },
          [&](const DropSequence& o) {
            erase_if_vec(schema.sequences, [&](const Sequence& s) {
              return s.name == o.name && s.schema == o.schema;
            });
          },
          // Every column of the type takes the new labels.
          [&](const SyncEnumValues& o) {
            for (auto& t : schema.tables) {
              if (!o.schema.empty() && !t.schema.empty() && t.schema != o.schema) continue;
              for (auto& c : t.columns)
                if (c.type.kind == TypeKind::Enum && c.type.enum_name == o.name)
                  c.type.enum_values = o.values;
            }
          },
          [&](const CreateExtension& o) { schema.extensions.push_back(o.extension); },
          [&](const DropExtension& o) {
            erase_if_vec(schema.extensions,
                         [&](const Extension& e) { return e.name == o.extension.name; });
          },
          [&](const CreateExcludeConstraint& o) {
            on_table(o.table, [&](Table& t) { t.exclude_constraints.push_back(o.constraint); });
          },
          [&](const BatchAlterTable& o) {
            on_table(o.table, [&](Table& t) {
              for (const auto& b : o.ops) ops::apply(t, b);
            });
          },
          [&](const DropIndex& o) {
            // Some dialects drop an index by name alone: look in every table.
            for (auto& t : schema.tables) ops::apply(t, BatchOp(o));
          },
          [&](const auto& o) { on_table(o.table, [&](Table& t) { ops::apply(t, BatchOp(o)); }); },
      },
      op);
}

}  // namespace retort::ops
