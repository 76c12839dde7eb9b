/** One statement to explain: its SQL and the values its placeholders take (as the dialect writes them). */
export interface StatementToAnalyze {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/** What `orm.analyze()` looks at. */
export interface AnalyzeOptions {
  /** Statements whose plans are read (they do not run): SQL text, or SQL with its bound values. */
  readonly statements?: readonly (string | StatementToAnalyze)[];
  /** A table of at least this many rows is large: a full scan of it is a finding (default 1,000). */
  readonly minRows?: number;
}

/** A statement whose plan reads a large table whole. */
export interface FullScanFinding {
  readonly kind: 'full-scan';
  readonly table: string;
  readonly sql: string;
  /** The plan's words for the step (`Seq Scan on book`, `SCAN b`, `type=ALL`). */
  readonly detail: string;
  readonly message: string;
}

/** A foreign key no index leads with: deleting a referenced row, or joining from it, reads the table whole. */
export interface UnindexedForeignKeyFinding {
  readonly kind: 'unindexed-foreign-key';
  readonly table: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly message: string;
}

/** An index the database has recorded no use of: it costs every write and helps no read. */
export interface UnusedIndexFinding {
  readonly kind: 'unused-index';
  readonly table: string;
  readonly index: string;
  readonly message: string;
}

export type AnalysisFinding = FullScanFinding | UnindexedForeignKeyFinding | UnusedIndexFinding;

/** A statement given, and the reason its plan could not be read (a syntax error, a missing table). */
export interface AnalyzedStatement {
  readonly sql: string;
  readonly error?: string;
}

/** What `orm.analyze()` found. */
export interface AnalysisReport {
  readonly dialect: string;
  readonly minRows: number;
  readonly statements: readonly AnalyzedStatement[];
  readonly findings: readonly AnalysisFinding[];
  /** What the database cannot tell (unused indexes on SQLite, on MariaDB without performance_schema). */
  readonly notes: readonly string[];
}
