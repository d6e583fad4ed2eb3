// LanceDB's native logger reads LANCEDB_LOG when the module loads and by default prints
// deprecation warnings about scoring columns to stderr on every hybrid search, which would
// clutter the CLI. Imported before @lancedb/lancedb; an explicit LANCEDB_LOG still wins.
process.env.LANCEDB_LOG ??= "error";
export {};
