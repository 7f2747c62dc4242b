// Config::load — reads retort.toml with toml++.
//
// Order of precedence, lowest first: the defaults in Config, [retort], [env.NAME] for the chosen
// environment, $DATABASE_URL (url only), then the caller's overrides (--url). Every table is
// checked for unknown settings, including environments that were not chosen, so a typo in
// [env.prod] is found on a developer's machine and not during a deploy. `${VAR}` is expanded
// only in the values that end up in effect: an unchosen environment may name variables that are
// only set where it runs.
#include "retort/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/file.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

const std::vector<std::string>& known_settings() {
  static const std::vector<std::string> keys = {
      "script_location", "version_locations",  "url",
      "models",          "version_table",      "version_table_schema",
      "history_table",   "on_changed_applied", "transaction_per_migration",
      "script_cache",    "file_template",      "truncate_slug_length",
      "lock_timeout",    "naming_convention",  "include_tables",
      "exclude_tables",  "include_schemas",    "exclude_objects",
  };
  return keys;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// " (did you mean 'script_location'?)" when a known name is close to `name`.
std::string suggestion(const std::string& name, const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = 3;  // more than two edits away is not a typo
  for (const auto& k : known) {
    size_t d = edit_distance(name, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

// Where a setting came from, for messages: the file, the line and the table.
struct Origin {
  std::string file;   // as the caller named it
  std::string table;  // "[retort]", "[env.prod]"
};

std::string at(const Origin& o, const toml::source_region& src) {
  if (src.begin.line == 0) return o.file;
  return o.file + ":" + std::to_string(src.begin.line) + ":" + std::to_string(src.begin.column);
}

[[noreturn]] void fail(const std::string& msg) { throw Error(ErrorKind::Config, msg); }

// Expands ${VAR} from the environment; "$$" is a literal '$'; any other '$' is kept as is.
std::string expand(const std::string& value, const std::string& key, const Origin& o,
                   const toml::source_region& src) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c != '$' || i + 1 == value.size()) {
      out += c;
      continue;
    }
    char next = value[i + 1];
    if (next == '$') {
      out += '$';
      ++i;
    } else if (next == '{') {
      size_t close = value.find('}', i + 2);
      if (close == std::string::npos) {
        fail(at(o, src) + ": unterminated '${' in " + key + " " + o.table +
             ": write ${VAR}, or $$ for a literal '$'");
      }
      std::string name = value.substr(i + 2, close - i - 2);
      if (name.empty()) {
        fail(at(o, src) + ": empty '${}' in " + key + " " + o.table +
             ": write ${VAR}, or $$ for a literal '$'");
      }
      const char* v = std::getenv(name.c_str());
      if (v == nullptr) {
        fail(at(o, src) + ": environment variable " + name + " is not set (used by " + key +
             " in " + o.table + ")");
      }
      out += v;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

// One setting in effect: the node that holds it and where it came from.
struct Setting {
  const toml::node* node = nullptr;
  Origin origin;
};

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date/time";
  }
}

[[noreturn]] void wrong_type(const std::string& key, const Setting& s, const std::string& want) {
  fail(at(s.origin, s.node->source()) + ": " + key + " in " + s.origin.table + " must be " + want +
       ", not " + type_name(*s.node));
}

std::string get_string(const std::string& key, const Setting& s) {
  const auto* v = s.node->as_string();
  if (v == nullptr) wrong_type(key, s, "a string");
  return expand(v->get(), key, s.origin, s.node->source());
}

// Checks a [retort] or [env.NAME] table for unknown settings.
void check_keys(const toml::table& t, const Origin& o) {
  for (const auto& [k, v] : t) {
    std::string name(k.str());
    const auto& known = known_settings();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      fail(at(o, k.source()) + ": unknown setting '" + name + "' in " + o.table +
           suggestion(name, known));
    }
  }
}

void apply_naming_convention(const Setting& s, NamingConvention& nc) {
  const auto* t = s.node->as_table();
  if (t == nullptr) wrong_type("naming_convention", s, "a table (pk, fk, uq, ix, ck)");
  static const std::vector<std::string> kinds = {"pk", "fk", "uq", "ix", "ck"};
  for (const auto& [k, v] : *t) {
    std::string name(k.str());
    if (std::find(kinds.begin(), kinds.end(), name) == kinds.end()) {
      fail(at(s.origin, k.source()) + ": unknown naming_convention key '" + name + "' in " +
           s.origin.table + ": use pk, fk, uq, ix or ck");
    }
    Setting item{&v, s.origin};
    nc.patterns[name] = get_string("naming_convention." + name, item);
  }
}

void apply(const std::string& key, const Setting& s, Config& c) {
  if (key == "script_location") {
    c.script_location = get_string(key, s);
  } else if (key == "version_locations") {
    c.version_locations.clear();
    if (s.node->is_string()) {  // one folder may be written without the brackets
      c.version_locations.emplace_back(get_string(key, s));
    } else if (const auto* arr = s.node->as_array()) {
      for (const auto& item : *arr) {
        Setting element{&item, s.origin};
        if (!item.is_string()) wrong_type(key + " (each element)", element, "a string");
        c.version_locations.emplace_back(get_string(key, element));
      }
    } else {
      wrong_type(key, s, "an array of folders");
    }
  } else if (key == "include_tables" || key == "exclude_tables" || key == "include_schemas" ||
             key == "exclude_objects") {
    std::vector<std::string>& out = key == "include_tables"    ? c.include_tables
                                    : key == "exclude_tables"  ? c.exclude_tables
                                    : key == "exclude_objects" ? c.exclude_objects
                                                               : c.include_schemas;
    out.clear();
    const auto* arr = s.node->as_array();
    if (arr == nullptr) wrong_type(key, s, "an array of strings");
    for (const auto& item : *arr) {
      Setting element{&item, s.origin};
      if (!item.is_string()) wrong_type(key + " (each element)", element, "a string");
      out.emplace_back(get_string(key, element));
    }
  } else if (key == "url") {
    c.url = get_string(key, s);
  } else if (key == "models") {
    c.models = get_string(key, s);
  } else if (key == "version_table") {
    c.version_table = get_string(key, s);
    if (c.version_table.empty()) {
      fail(at(s.origin, s.node->source()) + ": version_table in " + s.origin.table +
           " must not be empty");
    }
  } else if (key == "version_table_schema") {
    c.version_table_schema = get_string(key, s);
  } else if (key == "history_table") {
    c.history_table = get_string(key, s);
    if (c.history_table.empty()) {
      fail(at(s.origin, s.node->source()) + ": history_table in " + s.origin.table +
           " must not be empty");
    }
  } else if (key == "on_changed_applied") {
    const std::string v = get_string(key, s);
    if (v == "error") {
      c.on_changed_applied = Config::ChangedApplied::Error;
    } else if (v == "warn") {
      c.on_changed_applied = Config::ChangedApplied::Warn;
    } else {
      fail(at(s.origin, s.node->source()) + ": on_changed_applied in " + s.origin.table +
           " must be \"error\" or \"warn\", not \"" + v + "\"");
    }
  } else if (key == "transaction_per_migration") {
    const auto* v = s.node->as_boolean();
    if (v == nullptr) wrong_type(key, s, "true or false");
    c.transaction_per_migration = v->get();
  } else if (key == "script_cache") {
    // Earlier versions kept compiled scripts beside them; retort keeps nothing there now. The
    // key is still accepted, so a retort.toml that sets it keeps working.
    if (s.node->as_boolean() == nullptr) wrong_type(key, s, "true or false");
  } else if (key == "file_template") {
    c.file_template = get_string(key, s);
  } else if (key == "truncate_slug_length") {
    const auto* v = s.node->as_integer();
    if (v == nullptr) wrong_type(key, s, "an integer");
    if (v->get() < 1 || v->get() > 255) {
      fail(at(s.origin, s.node->source()) + ": truncate_slug_length in " + s.origin.table +
           " must be between 1 and 255");
    }
    c.truncate_slug_length = static_cast<int>(v->get());
  } else if (key == "lock_timeout") {
    double seconds = 0;
    if (const auto* i = s.node->as_integer()) {
      seconds = static_cast<double>(i->get());
    } else if (const auto* f = s.node->as_floating_point()) {
      seconds = f->get();
    } else {
      wrong_type(key, s, "a number of seconds");
    }
    if (!(seconds >= 0) || seconds > 1e9) {
      fail(at(s.origin, s.node->source()) + ": lock_timeout in " + s.origin.table +
           " must be a number of seconds, 0 or more");
    }
    c.lock_timeout = std::chrono::milliseconds(std::llround(seconds * 1000));
  } else if (key == "naming_convention") {
    apply_naming_convention(s, c.naming_convention);
  }
}

// [post_write_hooks]: hooks = ["fmt"], then fmt.type, fmt.executable, fmt.options, fmt.cwd.
std::vector<PostWriteHook> read_hooks(const toml::table& t, const Origin& o) {
  auto text = [&](const toml::node& n, const std::string& key) {
    const auto* s = n.as_string();
    if (s == nullptr) fail(at(o, n.source()) + ": " + key + " in " + o.table + " must be a string");
    return expand(s->get(), key, o, n.source());
  };
  std::vector<std::string> names;
  if (const toml::node* list = t.get("hooks")) {
    const auto* arr = list->as_array();
    if (arr == nullptr)
      fail(at(o, list->source()) + ": hooks in " + o.table + " must be a list of names");
    for (const auto& n : *arr) names.push_back(text(n, "hooks"));
  }
  for (const auto& [k, v] : t) {
    std::string name(k.str());
    if (name == "hooks") continue;
    if (v.as_table() == nullptr || std::find(names.begin(), names.end(), name) == names.end())
      fail(at(o, k.source()) + ": '" + name + "' in " + o.table +
           " is not a hook listed in hooks = [...]");
  }
  std::vector<PostWriteHook> out;
  for (const auto& name : names) {
    const toml::table* h = t.get_as<toml::table>(name);
    if (h == nullptr)
      fail(o.file + ": hook '" + name + "' in " + o.table + " has no settings: add " + name +
           ".type = \"exec\" and " + name + ".executable = \"...\"");
    PostWriteHook hook;
    hook.name = name;
    for (const auto& [k, v] : *h) {
      std::string key(k.str());
      std::string full = name + "." + key;
      if (key == "type") {
        hook.type = text(v, full);
        if (hook.type != "exec")
          fail(at(o, v.source()) + ": " + full + " = \"" + hook.type +
               "\" is not a hook type retort runs: use \"exec\" (a program and its options)");
      } else if (key == "executable") {
        hook.executable = text(v, full);
      } else if (key == "options") {
        hook.options = text(v, full);
      } else if (key == "cwd") {
        hook.cwd = text(v, full);
      } else {
        fail(at(o, k.source()) + ": unknown setting '" + full + "' in " + o.table +
             " (type, executable, options, cwd)");
      }
    }
    if (hook.executable.empty())
      fail(o.file + ": hook '" + name + "' in " + o.table + " needs " + name +
           ".executable = \"...\"");
    out.push_back(std::move(hook));
  }
  return out;
}

std::string read_whole_file(const std::filesystem::path& path, const std::string& shown) {
  std::optional<std::string> text = read_file(path);
  if (!text) fail("cannot read " + shown + ": check its permissions");
  return std::move(*text);
}

std::string non_empty_env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

}  // namespace

Config Config::load(const std::filesystem::path& file, const ConfigOverrides& overrides) {
  std::filesystem::path path = file;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) path /= "retort.toml";
  std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
  const std::string shown = path.string();
  if (!std::filesystem::exists(absolute, ec)) {
    fail("no retort.toml at " + absolute.string() +
         ": run `retort init migrations` or pass -c FILE");
  }
  std::string text = read_whole_file(absolute, shown);

  toml::table doc;
  try {
    doc = toml::parse(text, shown);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    fail(shown + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": " +
         std::string(e.description()));
  }

  // The layout: [retort], [env.NAME] and [post_write_hooks] tables, nothing else.
  const toml::table* base = nullptr;
  const toml::table* envs = nullptr;
  const toml::table* hooks = nullptr;
  for (const auto& [k, v] : doc) {
    std::string name(k.str());
    Origin top{shown, "the top level"};
    if (name == "retort") {
      base = v.as_table();
      if (base == nullptr) fail(at(top, k.source()) + ": 'retort' must be the table [retort]");
    } else if (name == "post_write_hooks") {
      hooks = v.as_table();
      if (hooks == nullptr)
        fail(at(top, k.source()) + ": 'post_write_hooks' must be the table [post_write_hooks]");
    } else if (name == "env") {
      envs = v.as_table();
      if (envs == nullptr) fail(at(top, k.source()) + ": 'env' must hold tables [env.NAME]");
    } else {
      fail(at(top, k.source()) + ": unknown setting '" + name +
           "' at the top level: settings go under [retort] or [env.NAME]" +
           suggestion(name, known_settings()));
    }
  }
  if (base != nullptr) check_keys(*base, Origin{shown, "[retort]"});
  std::vector<std::string> env_names;
  if (envs != nullptr) {
    for (const auto& [k, v] : *envs) {
      std::string name(k.str());
      Origin o{shown, "[env." + name + "]"};
      const auto* t = v.as_table();
      if (t == nullptr)
        fail(at(o, k.source()) + ": env." + name + " must be a table [env." + name + "]");
      check_keys(*t, o);
      env_names.push_back(name);
    }
  }

  std::string env_name = overrides.env.value_or("");
  if (!overrides.env) env_name = non_empty_env("RETORT_ENV");
  const toml::table* env = nullptr;
  if (!env_name.empty()) {
    env = envs != nullptr ? (*envs)[env_name].as_table() : nullptr;
    if (env == nullptr) {
      std::string list;
      for (const auto& n : env_names) list += (list.empty() ? "" : ", ") + n;
      fail("no [env." + env_name + "] in " + shown + " (" +
           (list.empty() ? std::string("no environments defined") : "environments: " + list) + ")");
    }
  }

  Config c;
  c.file = absolute;
  c.root = absolute.parent_path();
  c.env = env_name;
  c.x = overrides.x;

  // [retort] first, then the environment on top. naming_convention merges key by key (defaults,
  // then [retort], then the environment); every other setting is replaced whole, and only the
  // value in effect is expanded, so an overridden ${VAR} need not be set.
  std::map<std::string, Setting> effective;
  std::vector<Setting> naming;
  for (const toml::table* t : {base, env}) {
    if (t == nullptr) continue;
    Origin o{shown, t == base ? "[retort]" : "[env." + env_name + "]"};
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      if (key == "naming_convention") {
        naming.push_back(Setting{&v, o});
      } else {
        effective[key] = Setting{&v, o};
      }
    }
  }
  std::string database_url = non_empty_env("DATABASE_URL");
  if (overrides.url || !database_url.empty()) effective.erase("url");
  for (const auto& [key, setting] : effective) apply(key, setting, c);
  for (const auto& setting : naming) apply("naming_convention", setting, c);
  if (hooks != nullptr) c.post_write_hooks = read_hooks(*hooks, Origin{shown, "[post_write_hooks]"});
  if (!database_url.empty()) c.url = database_url;
  if (overrides.url) c.url = *overrides.url;
  return c;
}

}  // namespace retort
