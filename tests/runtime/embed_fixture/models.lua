-- The schema the two revisions build, for check() with embedded models.
sa.Table("notas",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("texto", sa.String(200), { nullable = false }),
  sa.Column("autor", sa.String(80)))
