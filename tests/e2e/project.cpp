#include "e2e/project.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include "retort/error.hpp"

namespace retort::test {

std::string value_text(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "1" : "0";
  return std::get<std::string>(v);
}

Project::Project(const std::string& dialect, const std::string& hint) : dialect_(dialect) {
  if (dialect == "sqlite") {
    url_ = "sqlite:///app.db";
  } else if (dialect == "postgresql") {
    url_ = fresh_pg_database(hint);
  } else {
    url_ = fresh_mysql_database(hint);
  }
}

Project::~Project() = default;

void Project::write_config(const std::string& extra) {
  write_file(dir() / "retort.toml",
             "[retort]\nscript_location = \"migrations\"\nurl = \"" + url_ + "\"\n" + extra);
  std::filesystem::create_directories(dir() / "migrations" / "versions");
}

std::filesystem::path Project::write_revision(const std::string& rev, const std::string& down,
                                              const std::string& message,
                                              const std::string& upgrade,
                                              const std::string& downgrade) {
  std::string slug;
  for (char c : message) slug += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  auto path = dir() / "migrations" / "versions" / (rev + "_" + slug + ".lua");
  std::string down_lua = down.empty() ? "nil" : (down[0] == '{' ? down : "\"" + down + "\"");
  write_file(path, "--- " + message + "\n--\n-- Revision ID: " + rev + "\n-- Revises: " + down +
                       "\n-- Create Date: 2026-11-24 10:00:00\n\nrevision = \"" + rev +
                       "\"\ndown_revision = " + down_lua +
                       "\nbranch_labels = nil\ndepends_on = nil\n\nfunction upgrade()\n" + upgrade +
                       "\nend\n\nfunction downgrade()\n" + downgrade + "\nend\n");
  return path;
}

CommandResult Project::shell(const std::string& command) const {
  auto out = dir() / ".stdout";
  auto err = dir() / ".stderr";
  std::string cmd = "cd '" + dir().string() + "' && (" + command + ") </dev/null >'" +
                    out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

CommandResult Project::retort(const std::string& args, const std::string& env) const {
  return shell(env + (env.empty() ? "" : " ") + "'" + std::string(RETORT_BIN) + "' " + args);
}

Connection& Project::db() {
  if (!conn_) {
    Url u = Url::parse(url_);
    if (u.scheme == "sqlite") u.database = (dir() / u.database).string();
    conn_ = find_dialect(u.scheme).connect(u);
  }
  return *conn_;
}

void Project::reconnect() { conn_.reset(); }

std::vector<std::string> Project::columns(const std::string& table) {
  ResultSet rs;
  if (dialect_ == "sqlite") {
    rs = db().query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {Value(table)});
  } else if (dialect_ == "postgresql") {
    rs = db().query(
        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = $1 ORDER BY ordinal_position",
        {Value(table)});
  } else {
    rs = db().query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND "
        "table_name = ? ORDER BY ordinal_position",
        {Value(table)});
  }
  std::vector<std::string> out;
  for (const auto& r : rs.rows) out.push_back(value_text(r[0]));
  return out;
}

bool Project::has_table(const std::string& table) { return !columns(table).empty(); }

std::vector<std::string> Project::version_rows() {
  if (!has_table("retort_version")) return {};
  ResultSet rs = db().query("SELECT version_num FROM retort_version ORDER BY version_num");
  std::vector<std::string> out;
  for (const auto& r : rs.rows) out.push_back(value_text(r[0]));
  return out;
}

long Project::count(const std::string& table) {
  return std::stol(scalar("SELECT COUNT(*) FROM " + table));
}

std::string Project::scalar(const std::string& sql) {
  ResultSet rs = db().query(sql);
  if (rs.rows.empty() || rs.rows[0].empty()) return "";
  return value_text(rs.rows[0][0]);
}

long Project::scratch_databases_left() {
  if (dialect_ == "sqlite") return 0;
  // retort_scratch_<8 hex>_<database>, the database cut to fit 63 bytes (src/dialect/scratch.cpp).
  const std::string database = Url::parse(url_).database;
  const std::string suffix = database.substr(0, 63 - 24);
  const std::string sql =
      dialect_ == "postgresql"
          ? "SELECT datname FROM pg_database WHERE datname LIKE 'retort\\_scratch\\_%'"
          : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE "
            "'retort\\_scratch\\_%'";
  long n = 0;
  for (const auto& row : db().query(sql).rows) {
    const std::string name = value_text(row[0]);
    if (name.size() == 24 + suffix.size() && name.compare(24, std::string::npos, suffix) == 0) ++n;
  }
  return n;
}

}  // namespace retort::test
