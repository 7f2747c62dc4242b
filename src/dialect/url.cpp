// Url parsing and password masking: the parts every scheme shares. The grammar follows
// SQLAlchemy's URLs, which Alembic users already write: SCHEME://LOCATION?QUERY, where the
// registry maps SCHEME (or an alias, in any case) to a dialect and the dialect reads LOCATION
// (sqlite/sqlite_dialect.cpp: a file path; the default: user:pass@host:port/db).
// Every message that quotes a URL quotes it masked: passwords must never reach a terminal or a
// log, even when the URL is malformed.
#include "dialect/url.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "dialect/dialect.hpp"
#include "retort/config.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

constexpr std::string_view kSchemeSep = "://";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; in a query string '+' also means a space (form encoding, as
// SQLAlchemy's parse_qsl reads it). `what` names the part for the error message.
std::string decode(const std::string& text, std::string_view part, bool plus_is_space,
                   const char* what) {
  std::string out;
  out.reserve(part.size());
  for (size_t i = 0; i < part.size(); ++i) {
    char c = part[i];
    if (c == '%') {
      int hi = i + 1 < part.size() ? hex_value(part[i + 1]) : -1;
      int lo = i + 2 < part.size() ? hex_value(part[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        url::fail(text, std::string("bad percent-encoding in the ") + what +
                            " (write a literal '%' as %25)");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::map<std::string, std::string> parse_query(const std::string& text, std::string_view q) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= q.size()) {
    size_t amp = q.find('&', pos);
    if (amp == std::string_view::npos) amp = q.size();
    std::string_view item = q.substr(pos, amp - pos);
    if (!item.empty()) {
      size_t eq = item.find('=');
      if (eq == 0) url::fail(text, "a query parameter has no name");
      std::string key = decode(text, item.substr(0, eq), true, "query");
      std::string value = eq == std::string_view::npos
                              ? std::string()
                              : decode(text, item.substr(eq + 1), true, "query");
      out[key] = value;  // a repeated key: the last one wins
    }
    pos = amp + 1;
  }
  return out;
}

}  // namespace

namespace url {

void fail(const std::string& text, const std::string& why) {
  throw Error(ErrorKind::Config, "bad database URL '" + mask_url(text) + "': " + why);
}

std::string percent_decode(const std::string& text, std::string_view part, const char* what) {
  return decode(text, part, false, what);
}

std::string percent_encode(std::string_view part, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : part) {
    auto u = static_cast<unsigned char>(c);
    bool plain = std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' ||
                 keep.find(c) != std::string_view::npos;
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

void parse_server(const std::string& text, std::string_view location, Url& url) {
  std::string_view rest = location;
  // The last '@' ends the user info, so an unescaped '@' in a password still parses.
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    size_t colon = userinfo.find(':');
    url.user = decode(text, userinfo.substr(0, colon), false, "user name");
    if (colon != std::string_view::npos) {
      url.password = decode(text, userinfo.substr(colon + 1), false, "password");
    }
  }
  size_t slash = rest.find('/');
  std::string_view hostport = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    url.database = decode(text, rest.substr(slash + 1), false, "database name");
  }
  std::string_view port;
  bool has_port = false;
  if (!hostport.empty() && hostport.front() == '[') {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) url::fail(text, "IPv6 host has no closing ']'");
    url.host = std::string(hostport.substr(1, close - 1));
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') url::fail(text, "unexpected text after the IPv6 host");
      port = after.substr(1);
      has_port = true;
    }
  } else {
    size_t colon = hostport.find(':');
    url.host = decode(text, hostport.substr(0, colon), false, "host");
    if (colon != std::string_view::npos) {
      port = hostport.substr(colon + 1);
      has_port = true;
    }
  }
  if (has_port) {
    bool digits =
        !port.empty() && port.size() <= 5 &&
        std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!digits) url::fail(text, "port '" + std::string(port) + "' is not a number");
    int value = std::stoi(std::string(port));
    if (value < 1 || value > 65535) {
      url::fail(text, "port " + std::to_string(value) + " is out of range (1-65535)");
    }
    url.port = value;
  }
}

std::string format_server(const Url& url) {
  std::string out;
  if (!url.user.empty() || !url.password.empty()) {
    out += percent_encode(url.user);
    if (!url.password.empty()) out += ":***";
    out += '@';
  }
  if (url.host.find(':') != std::string::npos) {
    out += "[" + url.host + "]";
  } else {
    out += percent_encode(url.host);
  }
  if (url.port) out += ":" + std::to_string(*url.port);
  if (!url.database.empty()) out += "/" + percent_encode(url.database);
  return out;
}

}  // namespace url

Url Url::parse(const std::string& text) {
  if (text.empty()) {
    throw Error(ErrorKind::Config, "bad database URL '': it is empty");
  }
  size_t sep = text.find(kSchemeSep);
  if (sep == std::string::npos || sep == 0) {
    url::fail(text, "expected SCHEME://..., e.g. sqlite:///app.db or postgresql://user@host/db");
  }
  const std::string scheme = text.substr(0, sep);
  const Dialect* dialect = dialect_for_scheme(lower(scheme));
  if (!dialect) {
    require_built_in(lower(scheme));
    std::string hint;
    if (auto plus = scheme.find('+'); plus != std::string::npos) {
      // SQLAlchemy's driver suffix (postgresql+psycopg2://): retort has one driver per database.
      hint = " (drop the '" + lower(scheme).substr(plus) + "' driver suffix)";
    }
    throw Error(ErrorKind::Config, "unsupported database URL scheme '" + scheme + "' in '" +
                                       mask_url(text) + "': use " + supported_schemes() + hint);
  }
  Url url;
  url.scheme = std::string(dialect->name());
  std::string_view location = std::string_view(text).substr(sep + kSchemeSep.size());
  size_t qmark = location.find('?');
  if (qmark != std::string_view::npos) {
    url.query = parse_query(text, location.substr(qmark + 1));
    location = location.substr(0, qmark);
  }
  dialect->parse_url(text, location, url);
  return url;
}

std::string Url::str() const {
  // A Url built by hand may name no dialect: it prints in the server form.
  const Dialect* dialect = dialect_for_scheme(scheme);
  std::string out =
      scheme + "://" + (dialect ? dialect->format_url(*this) : url::format_server(*this));
  char sep = '?';
  for (const auto& [k, v] : query) {
    out += sep;
    out += url::percent_encode(k);
    out += '=';
    // A password may also travel in the query (libpq reads ?password=): mask it there too.
    out += lower(k) == "password" ? "***" : url::percent_encode(v, "/:@,");
    sep = '&';
  }
  return out;
}

std::string mask_url(const std::string& url) {
  // Works on text, not on a parsed Url, so that a URL too broken to parse is still masked.
  std::string out = url;
  size_t sep = out.find(kSchemeSep);
  size_t start = sep == std::string::npos ? 0 : sep + kSchemeSep.size();
  // parse() ends the user info at the last '@' before the query; when there is none there, an
  // unescaped '?' may sit in the password, so fall back to the last '@' anywhere. Masking too
  // much is harmless; masking too little leaks.
  size_t qmark_first = out.find('?', start);
  size_t at = out.rfind('@', qmark_first == std::string::npos ? std::string::npos : qmark_first);
  if (at == std::string::npos || at < start) at = out.rfind('@');
  if (at != std::string::npos && at >= start) {
    size_t colon = out.find(':', start);
    if (colon != std::string::npos && colon < at) {
      out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ?password=... (libpq accepts it in the query).
  size_t qmark = out.find('?', start);
  while (qmark != std::string::npos) {
    size_t key = qmark + 1;
    size_t eq = out.find('=', key);
    size_t amp = out.find('&', key);
    if (eq != std::string::npos && (amp == std::string::npos || eq < amp)) {
      std::string name = lower(std::string_view(out).substr(key, eq - key));
      if (name == "password") {
        size_t end = amp == std::string::npos ? out.size() : amp;
        out.replace(eq + 1, end - eq - 1, "***");
        amp = out.find('&', eq + 1);
      }
    }
    qmark = amp;
  }
  return out;
}

}  // namespace retort
