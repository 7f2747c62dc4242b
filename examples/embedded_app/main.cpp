// embedded_app — a program that carries its migrations inside its binary and brings its
// database to head at start-up, as a service would before it starts serving.
//
//   embedded_app [DATABASE_URL]        default: sqlite:///embedded_app.db
//
// The revision scripts and the models of migrations/ are compiled in by
// retort_embed_migrations() (CMakeLists.txt), so nothing is read from disk at run time. After
// the upgrade the program compares the database with the models, as `retort check` does, and
// refuses to go on if they differ. Ctrl-C (or SIGTERM) during a long upgrade stops it between
// statements (RunOptions::should_stop) and the run is rolled back.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <retort/retort.hpp>

#include "app_migrations.hpp"

namespace {

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested = true; }

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2) {
    std::fprintf(stderr, "usage: embedded_app [DATABASE_URL]\n");
    return 2;
  }
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  try {
    retort::Config config = retort::Config::defaults();
    config.url = argc == 2 ? argv[1] : "sqlite:///embedded_app.db";
    config.embedded_scripts = app_migrations();
    config.embedded_models = app_migrations_models();

    retort::Migrator migrator(config);
    retort::RunOptions options;
    options.on_step = [](const retort::StepReport& step) {
      std::printf("migrated %s -> %s (%s)\n", step.from.empty() ? "base" : step.from.c_str(),
                  step.to.c_str(), step.message.c_str());
    };
    options.on_notice = [](const std::string& notice) {
      std::fprintf(stderr, "embedded_app: %s\n", notice.c_str());
    };
    options.should_stop = [] { return stop_requested.load(); };
    retort::RunReport report = migrator.upgrade("head", options);
    std::printf("applied %zu migration(s); database at", report.steps.size());
    for (const auto& rev : migrator.current()) std::printf(" %s", rev.c_str());
    std::printf("\n");

    retort::AutogenerateResult drift = retort::check(config);
    if (!drift.changes.empty()) {
      std::fprintf(stderr, "embedded_app: the database differs from the models:\n");
      for (const auto& change : drift.changes) std::fprintf(stderr, "  %s\n", change.c_str());
      return 1;
    }
    std::printf("schema matches the models (retort %s)\n", RETORT_VERSION);
    return 0;
  } catch (const retort::Error& e) {
    std::fprintf(stderr, "embedded_app: %s\n", e.what());
    return 1;
  }
}
