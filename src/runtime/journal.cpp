#include "runtime/journal.hpp"

#include <fmt/format.h>

#include <tuple>

#include "base/sha256.hpp"
#include "base/utf8.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

constexpr std::string_view kFirstLine = "journal v1";

// The statement on one line (blanks collapsed), at most `max` bytes cut at a character boundary;
// bytes that are not UTF-8 become '?' (the row's detail is text).
std::string one_line(const std::string& sql, size_t max = 200) {
  std::string line;
  bool cut = false;
  for (char c : sql) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (line.empty() || line.back() == ' ')) continue;
    if (line.size() >= max) {
      cut = true;
      break;
    }
    line += space ? ' ' : c;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  if (cut) {
    size_t n = line.size();
    // Back to the first byte of the last character, which may be incomplete: drop it.
    while (n > 0 && (static_cast<unsigned char>(line[n - 1]) & 0xC0) == 0x80) --n;
    if (n > 0 && static_cast<unsigned char>(line[n - 1]) >= 0xC0) --n;
    line.resize(n);
    line += "...";
  }
  if (!valid_utf8(line)) {
    for (char& c : line)
      if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  return line;
}

std::string value_after(std::string_view line, std::string_view key) {
  if (line.substr(0, key.size()) != key) return {};
  return std::string(line.substr(key.size()));
}

ResumeRefused mismatch(const JournalState& st) {
  return ResumeRefused(
      ErrorKind::Graph,
      fmt::format("cannot resume {}: its first {} statement(s) compile differently now "
                  "than when they ran (the script or the schema changed): check the "
                  "database, then run `retort repair --applied {}` or `retort repair "
                  "--not-applied {}`",
                  st.row.revision, st.applied(), st.row.revision, st.row.revision));
}

}  // namespace

std::string format_journal(const JournalState& st) {
  std::string out(kFirstLine);
  out += "\ntarget: " + st.target;
  out += "\nchain: " + st.chain;
  if (st.bound) out += "\nbound: yes";
  if (!st.last.empty()) out += "\nlast: " + st.last;
  if (!st.running.empty()) out += "\nrunning: " + st.running;
  if (!st.error.empty()) out += "\nerror: " + st.error;
  return out;
}

std::optional<JournalState> parse_journal(const HistoryEntry& row) {
  if (row.detail.compare(0, kFirstLine.size(), kFirstLine) != 0) return std::nullopt;
  if (row.success.value_or(false)) return std::nullopt;
  JournalState st;
  st.row = row;
  size_t at = 0;
  while (at <= row.detail.size()) {
    size_t end = row.detail.find('\n', at);
    if (end == std::string::npos) end = row.detail.size();
    std::string_view line(row.detail.data() + at, end - at);
    if (line.starts_with("target: ")) st.target = value_after(line, "target: ");
    if (line.starts_with("chain: ")) st.chain = value_after(line, "chain: ");
    if (line == "bound: yes") st.bound = true;
    if (line.starts_with("last: ")) st.last = value_after(line, "last: ");
    if (line.starts_with("running: ")) st.running = value_after(line, "running: ");
    if (line.starts_with("error: ")) st.error = value_after(line, "error: ");
    at = end + 1;
  }
  return st;
}

std::string describe_journal(const JournalState& st) {
  const std::string& rev = st.row.revision;
  const std::int64_t n = st.applied();
  std::string what;
  if (!st.error.empty()) {
    what = fmt::format("the {} of {} failed at statement {} ({})", st.row.direction, rev, n + 1,
                       st.error);
  } else if (n == 0) {
    what = fmt::format("the {} of {} was interrupted before its first statement completed",
                       st.row.direction, rev);
  } else {
    what = fmt::format("the {} of {} was interrupted after statement {}: {}", st.row.direction, rev,
                       n, st.last);
  }
  if (n == 0) {
    what += "; none of its statements is applied";
  } else if (n == 1) {
    what += fmt::format("; statement 1 is applied, the version table does not record {}", rev);
  } else {
    what +=
        fmt::format("; statements 1-{} are applied, the version table does not record {}", n, rev);
  }
  if (!st.running.empty())
    what += fmt::format("; statement {} ({}) was sent and may or may not be applied", n + 1,
                        st.running);
  if (st.bound)
    what += "; its script also ran SQL of its own through op.get_bind(), which may be applied";
  return what;
}

std::string journal_remedy(const JournalState& st) {
  const std::string& rev = st.row.revision;
  if (st.bound || !st.running.empty()) {
    return fmt::format(
        "retort cannot resume it blindly: check the database, then run `retort repair --applied "
        "{}` (record it as done) or `retort repair --not-applied {}` (after undoing what it "
        "applied)",
        rev, rev);
  }
  return fmt::format(
      "run `retort resume` to run the rest of it{}, or `retort repair --applied {}` / `retort "
      "repair --not-applied {}` after fixing the database yourself",
      st.error.empty() ? "" : " once the cause is fixed", rev, rev);
}

std::string journal_chain(const Dialect& dialect, const std::string& previous, const Statement& s) {
  std::string text = previous;
  text += '\n';
  text += s.sql;
  for (const auto& p : s.params) {
    text += '\x1f';
    text += dialect.literal(p);
  }
  return sha256_hex(text);
}

MigrationJournal::MigrationJournal(const Dialect& dialect, Connection& conn, const VersionTable& vt,
                                   HistoryEntry row, std::string target,
                                   std::optional<JournalState> resume)
    : dialect_(dialect), conn_(conn), vt_(vt), resume_(std::move(resume)) {
  state_.row = std::move(row);
  state_.target = std::move(target);
}

bool MigrationJournal::skip(const Statement& s) {
  if (!resume_ || count_ >= resume_->applied()) return false;
  chain_ = journal_chain(dialect_, chain_, s);
  ++count_;
  durable_ = count_;
  durable_chain_ = chain_;
  durable_last_ = one_line(s.sql);
  if (count_ == resume_->applied() && chain_ != resume_->chain) throw mismatch(*resume_);
  return true;
}

std::vector<Statement> MigrationJournal::prefix() {
  std::vector<Statement> out;
  if (written_) return out;
  written_ = true;
  if (resume_) {
    HistoryEntry old = resume_->row;
    old.finished_at = utc_now_iso();
    old.success = false;
    old.detail = fmt::format("resumed by run {} from statement {}; was: {}", state_.row.run_id,
                             resume_->applied() + 1, describe_journal(*resume_));
    out.push_back(vt_.history_update(old));
  }
  state_.row.statements = durable_;
  state_.chain = durable_chain_;
  state_.last = durable_last_;
  state_.running.clear();
  state_.row.detail = format_journal(state_);
  out.push_back(vt_.history_insert(state_.row));
  return out;
}

Statement MigrationJournal::progress(const std::string& running) {
  state_.row.statements = durable_;
  state_.chain = durable_chain_;
  state_.last = durable_last_;
  state_.running = running;
  state_.row.detail = format_journal(state_);
  return vt_.history_update(state_.row);
}

void MigrationJournal::send(std::vector<Statement> statements) {
  dialect_.execute_bookkeeping(conn_, statements);
}

void MigrationJournal::run(const Statement& s, bool data, bool tail) {
  const std::string next = journal_chain(dialect_, chain_, s);
  if (data && tail) {
    // Committed with the version table's update by finish(), or rolled back with it.
    if (!conn_.in_transaction()) conn_.begin();
    for (const auto& p : prefix()) conn_.execute(p.sql, p.params);
    conn_.execute(s.sql, s.params);
    chain_ = next;
    ++count_;
    return;
  }
  // What the journal holds once `s` is applied.
  auto applied = [&] {
    chain_ = next;
    ++count_;
    durable_ = count_;
    durable_chain_ = chain_;
    durable_last_ = one_line(s.sql);
  };
  if (data) {
    // The statement and its journal entry commit together.
    if (s.params.empty()) {
      std::vector<Statement> all = prefix();
      all.push_back(Statement{s.sql, {}, true});
      const auto before = std::make_tuple(chain_, count_, durable_, durable_chain_, durable_last_);
      applied();
      all.push_back(progress(""));
      try {
        send(std::move(all));  // in a transaction of its own (execute_bookkeeping)
      } catch (...) {
        std::tie(chain_, count_, durable_, durable_chain_, durable_last_) = before;
        throw;
      }
      return;
    }
    conn_.begin();
    for (const auto& p : prefix()) conn_.execute(p.sql, p.params);
    conn_.execute(s.sql, s.params);
    applied();
    Statement done = progress("");
    conn_.execute(done.sql, done.params);
    conn_.commit();
    return;
  }
  // DDL: the server commits before and after it. The journal says it was sent, then that it is
  // applied, in the same round trip: a client that dies meanwhile leaves the server to run the
  // whole text; only a server that stops between the two leaves "may or may not be applied".
  std::vector<Statement> all = prefix();
  all.push_back(progress(one_line(s.sql)));
  if (!s.params.empty()) {
    send(std::move(all));
    conn_.execute(s.sql, s.params);
    applied();
    send({progress("")});
    return;
  }
  all.push_back(Statement{s.sql, {}, true});
  const auto before = std::make_tuple(chain_, count_, durable_, durable_chain_, durable_last_);
  applied();
  all.push_back(progress(""));
  try {
    send(std::move(all));
  } catch (...) {
    std::tie(chain_, count_, durable_, durable_chain_, durable_last_) = before;
    throw;
  }
}

void MigrationJournal::bound() {
  state_.bound = true;
  std::vector<Statement> all = prefix();
  all.push_back(progress(""));
  send(std::move(all));
}

void MigrationJournal::finish(const std::vector<Statement>& version, RunRecord& record) {
  if (resume_ && count_ < resume_->applied()) throw mismatch(*resume_);
  const bool open = conn_.in_transaction();
  std::vector<Statement> all = version;
  const bool was_written = written_;
  if (!was_written) {
    // Nothing of the step was journaled on its own: the resumed row's end, if any, and the row.
    std::vector<Statement> first = prefix();
    first.pop_back();  // the in-progress insert: the finished row goes instead
    all.insert(all.end(), first.begin(), first.end());
  }
  record.finish(state_.row, count_, true);
  state_.row.statements_total = count_;
  state_.row.detail.clear();
  all.push_back(was_written ? vt_.history_update(state_.row) : vt_.history_insert(state_.row));
  send(std::move(all));
  if (open) conn_.commit();
}

void MigrationJournal::fail(const Error& error, RunRecord& record) {
  conn_.rollback();
  record.finish(state_.row, durable_, false);
  JournalState st = state_;
  st.chain = durable_chain_;
  st.last = durable_last_;
  st.running.clear();
  st.error = one_line(error.what(), 1000);
  // The journal stays open while something of the step stays applied.
  const bool partial = durable_ > 0 || state_.bound;
  try {
    std::vector<Statement> all;
    if (written_) {
      // The row may or may not be there (a failing DDL commits what came before it in its round
      // trip): written again whole.
      all.push_back(vt_.history_delete(state_.row));
    } else {
      std::vector<Statement> first = prefix();
      first.pop_back();
      all = std::move(first);
    }
    state_.row.detail = partial ? format_journal(st) : error.what();
    all.push_back(vt_.history_insert(state_.row));
    send(std::move(all));
  } catch (const Error&) {
    // The connection may be gone with the failure; the error the caller throws says what
    // happened.
  }
}

}  // namespace retort
