// describe() and reverse() over the op variant.
#include "ops/ops.hpp"

#include <fmt/format.h>

#include "base/overloaded.hpp"

namespace retort::ops {
namespace {

std::string name_of(const TableRef& t) {
  return t.schema.empty() ? t.name : t.schema + "." + t.name;
}

std::string name_of(const ReplaceableObject& o) {
  std::string kind = object_kind_name(o.kind);
  for (auto& c : kind)
    if (c == ' ') c = '_';
  std::string name = o.schema.empty() ? o.name : o.schema + "." + o.name;
  return kind + " " + name + (o.table.empty() ? "" : " on " + o.table);
}

std::string describe_batch(const BatchOp& op) {
  return std::visit([](const auto& o) { return describe(Op(o)); }, op);
}

}  // namespace

std::string describe(const Op& op) {
  return std::visit(
      Overloaded{
          [](const CreateTable& o) {
            return "create_table " + name_of({o.table.schema, o.table.name});
          },
          [](const DropTable& o) { return "drop_table " + name_of(o.table); },
          [](const RenameTable& o) {
            return "rename_table " + name_of(o.table) + " to " + o.new_name;
          },
          [](const AddColumn& o) { return "add_column " + name_of(o.table) + "." + o.column.name; },
          [](const DropColumn& o) { return "drop_column " + name_of(o.table) + "." + o.column; },
          [](const AlterColumn& o) { return "alter_column " + name_of(o.table) + "." + o.column; },
          [](const CreateIndex& o) {
            return "create_index " + o.index.name + " on " + name_of(o.table);
          },
          [](const DropIndex& o) { return "drop_index " + o.name; },
          [](const CreateUniqueConstraint& o) {
            return "create_unique_constraint " + o.constraint.name + " on " + name_of(o.table);
          },
          [](const CreateForeignKey& o) {
            return "create_foreign_key " + o.constraint.name + " on " + name_of(o.table);
          },
          [](const CreateCheckConstraint& o) {
            return "create_check_constraint " + o.constraint.name + " on " + name_of(o.table);
          },
          [](const CreatePrimaryKey& o) {
            return "create_primary_key " + o.constraint.name + " on " + name_of(o.table);
          },
          [](const DropConstraint& o) {
            return "drop_constraint " + o.name + " on " + name_of(o.table);
          },
          [](const Execute& o) {
            std::string s = o.sql.substr(0, 60);
            return "execute " + s + (o.sql.size() > 60 ? "..." : "");
          },
          [](const BulkInsert& o) {
            return fmt::format("bulk_insert {} ({} rows)", name_of(o.table), o.rows.size());
          },
          [](const CreateObject& o) { return "create_" + name_of(o.object); },
          [](const ReplaceObject& o) { return "replace_" + name_of(o.object); },
          [](const DropObject& o) { return "drop_" + name_of(o.object); },
          [](const CreateTableComment& o) { return "create_table_comment " + name_of(o.table); },
          [](const DropTableComment& o) { return "drop_table_comment " + name_of(o.table); },
          [](const CreateDomain& o) {
            return "create_domain " + name_of({o.domain.schema, o.domain.name});
          },
          [](const AlterDomain& o) {
            return "alter_domain " + name_of({o.domain.schema, o.domain.name});
          },
          [](const DropDomain& o) {
            return "drop_domain " + name_of({o.schema, o.name});
          },
          [](const CreateSequence& o) {
            return "create_sequence " + name_of({o.sequence.schema, o.sequence.name});
          },
          [](const AlterSequence& o) {
            return "alter_sequence " + name_of({o.sequence.schema, o.sequence.name});
          },
          [](const DropSequence& o) {
            return "drop_sequence " + name_of({o.schema, o.name});
          },
          [](const SyncEnumValues& o) { return "sync_enum_values " + name_of({o.schema, o.name}); },
          [](const CreateExtension& o) { return "create_extension " + o.extension.name; },
          [](const CreateExcludeConstraint& o) {
            return "create_exclude_constraint " + o.constraint.name + " on " + name_of(o.table);
          },
          [](const DropExtension& o) { return "drop_extension " + o.extension.name; },
          [](const AlterTableOptions& o) { return "alter_table_options " + name_of(o.table); },
          [](const BatchAlterTable& o) {
            std::string s = "batch_alter_table " + name_of(o.table) + " [";
            for (size_t i = 0; i < o.ops.size(); ++i)
              s += (i ? "; " : "") + describe_batch(o.ops[i]);
            return s + "]";
          },
      },
      op);
}

std::optional<Op> reverse(const Op& op) {
  return std::visit(
      Overloaded{
          [](const CreateTable& o) -> std::optional<Op> {
            return DropTable{{o.table.schema, o.table.name}, false, o.table};
          },
          [](const DropTable& o) -> std::optional<Op> {
            if (!o.existing) return std::nullopt;
            return CreateTable{*o.existing};
          },
          [](const RenameTable& o) -> std::optional<Op> {
            return RenameTable{{o.table.schema, o.new_name}, o.table.name};
          },
          [](const AddColumn& o) -> std::optional<Op> {
            return DropColumn{o.table, o.column.name, false, o.column};
          },
          [](const DropColumn& o) -> std::optional<Op> {
            if (!o.existing) return std::nullopt;
            return AddColumn{o.table, *o.existing};
          },
          [](const AlterColumn& o) -> std::optional<Op> {
            AlterColumn r;
            r.table = o.table;
            r.column = o.new_column_name ? *o.new_column_name : o.column;
            if (o.new_column_name) r.new_column_name = o.column;
            if (o.nullable) {
              if (!o.existing_nullable) return std::nullopt;
              r.nullable = *o.existing_nullable;
              r.existing_nullable = *o.nullable;
            }
            if (o.type) {
              if (!o.existing_type) return std::nullopt;
              r.type = *o.existing_type;
              r.existing_type = *o.type;
            }
            if (o.server_default) {
              r.server_default = o.existing_server_default;
              if (*o.server_default) r.existing_server_default = **o.server_default;
            }
            if (o.comment) {
              r.comment = o.existing_comment;
              if (*o.comment) r.existing_comment = **o.comment;
            }
            if (o.autoincrement) {
              r.autoincrement = o.existing_autoincrement.value_or(false);
              r.existing_autoincrement = *o.autoincrement;
            }
            if (o.mysql_on_update) {
              r.mysql_on_update = o.existing_mysql_on_update;
              if (*o.mysql_on_update) r.existing_mysql_on_update = **o.mysql_on_update;
            }
            if (o.identity) {
              r.identity = o.existing_identity;
              r.existing_identity = *o.identity;
            }
            return r;
          },
          [](const CreateIndex& o) -> std::optional<Op> {
            return DropIndex{o.table, o.index.name, false, o.concurrently};
          },
          [](const DropIndex&) -> std::optional<Op> { return std::nullopt; },
          [](const CreateUniqueConstraint& o) -> std::optional<Op> {
            return DropConstraint{o.table, o.constraint.name, "unique"};
          },
          [](const CreateForeignKey& o) -> std::optional<Op> {
            return DropConstraint{o.table, o.constraint.name, "foreignkey"};
          },
          [](const CreateCheckConstraint& o) -> std::optional<Op> {
            return DropConstraint{o.table, o.constraint.name, "check"};
          },
          [](const CreatePrimaryKey& o) -> std::optional<Op> {
            return DropConstraint{o.table, o.constraint.name, "primary"};
          },
          [](const DropConstraint& o) -> std::optional<Op> {
            if (!o.existing_exclude) return std::nullopt;
            ExcludeConstraint c = *o.existing_exclude;
            c.name = o.name;
            return CreateExcludeConstraint{o.table, std::move(c)};
          },
          [](const CreateExcludeConstraint& o) -> std::optional<Op> {
            return DropConstraint{o.table, o.constraint.name, "exclude", o.constraint};
          },
          [](const Execute&) -> std::optional<Op> { return std::nullopt; },
          [](const BulkInsert&) -> std::optional<Op> { return std::nullopt; },
          [](const CreateObject& o) -> std::optional<Op> { return DropObject{o.object}; },
          [](const ReplaceObject& o) -> std::optional<Op> {
            if (o.replaces.empty()) return std::nullopt;
            ReplaceObject r{o.object, o.object.definition};
            r.object.definition = o.replaces;
            return r;
          },
          [](const DropObject& o) -> std::optional<Op> {
            if (o.object.definition.empty()) return std::nullopt;
            return CreateObject{o.object};
          },
          // As Alembic's: back to the existing comment, or none.
          [](const CreateTableComment& o) -> std::optional<Op> {
            if (o.existing_comment)
              return CreateTableComment{o.table, *o.existing_comment, o.comment};
            return DropTableComment{o.table, o.comment};
          },
          [](const DropTableComment& o) -> std::optional<Op> {
            if (!o.existing_comment) return std::nullopt;
            return CreateTableComment{o.table, *o.existing_comment, std::nullopt};
          },
          [](const CreateDomain& o) -> std::optional<Op> {
            return DropDomain{o.domain.schema, o.domain.name, o.domain};
          },
          [](const AlterDomain& o) -> std::optional<Op> {
            return AlterDomain{o.existing, o.domain};
          },
          [](const DropDomain& o) -> std::optional<Op> {
            if (!o.existing) return std::nullopt;
            return CreateDomain{*o.existing};
          },
          [](const CreateSequence& o) -> std::optional<Op> {
            return DropSequence{o.sequence.schema, o.sequence.name, o.sequence, o.if_not_exists};
          },
          [](const AlterSequence& o) -> std::optional<Op> {
            return AlterSequence{o.existing, o.sequence};
          },
          [](const DropSequence& o) -> std::optional<Op> {
            if (!o.existing) return std::nullopt;
            return CreateSequence{*o.existing, o.if_exists};
          },
          // Back to the old values, the renames undone.
          [](const SyncEnumValues& o) -> std::optional<Op> {
            if (!o.existing) return std::nullopt;
            SyncEnumValues back{o.schema, o.name, *o.existing, o.values, o.columns, {}};
            for (auto it = o.renames.rbegin(); it != o.renames.rend(); ++it)
              back.renames.emplace_back(it->second, it->first);
            return back;
          },
          [](const CreateExtension& o) -> std::optional<Op> {
            return DropExtension{o.extension, o.if_not_exists};
          },
          [](const DropExtension& o) -> std::optional<Op> {
            return CreateExtension{o.extension, o.if_exists};
          },
          // Back to the existing values: reversible when the op says what each option was.
          [](const AlterTableOptions& o) -> std::optional<Op> {
            for (const auto& [key, value] : o.options)
              if (!o.existing.count(key)) return std::nullopt;
            return AlterTableOptions{o.table, o.existing, o.options, false};
          },
          [](const BatchAlterTable& o) -> std::optional<Op> {
            BatchAlterTable r{o.table, {}};
            for (auto it = o.ops.rbegin(); it != o.ops.rend(); ++it) {
              auto rev = reverse(std::visit([](const auto& x) { return Op(x); }, *it));
              if (!rev) return std::nullopt;
              bool ok = std::visit(
                  [&](auto&& x) -> bool {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (std::is_constructible_v<BatchOp, T>) {
                      r.ops.push_back(x);
                      return true;
                    } else {
                      return false;
                    }
                  },
                  *rev);
              if (!ok) return std::nullopt;
            }
            return r;
          },
      },
      op);
}

}  // namespace retort::ops
