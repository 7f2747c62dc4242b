// The LuaLS definitions of the scripting API (see luals_definitions.hpp). Keep each function in
// the order of docs/script-api.md; the test says which names are missing or extra.
#include "lua/luals_definitions.hpp"

namespace retort::lua {
namespace {

const char* const kDefinitions = R"LUA(---@meta retort
-- Type definitions of retort's scripting API for the Lua language server (LuaLS). Written by
-- `retort init`; regenerate with a newer retort to pick up new functions. Documentation:
-- docs/script-api.md of the retort sources.

-- Header fields of a revision script (read without running Lua; literals only).
---@type string
revision = nil
---@type string|string[]|nil
down_revision = nil
---@type string|string[]|nil
branch_labels = nil
---@type string|string[]|nil
depends_on = nil

---@class retort.Type                 a column type: sa.Integer(), sa.String(50), ...
---@class retort.Column               sa.Column(...)
---@class retort.ForeignKey           sa.ForeignKey(...)
---@class retort.Constraint           sa.PrimaryKeyConstraint, UniqueConstraint, CheckConstraint, ForeignKeyConstraint
---@class retort.Index                sa.Index(...)
---@class retort.Table                sa.Table(...) or op.create_table(...)
---@class retort.Text                 sa.text(...)
---@class retort.FuncCall             sa.func.now(), sa.func.lower("x")
---@class retort.Computed             sa.Computed(...)
---@alias retort.TableItem retort.Column|retort.Constraint|retort.Index

-- Table expressions for op.execute: t:insert():values{...}, t:update():where(...):values{...},
-- t:delete():where(...); conditions are column methods (t.c.id:eq(1)) or sa.text(...).
---@class retort.Table
---@field c table<string, retort.ColumnExpr>
---@field insert fun(self: retort.Table): retort.Statement
---@field update fun(self: retort.Table): retort.Statement
---@field delete fun(self: retort.Table): retort.Statement

---@class retort.Statement
---@field values fun(self: retort.Statement, values: table<string, any>): retort.Statement
---@field where fun(self: retort.Statement, ...: retort.Condition|retort.Text): retort.Statement

---@class retort.Condition

-- eq(nil) is IS NULL and ne(nil) IS NOT NULL, as SQLAlchemy's == None / != None.
---@class retort.ColumnExpr
---@field eq fun(self: retort.ColumnExpr, value: any): retort.Condition
---@field ne fun(self: retort.ColumnExpr, value: any): retort.Condition
---@field lt fun(self: retort.ColumnExpr, value: any): retort.Condition
---@field le fun(self: retort.ColumnExpr, value: any): retort.Condition
---@field gt fun(self: retort.ColumnExpr, value: any): retort.Condition
---@field ge fun(self: retort.ColumnExpr, value: any): retort.Condition
---@field is_ fun(self: retort.ColumnExpr): retort.Condition
---@field isnot fun(self: retort.ColumnExpr): retort.Condition
---@field in_ fun(self: retort.ColumnExpr, values: any[]): retort.Condition
---@field like fun(self: retort.ColumnExpr, pattern: string): retort.Condition
---@alias retort.Default string|number|retort.Text|retort.FuncCall
---@alias retort.Sql string|retort.Text

---@class retort.ColumnOptions
---@field nullable? boolean
---@field primary_key? boolean
---@field unique? boolean
---@field index? boolean
---@field server_default? retort.Default
---@field autoincrement? boolean|"auto"
---@field comment? string

---@class retort.AlterColumnOptions
---@field nullable? boolean
---@field type_? retort.Type
---@field new_column_name? string
---@field server_default? retort.Default|false
---@field comment? string|false
---@field existing_type? retort.Type
---@field existing_nullable? boolean
---@field existing_server_default? retort.Default
---@field existing_comment? string
---@field postgresql_using? string
---@field identity? retort.Identity|false make the column an identity (or change it); false drops it
---@field existing_identity? retort.Identity
---@field schema? string
---@field allow_data_loss? boolean

---@class retort.IndexOptions
---@field unique? boolean
---@field where? retort.Sql
---@field postgresql_where? retort.Sql
---@field sqlite_where? retort.Sql
---@field postgresql_concurrently? boolean
---@field schema? string

---@class retort.ForeignKeyOptions
---@field name? string
---@field ondelete? string
---@field onupdate? string
---@field deferrable? boolean
---@field initially? string
---@field match? "FULL"|"PARTIAL"|"SIMPLE"
---@field postgresql_not_valid? boolean
---@field source_schema? string
---@field referent_schema? string

---@class retort.DropColumnOptions
---@field schema? string
---@field if_exists? boolean
---@field existing_type? retort.Type
---@field existing_nullable? boolean
---@field existing_server_default? retort.Default
---@field existing_comment? string
---@field allow_data_loss? boolean

---@class retort.BatchOptions
---@field schema? string
---@field recreate? "auto"|"always"|"never"
---@field naming_convention? table<"pk"|"fk"|"uq"|"ix"|"ck", string>
---@field table_kwargs? table<string, string|boolean>
---@field copy_from? retort.Table

-- Alembic's operations: each call is one change, run (or printed, with --sql) in order.
---@class retort.op
op = {}

---Creates a table; returns it, so op.bulk_insert(t, rows) can follow.
---@param name string
---@param ... retort.TableItem|{schema?: string, comment?: string, if_not_exists?: boolean, mysql_engine?: string, mysql_charset?: string, mysql_collate?: string, mysql_partition_by?: string, mysql_partitions?: integer|string|string[], postgresql_partition_by?: string, partition_of?: string, partition_bound?: string}
---@return retort.Table
function op.create_table(name, ...) end

---Drops a table. Refused when it holds rows unless allow_data_loss is set.
---@param name string
---@param options? {schema?: string, if_exists?: boolean, allow_data_loss?: boolean}
function op.drop_table(name, options) end

---@param old string
---@param new string
---@param options? {schema?: string}
function op.rename_table(old, new, options) end

---Sets a table's comment (nothing on SQLite, which keeps none).
---@param table_name string
---@param comment string
---@param options? {existing_comment?: string, schema?: string}
function op.create_table_comment(table_name, comment, options) end

---Removes a table's comment (nothing on SQLite).
---@param table_name string
---@param options? {existing_comment?: string, schema?: string}
function op.drop_table_comment(table_name, options) end

---Changes table options in place: MySQL/MariaDB's default character set and collation (new
---columns take them; existing columns keep theirs, alter them apart) and partitioning
---(mysql_partition_by; mysql_partitions: a number, or the definitions as a string or a list).
---Dropping a partition that holds rows is refused unless allow_data_loss is set. Ignored on
---SQLite and PostgreSQL.
---@param table_name string
---@param options {mysql_charset?: string, mysql_collate?: string, mysql_partition_by?: string, mysql_partitions?: integer|string|string[], existing_mysql_charset?: string, existing_mysql_collate?: string, existing_mysql_partition_by?: string, existing_mysql_partitions?: integer|string|string[], allow_data_loss?: boolean, schema?: string}
function op.alter_table_options(table_name, options) end

---Runs SQL as written (printed as written with --sql). With params, `?` (a list) or `:name`
---(a table) placeholders are bound by the driver online and written as quoted literals offline.
---@param sql retort.Sql|retort.Statement
---@param params? any[]|table<string, any>
function op.execute(sql, params) end

---A value as the dialect's SQL literal text ('O''Brien', 42, NULL), for SQL built by hand.
---@param value any
---@return string
function op.inline_literal(value) end

---@class retort.ObjectOptions
---@field schema? string
---@field replaces? string the previous definition (replace_*), so downgrade can restore it
---@field existing? string the definition being dropped (drop_*), so downgrade can recreate it

---A view: `sql` is its SELECT.
---@param name string
---@param sql string
---@param options? retort.ObjectOptions
function op.create_view(name, sql, options) end
---@param name string
---@param sql string
---@param options? retort.ObjectOptions
function op.replace_view(name, sql, options) end
---@param name string
---@param options? retort.ObjectOptions
function op.drop_view(name, options) end

---A materialized view (PostgreSQL): `sql` is its SELECT.
---@param name string
---@param sql string
---@param options? retort.ObjectOptions
function op.create_materialized_view(name, sql, options) end
---@param name string
---@param sql string
---@param options? retort.ObjectOptions
function op.replace_materialized_view(name, sql, options) end
---@param name string
---@param options? retort.ObjectOptions
function op.drop_materialized_view(name, options) end

---A function (PostgreSQL, MySQL/MariaDB): `ddl` is the whole CREATE FUNCTION statement.
---@param name string
---@param ddl string
---@param options? retort.ObjectOptions
function op.create_function(name, ddl, options) end
---@param name string
---@param ddl string
---@param options? retort.ObjectOptions
function op.replace_function(name, ddl, options) end
---@param name string
---@param options? retort.ObjectOptions
function op.drop_function(name, options) end

---A procedure (PostgreSQL, MySQL/MariaDB): `ddl` is the whole CREATE PROCEDURE statement.
---@param name string
---@param ddl string
---@param options? retort.ObjectOptions
function op.create_procedure(name, ddl, options) end
---@param name string
---@param ddl string
---@param options? retort.ObjectOptions
function op.replace_procedure(name, ddl, options) end
---@param name string
---@param options? retort.ObjectOptions
function op.drop_procedure(name, options) end

---A trigger on `table`: `ddl` is the whole CREATE TRIGGER statement.
---@param name string
---@param table string
---@param ddl string
---@param options? retort.ObjectOptions
function op.create_trigger(name, table, ddl, options) end
---@param name string
---@param table string
---@param ddl string
---@param options? retort.ObjectOptions
function op.replace_trigger(name, table, ddl, options) end
---@param name string
---@param table string
---@param options? retort.ObjectOptions
function op.drop_trigger(name, table, options) end

---An aggregate (PostgreSQL): `ddl` is the whole CREATE AGGREGATE statement.
---@param name string
---@param ddl string
---@param options? retort.ObjectOptions
function op.create_aggregate(name, ddl, options) end
---@param name string
---@param ddl string
---@param options? retort.ObjectOptions
function op.replace_aggregate(name, ddl, options) end
---@param name string
---@param options? retort.ObjectOptions
function op.drop_aggregate(name, options) end

---@class retort.Identity             sa.Identity(...): an identity column, as sa.Column's argument
---@class retort.Sequence             sa.Sequence(...): also a column's default (nextval)
---@class retort.SequenceOptions
---@field schema? string
---@field start? integer
---@field increment? integer
---@field minvalue? integer
---@field maxvalue? integer
---@field cycle? boolean
---@field cache? integer
---@field data_type? "smallint"|"integer"|"bigint" PostgreSQL's AS type (bigint when unset)
---@field owned_by? string PostgreSQL's OWNED BY "table.column"
---@field if_not_exists? boolean create_sequence only
---@field if_exists? boolean drop_sequence only
---@field existing? retort.Sequence the sequence as it is (alter_sequence, drop_sequence), so downgrade can restore it

---A sequence (PostgreSQL, MariaDB): CREATE SEQUENCE.
---@param name string
---@param options? retort.SequenceOptions
function op.create_sequence(name, options) end
---Makes the sequence's options these; `existing` (required) is what it is now.
---@param name string
---@param options retort.SequenceOptions
function op.alter_sequence(name, options) end
---@param name string
---@param options? retort.SequenceOptions
function op.drop_sequence(name, options) end

---@class retort.EnumColumnRef        alembic-postgresql-enum's TableReference
---@field table_name string
---@field column_name string
---@field table_schema? string
---@class retort.SyncEnumOptions
---@field existing? string[] the values the type has now: makes the op reversible and lets it run with --sql
---@field affected_columns? retort.EnumColumnRef[] the columns of the type, for a rebuild with --sql (online the database says)
---@field enum_values_to_rename? string[][] { { "old", "new" }, ... } renamed first (RENAME VALUE)

---A PostgreSQL enum type gets exactly `new_values`, in order (alembic-postgresql-enum's op):
---values that only insert are added, anything else rebuilds the type and converts its columns.
---Also (schema, name, old_values, new_values), the 0.1 releases' order.
---@param schema string|nil
---@param name string
---@param new_values string[]
---@param affected_columns? retort.EnumColumnRef[]|string[]|retort.SyncEnumOptions
---@param enum_values_to_rename? string[][]|retort.SyncEnumOptions
---@param options? retort.SyncEnumOptions
function op.sync_enum_values(schema, name, new_values, affected_columns, enum_values_to_rename, options) end

---@class retort.Domain               sa.Domain(...): also usable as a column type
---@class retort.DomainOptions
---@field schema? string
---@field not_null? boolean NOT NULL (or nullable = false)
---@field nullable? boolean
---@field default? retort.Default
---@field check? retort.Sql a CHECK over VALUE
---@field constraint_name? string the name of `check`
---@field checks? (retort.Sql|retort.Constraint)[] several checks, sa.CheckConstraint(sql, { name }) to name one
---@field collation? string
---@field existing? retort.Domain the domain as it is (alter_domain, drop_domain), so downgrade can restore it

---A domain (PostgreSQL): a named base type with a default, NOT NULL and checks.
---@param name string
---@param type retort.Type
---@param options? retort.DomainOptions
function op.create_domain(name, type, options) end
---Makes the domain's default, NOT NULL and checks these; `existing` (required) is what it is now.
---@param name string
---@param type retort.Type
---@param options retort.DomainOptions
function op.alter_domain(name, type, options) end
---@param name string
---@param options? {schema?: string, existing?: retort.Domain}
function op.drop_domain(name, options) end

---An extension (PostgreSQL): CREATE EXTENSION.
---@param name string
---@param options? {schema?: string, if_not_exists?: boolean}
function op.create_extension(name, options) end
---@param name string
---@param options? {schema?: string, if_exists?: boolean} schema: where downgrade creates it again
function op.drop_extension(name, options) end

---Inserts rows: a list of {column = value} tables.
---@param table string|retort.Table
---@param rows table<string, any>[]
---@param options? {schema?: string, multiinsert?: boolean}
function op.bulk_insert(table, rows, options) end

---Groups changes to one table (one rebuild on SQLite).
---@param name string
---@param fn fun(batch: retort.Batch)
---@param options? retort.BatchOptions
function op.batch_alter_table(name, fn, options) end

---The live connection, for data migrations (not available with --sql).
---@return retort.Bind
function op.get_bind() end

---Alembic's "this name is final" marker: returns the name unchanged.
---@param name string
---@return string
function op.f(name) end

---@param table string
---@param column retort.Column
---@param options? {schema?: string, if_not_exists?: boolean, inline_primary_key?: boolean}
function op.add_column(table, column, options) end

---Drops a column. Refused when it holds values unless allow_data_loss is set.
---@param table string
---@param column string
---@param options? retort.DropColumnOptions
function op.drop_column(table, column, options) end

---@param table string
---@param column string
---@param options retort.AlterColumnOptions
function op.alter_column(table, column, options) end

---@param name string|nil
---@param table string
---@param columns (string|retort.Text)[]|string|retort.Text
---@param options? retort.IndexOptions
function op.create_index(name, table, columns, options) end

---@param name string
---@param table_name? string
---@param options? {table_name?: string, schema?: string, if_exists?: boolean, postgresql_concurrently?: boolean}
function op.drop_index(name, table_name, options) end

---@param name string|nil
---@param table string
---@param columns string[]
---@param options? {schema?: string}
function op.create_unique_constraint(name, table, columns, options) end

---@param name string|nil
---@param source string
---@param referent string
---@param local_cols string[]
---@param remote_cols string[]
---@param options? retort.ForeignKeyOptions
function op.create_foreign_key(name, source, referent, local_cols, remote_cols, options) end

---@param name string|nil
---@param table string
---@param condition retort.Sql
---@param options? {schema?: string, postgresql_not_valid?: boolean}
function op.create_check_constraint(name, table, condition, options) end

---@param name string|nil
---@param table string
---@param columns string[]
---@param options? {schema?: string}
function op.create_primary_key(name, table, columns, options) end

---@param name string
---@param table string
---@param type_? "foreignkey"|"unique"|"check"|"primary"|"exclude"
---@param options? {type_?: "foreignkey"|"unique"|"check"|"primary"|"exclude", schema?: string, existing?: retort.ExcludeConstraint}
function op.drop_constraint(name, table, type_, options) end

---@class retort.ExcludeConstraint    sa.ExcludeConstraint(...)
---An element of an exclusion constraint: { column or expression, operator }, e.g. { "during", "&&" }.
---@alias retort.ExcludeElement [string|retort.Text, string]
---@class retort.ExcludeOptions
---@field using? string the index method (default "gist")
---@field where? retort.Sql a predicate: only the rows it holds for are compared
---@field ops? table<string, string> an operator class per element (its column name or expression)
---@field deferrable? boolean
---@field initially? "DEFERRED"|"IMMEDIATE"

---An exclusion constraint (PostgreSQL): no two rows may satisfy every element's operator.
---@param name string
---@param table string
---@param elements retort.ExcludeElement[]
---@param options? retort.ExcludeOptions|{schema?: string}
function op.create_exclude_constraint(name, table, elements, options) end

-- The object op.batch_alter_table hands its function: the column and constraint operations
-- without the table argument (batch.add_column(col), not batch:add_column).
---@class retort.Batch
---@field table_name string
local Batch = {}

---@param column retort.Column
---@param options? {if_not_exists?: boolean, inline_primary_key?: boolean, insert_before?: string, insert_after?: string}
function Batch.add_column(column, options) end
---@param column string
---@param options? retort.DropColumnOptions
function Batch.drop_column(column, options) end
---@param column string
---@param options retort.AlterColumnOptions
function Batch.alter_column(column, options) end
---@param name string|nil
---@param columns (string|retort.Text)[]|string|retort.Text
---@param options? retort.IndexOptions
function Batch.create_index(name, columns, options) end
---@param name string
---@param options? {}
function Batch.drop_index(name, options) end
---@param name string|nil
---@param columns string[]
---@param options? {}
function Batch.create_unique_constraint(name, columns, options) end
---@param name string|nil
---@param referent string
---@param local_cols string[]
---@param remote_cols string[]
---@param options? retort.ForeignKeyOptions
function Batch.create_foreign_key(name, referent, local_cols, remote_cols, options) end
---@param name string|nil
---@param condition retort.Sql
---@param options? {postgresql_not_valid?: boolean}
function Batch.create_check_constraint(name, condition, options) end
---@param name string|nil
---@param columns string[]
---@param options? {}
function Batch.create_primary_key(name, columns, options) end
---@param name string
---@param type_? "foreignkey"|"unique"|"check"|"primary"|"exclude"
---@param options? {type_?: "foreignkey"|"unique"|"check"|"primary"|"exclude", existing?: retort.ExcludeConstraint}
function Batch.drop_constraint(name, type_, options) end

-- op.get_bind(): the connection of the run. Parameters are bound, never pasted: a list {a, b}
-- for ? placeholders or a table {name = v} for :name ones.
---@class retort.Bind
local Bind = {}

---@param sql string
---@param params? any[]|table<string, any>
function Bind:execute(sql, params) end

---@param sql string
---@param params? any[]|table<string, any>
---@return table<string, any>[] rows
function Bind:query(sql, params) end

-- What a script can see of its run.
---@class retort.Context
---@field dialect string the dialect's name, e.g. "sqlite"
---@field is_offline_mode boolean
---@field x table<string, string>
context = {}

---A copy of every -x key=value as a table.
---@return table<string, string>
function context.get_x_argument() end

---The --tag given to upgrade/downgrade, or nil.
---@return string|nil
function context.get_tag_argument() end

-- SQLAlchemy-shaped constructors for columns, types, constraints and tables.
---@class retort.sa
sa = {}

---sa.func.now(), sa.func.current_timestamp(), or any sa.func.name(args...).
---@type table<string, fun(...): retort.FuncCall>
sa.func = {}

---@param name string
---@param type retort.Type|fun(): retort.Type
---@param ... retort.ForeignKey|retort.Constraint|retort.Computed|retort.ColumnOptions
---@return retort.Column
function sa.Column(name, type, ...) end
---A portable boolean server default: true on PostgreSQL, 1 on MySQL and SQLite (sa.true()).
---@return retort.FuncCall
function sa.true_() end
---A portable boolean server default: false on PostgreSQL, 0 on MySQL and SQLite (sa.false()).
---@return retort.FuncCall
function sa.false_() end
---A computed (generated) column's expression, a positional argument of sa.Column.
---@param sqltext retort.Sql
---@param options? {persisted?: boolean}
---@return retort.Computed
function sa.Computed(sqltext, options) end
---A lightweight column for sa.table (op.bulk_insert).
---@param name string
---@param type? retort.Type
---@return retort.Column
function sa.column(name, type) end
---@param target string "table.column" or "schema.table.column"
---@param options? retort.ForeignKeyOptions
---@return retort.ForeignKey
function sa.ForeignKey(target, options) end
---@param columns string[]
---@param targets string[]
---@param options? retort.ForeignKeyOptions
---@return retort.Constraint
function sa.ForeignKeyConstraint(columns, targets, options) end
---@param ... string|{name?: string}
---@return retort.Constraint
function sa.PrimaryKeyConstraint(...) end
---@param ... string|{name?: string}
---@return retort.Constraint
function sa.UniqueConstraint(...) end
---@param sql retort.Sql
---@param options? {name?: string}
---@return retort.Constraint
function sa.CheckConstraint(sql, options) end
---@param name string|nil
---@param ... string|retort.Text|retort.IndexOptions
---@return retort.Index
function sa.Index(name, ...) end
---A model table (models.lua); every sa.Table evaluated is part of the models.
---@param name string
---@param ... retort.TableItem|{schema?: string, comment?: string, renamed_from?: string, mysql_engine?: string, mysql_charset?: string, mysql_collate?: string, mysql_partition_by?: string, mysql_partitions?: integer|string|string[], postgresql_partition_by?: string, partition_of?: string, partition_bound?: string}
---@return retort.Table
function sa.Table(name, ...) end
---A lightweight table shape for op.bulk_insert.
---@param name string
---@param ... retort.Column
---@return retort.Table
function sa.table(name, ...) end
---Raw SQL: for op.execute, defaults, index expressions and conditions.
---@param sql string
---@return retort.Text
function sa.text(sql) end

---@return retort.Type
function sa.Integer() end
---@return retort.Type
function sa.BigInteger() end
---@return retort.Type
function sa.SmallInteger() end
---@param length? integer|{length?: integer}
---@return retort.Type
function sa.String(length) end
---@return retort.Type
function sa.Text() end
---@return retort.Type
function sa.Boolean() end
---@return retort.Type
function sa.Date() end
---@param timezone? boolean|{timezone?: boolean}
---@return retort.Type
function sa.DateTime(timezone) end
---@param timezone? boolean|{timezone?: boolean}
---@return retort.Type
function sa.Time(timezone) end
---@param precision? integer|{precision?: integer, scale?: integer, asdecimal?: boolean}
---@param scale? integer
---@return retort.Type
function sa.Numeric(precision, scale) end
---@param precision? integer|{precision?: integer}
---@return retort.Type
function sa.Float(precision) end
---@return retort.Type
function sa.LargeBinary() end
---@return retort.Type
function sa.JSON() end
---PostgreSQL only: an array of item_type.
---@param item_type retort.Type|fun(): retort.Type
---@param options? {dimensions?: integer}
---@return retort.Type
function sa.ARRAY(item_type, options) end
---PostgreSQL only: INTERVAL.
---@return retort.Type
function sa.Interval() end
---@param options? {as_uuid?: boolean}
---@return retort.Type
function sa.Uuid(options) end
---@param ... string|string[]|{name?: string}
---@return retort.Type
function sa.Enum(...) end
---Any native type name, passed to the DDL unchanged: sa.Type("tsvector").
---@param name string
---@return retort.Type
function sa.Type(name) end
---@param length? integer|{length?: integer}
---@return retort.Type
function sa.Unicode(length) end
---@return retort.Type
function sa.UnicodeText() end
-- The uppercase types name the database type literally: sa.TIMESTAMP() is TIMESTAMP.
---@param length? integer|{length?: integer}
---@return retort.Type
function sa.VARCHAR(length) end
---@param length? integer|{length?: integer}
---@return retort.Type
function sa.CHAR(length) end
---@param length? integer|{length?: integer}
---@return retort.Type
function sa.NVARCHAR(length) end
---@return retort.Type
function sa.TEXT() end
---@return retort.Type
function sa.CLOB() end
---@return retort.Type
function sa.INTEGER() end
---@return retort.Type
function sa.INT() end
---@return retort.Type
function sa.BIGINT() end
---@return retort.Type
function sa.SMALLINT() end
---@return retort.Type
function sa.BOOLEAN() end
---@return retort.Type
function sa.DATE() end
---@param timezone? boolean|{timezone?: boolean}
---@return retort.Type
function sa.DATETIME(timezone) end
---@param timezone? boolean|{timezone?: boolean}
---@return retort.Type
function sa.TIMESTAMP(timezone) end
---@param timezone? boolean|{timezone?: boolean}
---@return retort.Type
function sa.TIME(timezone) end
---@param precision? integer|{precision?: integer, scale?: integer}
---@param scale? integer
---@return retort.Type
function sa.NUMERIC(precision, scale) end
---@param precision? integer|{precision?: integer, scale?: integer}
---@param scale? integer
---@return retort.Type
function sa.DECIMAL(precision, scale) end
---@param precision? integer|{precision?: integer}
---@return retort.Type
function sa.FLOAT(precision) end
---@param precision? integer|{precision?: integer}
---@return retort.Type
function sa.REAL(precision) end
---@param precision? integer|{precision?: integer}
---@return retort.Type
function sa.DOUBLE(precision) end
---@param precision? integer|{precision?: integer}
---@return retort.Type
function sa.DOUBLE_PRECISION(precision) end
---@return retort.Type
function sa.BLOB() end
---@param options? {as_uuid?: boolean}
---@return retort.Type
function sa.UUID(options) end

-- Sort order of an index element: each adds its suffix ("col DESC NULLS LAST").
---@param element string|retort.Text
---@return retort.Text
function sa.desc(element) end
---@param element string|retort.Text
---@return retort.Text
function sa.asc(element) end
---@param element string|retort.Text
---@return retort.Text
function sa.nullsfirst(element) end
---@param element string|retort.Text
---@return retort.Text
function sa.nullslast(element) end

---@class retort.Object                sa.View, sa.MaterializedView, sa.Function, sa.Procedure, sa.Trigger

---A view in the models: `select` is its SELECT.
---@param name string
---@param select string
---@param options? {schema?: string}
---@return retort.Object
function sa.View(name, select, options) end
---A materialized view in the models (PostgreSQL).
---@param name string
---@param select string
---@param options? {schema?: string}
---@return retort.Object
function sa.MaterializedView(name, select, options) end
---A function in the models: the whole CREATE FUNCTION statement.
---@param name string
---@param ddl string
---@param options? {schema?: string}
---@return retort.Object
function sa.Function(name, ddl, options) end
---A procedure in the models: the whole CREATE PROCEDURE statement.
---@param name string
---@param ddl string
---@param options? {schema?: string}
---@return retort.Object
function sa.Procedure(name, ddl, options) end
---A trigger on `table` in the models: the whole CREATE TRIGGER statement.
---@param name string
---@param table string
---@param ddl string
---@param options? {schema?: string}
---@return retort.Object
function sa.Trigger(name, table, ddl, options) end
---An aggregate in the models (PostgreSQL): the whole CREATE AGGREGATE statement.
---@param name string
---@param ddl string
---@param options? {schema?: string}
---@return retort.Object
function sa.Aggregate(name, ddl, options) end
---A sequence in the models, or an op's `existing`; as a column's argument or server_default,
---the column takes nextval('name').
---@param name string
---@param options? retort.SequenceOptions
---@return retort.Sequence
function sa.Sequence(name, options) end
---An identity column, as sa.Column's argument: GENERATED ALWAYS (always = true) or BY DEFAULT AS
---IDENTITY with these sequence options (PostgreSQL); AUTO_INCREMENT on MariaDB and
---INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, which take no options.
---@param options? {always?: boolean, start?: integer, increment?: integer, minvalue?: integer, maxvalue?: integer, cycle?: boolean, cache?: integer}
---@return retort.Identity
function sa.Identity(options) end
---A domain in the models (PostgreSQL); the value is also the type of the columns that use it.
---@param name string
---@param type retort.Type
---@param options? retort.DomainOptions
---@return retort.Domain|retort.Type
function sa.Domain(name, type, options) end
---An extension the models need (PostgreSQL). Declaring any makes the list complete: autogenerate
---then drops the database's other extensions.
---@param name string
---@param options? {schema?: string}
---@return string
function sa.Extension(name, options) end
---An exclusion constraint in a table (PostgreSQL): elements, then { name (required), ... }.
---@param ... retort.ExcludeElement|retort.ExcludeOptions|{name: string}
---@return retort.ExcludeConstraint
function sa.ExcludeConstraint(...) end
)LUA";

}  // namespace

std::string_view luals_definitions() { return kDefinitions; }

}  // namespace retort::lua
