// The CLI's output formats (docs/commands.md quotes them; end-to-end tests and users' scripts
// read them). The CLI's sources are not part of retort_core, which programs link, so the one
// source under test is compiled into this file.
#include "cli/output.hpp"

#include <gtest/gtest.h>

namespace retort::cli {
namespace {

RevisionInfo rev(std::string id, std::vector<std::string> down, std::string message) {
  RevisionInfo r;
  r.revision = std::move(id);
  r.down_revisions = std::move(down);
  r.message = std::move(message);
  r.path = "/p/migrations/versions/" + r.revision + "_x.lua";
  return r;
}

TEST(CliOutput, HistoryLine) {
  LineStyle history;
  history.parents = true;
  history.doc = true;
  RevisionInfo r = rev("3f2a1b9c8d7e", {"9a8b7c6d5e4f"}, "add avatar_url");
  r.is_head = true;
  EXPECT_EQ(revision_line(r, history), "9a8b7c6d5e4f -> 3f2a1b9c8d7e (head), add avatar_url");
  RevisionInfo base = rev("9a8b7c6d5e4f", {}, "create usuarios");
  base.is_branch_point = true;
  EXPECT_EQ(revision_line(base, history), "<base> -> 9a8b7c6d5e4f (branchpoint), create usuarios");
  RevisionInfo merge = rev("m", {"a", "b"}, "merge");
  merge.is_merge_point = true;
  merge.is_head = true;
  merge.branch_labels = {"feat"};
  merge.depends_on = {"x"};
  history.current = true;
  EXPECT_EQ(revision_line(merge, history),
            "a, b (x) -> m (feat) (head) (current) (mergepoint), merge");
}

TEST(CliOutput, HeadsAndCurrentLines) {
  RevisionInfo r = rev("3f2a1b9c8d7e", {"9a8b7c6d5e4f"}, "add avatar_url");
  r.is_head = true;
  r.branch_labels = {"feat"};
  LineStyle heads;
  heads.tree = false;
  EXPECT_EQ(revision_line(r, heads), "3f2a1b9c8d7e (feat) (head)");
  LineStyle current;
  current.branches = false;
  EXPECT_EQ(revision_line(r, current), "3f2a1b9c8d7e (head)");
}

TEST(CliOutput, VerboseBlock) {
  RevisionInfo r = rev("3f2a1b9c8d7e", {"9a8b7c6d5e4f"}, "add avatar_url");
  r.is_branch_point = true;
  r.depends_on = {"d1"};
  r.branch_labels = {"feat"};
  r.doc = "add avatar_url\n\nRevision ID: 3f2a1b9c8d7e";
  EXPECT_EQ(revision_block(r, {"c1", "c2"}, true),
            "Rev: 3f2a1b9c8d7e (branchpoint) (current)\n"
            "Parent: 9a8b7c6d5e4f\n"
            "Also depends on: d1\n"
            "Branches into: c1, c2\n"
            "Branch names: feat\n"
            "Path: /p/migrations/versions/3f2a1b9c8d7e_x.lua\n"
            "\n"
            "    add avatar_url\n"
            "\n"
            "    Revision ID: 3f2a1b9c8d7e\n"
            "\n");
  RevisionInfo merge = rev("m", {"a", "b"}, "merge heads");
  merge.is_merge_point = true;
  merge.is_head = true;
  EXPECT_EQ(revision_block(merge, {}, false),
            "Rev: m (head) (mergepoint)\nMerges: a, b\nPath: /p/migrations/versions/m_x.lua\n\n"
            "    merge heads\n\n");
  EXPECT_EQ(revision_block(rev("b", {}, "first"), {}, false).substr(0, 22),
            "Rev: b\nParent: <base>\n");
}

TEST(CliOutput, StepLines) {
  StepReport up{true,
                "",
                "9a8b7c6d5e4f",
                "9a8b7c6d5e4f",
                "create usuarios",
                std::chrono::microseconds(12345)};
  EXPECT_EQ(step_line("upgrade", up, true),
            "upgrade base -> 9a8b7c6d5e4f, create usuarios (12.3 ms)");
  EXPECT_EQ(step_line("upgrade", up, false), "upgrade base -> 9a8b7c6d5e4f, create usuarios");
  StepReport down{false, "3f2a1b9c8d7e", "", "3f2a1b9c8d7e", "", std::chrono::microseconds(0)};
  EXPECT_EQ(step_line("downgrade", down, true), "downgrade 3f2a1b9c8d7e -> base (0.0 ms)");
  EXPECT_EQ(revisions_or_base({}), "base");
  EXPECT_EQ(revisions_or_base({"a", "b"}), "a, b");
}

TEST(CliOutput, Json) {
  RevisionInfo r = rev("3f2a1b9c8d7e", {"9a8b7c6d5e4f"}, "add avatar_url");
  r.is_head = true;
  auto j = revision_json(r);
  EXPECT_EQ(j.begin().key(), "revision");  // readable order, not alphabetical
  EXPECT_EQ(j["revision"], "3f2a1b9c8d7e");
  EXPECT_EQ(j["down_revisions"], nlohmann::ordered_json::array({"9a8b7c6d5e4f"}));
  EXPECT_EQ(j["branch_labels"], nlohmann::ordered_json::array());
  EXPECT_EQ(j["path"], "/p/migrations/versions/3f2a1b9c8d7e_x.lua");
  EXPECT_EQ(j["is_head"], true);
  EXPECT_EQ(j["is_merge_point"], false);
}

}  // namespace
}  // namespace retort::cli
