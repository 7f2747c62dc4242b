#!/usr/bin/env bash
# The canonical scenario on SQLite, as a user would type it: a project with a `usuarios` table
# holding rows, then the migration that adds avatar_url and created_at, upgrade, downgrade and
# upgrade again, showing the schema and the rows at each step. Runs in ./demo (recreated).
set -euo pipefail
retort=$(realpath "${1:-build/retort}")
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$root/demo" && mkdir -p "$root/demo" && cd "$root/demo"

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }
# Replaces the body of function NAME in FILE with BODY (what a developer does in an editor).
set_body() {
  FN="$2" BODY="$3" perl -0pi -e 's/function $ENV{FN}\(\)\n.*?\nend/function $ENV{FN}()\n$ENV{BODY}\nend/s' "$1"
}
schema() { say "sqlite3 app.db '.schema usuarios'"; sqlite3 app.db '.schema usuarios'; }
rows() { say "sqlite3 app.db 'SELECT * FROM usuarios'"; sqlite3 -header app.db 'SELECT * FROM usuarios'; }

run "$retort" init migrations
run "$retort" revision -m "create usuarios" --rev-id 9a8b7c6d5e4f
first=$(ls migrations/versions/9a8b7c6d5e4f_*.lua)
set_body "$first" upgrade '  op.create_table("usuarios",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("nome", sa.String(120), { nullable = false }),
    sa.Column("email", sa.String(255), { nullable = false, unique = true }))'
set_body "$first" downgrade '  op.drop_table("usuarios")'
run "$retort" upgrade head
say "sqlite3 app.db \"INSERT INTO usuarios (nome, email) VALUES ('Ana', 'ana@example.com'), ('Bruno', 'bruno@example.com')\""
sqlite3 app.db "INSERT INTO usuarios (nome, email) VALUES ('Ana', 'ana@example.com'), ('Bruno', 'bruno@example.com')"

run "$retort" revision -m "add avatar_url and created_at to usuarios" --rev-id 3f2a1b9c8d7e
second=$(ls migrations/versions/3f2a1b9c8d7e_*.lua)
set_body "$second" upgrade '  op.add_column("usuarios", sa.Column("avatar_url", sa.String(), { nullable = true }))
  op.add_column("usuarios", sa.Column("created_at", sa.DateTime(), { nullable = true }))'
set_body "$second" downgrade '  op.drop_column("usuarios", "created_at")
  op.drop_column("usuarios", "avatar_url")'
say "cat $second"; cat "$second"

run "$retort" upgrade head
schema
rows
run "$retort" current -v
run "$retort" history
run "$retort" downgrade -1
schema
rows
run "$retort" upgrade head
run "$retort" upgrade 9a8b7c6d5e4f:head --sql
say "sqlite3 app.db \"UPDATE usuarios SET avatar_url = 'https://example.com/ana.png' WHERE nome = 'Ana'\""
sqlite3 app.db "UPDATE usuarios SET avatar_url = 'https://example.com/ana.png' WHERE nome = 'Ana'"
say "$retort downgrade -1    # refused: avatar_url now holds data"
if "$retort" downgrade -1; then echo "expected the data-loss guard to refuse" >&2; exit 1; fi
rows
printf '\nThe demo project is in %s\n' "$root/demo"
