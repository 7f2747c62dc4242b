// Configuration loading, children of revisions and the password guard (see command_support.hpp).
#include "cli/command_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "cli/output.hpp"
#include "dialect/url.hpp"
#include "retort/error.hpp"

namespace retort::cli {
namespace {

// The URL of the last configuration loaded, so scrub_password can hide its password in any
// message, even one thrown after the Config object is gone.
std::string& loaded_url() {
  static std::string url;
  return url;
}

}  // namespace

Config load_config(const GlobalOptions& g) {
  ConfigOverrides o;
  o.env = g.env;
  o.url = g.url;
  for (const auto& kv : g.x) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ErrorKind::Usage, "-x expects key=value, got '" + kv + "'");
    }
    o.x[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  Config c = Config::load(g.config_path, o);
  loaded_url() = c.url;
  return c;
}

void require_url(const Config& c) {
  if (c.url.empty()) {
    throw Error(ErrorKind::Config,
                "no database URL: set url in retort.toml, $DATABASE_URL or --url");
  }
}

void Children::load() {
  if (loaded_) return;
  loaded_ = true;
  // Children in file order (directory, then file name), the order heads are listed in:
  // stable, unlike Alembic's set, and the same from one run to the next.
  auto all = history(config_);
  std::map<std::string, std::vector<const RevisionInfo*>> kids;
  for (const auto& r : all) {
    for (const auto& parent : r.down_revisions) kids[parent].push_back(&r);
  }
  for (auto& [parent, list] : kids) {
    std::stable_sort(list.begin(), list.end(), [](const RevisionInfo* a, const RevisionInfo* b) {
      return a->path < b->path;
    });
    for (const RevisionInfo* r : list) children_[parent].push_back(r->revision);
  }
  for (auto& r : all) by_id_[r.revision] = std::move(r);
}

std::string block(const RevisionInfo& r, Children& children, bool current) {
  static const std::vector<std::string> none;
  return revision_block(r, r.is_branch_point ? children.of(r.revision) : none, current);
}

std::string listing_entry(const RevisionInfo& r, Children& children, bool verbose,
                          const LineStyle& style) {
  return verbose ? block(r, children, style.current) : revision_line(r, style) + '\n';
}

std::string escape_controls(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  for (char ch : message) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string scrub_password(const GlobalOptions& g, const std::string& message) {
  std::vector<std::string> urls{loaded_url()};
  if (g.url) urls.push_back(*g.url);
  if (const char* db = std::getenv("DATABASE_URL")) urls.emplace_back(db);
  std::string out = message;
  for (const auto& text : urls) {
    std::string password;
    try {
      password = Url::parse(text).password;
    } catch (const Error&) {
      continue;  // an unparsable URL is masked by mask_url wherever it is quoted
    }
    // Short passwords would match ordinary words; the library masks URLs itself, this only
    // catches a password quoted outside one.
    if (password.size() < 4) continue;
    for (size_t pos = out.find(password); pos != std::string::npos;
         pos = out.find(password, pos + 3)) {
      out.replace(pos, password.size(), "***");
    }
  }
  return out;
}

}  // namespace retort::cli
