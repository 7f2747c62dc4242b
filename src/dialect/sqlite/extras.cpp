// SQLite's DialectExtras (dialect/dialect_extras.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "dialect/dialect_extras.hpp"
#include "dialect/url.hpp"

namespace retort {
namespace {

// SQLite keeps whatever a column is given (type affinity converts what it can and keeps the
// rest), so the guard asks what the declared type promises.
class SqliteExtras : public DialectExtras {
 public:
  std::string char_length_sql(const std::string& col) const override {
    return "length(" + col + ")";
  }
  // Text that does not read back as the same integer.
  std::optional<std::string> lossy_text_to_integer(const std::string& col, long long lo,
                                                   long long hi) const override {
    return fmt::format(
        "(CAST(CAST({} AS INTEGER) AS TEXT) IS NOT {} OR CAST({} AS INTEGER) NOT BETWEEN {} AND "
        "{})",
        col, col, col, lo, hi);
  }
  // NUMERIC values are held as integers or floats already: only what is neither changes.
  std::optional<std::string> lossy_value_condition(const Dialect& d, const std::string& col,
                                                   const Type& from,
                                                   const Type& to) const override {
    if (from.kind == TypeKind::Numeric && to.kind == TypeKind::Float)
      return "typeof(" + col + ") NOT IN ('integer', 'real')";
    return DialectExtras::lossy_value_condition(d, col, from, to);
  }

  // In memory (the absolute name /retort_scratch_... is only a name: no file is made), shared
  // between the sessions of this process that open the same name (the Migrator's and the reflecting
  // one): sqlite.org/inmemorydb.html. `keeper` holds it open; it is gone with the last session, so
  // drop() has nothing to do.
  Scratch create_scratch(const Dialect& d, const std::string&, Connection*,
                         const std::string& name) const override {
    Scratch s;
    s.url = "sqlite:////" + name + "?mode=memory&cache=shared";
    s.keeper = d.connect(Url::parse(s.url));
    s.drop = [] {};
    return s;
  }
  bool scratch_needs_server() const override { return false; }

  // sqlite_master holds each object's CREATE statement as it stands: the same rows, the same
  // schema. (Different rows may still be the same schema; the caller then reflects.)
  std::optional<std::string> schema_digest(
      Connection& conn, const std::vector<std::string>& skip_tables) const override {
    std::string out;
    conn.each_row("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", {},
                  [&](const std::vector<Value>& row) {
                    const auto* table = std::get_if<std::string>(&row[2]);
                    if (table && std::find(skip_tables.begin(), skip_tables.end(), *table) !=
                                     skip_tables.end())
                      return;
                    for (const auto& v : row) {
                      if (const auto* text = std::get_if<std::string>(&v)) out += *text;
                      out += '\x1f';
                    }
                    out += '\x1e';
                  });
    return out;
  }
};

}  // namespace

const DialectExtras& sqlite_extras() {
  static const SqliteExtras extras;
  return extras;
}

}  // namespace retort
