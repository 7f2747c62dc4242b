// Url::parse, Url::str and mask_url: every URL form the docs promise, and that no error message
// ever shows a password.
#include "dialect/url.hpp"

#include <gtest/gtest.h>

#include <string>

#include "retort/config.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

// The message of the Error that parsing `text` throws; fails the test if none is thrown.
std::string parse_error(const std::string& text) {
  try {
    Url::parse(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    return e.what();
  }
  ADD_FAILURE() << "no error for " << text;
  return "";
}

TEST(UrlSqlite, RelativePath) {
  Url u = Url::parse("sqlite:///rel.db");
  EXPECT_EQ(u.scheme, "sqlite");
  EXPECT_EQ(u.database, "rel.db");
  EXPECT_EQ(u.host, "");
  EXPECT_EQ(u.str(), "sqlite:///rel.db");
}

TEST(UrlSqlite, RelativeSubdirectory) {
  EXPECT_EQ(Url::parse("sqlite:///data/app.db").database, "data/app.db");
}

TEST(UrlSqlite, AbsolutePath) {
  Url u = Url::parse("sqlite:////abs/path.db");
  EXPECT_EQ(u.database, "/abs/path.db");
  EXPECT_EQ(u.str(), "sqlite:////abs/path.db");
}

TEST(UrlSqlite, MemoryForms) {
  for (const char* text : {"sqlite://", "sqlite:///:memory:", "sqlite:///"}) {
    Url u = Url::parse(text);
    EXPECT_EQ(u.scheme, "sqlite") << text;
    EXPECT_EQ(u.database, "") << text;
    EXPECT_EQ(u.str(), "sqlite://") << text;
  }
}

TEST(UrlSqlite, PathIsTakenLiterally) {
  EXPECT_EQ(Url::parse("sqlite:///my%20db.db").database, "my%20db.db");
}

TEST(UrlSqlite, QueryParameters) {
  Url u = Url::parse("sqlite:///app.db?mode=ro");
  EXPECT_EQ(u.database, "app.db");
  EXPECT_EQ(u.query.at("mode"), "ro");
}

TEST(UrlSqlite, SchemeIsCaseInsensitive) {
  EXPECT_EQ(Url::parse("SQLite:///a.db").scheme, "sqlite");
}

TEST(UrlSqlite, HostIsAnError) {
  std::string msg = parse_error("sqlite://host/app.db");
  EXPECT_NE(msg.find("bad database URL 'sqlite://host/app.db'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("sqlite:////absolute/path.db"), std::string::npos) << msg;
}

TEST(UrlPostgres, Full) {
  Url u = Url::parse("postgresql://alice:s3cret@db.example.com:6543/shop?sslmode=require");
  EXPECT_EQ(u.scheme, "postgresql");
  EXPECT_EQ(u.user, "alice");
  EXPECT_EQ(u.password, "s3cret");
  EXPECT_EQ(u.host, "db.example.com");
  EXPECT_EQ(u.port, 6543);
  EXPECT_EQ(u.database, "shop");
  EXPECT_EQ(u.query.at("sslmode"), "require");
  EXPECT_EQ(u.str(), "postgresql://alice:***@db.example.com:6543/shop?sslmode=require");
}

TEST(UrlPostgres, PostgresAlias) {
  Url u = Url::parse("postgres://u@h/db");
  EXPECT_EQ(u.scheme, "postgresql");
  EXPECT_EQ(u.user, "u");
  EXPECT_EQ(u.password, "");
  EXPECT_FALSE(u.port.has_value());
  EXPECT_EQ(u.str(), "postgresql://u@h/db");
}

TEST(UrlPostgres, EmptyHostAndSocketQuery) {
  Url u = Url::parse("postgresql:///shop?host=/run/postgresql");
  EXPECT_EQ(u.host, "");
  EXPECT_EQ(u.database, "shop");
  EXPECT_EQ(u.query.at("host"), "/run/postgresql");
  EXPECT_EQ(u.str(), "postgresql:///shop?host=/run/postgresql");
}

TEST(UrlPostgres, NothingButTheScheme) {
  Url u = Url::parse("postgresql://");
  EXPECT_EQ(u.host, "");
  EXPECT_EQ(u.database, "");
  EXPECT_EQ(u.str(), "postgresql://");
}

TEST(UrlPostgres, PercentDecoding) {
  Url u = Url::parse("postgresql://us%40er:p%40ss%3Aw%2Fd@h/my%20db?application_name=a%26b+c");
  EXPECT_EQ(u.user, "us@er");
  EXPECT_EQ(u.password, "p@ss:w/d");
  EXPECT_EQ(u.database, "my db");
  EXPECT_EQ(u.query.at("application_name"), "a&b c");
  EXPECT_EQ(u.str(), "postgresql://us%40er:***@h/my%20db?application_name=a%26b%20c");
}

TEST(UrlPostgres, UnescapedAtInPasswordStillParses) {
  Url u = Url::parse("postgresql://u:p@ss@h/db");
  EXPECT_EQ(u.user, "u");
  EXPECT_EQ(u.password, "p@ss");
  EXPECT_EQ(u.host, "h");
}

TEST(UrlPostgres, ColonInPassword) {
  Url u = Url::parse("postgresql://u:a:b@h:5432/db");
  EXPECT_EQ(u.password, "a:b");
  EXPECT_EQ(u.port, 5432);
}

TEST(UrlPostgres, Ipv6Host) {
  Url u = Url::parse("postgresql://u:pw@[::1]:5433/db");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 5433);
  EXPECT_EQ(u.str(), "postgresql://u:***@[::1]:5433/db");
}

TEST(UrlPostgres, Ipv6HostWithoutPort) {
  Url u = Url::parse("postgresql://[fe80::1]/db");
  EXPECT_EQ(u.host, "fe80::1");
  EXPECT_FALSE(u.port.has_value());
}

TEST(UrlPostgres, Ipv6Unterminated) {
  EXPECT_NE(parse_error("postgresql://[::1/db").find("IPv6"), std::string::npos);
}

TEST(UrlPostgres, QueryWithoutValueAndRepeatedKey) {
  Url u = Url::parse("postgresql://h/db?flag&k=1&k=2");
  EXPECT_EQ(u.query.at("flag"), "");
  EXPECT_EQ(u.query.at("k"), "2");
}

TEST(UrlPostgres, PasswordInQueryIsMasked) {
  Url u = Url::parse("postgresql://h/db?password=hunter2&sslmode=disable");
  EXPECT_EQ(u.query.at("password"), "hunter2");
  EXPECT_EQ(u.str().find("hunter2"), std::string::npos) << u.str();
  EXPECT_EQ(mask_url("postgresql://h/db?password=hunter2&sslmode=disable"),
            "postgresql://h/db?password=***&sslmode=disable");
}

TEST(UrlMysql, Forms) {
  Url u = Url::parse("mysql://root:pw@127.0.0.1:3306/app");
  EXPECT_EQ(u.scheme, "mysql");
  EXPECT_EQ(u.user, "root");
  EXPECT_EQ(u.password, "pw");
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, 3306);
  EXPECT_EQ(u.database, "app");
  EXPECT_EQ(Url::parse("mariadb://root@localhost/app").scheme, "mysql");
  EXPECT_EQ(Url::parse("MySQL://h/app").scheme, "mysql");
  Url sock = Url::parse("mysql://root@localhost/app?unix_socket=/run/mysqld/mysqld.sock");
  EXPECT_EQ(sock.query.at("unix_socket"), "/run/mysqld/mysqld.sock");
}

TEST(UrlErrors, BadPortNeverShowsPassword) {
  std::string msg = parse_error("postgresql://u:topsecret@h:54x2/db");
  EXPECT_EQ(msg, "bad database URL 'postgresql://u:***@h:54x2/db': port '54x2' is not a number");
}

TEST(UrlErrors, EmptyPort) {
  EXPECT_NE(parse_error("postgresql://h:/db").find("port '' is not a number"), std::string::npos);
}

TEST(UrlErrors, PortOutOfRange) {
  std::string msg = parse_error("mysql://u:pw@h:70000/db");
  EXPECT_NE(msg.find("port 70000 is out of range"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("pw"), std::string::npos) << msg;
  EXPECT_NE(parse_error("mysql://h:0/db").find("out of range"), std::string::npos);
}

TEST(UrlErrors, UnsupportedScheme) {
  std::string msg = parse_error("oracle://scott:tiger@h/db");
  EXPECT_EQ(msg,
            "unsupported database URL scheme 'oracle' in 'oracle://scott:***@h/db': use "
            "sqlite://, postgresql:// or mysql://");
}

TEST(UrlErrors, DriverSuffixIsUnsupportedWithAHint) {
  std::string msg = parse_error("postgresql+psycopg2://u:pw@h/db");
  EXPECT_NE(msg.find("unsupported database URL scheme 'postgresql+psycopg2'"), std::string::npos);
  EXPECT_NE(msg.find("drop the '+psycopg2' driver suffix"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("pw@"), std::string::npos) << msg;
}

TEST(UrlErrors, NoScheme) {
  std::string msg = parse_error("app.db");
  EXPECT_NE(msg.find("bad database URL 'app.db'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("SCHEME://"), std::string::npos) << msg;
  EXPECT_NE(parse_error("").find("empty"), std::string::npos);
}

TEST(UrlErrors, NoSchemeWithPasswordIsMasked) {
  std::string msg = parse_error("u:hunter2@h/db");
  EXPECT_EQ(msg.find("hunter2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("u:***@h/db"), std::string::npos) << msg;
}

TEST(UrlErrors, BadPercentEncodingDoesNotLeakPassword) {
  std::string msg = parse_error("postgresql://u:pa%zzss@h/db");
  EXPECT_EQ(msg.find("pa%zz"), std::string::npos) << msg;
  EXPECT_NE(msg.find("percent-encoding in the password"), std::string::npos) << msg;
}

TEST(UrlMask, Forms) {
  EXPECT_EQ(mask_url("postgresql://u:secret@h:5432/db"), "postgresql://u:***@h:5432/db");
  EXPECT_EQ(mask_url("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(mask_url("postgresql://h:5432/db"), "postgresql://h:5432/db");
  EXPECT_EQ(mask_url("sqlite:///app.db"), "sqlite:///app.db");
  EXPECT_EQ(mask_url("mysql://u:p@ss@h/db"), "mysql://u:***@h/db");
  EXPECT_EQ(mask_url(""), "");
}

TEST(UrlMask, UnparseableStringsAreMaskedToo) {
  EXPECT_EQ(mask_url("oracle://scott:tiger@h/db"), "oracle://scott:***@h/db");
  EXPECT_EQ(mask_url("postgresql://u:secret@h:notaport/db"), "postgresql://u:***@h:notaport/db");
  EXPECT_EQ(mask_url("u:secret@h"), "u:***@h");
  // An unescaped '?' in a password: masked up to the '@' all the same.
  EXPECT_EQ(mask_url("postgresql://u:se?cret@h/db"), "postgresql://u:***@h/db");
}

}  // namespace
}  // namespace retort
