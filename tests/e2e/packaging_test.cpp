// The command as a package installs it: the man page covers every command and flag `--help`
// prints, the completion scripts complete commands, flags and the project's revision names in
// bash, zsh and fish, and `init --template` writes each template's project.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;

// The verbs `retort --help` lists.
std::vector<std::string> help_verbs(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help.substr(help.find("Subcommands:")));
  std::string line;
  std::getline(in, line);
  static const std::regex verb_re(R"(^  ([a-z][a-z-]*) )");
  std::smatch m;
  while (std::getline(in, line))
    if (std::regex_search(line, m, verb_re)) out.push_back(m[1]);
  return out;
}

// The flags of an "Options:" section: "-c,--config TEXT" gives -c and --config.
std::vector<std::string> help_flags(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  static const std::regex flag_re(R"(--?[A-Za-z][A-Za-z-]*)");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  -", 0) != 0) continue;
    std::string names = line.substr(2, line.find(' ', 2) - 2);
    for (std::sregex_iterator it(names.begin(), names.end(), flag_re), end; it != end; ++it)
      out.push_back(it->str());
  }
  return out;
}

class Packaging : public ::testing::Test {
 protected:
  Project p{"sqlite", "packaging"};
};

TEST_F(Packaging, ManPageHasEveryCommandAndFlagOfTheHelp) {
  CommandResult man = p.retort("__man");
  ASSERT_EQ(man.code, 0) << man.err;
  // In roff a hyphen is \-: read the page as man shows it.
  std::string page = std::regex_replace(man.out, std::regex(R"(\\-)"), "-");
  EXPECT_EQ(page.rfind(".\\\" retort(1)", 0), 0u) << page.substr(0, 200);
  EXPECT_THAT(page, HasSubstr(".TH RETORT 1"));

  CommandResult help = p.retort("--help");
  ASSERT_EQ(help.code, 0);
  const std::vector<std::string> verbs = help_verbs(help.out);
  ASSERT_GE(verbs.size(), 15u) << help.out;
  for (const auto& flag : help_flags(help.out)) {
    EXPECT_THAT(page, HasSubstr("\\fB" + flag + "\\fR")) << "global flag " << flag;
  }
  for (const auto& verb : verbs) {
    EXPECT_THAT(page, HasSubstr("\n.SS " + verb + "\n")) << "command " << verb;
    CommandResult vh = p.retort(verb + " --help");
    ASSERT_EQ(vh.code, 0) << verb;
    const std::string section =
        page.substr(page.find("\n.SS " + verb + "\n"),
                    page.find("\n.SS ", page.find("\n.SS " + verb + "\n") + 1) -
                        page.find("\n.SS " + verb + "\n"));
    // The verb's own flags are in its section; the "Global options" every verb's help ends
    // with are in the page's OPTIONS (checked above).
    const std::string own = vh.out.substr(0, vh.out.find("\nGlobal options"));
    for (const auto& flag : help_flags(own)) {
      EXPECT_THAT(section, HasSubstr("\\fB" + flag + "\\fR")) << verb << " " << flag;
    }
  }
  // The hidden verbs stay out of the help and the page.
  EXPECT_THAT(help.out, ::testing::Not(HasSubstr("__complete")));
  EXPECT_THAT(page, ::testing::Not(HasSubstr("__complete")));
}

TEST_F(Packaging, ManPageIsValidRoff) {
  CommandResult r =
      p.shell("'" + std::string(RETORT_BIN) + "' __man > retort.1 && groff -man -ww -z retort.1");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

// A project with two revisions on a labelled branch, for the completion of revision names.
class Completion : public Packaging {
 protected:
  void SetUp() override {
    p.write_config();
    p.write_revision("9a8b7c6d5e4f", "", "create usuarios", "  op.execute('SELECT 1')",
                     "  op.execute('SELECT 1')");
    write_file(p.dir() / "migrations/versions/3f2a1b9c8d7e_avatar.sql",
               "-- add avatar\n-- revision: 3f2a1b9c8d7e\n-- down_revision: 9a8b7c6d5e4f\n"
               "-- branch_labels: shop\n\n-- retort:upgrade\n-- retort:downgrade\n");
    ASSERT_EQ(p.retort("completion bash > retort.bash").code, 0);
    ASSERT_EQ(p.retort("completion zsh > _retort").code, 0);
    ASSERT_EQ(p.retort("completion fish > retort.fish").code, 0);
  }
  // COMPREPLY after `words` with the cursor on the last word, one per line.
  std::string bash_complete(const std::string& words) {
    const std::string bin_dir = std::filesystem::path(RETORT_BIN).parent_path().string();
    CommandResult r =
        p.shell("PATH='" + bin_dir + "':$PATH bash -c 'source ./retort.bash; COMP_WORDS=(" + words +
                "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _retort; printf \"%s\\n\" "
                "\"${COMPREPLY[@]}\"'");
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }
  std::string fish_complete(const std::string& line) {
    const std::string bin_dir = std::filesystem::path(RETORT_BIN).parent_path().string();
    CommandResult r = p.shell("PATH='" + bin_dir +
                              "':$PATH fish --no-config -c 'source "
                              "./retort.fish; complete -C\"" +
                              line + "\"'");
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }
};

TEST_F(Completion, BashCompletesCommandsFlagsAndRevisions) {
  EXPECT_EQ(bash_complete("retort up"), "upgrade\n");
  EXPECT_EQ(bash_complete("retort h"), "history\nheads\n");
  EXPECT_EQ(bash_complete("retort upgrade --s"), "--sql\n");
  EXPECT_EQ(bash_complete("retort --j"), "--json\n");
  EXPECT_EQ(bash_complete("retort upgrade 3f"), "3f2a1b9c8d7e\n");
  EXPECT_EQ(bash_complete("retort -q downgrade 9a"), "9a8b7c6d5e4f\n");
  EXPECT_EQ(bash_complete("retort revision --head sh"), "shop\nshop@head\n");
  EXPECT_EQ(bash_complete("retort show h"), "head\nheads\n");
  EXPECT_EQ(bash_complete("retort init --template m"), "multidb\n");
  EXPECT_EQ(bash_complete("retort completion z"), "zsh\n");
  // A value the user types freely gets no candidates (printf prints one empty line).
  EXPECT_EQ(bash_complete("retort revision -m \"\""), "\n");
}

TEST_F(Completion, BashFindsTheProjectOfDashC) {
  std::filesystem::create_directories(p.dir() / "elsewhere");
  CommandResult r = p.shell(
      "cd elsewhere && PATH='" + std::filesystem::path(RETORT_BIN).parent_path().string() +
      "':$PATH bash -c 'source ../retort.bash; COMP_WORDS=(retort -c ../retort.toml show 9a); "
      "COMP_CWORD=4; _retort; printf \"%s\\n\" \"${COMPREPLY[@]}\"'");
  EXPECT_EQ(r.out, "9a8b7c6d5e4f\n") << r.err;
}

TEST_F(Completion, FishCompletesCommandsAndRevisionsWithTheirMessages) {
  EXPECT_EQ(fish_complete("retort upg"), "upgrade\tapply migrations up to a revision\n");
  EXPECT_THAT(fish_complete("retort downgrade 3f"), HasSubstr("3f2a1b9c8d7e\tadd avatar\n"));
  EXPECT_THAT(fish_complete("retort upgrade --"),
              HasSubstr("--allow-data-loss\tlet destructive operations run on tables that hold "
                        "data\n"));
}

// zsh's completion widgets need a terminal; the script's own logic runs with the builtins it
// calls (compadd, _describe, _files, _message) replaced by functions that print what they get.
TEST_F(Completion, ZshOffersCommandsFlagsAndRevisions) {
  write_file(p.dir() / "stubs.zsh",
             "compdef() { : }\n"
             "_describe() { while [[ $1 == -* ]]; do shift 2; done; shift; local n; for n in "
             "\"$@\"; do [[ $n == -- ]] && continue; print -rl -- \"${(@P)n}\"; done }\n"
             "compadd() { [[ $1 == -- ]] && shift; print -rl -- \"$@\" }\n"
             "_files() { print -r -- \"(files $*)\" }\n"
             "_message() { print -r -- \"(message $*)\" }\n"
             "source ./_retort\n");
  auto zsh = [&](const std::string& setup) {
    CommandResult r = p.shell("PATH='" + std::filesystem::path(RETORT_BIN).parent_path().string() +
                              "':$PATH zsh -f -c 'source ./stubs.zsh; " + setup + "; _retort'");
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  };
  EXPECT_THAT(zsh("words=(retort up); CURRENT=2; PREFIX=up"),
              HasSubstr("upgrade:apply migrations up to a revision\n"));
  EXPECT_THAT(zsh("words=(retort downgrade \"\"); CURRENT=3; PREFIX=\"\""),
              HasSubstr("3f2a1b9c8d7e:add avatar\nshop:branch label of 3f2a1b9c8d7e\n"
                        "shop@head:the head of branch shop\n9a8b7c6d5e4f:create usuarios\n"));
  EXPECT_THAT(zsh("words=(retort -q upgrade --); CURRENT=4; PREFIX=--"),
              HasSubstr("--allow-data-loss:let destructive operations run on tables that hold "
                        "data\n"));
  EXPECT_EQ(zsh("words=(retort -c \"\"); CURRENT=3; PREFIX=\"\""), "(files )\n");
  EXPECT_EQ(zsh("words=(retort init --template \"\"); CURRENT=4; PREFIX=\"\""),
            "default\nmultidb\nembedded\n");
}

// The same script in zsh's real completion system: compinit, an interactive zsh on a
// pseudo-terminal (zsh/zpty), a TAB typed after the words; compadd is wrapped to print each match
// it adds, and comppostfuncs prints an end marker the reader waits for (no sleep).
const char* kZshCapture =
    R"zsh(# Runs zsh's real completion system in an interactive zsh on a pseudo-terminal (zsh/zpty) and
# prints the matches it offers for the command line in $1, one per line. $2: the fpath folder.
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z 'PROMPT= RPROMPT= PS2=; unset zle_bracketed_paste'
zpty -w z "fpath=(${(q)2} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false'
zpty -w z 'M=MATCH; comppostfuncs=( _cap_end )'
zpty -w z '_cap_end() { print -r -- "$M:END"; exit }'
zpty -w z 'compadd() { local -a __hits; builtin compadd -A __hits "$@"; builtin compadd "$@"; local h; for h in $__hits; do print -r -- "$M:$h"; done }'
zpty -w z 'bindkey "^I" complete-word'
zpty -w z "$1"$'\t'
local line
while zpty -r z line; do
  line=${line//$'\r'/}
  [[ $line == *MATCH:* ]] || continue
  line=${line##*MATCH:}; line=${line%%[^[:print:]]*}
  [[ $line == END ]] && break
  print -r -- $line
done
zpty -d z
)zsh";

TEST_F(Completion, ZshCompletesInAnInteractiveShell) {
  write_file(p.dir() / "capture.zsh", kZshCapture);
  std::filesystem::create_directories(p.dir() / "fpath");
  std::filesystem::copy_file(p.dir() / "_retort", p.dir() / "fpath/_retort");
  auto complete = [&](const std::string& line) {
    CommandResult r = p.shell("PATH='" + std::filesystem::path(RETORT_BIN).parent_path().string() +
                              "':$PATH timeout 60 zsh -f ./capture.zsh '" + line + "' '" +
                              (p.dir() / "fpath").string() + "'");
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  };
  EXPECT_EQ(complete("retort upg"), "upgrade\n");
  const std::string revisions = complete("retort downgrade ");
  EXPECT_THAT(revisions, HasSubstr("3f2a1b9c8d7e\n"));
  EXPECT_THAT(revisions, HasSubstr("shop@head\n"));
  EXPECT_THAT(revisions, HasSubstr("9a8b7c6d5e4f\n"));
  EXPECT_THAT(complete("retort upgrade --allow-d"), HasSubstr("--allow-data-loss\n"));
  EXPECT_EQ(complete("retort init --template "), "default\nmultidb\nembedded\n");
}

TEST_F(Completion, ZshAndFishScriptsParse) {
  EXPECT_EQ(p.shell("zsh -n _retort").code, 0);
  EXPECT_EQ(p.shell("fish --no-config -n retort.fish").code, 0);
  CommandResult r = p.retort("completion tcsh");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "retort: error: no completion for shell 'tcsh': choose bash, zsh or fish\n");
}

TEST_F(Completion, CompleteRevisionsListsNamesWithoutTheDatabase) {
  // The URL names a server that does not exist: __complete never connects.
  CommandResult r = p.retort("__complete revisions --url postgresql://nobody@127.0.0.1:1/x");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "head\tthe head revision\nheads\tevery head\nbase\tbefore the first revision\n"
            "current\tthe database's revision\n3f2a1b9c8d7e\tadd avatar\nshop\tbranch label of "
            "3f2a1b9c8d7e\nshop@head\tthe head of branch shop\n9a8b7c6d5e4f\tcreate usuarios\n");
  // Outside a project: nothing, and no error in the middle of the user's prompt.
  r = p.retort("-c /nonexistent/retort.toml __complete revisions");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

// init --template and list-templates.
TEST_F(Packaging, ListTemplates) {
  CommandResult r = p.retort("list-templates");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "Available templates:\n\n"
            "default   - one database: retort.toml, revisions in Lua or SQL, models.lua\n"
            "multidb   - several databases, each a folder with its own retort.toml (retort -c DIR "
            "...)\n"
            "embedded  - a C++ program that compiles its migrations in (find_package(retort), "
            "retort_embed_migrations)\n\n"
            "Templates are used via the 'init' command, e.g.:\n\n"
            "  retort init --template multidb migrations\n");
}

TEST_F(Packaging, DefaultTemplateWritesEditorSupportAndWorks) {
  CommandResult r = p.retort("init migrations");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string d = p.dir().string();
  EXPECT_EQ(r.out, "Creating directory " + d +
                       "/migrations ... done\n"
                       "Creating directory " +
                       d +
                       "/migrations/.luals ... done\n"
                       "Creating directory " +
                       d +
                       "/migrations/versions ... done\n"
                       "Generating " +
                       d +
                       "/retort.toml ... done\n"
                       "Generating " +
                       d +
                       "/.luarc.json ... done\n"
                       "Generating " +
                       d +
                       "/migrations/.luals/retort.lua ... done\n"
                       "Generating " +
                       d +
                       "/migrations/models.lua ... done\n"
                       "Generating " +
                       d +
                       "/migrations/script.lua.tmpl ... done\n"
                       "Generating " +
                       d +
                       "/migrations/script.sql.tmpl ... done\n"
                       "Generating " +
                       d +
                       "/migrations/versions/.gitkeep ... done\n"
                       "Please edit the url in " +
                       d + "/retort.toml before proceeding.\n");
  EXPECT_THAT(read_file(p.dir() / ".luarc.json"),
              HasSubstr("\"workspace.library\": [\"migrations/.luals\"]"));
  EXPECT_EQ(read_file(p.dir() / "migrations/.luals/retort.lua").rfind("---@meta retort", 0), 0u);
  // Lua and SQL revisions from the new project's templates run.
  ASSERT_EQ(p.retort("revision -m one").code, 0);
  CommandResult sql = p.retort("revision --sql -m two");
  ASSERT_EQ(sql.code, 0) << sql.err;
  EXPECT_THAT(sql.out, HasSubstr("_two.sql ... done"));
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(", two ("));
}

TEST_F(Packaging, InitKeepsAnExistingLuarc) {
  write_file(p.dir() / ".luarc.json", "{}\n");
  CommandResult r = p.retort("init migrations");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read_file(p.dir() / ".luarc.json"), "{}\n");
  EXPECT_THAT(r.out, HasSubstr("Leaving " + p.dir().string() + "/.luarc.json as it is: add " +
                               p.dir().string() +
                               "/migrations/.luals to its workspace.library for editor "
                               "support.\n"));
}

TEST_F(Packaging, MultidbTemplateIsOneConfigurationPerDatabase) {
  CommandResult r = p.retort("init --template multidb migrations");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(p.dir() / "retort.toml"));
  for (const char* db : {"primary", "analytics"}) {
    const std::string dir = std::string("migrations/") + db;
    EXPECT_TRUE(std::filesystem::exists(p.dir() / dir / "retort.toml")) << db;
    ASSERT_EQ(p.retort("-c " + dir + " revision -m \"create " + db + "\"").code, 0) << db;
    r = p.retort("-c " + dir + " upgrade head");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(p.dir() / dir / (std::string(db) + ".db"))) << db;
  }
  EXPECT_THAT(read_file(p.dir() / "migrations/README.md"),
              HasSubstr("retort migrates one database per run"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("primary")));  // each database its own history
}

TEST_F(Packaging, EmbeddedTemplateWritesACMakeProject) {
  CommandResult r = p.retort("init --template embedded db/migrations");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string cmake = read_file(p.dir() / "CMakeLists.txt");
  EXPECT_THAT(cmake, HasSubstr("find_package(retort REQUIRED)\n"));
  EXPECT_THAT(cmake, HasSubstr("target_link_libraries(app PRIVATE retort::retort)\n"));
  EXPECT_THAT(cmake, HasSubstr("retort_embed_migrations(TARGET app DIRECTORY db/migrations)\n"));
  const std::string main = read_file(p.dir() / "src/main.cpp");
  EXPECT_THAT(main, HasSubstr("#include \"embedded_migrations.hpp\""));
  EXPECT_THAT(main, HasSubstr("config.embedded_scripts = embedded_migrations();"));
  EXPECT_THAT(main, HasSubstr("migrator.upgrade(\"head\", options);"));
  EXPECT_THAT(r.out, HasSubstr("Generating " + p.dir().string() + "/CMakeLists.txt ... done\n"));
  // The same folder works with the command.
  ASSERT_EQ(p.retort("revision -m first").code, 0);
  EXPECT_EQ(p.retort("upgrade head").code, 0);
}

TEST_F(Packaging, InitJsonListsWhatItWrote) {
  CommandResult r = p.retort("init --template multidb migrations --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  const std::string d = p.dir().string();
  EXPECT_EQ(j["template"], "multidb");
  EXPECT_EQ(j["directory"], d + "/migrations");
  EXPECT_EQ(j["directories"][0], d + "/migrations");
  EXPECT_EQ(j["left_as_is"], nlohmann::json::array());
  EXPECT_EQ(j["edit_url_in"], (nlohmann::json{d + "/migrations/analytics/retort.toml",
                                              d + "/migrations/primary/retort.toml"}));
  bool readme = false;
  for (const auto& f : j["files"]) readme = readme || f == d + "/migrations/README.md";
  EXPECT_TRUE(readme) << r.out;
}

TEST_F(Packaging, InitRefusesBeforeWritingAnything) {
  write_file(p.dir() / "CMakeLists.txt", "project(mine)\n");
  CommandResult r = p.retort("init --template embedded migrations");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "retort: error: " + p.dir().string() +
                       "/CMakeLists.txt already exists: not overwriting it\n");
  EXPECT_FALSE(std::filesystem::exists(p.dir() / "migrations"));
  EXPECT_FALSE(std::filesystem::exists(p.dir() / "retort.toml"));
  r = p.retort("init --template nosuch migrations");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: no template 'nosuch' (templates: default, multidb, embedded; see "
            "`retort list-templates`)\n");
}

}  // namespace
}  // namespace retort::test
