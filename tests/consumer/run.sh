#!/usr/bin/env bash
# retort as other projects and machines get it, checked from outside the build:
#   1. `cmake --install` into a staging prefix: headers, library, CMake package, retort.pc, command
#   2. examples/embedded_app, a project of its own, built against it with find_package(retort)
#      in a separate build directory, run twice on a SQLite database; the `retort` command
#      agrees on the same project folder; the project `retort init --template embedded` writes
#      builds and runs the same way
#   3. editing or adding a revision script rebuilds the program (retort_embed_migrations)
#   4. a one-file program built with pkg-config (retort.pc) alone
#   5. examples/embedded_app again with retort's source through FetchContent, SQLite only
#      (RETORT_WITH_POSTGRESQL/MYSQL=OFF) and shared (BUILD_SHARED_LIBS=ON): no tests, CLI or
#      other databases compiled, the SONAME, hidden internal symbols, and the one-line error
#      for a database left out
#   6. the .deb of the command: cpack, its control fields and files, `dpkg -x`, `retort --version`
#
#   tests/consumer/run.sh BUILD_DIR [WORK_DIR]
# BUILD_DIR is a built top-level build of this checkout; WORK_DIR (default BUILD_DIR/consumer)
# is emptied first and kept afterwards for a look at what failed. Registered with ctest as
# `consumer` (tests/CMakeLists.txt). Exits non-zero on the first check that fails.
set -euo pipefail
build=$(cd "${1:?usage: tests/consumer/run.sh BUILD_DIR [WORK_DIR]}" && pwd)
work=${2:-$build/consumer}
src=$(cd "$(dirname "$0")/../.." && pwd)
example=$src/examples/embedded_app
jobs=2
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)

step() { echo "== consumer: $*"; }
fail() {
  echo "consumer: FAILED: $*" >&2
  exit 1
}
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [[ "$2" != "$3" ]]; then
    fail "$1"$'\n'"--- expected:"$'\n'"$2"$'\n'"--- got:"$'\n'"$3"
  fi
}
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# Consumers build with no CMAKE_BUILD_TYPE (no optimisation): what is checked is how retort is
# consumed, and an unoptimised build of it is the quickest.
configure() { cmake -G Ninja "${launcher[@]}" "$@" >"$work/cmake.log" 2>&1 || {
  cat "$work/cmake.log" >&2
  fail "cmake $*"
}; }
build_target() { cmake --build "$1" -j "$jobs" --target "$2" >"$work/build.log" 2>&1 || {
  cat "$work/build.log" >&2
  fail "cmake --build $1 --target $2"
}; }

# ---- 1. install -----------------------------------------------------------------------------
step "cmake --install into a staging prefix"
stage=$work/stage
cmake --install "$build" --prefix "$stage" >"$work/install.log"
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
for f in bin/retort include/retort/retort.hpp include/retort/migrator.hpp \
  include/retort/export.hpp include/retort/version.hpp "$libdir/libretort.a" \
  "$libdir/cmake/retort/retortConfig.cmake" "$libdir/cmake/retort/retortConfigVersion.cmake" \
  "$libdir/cmake/retort/retortTargets.cmake" "$libdir/cmake/retort/RetortEmbed.cmake" \
  "$libdir/cmake/retort/RetortEmbedGenerate.cmake" "$libdir/pkgconfig/retort.pc" \
  share/man/man1/retort.1 share/bash-completion/completions/retort \
  share/zsh/vendor-completions/_retort share/fish/vendor_completions.d/retort.fish; do
  [[ -f "$stage/$f" ]] || fail "cmake --install did not install $f"
done
# Internal headers stay internal.
[[ -z "$(find "$stage/include" -type f ! -path '*/include/retort/*')" ]] ||
  fail "cmake --install installed headers outside include/retort/"
version=$("$stage/bin/retort" --version)
version=${version#retort }

# ---- 2. find_package ----------------------------------------------------------------------------
step "examples/embedded_app with find_package(retort)"
configure -S "$example" -B "$work/find" -DCMAKE_PREFIX_PATH="$stage"
build_target "$work/find" embedded_app
app=$work/find/embedded_app
db=$work/find.db
out=$("$app" "sqlite:///$db")
expect_eq "embedded_app, first run" "migrated base -> 1a2b3c4d5e6f (create usuarios)
migrated 1a2b3c4d5e6f -> 2b3c4d5e6f70 (add avatar_url to usuarios)
applied 2 migration(s); database at 2b3c4d5e6f70
schema matches the models (retort $version)" "$out"
out=$("$app" "sqlite:///$db")
expect_eq "embedded_app, second run" "applied 0 migration(s); database at 2b3c4d5e6f70
schema matches the models (retort $version)" "$out"

step "retort init --template embedded: the project it writes builds and runs"
tpl=$work/template
mkdir -p "$tpl"
(cd "$tpl" && "$stage/bin/retort" init --template embedded migrations >/dev/null) ||
  fail "retort init --template embedded"
cp "$example/migrations/versions/1a2b3c4d5e6f_create_usuarios.lua" "$tpl/migrations/versions/"
configure -S "$tpl" -B "$work/template-build" -DCMAKE_PREFIX_PATH="$stage"
build_target "$work/template-build" app
expect_eq "the embedded template's app" "migrated base -> 1a2b3c4d5e6f (create usuarios)" \
  "$("$work/template-build/app" "sqlite:///$work/template.db")"

step "the retort command on the same project folder"
cli_db=$work/cli.db
"$stage/bin/retort" -c "$example/retort.toml" --url "sqlite:///$cli_db" upgrade head >/dev/null
"$stage/bin/retort" -c "$example/retort.toml" --url "sqlite:///$cli_db" check >/dev/null ||
  fail "retort check on examples/embedded_app after upgrade head"
out=$("$app" "sqlite:///$cli_db")
expect_eq "embedded_app on the database the command migrated" "applied 0 migration(s); database at 2b3c4d5e6f70
schema matches the models (retort $version)" "$out"

# ---- 3. edits rebuild -----------------------------------------------------------------------
step "a revision added or edited rebuilds the program"
copy=$work/app-copy
cp -r "$example" "$copy"
configure -S "$copy" -B "$work/copy-build" -DCMAKE_PREFIX_PATH="$stage"
build_target "$work/copy-build" embedded_app
if grep -q "Embedding" <<<"$(ninja -C "$work/copy-build" -n embedded_app)"; then
  fail "a second build with nothing changed embedded the scripts again"
fi
cat >"$copy/migrations/versions/3c4d5e6f7081_add_bio_to_usuarios.lua" <<'EOF'
--- add bio to usuarios
--
-- Revision ID: 3c4d5e6f7081
-- Revises: 2b3c4d5e6f70

revision = "3c4d5e6f7081"
down_revision = "2b3c4d5e6f70"

function upgrade()
  op.add_column("usuarios", sa.Column("bio", sa.Text(), { nullable = true }))
end

function downgrade()
  op.drop_column("usuarios", "bio")
end
EOF
sed -i 's/sa.Column("avatar_url", sa.String(), { nullable = true }))/sa.Column("avatar_url", sa.String(), { nullable = true }),\n  sa.Column("bio", sa.Text(), { nullable = true }))/' \
  "$copy/migrations/models.lua"
grep -q '"bio"' "$copy/migrations/models.lua" || fail "could not add bio to the copy's models.lua"
build_target "$work/copy-build" embedded_app
out=$("$work/copy-build/embedded_app" "sqlite:///$work/copy1.db" | sed -n 3,4p)
expect_eq "embedded_app after a revision was added" "migrated 2b3c4d5e6f70 -> 3c4d5e6f7081 (add bio to usuarios)
applied 3 migration(s); database at 3c4d5e6f7081" "$out"
sed -i 's/^--- add bio to usuarios/--- add a biography to usuarios/' \
  "$copy/migrations/versions/3c4d5e6f7081_add_bio_to_usuarios.lua"
build_target "$work/copy-build" embedded_app
out=$("$work/copy-build/embedded_app" "sqlite:///$work/copy2.db" | sed -n 3p)
expect_eq "embedded_app after a revision was edited" \
  "migrated 2b3c4d5e6f70 -> 3c4d5e6f7081 (add a biography to usuarios)" "$out"

# ---- 4. pkg-config --------------------------------------------------------------------------
step "a program built with pkg-config retort"
cat >"$work/pc_app.cpp" <<'EOF'
#include <cstdio>
#include <retort/retort.hpp>

int main() {
  retort::Config config = retort::Config::defaults();
  config.url = "sqlite://";
  config.embedded_scripts = std::vector<retort::ScriptText>{
      {"0001_t.lua",
       "revision = \"0001\"\ndown_revision = nil\n"
       "function upgrade() op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), "
       "{ primary_key = true })) end\nfunction downgrade() op.drop_table(\"t\") end\n"}};
  retort::RunReport report = retort::Migrator(config).upgrade("head");
  std::printf("%zu step(s), at %s, retort %s\n", report.steps.size(),
              report.heads_after.at(0).c_str(), RETORT_VERSION);
}
EOF
export PKG_CONFIG_PATH=$stage/$libdir/pkgconfig
# shellcheck disable=SC2046
g++ -std=c++20 "$work/pc_app.cpp" -o "$work/pc_app" $(pkg-config --cflags --libs retort) ||
  fail "g++ with \$(pkg-config --cflags --libs retort)"
expect_eq "the pkg-config program" "1 step(s), at 0001, retort $version" "$("$work/pc_app")"
expect_eq "pkg-config --modversion retort" "$version" "$(pkg-config --modversion retort)"

# ---- 5. FetchContent, SQLite only, shared ---------------------------------------------------
step "examples/embedded_app with FetchContent: SQLite only, BUILD_SHARED_LIBS=ON"
fetch=$work/fetch
configure -S "$example" -B "$fetch" -DEMBEDDED_APP_RETORT_SOURCE="$src" \
  -DRETORT_WITH_POSTGRESQL=OFF -DRETORT_WITH_MYSQL=OFF -DBUILD_SHARED_LIBS=ON
targets=$(ninja -C "$fetch" -t targets all)
for t in retort retort_cli retort_tests retort_e2e retort_bench; do
  if grep -q "^$t: " <<<"$targets"; then fail "a consumer's build has retort's target $t"; fi
done
if grep -Eq "RETORT_(LIBPQ|MARIADB)" "$fetch/CMakeCache.txt"; then
  fail "a SQLite-only build looked for libpq or Connector/C"
fi
build_target "$fetch" embedded_app
if [[ -n "$(find "$fetch" -name '*.o' \( -path '*postgresql*' -o -path '*mysql*' \))" ]]; then
  fail "a SQLite-only build compiled PostgreSQL or MySQL sources"
fi
lib=$(find "$fetch" -name 'libretort.so.*.*.*' | head -1)
[[ -n "$lib" ]] || fail "BUILD_SHARED_LIBS=ON built no libretort.so"
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
major=${version%%.*}
if [[ $major == 0 ]]; then want=libretort.so.${version%.*}; else want=libretort.so.$major; fi
expect_eq "the SONAME of libretort.so" "$want" "$soname"
exported=$(nm -DC --defined-only "$lib")
grep -q "retort::Migrator::upgrade" <<<"$exported" || fail "libretort.so does not export Migrator"
if grep -q "retort::find_dialect" <<<"$exported"; then
  fail "libretort.so exports internal symbols (retort::find_dialect)"
fi
out=$("$fetch/embedded_app" "sqlite:///$work/fetch.db")
expect_eq "embedded_app built through FetchContent" "migrated base -> 1a2b3c4d5e6f (create usuarios)
migrated 1a2b3c4d5e6f -> 2b3c4d5e6f70 (add avatar_url to usuarios)
applied 2 migration(s); database at 2b3c4d5e6f70
schema matches the models (retort $version)" "$out"
for url in postgresql://u@localhost/db mariadb://u@localhost/db; do
  code=0
  err=$("$fetch/embedded_app" "$url" 2>&1 >/dev/null) || code=$?
  expect_eq "exit code for $url without its support" 1 "$code"
  case $url in
    postgresql*) what="PostgreSQL" option=RETORT_WITH_POSTGRESQL scheme=postgresql ;;
    *) what="MySQL/MariaDB" option=RETORT_WITH_MYSQL scheme=mariadb ;;
  esac
  expect_eq "the error for $url" "embedded_app: retort was built without $what support: rebuild it with -D$option=ON to use $scheme:// URLs" "$err"
done

# ---- 6. the .deb ----------------------------------------------------------------------------
step "the retort .deb: cpack, dpkg-deb -I, dpkg -x"
(cd "$build" && cpack -G DEB -B "$work/deb" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log" >&2
  fail "cpack -G DEB"
}
arch=$(dpkg --print-architecture)
deb=$work/deb/retort_${version}_${arch}.deb
[[ -f "$deb" ]] || fail "cpack wrote no $deb"
field() { dpkg-deb -f "$deb" "$1"; }
expect_eq "Package" retort "$(field Package)"
expect_eq "Version" "$version" "$(field Version)"
expect_eq "Architecture" "$arch" "$(field Architecture)"
expect_eq "Section" database "$(field Section)"
expect_eq "Recommends" "libpq5, libmariadb3" "$(field Recommends)"
[[ "$(field Depends)" =~ ^libc6\ \(\>=\ [0-9.]+\)$ ]] ||
  fail "Depends should name libc6 alone (Lua, SQLite and libstdc++ are static): $(field Depends)"
# Read whole before grep -q, which stops early: with pipefail, the writer's SIGPIPE would fail it.
info=$(dpkg-deb -I "$deb")
grep -q "^ Description: database schema migrations in the spirit of Alembic$" <<<"$info" ||
  fail "dpkg-deb -I: no Description"
# The command's files only: the library and headers are for builds (find_package, FetchContent).
files=$(dpkg-deb -c "$deb" | awk '{print $NF}' | grep -v '/$')
if grep -Eq "include/|libretort|cmake/|pkgconfig/" <<<"$files"; then
  fail "the .deb holds library files:"$'\n'"$files"
fi
root=$work/deb-root
dpkg -x "$deb" "$root"
expect_eq "retort --version from the .deb" "retort $version" "$("$root/usr/bin/retort" --version)"
out=$("$root/usr/bin/retort" -c "$example/retort.toml" --url "sqlite:///$work/deb.db" upgrade head 2>&1) ||
  fail "the packaged retort could not upgrade examples/embedded_app: $out"
# The man page and the shell completions come with the command.
for f in usr/share/man/man1/retort.1 usr/share/bash-completion/completions/retort \
         usr/share/zsh/vendor-completions/_retort usr/share/fish/vendor_completions.d/retort.fish; do
  [[ -s "$root/$f" ]] || fail "the .deb has no $f"
done
grep -q '^\.TH RETORT 1' "$root/usr/share/man/man1/retort.1" || fail "the .deb's man page is not retort(1)"

step "all checks passed"
