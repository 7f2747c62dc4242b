// embedded_app — a program that links retort and brings its own database to head at start-up.
//
//   embedded_app PROJECT_DIR
//
// PROJECT_DIR holds retort.toml and the migrations. The program migrates, then reads the
// version table back through the same API and prints it, as an application would before it
// starts serving.
#include <cstdio>
#include <filesystem>
#include <retort/retort.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: embedded_app PROJECT_DIR\n");
    return 2;
  }
  try {
    retort::Config config = retort::Config::load(std::filesystem::path(argv[1]) / "retort.toml");
    retort::Migrator migrator(config);
    retort::RunOptions options;
    options.on_step = [](const retort::StepReport& step) {
      std::printf("migrated %s -> %s (%s)\n", step.from.empty() ? "base" : step.from.c_str(),
                  step.to.c_str(), step.message.c_str());
    };
    retort::RunReport report = migrator.upgrade("head", options);
    std::printf("applied %zu migration(s); database at", report.steps.size());
    for (const auto& rev : migrator.current()) std::printf(" %s", rev.c_str());
    std::printf("\n");
    return 0;
  } catch (const retort::Error& e) {
    std::fprintf(stderr, "embedded_app: %s\n", e.what());
    return 1;
  }
}
