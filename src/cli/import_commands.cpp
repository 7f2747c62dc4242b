// import-alembic: the report of what was imported, as text or --json.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "importer/alembic_import.hpp"

namespace retort::cli {

int cmd_import_alembic(const GlobalOptions& g, const ImportAlembicArgs& a, Streams io) {
  AlembicImportOptions options;
  options.source = a.path;
  options.project_dir = std::filesystem::current_path();
  options.directory = a.directory;
  options.constraint_names = a.constraint_names;
  AlembicImport imp = import_alembic(options);
  const size_t total = imp.revisions.size();
  const size_t done = imp.translated();
  const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  if (g.json) {
    nlohmann::ordered_json out;
    out["source"] = imp.source_config;
    out["config"] = imp.config_written;
    out["script_location"] = imp.script_location;
    out["version_table"] = imp.version_table;
    out["version_table_schema"] = nullptr;
    if (!imp.version_table_schema.empty()) out["version_table_schema"] = imp.version_table_schema;
    out["notes"] = imp.notes;
    out["revisions"] = nlohmann::ordered_json::array();
    for (const auto& r : imp.revisions) {
      out["revisions"].push_back({{"revision", r.revision},
                                  {"source", r.source},
                                  {"file", r.file},
                                  {"message", r.message},
                                  {"translated", r.translated()},
                                  {"hand_work", r.hand_work},
                                  {"notes", r.notes}});
    }
    out["total"] = total;
    out["translated"] = done;
    out["fraction"] = fraction;
    io.out << out.dump(2) << '\n';
    return 0;
  }
  if (g.quiet) return 0;
  io.out << "Importing Alembic project " << imp.source_config << "\n";
  io.out << "Generating " << imp.config_written << " ... done\n";
  io.out << "Generating " << total << " revisions in " << imp.script_location << " ... done\n";
  for (const auto& n : imp.notes) io.out << "note: " << n << "\n";
  io.out << "\n";
  for (const auto& r : imp.revisions) {
    if (r.translated()) {
      io.out << fmt::format("  {}  translated          {}\n", r.revision, r.message);
    } else {
      io.out << fmt::format("  {}  needs hand work     {}\n", r.revision, r.message);
      for (const auto& h : r.hand_work) io.out << "      - " << h << "\n";
    }
    if (g.verbose)
      for (const auto& n : r.notes) io.out << "      note: " << n << "\n";
  }
  io.out << fmt::format("\n{} of {} revisions translated ({:.0f} %)", done, total,
                        fraction * 100.0);
  if (done < total) {
    io.out << fmt::format(
        "; {} {} hand work: in each, edit the blocks marked `>>> import-alembic` and delete "
        "the error(...) line at the top of the function",
        total - done, total - done == 1 ? "needs" : "need");
  }
  io.out << ".\n";
  return 0;
}

}  // namespace retort::cli
