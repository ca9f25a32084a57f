/// <reference types="node" />
/**
 * huimin-estimate: reads one JSON request (or an array of them) on stdin and prints JSON results.
 *   npx huimin-estimate < request.json                 estimates
 *   npx huimin-estimate --eligibility < request.json   { person, schemeId, date }
 *   npx huimin-estimate --premium < request.json       PremiumRequest
 *   npx huimin-estimate --risk-sharing < request.json  RiskSharingRequest
 *   npx huimin-estimate --deadline < request.json      { schemeId, benefitId, date, documentsCompleteOn, payout, holidayYears? }
 *   npx huimin-estimate --chain < request.json         Liaocheng settlement chain
 * A request that fails prints { "error": { code, field, message } } in its place; the exit code is 1
 * when any request failed, 2 when the input is not JSON.
 * This file is the only one in the package that touches Node; the engine itself has no I/O.
 */
import { HolidayCalendar, type HolidayYear } from './calendar';
import { computeDeadline } from './deadlines';
import { checkEligibility } from './engine/eligibility';
import { estimate } from './engine/estimate';
import { settleLiaocheng } from './engine/liaocheng-chain';
import { EngineError, isEngineError } from './core/errors';
import { assertIsoDate } from './core/dates';
import { computePremium } from './money-flows/premium';
import { computeRiskSharing } from './money-flows/risk-sharing';
import { getBenefit, getScheme, versionOn } from './schemes/registry';

type Handler = (req: any) => unknown;

let calendar = HolidayCalendar.seeded();

function deadline(req: any): unknown {
  if (!req || typeof req !== 'object') throw new EngineError('MISSING_FIELD', '请求为空', 'request');
  let cal = calendar;
  for (const y of (req.holidayYears ?? []) as HolidayYear[]) cal = cal.withYear(y);
  const scheme = getScheme(req.schemeId);
  const version = versionOn(scheme, assertIsoDate(req.date, 'date'), 'date');
  const benefit = getBenefit(version, req.benefitId);
  const rule = benefit.deadline ?? version.defaultDeadline;
  return computeDeadline({ rule, documentsCompleteOn: req.documentsCompleteOn, payout: req.payout }, cal);
}

export const HANDLERS: Record<string, Handler> = {
  '--estimate': (r) => estimate(r),
  '--eligibility': (r) => checkEligibility(r?.person, r?.schemeId, r?.date),
  '--premium': (r) => computePremium(r),
  '--risk-sharing': (r) => computeRiskSharing(r),
  '--deadline': deadline,
  '--chain': (r) => settleLiaocheng(r),
};

export function run(mode: string, input: unknown): { output: unknown; failed: boolean } {
  const handler = HANDLERS[mode];
  let failed = false;
  const one = (req: unknown) => {
    try {
      return handler(req);
    } catch (e) {
      failed = true;
      if (isEngineError(e)) return { error: e.toJSON() };
      return { error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  };
  const output = Array.isArray(input) ? input.map(one) : one(input);
  return { output, failed };
}

export function main(argv: string[] = process.argv.slice(2)): void {
  const flags = argv.filter((a) => a.startsWith('--'));
  const mode = flags.find((f) => f in HANDLERS) ?? '--estimate';
  const unknown = flags.filter((f) => !(f in HANDLERS) && f !== '--help' && f !== '--pretty');
  if (flags.includes('--help') || unknown.length) {
    process.stdout.write(`用法: huimin-estimate [${Object.keys(HANDLERS).join(' | ')}] [--pretty] < request.json\n`);
    process.exitCode = unknown.length ? 2 : 0;
    return;
  }
  const chunks: Buffer[] = [];
  process.stdin.on('data', (c: Buffer) => chunks.push(c));
  process.stdin.on('end', () => {
    let input: unknown;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: { code: 'INVALID_JSON', message: `输入不是合法的 JSON：${(e as Error).message}` } }) + '\n');
      process.exitCode = 2;
      return;
    }
    const { output, failed } = run(mode, input);
    process.stdout.write(JSON.stringify(output, null, flags.includes('--pretty') ? 2 : undefined) + '\n');
    if (failed) process.exitCode = 1;
  });
}

export function setCalendar(c: HolidayCalendar): void {
  calendar = c;
}
