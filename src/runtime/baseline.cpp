// baseline (retort/baseline.hpp): the live schema as a first revision, stamped.
#include "retort/baseline.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "autogen/autogenerate.hpp"
#include "autogen/compare.hpp"
#include "autogen/render.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "runtime/version_table.hpp"
#include "script/script_directory.hpp"

namespace retort {

RevisionInfo baseline(const Config& config, const std::string& message) {
  {
    ScriptDirectory dir = ScriptDirectory::load(config);
    if (!dir.revisions().empty()) {
      throw Error(ErrorKind::Usage,
                  fmt::format("baseline writes a project's first revision, and this project has "
                              "{} already: adopt the database with `retort stamp REV` instead",
                              dir.revisions().size()));
    }
  }
  autogen::LiveDatabase db = autogen::connect_database(config);
  const std::vector<std::string> rows =
      VersionTable(*db.dialect, config.version_table_schema, config.version_table,
                   config.history_table_name())
          .read(*db.connection);
  if (!rows.empty()) {
    throw Error(ErrorKind::Usage,
                fmt::format("the database is already at revision {}: baseline is for a database "
                            "retort has not migrated yet",
                            fmt::join(rows, ", ")));
  }
  MetaData live = autogen::reflect_database(db, config, config.include_schemas);
  if (live.tables.empty()) {
    throw Error(ErrorKind::Usage,
                "the database holds no tables: there is nothing to adopt; start with `retort "
                "revision -m MSG`");
  }
  autogen::CompareOptions co;
  co.version_table = config.version_table;
  co.history_table = config.history_table_name();
  co.include_tables = config.include_tables;
  co.exclude_tables = config.exclude_tables;
  co.compare_comments = db.dialect->keeps_comments();
  autogen::CompareResult r = autogen::compare(MetaData{}, std::move(live), *db.dialect, co);
  db.connection.reset();
  RevisionOptions ro;
  ro.message = message;
  ro.upgrade_body = autogen::render_lua(r.upgrade, r.upgrade_notes);
  ro.downgrade_body = autogen::render_lua(r.downgrade);
  ro.header_comment =
      "Written by `retort baseline` from the schema of the database it was run on, and stamped "
      "there: review it.";
  for (const auto& w : r.warnings) ro.header_comment += "\nWarning: " + w;
  RevisionInfo info = create_revision(config, ro);
  Migrator(config).stamp(info.revision);
  return info;
}

}  // namespace retort
