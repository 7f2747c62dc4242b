// Plans on random DAGs (branches, merges, depends_on), checked against the invariants that
// define them rather than against hand-written expectations:
//  - an upgrade step runs only when everything it builds on is applied; a downgrade step only
//    when nothing applied builds on it;
//  - after every step the rows are exactly the heads of the applied set;
//  - after `upgrade T`, T and all it builds on are applied; after `downgrade T`, T is applied
//    and nothing built on its children is.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "retort/error.hpp"
#include "script/revision_graph.hpp"

namespace retort {
namespace {

using Ids = std::vector<std::string>;

struct World {
  std::vector<RevisionNode> nodes;
  std::vector<std::vector<int>> below;  // parents + dependencies, by index
};

World random_world(std::mt19937& rng, int n) {
  World w;
  w.below.resize(n);
  for (int i = 0; i < n; ++i) {
    RevisionNode node;
    node.id = "r" + std::to_string(i);
    node.source = node.id + ".lua";
    if (i > 0) {
      int roll = static_cast<int>(rng() % 10);
      int parents = roll < 1 ? 0 : (roll < 8 ? 1 : 2);  // some bases, mostly chains, merges
      std::set<int> chosen;
      for (int k = 0; k < parents; ++k) {
        // Prefer recent revisions so that chains form; sometimes reach back to fork.
        int span = std::min(i, (rng() % 3 == 0) ? i : 3);
        chosen.insert(i - 1 - static_cast<int>(rng() % span));
      }
      for (int p : chosen) {
        node.down_revisions.push_back("r" + std::to_string(p));
        w.below[i].push_back(p);
      }
      if (rng() % 6 == 0) {
        int d = static_cast<int>(rng() % i);
        if (!chosen.count(d)) {
          node.depends_on.push_back("r" + std::to_string(d));
          w.below[i].push_back(d);
        }
      }
    }
    w.nodes.push_back(std::move(node));
  }
  return w;
}

int index_of(const std::string& id) { return std::stoi(id.substr(1)); }

Ids heads_of(const World& w, const std::vector<char>& applied) {
  std::vector<char> covered(applied.size(), 0);
  for (size_t i = 0; i < applied.size(); ++i) {
    if (applied[i]) {
      for (int b : w.below[i]) covered[b] = 1;
    }
  }
  Ids out;
  for (size_t i = 0; i < applied.size(); ++i) {
    if (applied[i] && !covered[i]) out.push_back(w.nodes[i].id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<char> closure(const World& w, int start) {
  std::vector<char> mark(w.nodes.size(), 0);
  std::vector<int> todo{start};
  mark[start] = 1;
  while (!todo.empty()) {
    int v = todo.back();
    todo.pop_back();
    for (int b : w.below[v]) {
      if (!mark[b]) {
        mark[b] = 1;
        todo.push_back(b);
      }
    }
  }
  return mark;
}

TEST(RevisionPlanProperty, RandomGraphsKeepTheVersionTableExact) {
  std::mt19937 rng(20261124);
  int upgrades = 0, downgrades = 0, refused = 0;
  for (int world_no = 0; world_no < 60; ++world_no) {
    const int n = 8 + static_cast<int>(rng() % 25);
    World w = random_world(rng, n);
    RevisionGraph g(w.nodes);
    std::vector<char> applied(n, 0);
    Ids rows;
    for (int op = 0; op < 40; ++op) {
      const bool up = rng() % 2 == 0;
      std::string target;
      int t = static_cast<int>(rng() % n);
      if (rng() % 8 == 0) {
        target = up ? "heads" : "base";
        t = -1;
      } else {
        target = "r" + std::to_string(t);
      }
      std::vector<RevisionGraph::Step> steps;
      try {
        steps = up ? g.plan_upgrade(rows, target) : g.plan_downgrade(rows, target);
      } catch (const Error& e) {
        ASSERT_EQ(e.kind(), ErrorKind::Graph);
        ++refused;  // not applied / a dependency of something applied: the plan is refused
        continue;
      }
      for (const auto& s : steps) {
        const int r = index_of(s.revision);
        ASSERT_EQ(s.upgrade, up);
        if (up) {
          ASSERT_FALSE(applied[r]) << s.revision << " applied twice";
          for (int b : w.below[r]) ASSERT_TRUE(applied[b]) << s.revision << " before r" << b;
          applied[r] = 1;
        } else {
          ASSERT_TRUE(applied[r]) << s.revision << " is not applied";
          for (int c = 0; c < n; ++c) {
            if (!applied[c]) continue;
            for (int b : w.below[c]) {
              ASSERT_NE(b, r) << "r" << c << " is still applied and builds on " << s.revision;
            }
          }
          applied[r] = 0;
        }
        for (const auto& d : s.delete_rows) {
          auto it = std::find(rows.begin(), rows.end(), d);
          ASSERT_NE(it, rows.end()) << "deleting a row that is not there: " << d;
          rows.erase(it);
        }
        for (const auto& i : s.insert_rows) {
          ASSERT_EQ(std::find(rows.begin(), rows.end(), i), rows.end()) << "row twice: " << i;
          rows.push_back(i);
        }
        Ids sorted = rows;
        std::sort(sorted.begin(), sorted.end());
        ASSERT_EQ(sorted, heads_of(w, applied)) << "after " << s.revision;
      }
      if (up && t >= 0) {
        std::vector<char> need = closure(w, t);
        for (int i = 0; i < n; ++i) {
          if (need[i]) ASSERT_TRUE(applied[i]) << "upgrade " << target << " left r" << i;
        }
        ++upgrades;
      } else if (!up && t >= 0) {
        ASSERT_TRUE(applied[t]) << "downgrade " << target << " removed it";
        // Nothing that builds on a child of t stays (what depends on t itself may: t stays).
        for (int i = 0; i < n; ++i) {
          if (!applied[i]) continue;
          std::vector<char> under = closure(w, i);
          for (const auto& c : g.children(target)) {
            ASSERT_FALSE(under[index_of(c)]) << "downgrade " << target << " left r" << i;
          }
        }
        ++downgrades;
      } else if (!up) {
        ASSERT_TRUE(rows.empty());
        ++downgrades;
      }
    }
    // Everything comes off again.
    auto all_down = g.plan_downgrade(rows, "base");
    for (const auto& s : all_down) applied[index_of(s.revision)] = 0;
    ASSERT_TRUE(std::none_of(applied.begin(), applied.end(), [](char c) { return c; }));
  }
  EXPECT_GT(upgrades, 100);
  EXPECT_GT(downgrades, 100);
  RecordProperty("refused", refused);
}

}  // namespace
}  // namespace retort
