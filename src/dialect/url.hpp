// Url — a parsed database URL: sqlite:///rel.db, sqlite:////abs.db, sqlite://,
// postgresql://user:pass@host:port/db?k=v (postgres://), mysql://... (mariadb://).
//
// What a URL means after "scheme://" is its dialect's business (Dialect::parse_url and
// format_url, chosen by the registry from the scheme or an alias); this file holds what every
// URL shares: the scheme, the query string, percent-encoding, and the server form
// user:password@host:port/database that a dialect's hooks default to.
//
// User and password are percent-decoded. str() never shows the password (masked as ***);
// only the dialect's connect() reads `password`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace retort {

struct Url {
  std::string scheme;  // the dialect's name(), whichever alias the text used
  std::string user;
  std::string password;
  std::string host;
  std::optional<int> port;
  std::string database;  // a file-based database: its path ("" for memory)
  std::map<std::string, std::string> query;

  // Throws Error(Config) with the masked URL on anything it cannot parse or does not support.
  static Url parse(const std::string& text);

  // The URL for printing, password replaced by ***.
  std::string str() const;
};

// Helpers for the dialects' URL hooks. `text` is the whole URL as given, for messages, which
// always quote it masked.
namespace url {

// Error(Config): "bad database URL '<masked text>': <why>".
[[noreturn]] void fail(const std::string& text, const std::string& why);
// Decodes %XX escapes; `what` names the part for the error message.
std::string percent_decode(const std::string& text, std::string_view part, const char* what);
// Escapes what would otherwise change how the URL parses back. `keep` lists characters that are
// harmless in that part (e.g. '/' in a query value such as host=/run/postgresql).
std::string percent_encode(std::string_view part, std::string_view keep = "");
// user:password@host:port/database, each part percent-decoded, into `url`.
void parse_server(const std::string& text, std::string_view location, Url& url);
// The same for printing, the password masked.
std::string format_server(const Url& url);

}  // namespace url
}  // namespace retort
