// Running a script or a models file in tests: the runner takes a script as {name, text}, and
// these read the text (or take it) and pass the same name messages will show.
#pragma once

#include <filesystem>
#include <string>

#include "lua/script_runner.hpp"
#include "support/test_env.hpp"

namespace retort::test {

inline void run_source(ScriptRunner& runner, const std::string& name, const std::string& source,
                       const std::string& function_name, OperationSink& sink,
                       const ScriptContext& context) {
  runner.run({name, source}, function_name, sink, context);
}

inline void run_file(ScriptRunner& runner, const std::filesystem::path& file,
                     const std::string& function_name, OperationSink& sink,
                     const ScriptContext& context) {
  runner.run({file.string(), read_file(file)}, function_name, sink, context);
}

inline MetaData load_models(ScriptRunner& runner, const std::filesystem::path& file,
                            const ScriptContext& context) {
  return runner.load_models({file.string(), read_file(file)}, context);
}

}  // namespace retort::test
