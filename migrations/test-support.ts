/** Builds a parameterised INSERT for seeding a table by hand in migration tests. */
export function insertSql(table: string, row: Record<string, string | number | null>): { sql: string; params: (string | number | null)[] } {
  const cols = Object.keys(row);
  return {
    sql: `insert into ${table} (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map(() => '?').join(', ')})`,
    params: Object.values(row),
  };
}
