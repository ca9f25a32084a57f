/**
 * Where a rule comes from. Every parameter, condition and breakdown line carries one,
 * so that a caseworker can open the document and check it by hand.
 */
export interface ClauseRef {
  /** The source document id, e.g. `cq-2024` (see each scheme's `sources`). */
  doc: string;
  /** The clause inside it, in the document's own numbering, e.g. `附件2 第2项 大病补充`. */
  clause: string;
  /** Set when ../shared/POLICY_READINGS.md fixes the reading: the reading, in short. */
  reading?: string;
}

export function formatClause(c: ClauseRef, docTitle?: string): string {
  const where = docTitle ? `《${docTitle}》${c.clause}` : c.clause;
  return c.reading ? `${where}（口径：${c.reading}）` : where;
}
