/**
 * Small raw-SQL helpers for the bulk paths of roster imports (a million rows do not go through
 * repository.save()). Identifiers are quoted with backticks, which both MariaDB and SQLite accept;
 * parameters are `?` on both drivers.
 */
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { type Dialect, dialectOf, marks } from '../database/dialect';

export { type Dialect, dialectOf, marks };

/** The current timestamp as SQL, in each dialect's stored form for DATETIME(6) columns. */
export function nowSql(d: Dialect): string {
  return d === 'sqlite' ? "datetime('now')" : 'CURRENT_TIMESTAMP(6)';
}

/** Rows per INSERT statement: keeps parameters under SQLite's 32,766 and packets well under 16 MB. */
export function chunkFor(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(30000 / columns)));
}

/** INSERT INTO table (cols) VALUES (…), (…) in chunks. `raw` columns take SQL text instead of a parameter. */
export async function bulkInsert(
  m: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  raw: Record<string, string> = {},
): Promise<void> {
  if (!rows.length) return;
  const allCols = [...columns, ...Object.keys(raw)];
  const tuple = `(${[...columns.map(() => '?'), ...Object.values(raw)].join(', ')})`;
  const head = `INSERT INTO \`${table}\` (${allCols.map((c) => `\`${c}\``).join(', ')}) VALUES `;
  const size = chunkFor(columns.length);
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    const params: unknown[] = [];
    for (const r of part) for (const v of r) params.push(v === undefined ? null : v);
    await m.query(head + part.map(() => tuple).join(', '), params);
  }
}


/** SELECT … WHERE col IN (…) over a long list, in chunks. */
export async function selectIn<T>(m: EntityManager, sqlWithIn: (marks: string) => string, values: unknown[], extra: unknown[] = []): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 5000) {
    const part = values.slice(i, i + 5000);
    out.push(...((await m.query(sqlWithIn(marks(part.length)), [...part, ...extra])) as T[]));
  }
  return out;
}

/** JSON columns come back as text from SQLite and from MariaDB (JSON = LONGTEXT). */
export function parseJson<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v ? (JSON.parse(v) as T) : null;
  return v as T;
}

/** Affected rows of an UPDATE/DELETE run through manager.query() on either driver. */
export function affected(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  const r = result as { affectedRows?: number; changes?: number } | null;
  return r?.affectedRows ?? r?.changes ?? 0;
}

// ---------------------------------------------------------------- bulk paths for a million rows

const TSV_SPECIAL = /[\\\t\n\r\0]/;
const TSV_SPECIAL_G = /[\\\t\n\r\0]/g;
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };

/** A value as a field of LOAD DATA's default text format (tab-separated, backslash escapes, \N for NULL). */
function tsvField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('not a finite number');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = String(v);
  return TSV_SPECIAL.test(s) ? s.replace(TSV_SPECIAL_G, (c) => TSV_ESCAPES[c]) : s;
}

/** The mysql2 connection under a TypeORM query runner (callback API). */
interface RawMysqlConnection {
  query(options: { sql: string; infileStreamFactory: () => Readable }, cb: (err: Error | null, result: unknown) => void): void;
}

/**
 * INSERT many rows as fast as each dialect allows. MariaDB: LOAD DATA LOCAL INFILE from a stream this
 * process writes (no file on disk, no SQL text to parse); the row count and warnings are checked, since
 * LOAD DATA LOCAL would otherwise skip a bad row with only a warning. A server that refuses LOCAL INFILE
 * gets multi-row INSERTs instead. SQLite: parameterised multi-row INSERTs (its driver caches statements
 * by text, so the text must repeat).
 */
let loadDataRefused = false;

/** The stream's chunks go out as packets: 1 MB each, well under the server's max_allowed_packet. */
function packets(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += 1 << 20) out.push(data.subarray(i, i + (1 << 20)));
  return out;
}

export async function insertRows(m: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  if (dialectOf(m) === 'sqlite' || loadDataRefused) return bulkInsert(m, table, columns, rows);
  try {
    await loadData(m, table, columns, rows);
  } catch (e) {
    // A server started with local_infile=OFF refuses it (the statement fails alone; a transaction goes on).
    const errno = (e as { errno?: number }).errno;
    if (errno !== 1148 && errno !== 4166 && errno !== 3948) throw e;
    loadDataRefused = true;
    await bulkInsert(m, table, columns, rows);
  }
}

async function loadData(m: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const lines: string[] = new Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    let t = tsvField(r[0]);
    for (let i = 1; i < r.length; i++) t += '\t' + tsvField(r[i]);
    lines[j] = t;
  }
  const data = Buffer.from(lines.join('\n') + '\n', 'utf8');
  const sql =
    `LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns.map((c) => `\`${c}\``).join(', ')})`;
  const qr = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const conn = (await qr.connect()) as RawMysqlConnection;
    const result = await new Promise<{ affectedRows?: number; warningStatus?: number }>((resolve, reject) =>
      conn.query({ sql, infileStreamFactory: () => Readable.from(packets(data)) }, (err, res) => (err ? reject(err) : resolve(res as { affectedRows?: number }))),
    );
    if (result.affectedRows !== rows.length || result.warningStatus) {
      const warnings = (await qr.query('SHOW WARNINGS LIMIT 5')) as { Message: string }[];
      throw new Error(
        `LOAD DATA into ${table}: ${result.affectedRows} of ${rows.length} rows, ${result.warningStatus ?? 0} warnings: ${warnings.map((w) => w.Message).join('; ')}`,
      );
    }
  } finally {
    if (!m.queryRunner) await qr.release();
  }
}

/** Rows changed by an INSERT/UPDATE/DELETE (structured result on both drivers). */
export async function exec(m: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const qr = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const r = await qr.query(sql, params, true);
    return Number(r.affected ?? 0);
  } finally {
    if (!m.queryRunner) await qr.release();
  }
}
