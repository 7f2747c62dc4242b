// Script commands on real directories: init, revision, merge, history, heads, show; slugs,
// file_template tokens, templates, the in-memory script directory, and start-up speed.
#include "retort/scripts.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "retort/error.hpp"
#include "script/revision_writer.hpp"
#include "script/script_directory.hpp"

namespace retort {
namespace {

namespace fs = std::filesystem;
using Ids = std::vector<std::string>;

// A local temporary directory (tests/support's TempDir lives beside code this suite must not
// depend on).
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("retort_script_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) +
             "_" + std::to_string(std::random_device{}() % 100000));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

ErrorKind kind_of(const std::function<void()>& f, std::string* msg = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (msg) *msg = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "no error thrown";
  return ErrorKind::Config;
}

class ScriptProject : public ::testing::Test {
 protected:
  void SetUp() override {
    init_project(dir_.path(), "migrations");
    config_ = Config::defaults();
    config_.root = dir_.path();
    config_.script_location = "migrations";
  }

  RevisionInfo revise(const std::string& message, std::optional<std::string> id = {},
                      Ids head = {}) {
    RevisionOptions o;
    o.message = message;
    o.rev_id = std::move(id);
    o.head = std::move(head);
    return create_revision(config_, o);
  }

  ScratchDir dir_;
  Config config_;
};

// --- init ---------------------------------------------------------------------------------

TEST_F(ScriptProject, InitWritesTheProject) {
  const fs::path root = dir_.path();
  EXPECT_TRUE(fs::is_directory(root / "migrations/versions"));
  EXPECT_TRUE(fs::exists(root / "migrations/script.lua.tmpl"));
  EXPECT_TRUE(fs::exists(root / "migrations/models.lua"));
  EXPECT_FALSE(std::filesystem::exists(root / "migrations/.gitignore"));
  std::string toml = slurp(root / "retort.toml");
  EXPECT_NE(toml.find("script_location = \"migrations\""), std::string::npos) << toml;
  EXPECT_NE(toml.find("url = \"sqlite:///app.db\""), std::string::npos);
  EXPECT_NE(toml.find("# models = "), std::string::npos);
  EXPECT_NE(toml.find("# version_table"), std::string::npos);
  EXPECT_NE(toml.find("# transaction_per_migration"), std::string::npos);
  EXPECT_NE(toml.find("# file_template"), std::string::npos);
  EXPECT_NE(toml.find("[env.prod]"), std::string::npos);
  EXPECT_NE(slurp(root / "migrations/models.lua").find("sa.Table("), std::string::npos);

  // Refuses a second time, and a non-empty script directory.
  EXPECT_EQ(kind_of([&] { init_project(root, "other"); }), ErrorKind::Usage);
  ScratchDir fresh;
  spit(fresh.path() / "mig/keep.txt", "x");
  EXPECT_EQ(kind_of([&] { init_project(fresh.path(), "mig"); }), ErrorKind::Usage);
  EXPECT_FALSE(fs::exists(fresh.path() / "retort.toml"));
  // An existing empty directory is fine; an absolute script_dir inside the project is stored
  // relative to it.
  ScratchDir empty;
  fs::create_directories(empty.path() / "db");
  init_project(empty.path(), empty.path() / "db");
  EXPECT_NE(slurp(empty.path() / "retort.toml").find("script_location = \"db\""),
            std::string::npos);
}

TEST(ScriptDirectoryLoad, MissingVersionsDirectory) {
  ScratchDir d;
  Config c = Config::defaults();
  c.root = d.path();
  std::string msg;
  EXPECT_EQ(kind_of([&] { ScriptDirectory::load(c); }, &msg), ErrorKind::Config);
  EXPECT_NE(msg.find("no versions directory at " + (d.path() / "migrations/versions").string() +
                     ": run `retort init`"),
            std::string::npos)
      << msg;
}

// --- revision -----------------------------------------------------------------------------

TEST_F(ScriptProject, CreateRevisionChain) {
  RevisionInfo first = revise("create usuarios");
  EXPECT_EQ(first.revision.size(), 12u);
  EXPECT_TRUE(first.down_revisions.empty());
  EXPECT_TRUE(first.is_base);
  EXPECT_EQ(fs::path(first.path).filename().string(), first.revision + "_create_usuarios.lua");
  EXPECT_EQ(first.message, "create usuarios");
  EXPECT_NE(slurp(first.path).find("\n-- Revises:\n"), std::string::npos) << slurp(first.path);

  RevisionInfo second = revise("add avatar_url and created_at to usuarios");
  EXPECT_EQ(second.down_revisions, Ids{first.revision});
  EXPECT_EQ(fs::path(second.path).filename().string(),
            second.revision + "_add_avatar_url_and_created_at_to_usuarios.lua");
  std::string text = slurp(second.path);
  EXPECT_NE(text.find("--- add avatar_url and created_at to usuarios\n--\n-- Revision ID: " +
                      second.revision + "\n-- Revises: " + first.revision + "\n-- Create Date: "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("revision = \"" + second.revision + "\"\ndown_revision = \"" +
                      first.revision + "\"\nbranch_labels = nil\ndepends_on = nil\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("function upgrade()\n  -- no operations\nend"), std::string::npos);
  EXPECT_EQ(text.find("${"), std::string::npos) << text;

  auto hs = heads(config_);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].revision, second.revision);
  EXPECT_TRUE(hs[0].is_head);
  auto hist = history(config_);
  ASSERT_EQ(hist.size(), 2u);
  EXPECT_EQ(hist[0].revision, second.revision);
  EXPECT_EQ(hist[1].revision, first.revision);
  EXPECT_TRUE(hist[1].is_base);
  EXPECT_EQ(show(config_, "head").revision, second.revision);
  EXPECT_EQ(show(config_, second.revision.substr(0, 6)).revision, second.revision);
  EXPECT_EQ(show(config_, "head-1").revision, first.revision);
  EXPECT_EQ(kind_of([&] { show(config_, "base"); }), ErrorKind::Graph);
}

TEST_F(ScriptProject, RevIdRulesAndBodies) {
  revise("one", "0001");
  std::string msg;
  EXPECT_EQ(kind_of([&] { revise("dup", "0001"); }, &msg), ErrorKind::Usage);
  EXPECT_NE(msg.find("revision id 0001 is already used by"), std::string::npos) << msg;
  EXPECT_EQ(kind_of([&] { revise("bad", "a b"); }), ErrorKind::Usage);
  EXPECT_EQ(kind_of([&] { revise("bad", ""); }), ErrorKind::Usage);
  EXPECT_EQ(kind_of([&] { revise("bad", "head"); }), ErrorKind::Usage);
  EXPECT_EQ(kind_of([&] { revise("bad", "-1x"); }), ErrorKind::Usage);

  RevisionOptions o;
  o.message = "with body";
  o.rev_id = "0002";
  o.upgrade_body = "op.create_table(\"t\", sa.Column(\"id\", sa.Integer()))\n";
  o.downgrade_body = "  op.drop_table(\"t\")";
  o.header_comment = "autogenerated, review";
  RevisionInfo info = create_revision(config_, o);
  std::string text = slurp(info.path);
  EXPECT_NE(text.find("function upgrade()\n  op.create_table(\"t\", sa.Column(\"id\", "
                      "sa.Integer()))\nend"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("function downgrade()\n  op.drop_table(\"t\")\nend"), std::string::npos);
  EXPECT_EQ(info.doc, "with body\n\nautogenerated, review");
  EXPECT_EQ(info.down_revisions, Ids{"0001"});
}

TEST_F(ScriptProject, HeadsBranchesSpliceAndMerge) {
  revise("a", "aaaa");
  revise("b", "bbbb");
  // --head base starts a second base.
  RevisionInfo c = revise("c", "cccc", {"base"});
  EXPECT_TRUE(c.down_revisions.empty());
  std::string msg;
  EXPECT_EQ(kind_of([&] { revise("d"); }, &msg), ErrorKind::Graph);
  EXPECT_EQ(msg,
            "multiple heads (bbbb, cccc): choose the parent with --head, or `retort merge "
            "heads` first");
  // Not a head without --splice.
  EXPECT_EQ(kind_of([&] { revise("d", "dddd", {"aaaa"}); }, &msg), ErrorKind::Graph);
  EXPECT_NE(msg.find("revision aaaa is not a head: pass --splice"), std::string::npos);
  RevisionOptions o;
  o.message = "spliced";
  o.rev_id = "dddd";
  o.head = {"aaaa"};
  o.splice = true;
  EXPECT_EQ(create_revision(config_, o).down_revisions, Ids{"aaaa"});
  auto bps = branch_points(config_);
  ASSERT_EQ(bps.size(), 1u);
  EXPECT_EQ(bps[0].revision, "aaaa");
  EXPECT_TRUE(bps[0].is_branch_point);
  EXPECT_EQ(heads(config_).size(), 3u);

  // Without a message, as Alembic: "empty message", and the file is named by the id alone.
  RevisionInfo m = merge_revisions(config_, {"heads"}, "", std::string("mmmm"));
  EXPECT_EQ(m.message, "empty message");
  EXPECT_EQ(fs::path(m.path).filename(), "mmmm.lua");
  EXPECT_EQ(m.down_revisions, (Ids{"bbbb", "cccc", "dddd"}));
  EXPECT_TRUE(m.is_merge_point);
  EXPECT_NE(slurp(m.path).find("down_revision = {\"bbbb\", \"cccc\", \"dddd\"}"),
            std::string::npos);
  EXPECT_NE(slurp(m.path).find("-- Revises: bbbb, cccc, dddd"), std::string::npos);
  auto hs = heads(config_);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].revision, "mmmm");
  EXPECT_TRUE(show(config_, "mmmm").is_merge_point);
  EXPECT_EQ(kind_of([&] { merge_revisions(config_, {"heads"}, "nothing"); }), ErrorKind::Usage);

  auto hist = history(config_);
  ASSERT_EQ(hist.size(), 5u);
  EXPECT_EQ(hist[0].revision, "mmmm");
  auto part = history(config_, "bbbb:");
  ASSERT_EQ(part.size(), 2u);
  EXPECT_EQ(part[0].revision, "mmmm");
  EXPECT_EQ(part[1].revision, "bbbb");
  EXPECT_EQ(history(config_, ":bbbb").size(), 2u);
  EXPECT_EQ(kind_of([&] { history(config_, "bbbb"); }), ErrorKind::Usage);
}

TEST_F(ScriptProject, LabelsAndDependencies) {
  RevisionOptions o;
  o.message = "shop base";
  o.rev_id = "s1";
  o.branch_labels = {"shop"};
  RevisionInfo s1 = create_revision(config_, o);
  EXPECT_EQ(s1.branch_labels, Ids{"shop"});
  EXPECT_NE(slurp(s1.path).find("branch_labels = \"shop\""), std::string::npos);

  o = {};
  o.message = "app base";
  o.rev_id = "a1";
  o.head = {"base"};
  o.branch_labels = {"app"};
  o.depends_on = {"shop"};  // a label, written as the id it names
  RevisionInfo a1 = create_revision(config_, o);
  EXPECT_EQ(a1.depends_on, Ids{"s1"});
  EXPECT_NE(slurp(a1.path).find("depends_on = \"s1\""), std::string::npos);

  o = {};
  o.message = "again";
  o.head = {"app@head"};
  o.branch_labels = {"shop"};
  EXPECT_EQ(kind_of([&] { create_revision(config_, o); }), ErrorKind::Usage);
  o.branch_labels = {"bad label"};
  EXPECT_EQ(kind_of([&] { create_revision(config_, o); }), ErrorKind::Usage);
  o.branch_labels = {};
  RevisionInfo a2 = create_revision(config_, o);
  EXPECT_EQ(a2.down_revisions, Ids{"a1"});
  EXPECT_EQ(show(config_, "app@head").revision, a2.revision);
  EXPECT_EQ(show(config_, "shop").revision, "s1");
}

TEST_F(ScriptProject, FileTemplateAndCustomTemplate) {
  config_.file_template =
      "%(year)d%(month).2d%(day).2d_%(hour).2d%(minute).2d%(second).2d_%(rev)s_%(slug)s";
  RevisionInfo info = revise("Criar tabela migração", "abc");
  std::string name = fs::path(info.path).filename().string();
  EXPECT_EQ(name.size(), std::string("20260101_000000_abc_criar_tabela_migracao.lua").size())
      << name;
  EXPECT_NE(name.find("_abc_criar_tabela_migracao.lua"), std::string::npos) << name;

  config_.file_template = "%(epoch)s_%(rev)s";
  info = revise("x", "def");
  EXPECT_NE(fs::path(info.path).filename().string().find("_def.lua"), std::string::npos);
  config_.file_template = "%(nope)s";
  EXPECT_EQ(kind_of([&] { revise("y", "ghi"); }), ErrorKind::Config);

  // The project's template is used, and one that loses a field is refused.
  config_.file_template = "%(rev)s_%(slug)s";
  spit(dir_.path() / "migrations/script.lua.tmpl",
       "--- ${message}\n-- custom\nrevision = \"${up_revision}\"\ndown_revision = "
       "${down_revision}\nbranch_labels = ${branch_labels}\ndepends_on = ${depends_on}\n"
       "function upgrade()\n${upgrades}\nend\n");
  info = revise("custom one", "jkl");
  EXPECT_NE(slurp(info.path).find("-- custom"), std::string::npos);
  EXPECT_EQ(info.down_revisions, Ids{"def"});
  spit(dir_.path() / "migrations/script.lua.tmpl", "--- ${message}\nrevision = \"x\"\n");
  EXPECT_EQ(kind_of([&] { revise("broken", "mno"); }), ErrorKind::Config);
  EXPECT_FALSE(fs::exists(dir_.path() / "migrations/versions/mno_broken.lua"));
}

TEST_F(ScriptProject, VersionPath) {
  config_.version_locations = {"migrations/versions", "migrations/extra"};
  fs::create_directories(dir_.path() / "migrations/extra");
  RevisionOptions o;
  o.message = "elsewhere";
  o.rev_id = "e1";
  o.version_path = "migrations/extra";
  EXPECT_EQ(fs::path(create_revision(config_, o).path).parent_path(),
            dir_.path() / "migrations/extra");
  o.rev_id = "e2";
  o.version_path = "not/a/location";
  EXPECT_EQ(kind_of([&] { create_revision(config_, o); }), ErrorKind::Usage);
  // Without --version-path, a child goes beside its parent.
  EXPECT_EQ(fs::path(revise("next", "e3").path).parent_path(), dir_.path() / "migrations/extra");
}

// --- pure helpers -------------------------------------------------------------------------

TEST(ScriptSlug, Rules) {
  EXPECT_EQ(slugify("add avatar_url and created_at to usuarios", 40),
            "add_avatar_url_and_created_at_to_usuarios");
  EXPECT_EQ(slugify("  Add  COLUMN -- e-mail!! ", 40), "add_column_e_mail");
  EXPECT_EQ(slugify("ação é útil", 40), "acao_e_util");
  EXPECT_EQ(slugify("日本 table", 40), "table");
  EXPECT_EQ(slugify("one two three four five six seven eight nine ten eleven", 20),
            "one_two_three_four_five");
  EXPECT_EQ(slugify(std::string(100, 'x'), 10), std::string(30, 'x'));
  EXPECT_EQ(slugify("", 40), "");
  EXPECT_EQ(slugify("a b c", 0), "a_b_c");
}

TEST(ScriptTemplate, Rendering) {
  EXPECT_EQ(lua_list_literal({}), "nil");
  EXPECT_EQ(lua_list_literal({"a"}), "\"a\"");
  EXPECT_EQ(lua_list_literal({"a", "b"}), "{\"a\", \"b\"}");
  EXPECT_EQ(render_template("x ${a} y\n${empty}\n  ${b}${c}\n${unknown}\n",
                            {{"a", "1"}, {"empty", ""}, {"b", ""}, {"c", ""}}),
            "x 1 y\n${unknown}\n");
  EXPECT_EQ(function_body("", "  -- none"), "  -- none");
  EXPECT_EQ(function_body("a()\n\nb()\n", ""), "  a()\n\n  b()");
  EXPECT_EQ(header_comment_lines("one\ntwo"), "--\n-- one\n-- two");
  std::time_t t = 1767323045;  // 2026-01-02 03:04:05 UTC
  std::tm tm{};
  localtime_r(&t, &tm);
  char expect[64];
  std::strftime(expect, sizeof expect, "%Y-%m-%d_%H%M%S", &tm);
  EXPECT_EQ(render_file_name("%(year)d-%(month).2d-%(day).2d_%(hour).2d%(minute).2d%(second).2d",
                             "r", "s", t),
            expect);
  EXPECT_EQ(render_file_name("%(epoch)s_%(rev)s_%(slug)s_100%%", "r", "s", t),
            "1767323045_r_s_100%");
  EXPECT_THROW(render_file_name("%(rev)", "r", "s", t), Error);
  EXPECT_THROW(render_file_name("50%", "r", "s", t), Error);
}

// --- in-memory scripts --------------------------------------------------------------------

TEST(ScriptDirectoryMemory, KeepsSources) {
  const std::string a =
      "--- first\nrevision = \"a\"\ndown_revision = nil\nfunction upgrade() end\n";
  const std::string b = "--- second\nrevision = \"b\"\ndown_revision = \"a\"\n";
  ScriptDirectory sd =
      ScriptDirectory::from_memory({{"0001_first.lua", a}, {"0002_second.lua", b}});
  EXPECT_TRUE(sd.in_memory());
  EXPECT_EQ(sd.graph().heads(), Ids{"b"});
  EXPECT_EQ(sd.text("a"), a);
  EXPECT_EQ(kind_of([&] { sd.text("zz"); }), ErrorKind::Graph);
  EXPECT_EQ(sd.info("b").message, "second");
  EXPECT_EQ(sd.info("b").path, "0002_second.lua");
  EXPECT_TRUE(sd.info("b").is_head);
  EXPECT_TRUE(sd.info("a").is_base);
  EXPECT_EQ(kind_of([&] { sd.info("zz"); }), ErrorKind::Graph);
  EXPECT_EQ(kind_of([&] {
              ScriptDirectory::from_memory({{"x.lua", a}, {"y.lua", a}});
            }),
            ErrorKind::Graph);
}

// A program's embedded scripts, given in its Config, are the project's revisions: the
// version directories are not read (here they do not even exist).
TEST(ScriptDirectoryMemory, EmbeddedScriptsInTheConfigReplaceTheVersionDirectories) {
  Config c = Config::defaults();
  c.root = "/nonexistent";
  c.embedded_scripts = std::vector<ScriptText>{
      {"0001_first.lua", "--- first\nrevision = \"a\"\ndown_revision = nil\n"},
      {"0002_second.lua", "--- second\nrevision = \"b\"\ndown_revision = \"a\"\n"}};
  auto hs = heads(c);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].revision, "b");
  EXPECT_EQ(hs[0].path, "0002_second.lua");
  EXPECT_EQ(history(c).size(), 2u);
}

// --- start-up speed -----------------------------------------------------------------------

// Writes a chain of `n` revision files 000000000000 ... into `versions`; `broken(i)` files
// lack their `revision =` line.
void write_chain(const fs::path& versions, int n, const std::function<bool(int)>& broken) {
  fs::create_directories(versions);
  for (int i = 0; i < n; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "%012d", i);
    char down[16];
    std::snprintf(down, sizeof down, "%012d", i - 1);
    const std::string col = "c" + std::to_string(i);
    std::string text = "--- step " + std::to_string(i) + "\n--\n-- Revision ID: " + id +
                       "\n-- Revises: " + (i ? down : "") +
                       "\n-- Create Date: 2026-11-24 10:00:00\n\n" +
                       (broken(i) ? "" : "revision = \"" + std::string(id) + "\"\n") +
                       "down_revision = " + (i ? "\"" + std::string(down) + "\"" : "nil") +
                       "\nbranch_labels = nil\ndepends_on = nil\n\nfunction upgrade()\n"
                       "  op.add_column(\"t\", sa.Column(\"" +
                       col +
                       "\", sa.Integer()))\nend\n\nfunction downgrade()\n"
                       "  op.drop_column(\"t\", \"" +
                       col + "\")\nend\n";
    std::ofstream(versions / (std::string(id) + "_step.lua")) << text;
  }
}

TEST(ScriptDirectoryScale, TenThousandFilesLoadQuickly) {
  ScratchDir d;
  write_chain(d.path() / "migrations/versions", 10000, [](int) { return false; });
  Config c = Config::defaults();
  c.root = d.path();
  // Speed is measured in bench/, never asserted here; this checks 10,000 files load correctly.
  auto hs = heads(c);
  ASSERT_EQ(hs.size(), 1u);
  EXPECT_EQ(hs[0].revision, "000000009999");
}

// The error reported is the first broken file in file order.
TEST(ScriptDirectoryScale, TheFirstBrokenFileInOrderIsTheOneReported) {
  ScratchDir d;
  write_chain(d.path() / "migrations/versions", 1500, [](int i) { return i >= 733; });
  Config c = Config::defaults();
  c.root = d.path();
  std::string msg;
  EXPECT_EQ(kind_of([&] { ScriptDirectory::load(c); }, &msg), ErrorKind::Graph) << msg;
  EXPECT_NE(msg.find("000000000733_step.lua"), std::string::npos) << msg;
}

// A script read when it runs, not when the directory was listed: a file gone since is a
// script error naming it.
TEST(ScriptDirectoryFiles, AScriptGoneSinceLoadingIsAScriptErrorNamingIt) {
  ScratchDir d;
  write_chain(d.path() / "migrations/versions", 2, [](int) { return false; });
  Config c = Config::defaults();
  c.root = d.path();
  ScriptDirectory sd = ScriptDirectory::load(c);  // headers only: no text kept
  const fs::path file = d.path() / "migrations/versions/000000000001_step.lua";
  EXPECT_NE(sd.text("000000000001").find("op.add_column"), std::string::npos);
  fs::remove(file);
  std::string msg;
  EXPECT_EQ(kind_of([&] { sd.text("000000000001"); }, &msg), ErrorKind::Script);
  EXPECT_EQ(msg, file.string() + ": cannot read the file");
}

TEST(NamesCurrent, OnlyNamesThatResolveAgainstTheDatabase) {
  for (const char* name : {"current", "+1", "-3", "current-1", "current+2", "shop@-1", "shop@+2",
                           "shop@current", "-3:current", "base:+1", "current:"})
    EXPECT_TRUE(names_current(name)) << name;
  for (const char* name : {"", "head", "heads", "base", "3f2a", "3f2a+1", "head-1", "shop@head",
                           "release-2", "a-b", "base:head", ":head", "shop@3f2a-1", "-x"})
    EXPECT_FALSE(names_current(name)) << name;
}

}  // namespace
}  // namespace retort
