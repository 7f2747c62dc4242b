// RevisionGraph — the revision DAG, name resolution and migration plans, with no file I/O.
//
// Built from in-memory nodes (id, down revisions, depends_on, branch labels), so it is tested
// from lists and shared by the script directory (files) and programs that embed their
// migrations. Semantics follow Alembic's RevisionMap (alembic/script/revision.py):
//
//  - A revision's parents are its down_revisions; `depends_on` adds ordering edges to other
//    revisions (or branch labels) without making them parents. "Ancestors" below counts both.
//  - The version table holds exactly the heads of the applied set: the applied revisions that
//    no other applied revision has as a parent or dependency. Plans say, step by step, which
//    rows to delete and insert to keep it so.
//  - heads() are the revisions no other revision names as down_revision (a revision only
//    depended on is still a head of its branch), in the order the nodes were given (the script
//    directory gives them sorted by file name). Every walk is iterative: a chain of 10,000
//    revisions needs no deep stack.
//
// Every problem a user can cause is Error(ErrorKind::Graph) with a message that names the
// revisions and files involved and says what to do. Thread-safety: immutable after
// construction; const methods are safe to call concurrently.
#pragma once

#include <memory>
#include <mutex>
#include <algorithm>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace retort {

struct RevisionNode {
  std::string id;
  std::vector<std::string> down_revisions;  // parents; empty: a base
  std::vector<std::string> depends_on;      // revision ids or branch labels
  std::vector<std::string> branch_labels;
  std::string source;  // file path (or name) for messages
  // Revisions `retort squash` folded into this one: a version row naming one of them is told to
  // upgrade to this revision with the old files (check_rows).
  std::vector<std::string> squashes = {};
};

class RevisionGraph {
 public:
  // Validates: duplicate ids (both files named), parents or dependencies naming no revision,
  // a branch label used twice or equal to a revision id, cycles (the revisions in it named).
  // `location` (e.g. "migrations/versions") is what messages call the place the scripts are.
  explicit RevisionGraph(std::vector<RevisionNode> nodes, std::string location = "");

  // The node with exactly this id, or null.
  const RevisionNode* find(const std::string& id) const;
  const std::vector<RevisionNode>& nodes() const { return nodes_; }
  size_t size() const { return nodes_.size(); }

  std::vector<std::string> heads() const;          // no revision has them as down_revision
  std::vector<std::string> bases() const;          // no down_revision
  std::vector<std::string> branch_points() const;  // two or more children
  bool is_head(const std::string& id) const;
  bool is_branch_point(const std::string& id) const;
  // Revisions that name `id` as a down_revision, in node order.
  std::vector<std::string> children(const std::string& id) const;
  // Resolved ids a revision depends on (labels replaced by the labelled revision).
  std::vector<std::string> dependencies(const std::string& id) const;

  // Resolves a name to revision ids (empty = base):
  //   full id; unambiguous prefix; a branch label (the labelled revision); "head" (error when
  //   several heads); "heads"; "base"; "current" (= `current`); "label@head", "label@heads",
  //   "label@base", "label@REV"; relative "+N"/"-N" (from `current`), "REV+N", "REV-N",
  //   "label@+N", "label@-N". `current` = the rows of the version table.
  std::vector<std::string> resolve(const std::string& name,
                                   const std::vector<std::string>& current = {}) const;

  struct Step {
    std::string revision;  // the script to run
    bool upgrade = true;
    std::vector<std::string> delete_rows;  // version-table rows to delete before...
    std::vector<std::string> insert_rows;  // ...inserting these
  };

  // Steps from the version-table rows `current` to `target` (a name as resolve() takes).
  // Upgrades apply ancestors (and dependencies) first; nothing to do gives no steps.
  std::vector<Step> plan_upgrade(const std::vector<std::string>& current,
                                 const std::string& target) const;
  // Downgrades remove the applied descendants of the target, newest first ("base": all).
  std::vector<Step> plan_downgrade(const std::vector<std::string>& current,
                                   const std::string& target) const;
  // The rows the version table holds after `stamp target`; purge: ignore `current`.
  std::vector<std::string> stamp_rows(const std::vector<std::string>& current,
                                      const std::string& target, bool purge) const;

  // Every revision, newest (heads) first, ancestors always after descendants, in the order
  // `alembic history` lists them: Alembic's RevisionMap._topological_sort, which walks down
  // from each head (in node order) and switches to another head whenever the revision it
  // reached is also below that one, so each branch comes out in one piece and a merge comes
  // before the branches it joins. Linear histories come out newest to oldest. Deterministic.
  std::vector<std::string> topological_newest_first() const;

  // Revisions from `lower` up to `upper`, both included, newest first (history -r A:B and
  // offline ranges). Empty lower = base, empty upper = heads; `current` resolves "current" and
  // relative names. Error if lower is not below upper.
  std::vector<std::string> range(const std::string& lower, const std::string& upper,
                                 const std::vector<std::string>& current = {}) const;

  // The revision `retort squash` folded `id` into (its `squashes` name it), or null.
  const RevisionNode* squashed_into(const std::string& id) const;

  // Throws the "database is at revision X, which no script defines" error if a row is unknown
  // (for a row squashed away: which revision replaced it, and what to do).
  void check_rows(const std::vector<std::string>& rows) const;

 private:
  enum class Context { Generic, Upgrade, Downgrade };
  struct Parsed {
    std::vector<int> revs;  // empty: base
    int branch = -1;        // lineage filter: a labelled revision, or the start of a relative walk
  };

  int index_of(const std::string& id) const;  // -1 if unknown
  std::string id(int i) const { return nodes_[i].id; }
  std::string describe(int i) const;  // "id (file)"
  std::string join_ids(std::span<const int> v) const;

  Parsed parse(const std::string& name, const std::vector<int>& current, Context ctx) const;
  std::vector<int> resolve_absolute(const std::string& name, int branch,
                                    const std::vector<int>& current, Context ctx) const;
  int resolve_single(const std::string& name, int branch, const std::vector<int>& current,
                     Context ctx) const;
  int lookup(const std::string& name) const;  // id, label or prefix; throws when none/ambiguous
  int walk(int start, int steps, int branch, const std::string& name, bool from_current) const;

  // Marks of `starts` and everything below (include_deps: through depends_on too).
  std::vector<char> ancestors(const std::vector<int>& starts, bool include_deps) const;
  std::vector<char> descendants(const std::vector<int>& starts, bool include_deps) const;
  bool shares_lineage(int rev, int branch) const;
  std::vector<int> filter_lineage(const std::vector<int>& revs, int branch) const;
  std::vector<int> applied_tips(const std::vector<int>& current, int branch) const;
  std::vector<int> rows_to_indices(const std::vector<std::string>& rows) const;
  // Alembic's order (topological_newest_first) of the marked revisions, walking from `tips`.
  std::vector<int> alembic_order(std::vector<char> todo, const std::vector<int>& tips) const;
  // Alembic's "normalized" dependencies of i: depends_on minus the dependencies of its
  // down_revision ancestors.
  std::vector<int> normalized_dependencies(int i) const;

  std::vector<RevisionNode> nodes_;
  std::string location_;
  std::unordered_map<std::string, int> by_id_;
  std::unordered_map<std::string, int> by_label_;
  // Every node's edges in one array (compressed rows): two allocations per kind of edge
  // instead of one per node, which building and freeing a 1,000-revision graph felt.
  class Adjacency {
   public:
    std::span<const int> operator[](int i) const {
      return {targets_.data() + offsets_[i], targets_.data() + offsets_[i + 1]};
    }
    size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
    // Appends node size()'s edges: `edges` in order, each once.
    template <class Range>
    void add_node(const Range& edges) {
      if (offsets_.empty()) offsets_.push_back(0);
      const size_t from = targets_.size();
      for (int e : edges) {
        if (std::find(targets_.begin() + static_cast<long>(from), targets_.end(), e) ==
            targets_.end())
          targets_.push_back(e);
      }
      offsets_.push_back(targets_.size());
    }
    // The reverse edges of `a` over `n` nodes, each list in node order.
    static Adjacency inverse(const Adjacency& a, size_t n);
    void reserve(size_t nodes, size_t edges) {
      offsets_.reserve(nodes + 1);
      targets_.reserve(edges);
    }

   private:
    std::vector<size_t> offsets_;
    std::vector<int> targets_;
  };
  Adjacency parents_;       // down_revisions
  Adjacency deps_;          // depends_on, resolved
  Adjacency all_down_;      // parents + deps, deduplicated
  Adjacency children_;      // inverse of parents_
  Adjacency all_children_;  // inverse of all_down_
  // Indices sorted by id, for prefix lookups; built on first use (ids_sorted()). Shared by
  // copies, which hold the same nodes.
  struct SortedIds {
    std::once_flag flag;
    std::vector<int> ids;
  };
  std::shared_ptr<SortedIds> sorted_ids_ = std::make_shared<SortedIds>();
  const std::vector<int>& ids_sorted() const;
};

}  // namespace retort
