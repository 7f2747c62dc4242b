-- The schema embedded_app expects: `retort revision --autogenerate` writes the next revision
-- from the difference between this and the database, and the program itself checks it at
-- start-up (retort::check with the models compiled in).
sa.Table("usuarios",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("nome", sa.String(120), { nullable = false }),
  sa.Column("email", sa.String(255), { nullable = false, unique = true }),
  sa.Column("avatar_url", sa.String(), { nullable = true }))
