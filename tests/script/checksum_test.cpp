// The checksum of a revision script (script/checksum.hpp, docs/design/version-table.md): a
// fixed value for a fixed file, stable across line endings, a byte-order mark and the file's
// place; every one-byte change of the code detected.
#include "script/checksum.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/file.hpp"

namespace retort {
namespace {

std::string golden_text() {
  auto text = read_file(std::filesystem::path(RETORT_SOURCE_DIR) /
                        "tests/script/checksum_fixture/1a2b3c4d5e6f_golden.lua");
  EXPECT_TRUE(text.has_value());
  return text.value_or("");
}

std::string to_crlf(const std::string& lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The value stored in databases: if this changes, every applied revision of every user would
// read as edited. Never update it; add a new algorithm name instead.
constexpr const char* kGolden =
    "sha256:e86e37fd342c649871887f9606a4872f03c05da2a5519d5447fc22727451fefe";

TEST(Checksum, FixedValueForTheFixedFile) {
  std::string text = checksum_normal_form(golden_text());  // a checkout may have made it CRLF
  EXPECT_EQ(script_checksum(text), kGolden);
}

TEST(Checksum, SameAfterCrlfLfAndCrAndABom) {
  const std::string lf = checksum_normal_form(golden_text());
  EXPECT_EQ(script_checksum(to_crlf(lf)), kGolden);
  std::string cr = lf;
  for (char& c : cr)
    if (c == '\n') c = '\r';
  EXPECT_EQ(script_checksum(cr), kGolden);
  EXPECT_EQ(script_checksum("\xEF\xBB\xBF" + lf), kGolden);
  EXPECT_EQ(script_checksum("\xEF\xBB\xBF" + to_crlf(lf)), kGolden);
}

TEST(Checksum, TheFilesPlaceIsNoPartOfIt) {
  // Only the text counts: the same bytes read from another version folder give the same value.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "retort_checksum_moved" / "other_versions";
  fs::create_directories(dir);
  fs::copy_file(
      fs::path(RETORT_SOURCE_DIR) / "tests/script/checksum_fixture/1a2b3c4d5e6f_golden.lua",
      dir / "1a2b3c4d5e6f_renamed_too.lua", fs::copy_options::overwrite_existing);
  auto moved = read_file(dir / "1a2b3c4d5e6f_renamed_too.lua");
  ASSERT_TRUE(moved);
  EXPECT_EQ(script_checksum(*moved), kGolden);
  fs::remove_all(dir.parent_path());
}

TEST(Checksum, EveryOneByteChangeIsDetected) {
  const std::string lf = checksum_normal_form(golden_text());
  size_t changed = 0;
  for (size_t i = 0; i < lf.size(); ++i) {
    if (lf[i] == '\n' || lf[i] == '\r') continue;  // line endings are normalised on purpose
    std::string edited = lf;
    edited[i] = static_cast<char>(edited[i] ^ 0x01);
    if (edited[i] == '\r' || edited[i] == '\n') continue;
    ASSERT_NE(script_checksum(edited), kGolden) << "byte " << i;
    ++changed;
  }
  EXPECT_GT(changed, 300u);
  // A byte added or removed, a trailing space, a final newline.
  EXPECT_NE(script_checksum(lf + "\n"), kGolden);
  EXPECT_NE(script_checksum(lf.substr(0, lf.size() - 1)), kGolden);
  EXPECT_NE(script_checksum(" " + lf), kGolden);
}

TEST(Checksum, NormalForm) {
  EXPECT_EQ(checksum_normal_form("a\r\nb\rc\n\r\n"), "a\nb\nc\n\n");
  EXPECT_EQ(checksum_normal_form("\xEF\xBB\xBFx"), "x");
  EXPECT_EQ(checksum_normal_form("x\xEF\xBB\xBF"), "x\xEF\xBB\xBF");  // only a leading BOM
}

}  // namespace
}  // namespace retort
