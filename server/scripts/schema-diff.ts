/**
 * Developer tool: the SQL that brings a database migrated to the latest migration in line with the
 * entities (what a new migration must contain). Empty output = migrations and entities agree.
 *
 *   npm run schema:diff -w @huimin/server                       # SQLite
 *   DB_TYPE=mariadb DATABASE_URL=mysql://… npm run schema:diff -w @huimin/server
 *   … npm run schema:diff -w @huimin/server -- --write Claims 1795346900000
 *     writes src/database/migrations/<dialect>/<timestamp>-<Name>.ts and lists it in that dialect's index.ts
 *     (start a MariaDB with `node scripts/mariadb.mjs`; it prints the URL).
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, DIALECT, openDataSource } from '../test/support/test-db';

function migrationSource(name: string, ts: string, up: string[], down: string[]): string {
  const cls = `${name}${ts}`;
  const q = (s: string) => `    await queryRunner.query(${JSON.stringify(s)});`;
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

/** ${name} (${DIALECT}). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class ${cls} implements MigrationInterface {
  name = '${cls}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(q).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map(q).join('\n')}
  }
}
`;
}

async function main(): Promise<void> {
  const w = process.argv.indexOf('--write');
  const db = await createTestDatabase();
  const ds = await openDataSource(db);
  try {
    await ds.runMigrations({ transaction: 'each' });
    const sql = await ds.driver.createSchemaBuilder().log();
    const up = sql.upQueries.map((q) => q.query);
    const down = [...sql.downQueries].reverse().map((q) => q.query);
    console.log('-- up');
    for (const s of up) console.log(s + ';');
    console.log('-- down');
    for (const s of down) console.log(s + ';');
    if (w >= 0) {
      const [name, ts] = [process.argv[w + 1], process.argv[w + 2]];
      if (!name || !/^\d{13}$/.test(ts ?? '')) throw new Error('--write <Name> <13-digit timestamp>');
      const dir = join(__dirname, '..', '..', 'src', 'database', 'migrations', DIALECT);
      writeFileSync(join(dir, `${ts}-${name}.ts`), migrationSource(name, ts, up, down));
      const indexPath = join(dir, 'index.ts');
      let index = readFileSync(indexPath, 'utf8');
      const cls = `${name}${ts}`;
      const lastImport = index.lastIndexOf('\nimport ');
      const eol = index.indexOf('\n', lastImport + 1);
      index = `${index.slice(0, eol + 1)}import { ${cls} } from './${ts}-${name}';\n${index.slice(eol + 1)}`;
      index = index.replace(/\n\];\s*$/, `\n  ${cls},\n];\n`);
      writeFileSync(indexPath, index);
      console.log(`wrote ${DIALECT}/${ts}-${name}.ts`);
    }
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
