#include "runtime/sinks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cctype>

#include "dialect/dialect_extras.hpp"
#include "dialect/generic_types.hpp"
#include "ops/apply.hpp"
#include "retort/error.hpp"
#include "runtime/journal.hpp"

namespace retort {
namespace {

// Integer widths in bytes; 0 for non-integers.
int integer_width(const Type& t) {
  switch (t.kind) {
    case TypeKind::SmallInteger:
      return 2;
    case TypeKind::Integer:
      return 4;
    case TypeKind::BigInteger:
      return 8;
    default:
      return 0;
  }
}

// True when values of `from` may not fit `to`: the conversions the data-loss guard refuses on
// a column that holds data. Unknown combinations (native types) are not judged.
// A character set by its usual name (utf8 is utf8mb3), lower case.
std::string charset_key(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "utf8" ? "utf8mb3" : s;
}

bool narrows(const Type& from, const Type& to) {
  if (from == to) return false;
  // A character set change (MySQL) may turn a character the new set lacks into '?': the
  // dialect's lossy_value_condition asks the data which values would not come back the same.
  if (!from.mysql_charset.empty() && !to.mysql_charset.empty() &&
      charset_key(from.mysql_charset) != charset_key(to.mysql_charset))
    return true;
  int wf = integer_width(from), wt = integer_width(to);
  if (wf && wt) return wt < wf;
  if (from.kind == TypeKind::String && to.kind == TypeKind::String) {
    if (!to.length) return false;
    return !from.length || *to.length < *from.length;
  }
  if (from.kind == TypeKind::Text && to.kind == TypeKind::String) return true;
  if (from.kind == TypeKind::Numeric && to.kind == TypeKind::Numeric) {
    return (to.precision && (!from.precision || *to.precision < *from.precision)) ||
           (to.scale && from.scale && *to.scale < *from.scale);
  }
  if (from.kind == TypeKind::Enum && to.kind == TypeKind::Enum) {
    // Adding or reordering values keeps every stored value; removing one may not.
    for (const auto& v : from.enum_values)
      if (std::find(to.enum_values.begin(), to.enum_values.end(), v) == to.enum_values.end())
        return true;
    return false;
  }
  if (from.kind == TypeKind::Native || to.kind == TypeKind::Native) return false;
  if (to.kind == TypeKind::Text || to.kind == TypeKind::String) return false;  // anything to text
  if (from.kind == TypeKind::Boolean && wt) return false;
  if (from.kind == TypeKind::Date && to.kind == TypeKind::DateTime) return false;
  if (wf && (to.kind == TypeKind::Numeric || to.kind == TypeKind::Float)) return false;
  return true;  // e.g. text to integer, datetime to date, float to integer
}

// The type for a message, with its character set where it has one (MySQL).
std::string shown_type(const Type& t) {
  std::string s = generic_type_sql(t);
  if (!t.mysql_charset.empty()) s += " CHARACTER SET " + t.mysql_charset;
  return s;
}

std::string table_name(const ops::TableRef& t) {
  return t.schema.empty() ? t.name : t.schema + "." + t.name;
}

void add_batch_part(std::vector<DestructiveCheck>& out, const ops::TableRef& table,
                    const ops::BatchOp& op, SchemaView* schema) {
  if (const auto* d = std::get_if<ops::DropColumn>(&op)) {
    // if_exists on a column that is not there: nothing to drop, nothing to ask.
    if (d->if_exists && schema) {
      auto t = schema->table(table.schema, table.name);
      if (!t || !t->find_column(d->column)) return;
    }
    // A computed column holds no data of its own (the database computes it from the others):
    // dropping it loses nothing. The schema says so, else the op's existing column.
    std::optional<bool> computed;
    if (schema) {
      if (auto t = schema->table(table.schema, table.name))
        if (const Column* c = t->find_column(d->column)) computed = c->computed.has_value();
    }
    if (!computed) computed = d->existing && d->existing->computed;
    if (*computed) return;
    out.push_back({table, d->column, "drop_column " + table_name(table) + "." + d->column,
                   d->allow_data_loss});
  } else if (const auto* a = std::get_if<ops::AlterColumn>(&op)) {
    if (!a->type) return;
    std::optional<Type> existing = a->existing_type;
    std::optional<Table> current;
    if (schema && (!existing || narrows(*existing, *a->type)))
      current = schema->table(table.schema, table.name);
    if (!existing && current) {
      if (const Column* c = current->find_column(a->column)) existing = c->type;
    }
    if (existing && narrows(*existing, *a->type)) {
      DestructiveCheck part{
          table, a->column,
          "alter_column " + table_name(table) + "." + a->column + " (narrowing type)",
          a->allow_data_loss};
      part.from = existing;
      part.to = a->type;
      // Asked only about a column the database has now (not one the same batch adds).
      if (current && current->find_column(a->column)) {
        if (current->primary_key) part.key = current->primary_key->columns;
        if (part.key.empty())
          for (const auto& c : current->columns)
            if (c.primary_key) part.key.push_back(c.name);
        if (part.key.empty()) part.key.push_back(a->column);
      }
      out.push_back(std::move(part));
    }
  }
}

}  // namespace

std::optional<Table> TrackedSchema::table(const std::string& schema, const std::string& name) {
  if (const Table* t = model.find_table(schema, name)) return *t;
  return std::nullopt;
}

void DeferredConnection::execute(const std::string& sql, const std::vector<Value>& params) {
  pending_.push_back(Statement{sql, params, true});
}

void DeferredConnection::execute(Statement s) { pending_.push_back(std::move(s)); }

Connection& DeferredConnection::inner() {
  if (!inner_) {
    inner_ = open_();
    if (!inner_)
      throw Error(ErrorKind::Database, "the offline scratch database could not be opened");
  }
  return *inner_;
}

ResultSet DeferredConnection::query(const std::string& sql, const std::vector<Value>& params) {
  flush();
  return inner().query(sql, params);
}

void DeferredConnection::begin() {
  flush();
  inner().begin();
}

void DeferredConnection::commit() {
  flush();
  inner().commit();
}

void DeferredConnection::rollback() {
  pending_.clear();  // never throws: what was not run is simply dropped
  if (inner_) inner_->rollback();
}

bool DeferredConnection::in_transaction() const { return inner_ && inner_->in_transaction(); }

void DeferredConnection::flush() {
  std::vector<Statement> batch;
  batch.swap(pending_);
  if (batch.empty()) return;
  Connection& c = inner();
  for (const auto& s : batch) c.execute(s.sql, s.params);
}

std::vector<DestructiveCheck> destructive_parts(const ops::Op& op, SchemaView* schema) {
  std::vector<DestructiveCheck> out;
  if (const auto* d = std::get_if<ops::DropTable>(&op)) {
    if (d->if_exists && schema && !schema->table(d->table.schema, d->table.name)) return out;
    out.push_back({d->table, "", "drop_table " + table_name(d->table), d->allow_data_loss});
  } else if (const auto* c = std::get_if<ops::DropColumn>(&op)) {
    add_batch_part(out, c->table, *c, schema);
  } else if (const auto* a = std::get_if<ops::AlterColumn>(&op)) {
    add_batch_part(out, a->table, *a, schema);
  } else if (const auto* b = std::get_if<ops::BatchAlterTable>(&op)) {
    for (const auto& part : b->ops) add_batch_part(out, b->table, part, schema);
  }
  return out;
}

void execute_statement(Connection& conn, const Statement& s) {
  if (!s.transactional && conn.in_transaction()) {
    // CREATE INDEX CONCURRENTLY and friends: commit what came before, run it alone, go on in a
    // new transaction (as Alembic's autocommit_block does).
    conn.commit();
    conn.execute(s.sql, s.params);
    conn.begin();
    return;
  }
  conn.execute(s.sql, s.params);
}

OnlineSink::OnlineSink(const Dialect& dialect, Connection& conn, SchemaView& schema,
                       bool allow_data_loss, std::string script, std::function<bool()> should_stop)
    : dialect_(dialect),
      conn_(conn),
      schema_(schema),
      allow_data_loss_(allow_data_loss),
      script_(std::move(script)),
      should_stop_(std::move(should_stop)) {}

void OnlineSink::emit(ops::Op op) { pending_.push_back(std::move(op)); }

Connection& OnlineSink::bind() {
  flush();
  if (journal_) journal_->bound();
  bound_ = true;
  // The script now runs its own SQL, which may change the schema behind the view's back.
  // Forgotten after the flush, not before: the flush's compiles may learn what that SQL undoes.
  schema_.forget();
  return conn_;
}

void OnlineSink::guard_sql(const ops::TableRef& table, const std::string& column,
                           const std::string& statement) {
  DestructiveCheck part{table, column, statement, false, true};
  sql_parts_.push_back(std::move(part));
}

namespace {

Error data_loss(const std::string& script, const DestructiveCheck& part) {
  if (part.sql) {
    return Error(ErrorKind::DataLoss,
                 fmt::format("{}: {} would destroy data ({} {} holds {}). Put a "
                             "`-- retort:allow-data-loss` line before the statement, or run "
                             "with --allow-data-loss",
                             script, part.what, part.column.empty() ? "table" : "column",
                             part.column.empty() ? table_name(part.table)
                                                 : table_name(part.table) + "." + part.column,
                             part.column.empty() ? "rows" : "non-NULL values"));
  }
  return Error(ErrorKind::DataLoss,
               fmt::format("{}: {} would destroy data ({} holds {}). Add "
                           "{{ allow_data_loss = true }} to the op, or run with "
                           "--allow-data-loss",
                           script, part.what, part.column.empty() ? "the table" : "the column",
                           part.column.empty() ? "rows" : "non-NULL values"));
}

}  // namespace

bool OnlineSink::check_values(const DestructiveCheck& part) {
  if (!part.from || !part.to || part.key.empty()) return false;
  const auto sql = dialect_extras(dialect_).lossy_values_query(dialect_, part.table, part.column,
                                                               part.key, *part.from, *part.to);
  if (!sql) return false;
  const ResultSet r = conn_.query(*sql);
  if (r.rows.empty()) return true;
  const auto& row = r.rows.front();
  std::string example;
  for (size_t i = 0; i < part.key.size() && i + 1 < row.size(); ++i) {
    if (i) example += ", ";
    example += part.key[i] + " = " + dialect_.literal(row[i + 1]);
  }
  const Value& count = row.front();
  const long long lost = std::holds_alternative<std::int64_t>(count) ? std::get<std::int64_t>(count)
                         : std::holds_alternative<std::string>(count)
                             ? std::stoll(std::get<std::string>(count))
                             : static_cast<long long>(std::get<double>(count));
  throw Error(
      ErrorKind::DataLoss,
      fmt::format("{}: alter_column {}.{} from {} to {} would cut, round, reject or "
                  "convert the value of {} row{} (e.g. {}). Fix those rows first, add "
                  "{{ allow_data_loss = true }} to the op, or run with --allow-data-loss",
                  script_, table_name(part.table), part.column, shown_type(*part.from),
                  shown_type(*part.to), lost, lost == 1 ? "" : "s", example));
}

// Dropping a partition drops its rows: refused when one of them holds a row.
void OnlineSink::check_partitions(const ops::AlterTableOptions& op) {
  const DialectExtras& extras = dialect_extras(dialect_);
  const std::vector<std::string> dropped = extras.dropped_partitions(op, schema_);
  if (dropped.empty()) return;
  const std::string sql = extras.partition_rows_query(dialect_, op.table, dropped);
  if (sql.empty()) return;
  const ResultSet r = conn_.query(sql);
  if (r.rows.empty() || r.rows.front().empty()) return;
  const Value& name = r.rows.front().front();
  throw Error(ErrorKind::DataLoss,
              fmt::format("{}: alter_table_options {} would destroy data (partition {} holds "
                          "rows). Add {{ allow_data_loss = true }} to the op, or run with "
                          "--allow-data-loss",
                          script_, table_name(op.table),
                          std::holds_alternative<std::string>(name) ? std::get<std::string>(name)
                                                                    : dropped.front()));
}

void OnlineSink::flush() {
  std::vector<ops::Op> batch;
  batch.swap(pending_);
  std::vector<DestructiveCheck> parts;
  std::vector<DestructiveCheck> sql_parts;
  sql_parts.swap(sql_parts_);
  if (!allow_data_loss_) {
    for (const auto& op : batch)
      if (const auto* t = std::get_if<ops::AlterTableOptions>(&op); t && !t->allow_data_loss)
        check_partitions(*t);
    for (auto& part : sql_parts) parts.push_back(std::move(part));
    for (const auto& op : batch) {
      for (auto& part : destructive_parts(op, &schema_))
        if (!part.allowed && !check_values(part)) parts.push_back(std::move(part));
    }
  }
  // The guard goes ahead of everything the batch runs: as a statement sent in the same round
  // trip as the DDL where the dialect has one (MariaDB), else as one question for the whole
  // batch whose answer comes first (on PostgreSQL, round trips per part cost more than the
  // drops themselves). Either way a refusal leaves nothing of the batch applied.
  bool guard_ahead = false;
  if (!parts.empty()) {
    std::vector<DataProbe> probes;
    probes.reserve(parts.size());
    for (const auto& part : parts) probes.push_back({part.table, part.column});
    if (auto guard = dialect_.guard_statement(conn_, probes)) {
      conn_.defer(*guard);
      guard_ahead = true;
    } else {
      const std::vector<std::optional<bool>> data = dialect_.holds_data(conn_, probes);
      assert(data.size() == parts.size());
      for (size_t i = 0; i < parts.size(); ++i)
        if (data[i].value_or(false)) throw data_loss(script_, parts[i]);
    }
  }
  // retort's own DDL may wait and go with the rest of the batch in one round trip (MySQL,
  // PostgreSQL); the script's own SQL (op.execute, bulk inserts) runs as written, after what
  // waits before it.
  // With a journal at the step's end: the ops from `tail_from` on are data only (no DDL after
  // them), so they can commit with the version table's update.
  const DialectExtras& extras = dialect_extras(dialect_);
  size_t tail_from = batch.size();
  if (journal_ && final_) {
    tail_from = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto* ex = std::get_if<ops::Execute>(&batch[i]);
      const bool data = std::holds_alternative<ops::BulkInsert>(batch[i]) ||
                        (ex && !extras.commits_implicitly(ex->sql));
      if (!data) tail_from = i + 1;
    }
  }
  try {
    for (size_t i = 0; i < batch.size(); ++i) {
      const ops::Op& op = batch[i];
      if (should_stop_ && should_stop_()) throw RunCancelled(false);
      const bool own =
          !std::holds_alternative<ops::Execute>(op) && !std::holds_alternative<ops::BulkInsert>(op);
      for (const auto& s : dialect_.compile(op, schema_)) {
        if (journal_) {
          if (journal_->skip(s)) continue;  // applied by the run this one resumes
          const bool data = !extras.commits_implicitly(s.sql);
          journal_->run(s, data, data && i >= tail_from);
          ++statements_run_;
          continue;
        }
        const bool stepping_out = step_out_ && !s.transactional && conn_.in_transaction();
        if (stepping_out) {
          // Everything before it is committed now: the earlier steps, recorded, and what this
          // step ran so far.
          if (!step_out_->happened) step_out_->statement = s.sql;
          step_out_->happened = true;
          step_out_->in_step = true;
          step_out_->committed = ran_;
        }
        if (step_out_) ran_.push_back(s.sql);
        if (own && s.params.empty() && s.transactional)
          conn_.defer(s.sql);
        else
          execute_statement(conn_, s);
        if (stepping_out) step_out_->committed.push_back(s.sql);  // ran outside a transaction
        ++statements_run_;
      }
    }
    conn_.send_deferred();
  } catch (const Error& e) {
    if (guard_ahead) {
      if (auto i = dialect_.refused_probe(conn_, e); i && *i < parts.size())
        throw data_loss(script_, parts[*i]);
    }
    throw;
  }
}

void OnlineSink::flush_final() {
  final_ = true;
  flush();
  final_ = false;
}

OfflineSink::OfflineSink(const Dialect& dialect, std::ostream& out, SchemaView& schema,
                         DeferredConnection* scratch, TrackedSchema* tracked, bool print,
                         bool in_transaction)
    : dialect_(dialect),
      out_(out),
      schema_(schema),
      scratch_(scratch),
      tracked_(tracked),
      print_(print),
      in_transaction_(in_transaction) {}

void OfflineSink::emit(ops::Op op) {
  std::string text;
  if (print_) {
    for (const auto& part : destructive_parts(op, &schema_)) {
      if (part.allowed) continue;
      text += "-- WARNING: " + part.what +
              " destroys data if there is any; offline mode cannot check. Review before "
              "running.\n";
    }
    if (const auto* t = std::get_if<ops::AlterTableOptions>(&op); t && !t->allow_data_loss) {
      for (const auto& p : dialect_extras(dialect_).dropped_partitions(*t, schema_))
        text += "-- WARNING: alter_table_options " + table_name(t->table) + " drops partition " +
                p +
                ", and its rows if there are any; offline mode cannot check. Review before "
                "running.\n";
    }
  }
  std::vector<Statement> statements = dialect_.compile(op, schema_);
  if (print_) {
    for (const auto& s : statements) {
      const bool step_out = in_transaction_ && !s.transactional;
      if (step_out)
        text +=
            "-- cannot run inside a transaction: what came before is committed first\nCOMMIT;\n\n";
      render_offline_to(text, dialect_, s);
      text += "\n\n";
      if (step_out) text += "BEGIN;\n\n";
    }
    out_ << text;
  }
  if (scratch_) {
    for (auto& s : statements) scratch_->execute(std::move(s));
  }
  if (tracked_) ops::apply(tracked_->model, op);
}

namespace {

// What op.get_bind() gives a script replayed before an offline range (A:B --sql): the replay
// only learns the schema the range starts from, and a data migration's statements are no part
// of it nor of the output. Statements do nothing; queries return no rows.
class ReplayConnection : public Connection {
 public:
  void execute(const std::string&, const std::vector<Value>&) override {}
  ResultSet query(const std::string&, const std::vector<Value>&) override { return {}; }
  void begin() override {}
  void commit() override {}
  void rollback() override {}
  bool in_transaction() const override { return false; }
};

}  // namespace
void OfflineSink::guard_sql(const ops::TableRef& table, const std::string& column,
                            const std::string& statement) {
  // One warning per statement, which may drop several tables and announces an unquoted name in
  // two spellings.
  if (!print_ || statement == last_warned_) return;
  last_warned_ = statement;
  out_ << "-- WARNING: " << statement
       << " destroys data if there is any; offline mode cannot check. Review before running.\n";
}

Connection& OfflineSink::bind() {
  if (!print_) {
    static ReplayConnection replay;
    return replay;
  }
  throw Error(ErrorKind::Script,
              "op.get_bind() is not available with --sql (no database is connected): put SQL "
              "for the script output in op.execute(), or skip the data work offline with `if "
              "not context.is_offline_mode then ... end`");
}

std::string render_offline(const Dialect& dialect, const Statement& s) {
  std::string out;
  render_offline_to(out, dialect, s);
  return out;
}

void render_offline_to(std::string& to, const Dialect& dialect, const Statement& s) {
  const std::string& sql = s.sql;
  if (!s.offline_delimiter.empty() && s.params.empty() && sql.find(';') != std::string::npos) {
    to += "DELIMITER " + s.offline_delimiter + "\n" + sql + s.offline_delimiter + "\nDELIMITER ;";
    return;
  }
  if (s.params.empty()) {
    to += sql;  // DDL: the text as it is (copying it twice was 3 % of an --sql run)
    to += ';';
    return;
  }
  // Replace placeholders outside quoted text with literals. `$n` placeholders are numbered;
  // `?` placeholders are positional. Text between them is copied a run at a time.
  auto special = [](char c) { return c == '\'' || c == '"' || c == '`' || c == '?' || c == '$'; };
  size_t next = 0;
  size_t i = 0;
  while (i < sql.size()) {
    size_t j = i;
    while (j < sql.size() && !special(sql[j])) ++j;
    to.append(sql, i, j - i);
    if (j == sql.size()) break;
    const char c = sql[j];
    i = j + 1;
    if (c == '\'' || c == '"' || c == '`') {
      // Quoted text, up to the next quote of the same kind, as it is.
      const size_t close = sql.find(c, i);
      const size_t end = close == std::string::npos ? sql.size() : close + 1;
      to.append(sql, j, end - j);
      i = end;
    } else if (c == '?' && next < s.params.size()) {
      to += dialect.literal(s.params[next++]);
    } else if (c == '$' && i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) {
      size_t k = i;
      size_t n = 0;
      while (k < sql.size() && std::isdigit(static_cast<unsigned char>(sql[k])))
        n = n * 10 + (sql[k++] - '0');
      if (n >= 1 && n <= s.params.size()) {
        to += dialect.literal(s.params[n - 1]);
        i = k;
      } else {
        to += c;
      }
    } else {
      to += c;
    }
  }
  to += ';';
}

}  // namespace retort
