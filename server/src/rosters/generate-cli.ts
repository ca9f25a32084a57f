/**
 * npm run roster:generate -w @huimin/server -- --scheme jc-fpzhbx --district 泽州县 --rows 10000 --bad 100 --format csv --out file.csv
 * Options: --month YYYY-MM, --seed N, --labels (Chinese category labels). Prints the summary (what was broken) as JSON.
 */
import { generateRoster, type GenerateOptions } from './generator';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const out = arg('out');
  const scheme = arg('scheme');
  const district = arg('district');
  if (!out || !scheme || !district) {
    console.error('usage: roster:generate -- --scheme jc-fpzhbx --district 泽州县 --rows 10000 [--bad 100] [--format csv|xlsx] [--month 2026-01] [--seed 1] [--labels] --out file');
    process.exit(2);
  }
  const format = (arg('format') ?? (out.endsWith('.xlsx') ? 'xlsx' : 'csv')) as GenerateOptions['format'];
  const t0 = Date.now();
  const summary = await generateRoster(
    {
      schemeId: scheme,
      district,
      rows: Number(arg('rows') ?? 1000),
      bad: Number(arg('bad') ?? 0),
      format,
      month: arg('month'),
      seed: arg('seed') ? Number(arg('seed')) : undefined,
      labels: process.argv.includes('--labels'),
    },
    out,
  );
  const { badRows: _omit, ...printable } = summary;
  console.log(JSON.stringify({ ...printable, out, seconds: (Date.now() - t0) / 1000 }, null, 2));
}

main().catch((e: unknown) => {
  console.error((e as Error).message ?? e);
  process.exit(1);
});
