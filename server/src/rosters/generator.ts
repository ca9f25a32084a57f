/**
 * Synthetic rosters for tests and benchmarks: realistic Chinese names, valid ID numbers (makeIdNumber,
 * the area's region code, a sane age mix, unique by construction), households of 1–5, category mixes per
 * city, some people with two identities, and — when asked — deliberate bad rows of each kind, counted
 * exactly so a test can compare the validation report with what was broken. Output is streamed (CSV or
 * .xlsx): 8 million rows take constant memory.
 */
import { rng } from '../common/rng';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { categoryLabel, findVersion, getScheme, isIsoDate, makeIdNumber, type SchemeVersion } from '@huimin/shared';
import ExcelJS from 'exceljs';
import { ROSTER_HEADERS } from './roster-format';

export type BadKind = 'check_digit' | 'unknown_category' | 'wrong_district' | 'bad_date' | 'duplicate';
export const BAD_KINDS: BadKind[] = ['check_digit', 'unknown_category', 'wrong_district', 'bad_date', 'duplicate'];

export interface GenerateOptions {
  schemeId: string;
  /** The area (区县 / 街道 / 镇) as the scheme names it. */
  district: string;
  /** Data rows in the file, bad rows included. */
  rows: number;
  /** Deliberately bad rows, spread evenly over the kinds and the file. */
  bad?: number;
  format: 'csv' | 'xlsx';
  /** Roster month 'YYYY-MM'; default: the first month of the scheme's first version. */
  month?: string;
  seed?: number;
  /** Category labels (低保对象) instead of codes (dibao) in 身份类别. */
  labels?: boolean;
}

export interface GenerateSummary {
  schemeId: string;
  district: string;
  month: string;
  rows: number;
  goodRows: number;
  people: number;
  households: number;
  /** People listed with two identities (two rows, one enrolment). */
  multiIdentityPeople: number;
  byCategory: Record<string, number>;
  bad: Record<BadKind, number>;
  /** Row numbers (header = row 1) of the bad rows, per kind (kept only up to 100,000 rows). */
  badRows: Record<BadKind, number[]>;
}


const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁龙林欣佳琪雪梅丹慧建国志军德福贵春秋兰桂香凤翠云莲珍淑贞荣爱喜';
const MINORITY = ['阿依古丽·买买提', '买买提·艾力', '古丽娜尔·吐尔逊', '扎西·多吉'];

/** Category mixes per scheme: [code, weight]; second identities a few people also hold. */
const MIX: Record<string, { main: [string, number][]; second: [string, string, number][] }> = {
  'cq-hmjkb': {
    main: [['dibao', 84], ['tekun', 8], ['orphan', 1], ['de_facto_orphan', 2], ['youfu_regular', 5]],
    second: [['dibao', 'youfu_regular', 0.03], ['orphan', 'dibao', 0.2], ['de_facto_orphan', 'dibao', 0.2]],
  },
  'jc-fpzhbx': {
    main: [['tuopin', 80], ['edge_at_risk', 12], ['severe_hardship', 8]],
    second: [['edge_at_risk', 'severe_hardship', 0.05]],
  },
  'lc-fpthb': { main: [['poverty_policy', 100]], second: [] },
  'mh-huhuibao': {
    main: [['dibao', 40], ['low_income', 20], ['disability_card', 30], ['youfu_key', 5], ['hardship_farmer', 5]],
    second: [['dibao', 'disability_card', 0.08]],
  },
  // Zhumadian covers every registered resident: most rows carry no category.
  'zmd-yymsh': {
    main: [['', 94], ['dibao', 3], ['tekun', 1], ['rural_poverty_registered', 1], ['severe_disability', 1]],
    second: [],
  },
};

/** Region codes for areas the scheme data gives none (Chongqing districts, Minhang towns). */
function regionFor(version: SchemeVersion, area: string, schemeId: string): string {
  const a = version.coverage.areas.find((x) => x.name === area);
  if (a?.code && /^\d{6}$/.test(a.code)) return a.code;
  if (schemeId.startsWith('cq')) return '500103';
  if (schemeId.startsWith('mh')) return '310112';
  if (schemeId.startsWith('lc')) return '371502';
  return '110101';
}

function pick<T>(r: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const iso = (d: Date) => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;

interface Person {
  name: string;
  id: string;
  codes: string[];
  household: string;
  phone: string;
  birth: string;
  /** Person-level: the day entered into the monitoring system (the same on every row of the person). */
  monitoring: string;
}

type Row = (string | Date | null)[];

export async function generateRoster(opts: GenerateOptions, out: Writable | string): Promise<GenerateSummary> {
  const scheme = getScheme(opts.schemeId);
  const version = opts.month ? findVersion(scheme, `${opts.month}-01`) : scheme.versions[0];
  if (!version) throw new Error(`${opts.schemeId} has no version in force in ${opts.month}`);
  const areas = version.coverage.areas.map((a) => a.name);
  if (!areas.includes(opts.district)) throw new Error(`${opts.district} is not an area of ${opts.schemeId} (${areas.slice(0, 8).join(', ')}…)`);
  const month = opts.month ?? version.effective.from.slice(0, 7);
  const [my, mm] = month.split('-').map(Number);
  const monthStart = new Date(Date.UTC(my, mm - 1, 1));
  const mix = MIX[opts.schemeId] ?? { main: [[version.coverage.qualifying[0]?.code ?? '', 1]], second: [] };
  const region = regionFor(version, opts.district, opts.schemeId);
  const otherArea = areas.find((a) => a !== opts.district) ?? '不存在区';
  const r = rng(opts.seed ?? 20261122);
  const byResidence = version.coverage.basis === 'registered_residents';
  const yearFrom = Number(version.insuranceYears[0].id) || my;

  // Unique ID numbers by construction: per birth day and sex, the next sequence number.
  const perDay = new Map<number, number>();
  const nextId = (birth: Date, male: boolean): string => {
    let day = Math.floor(birth.getTime() / 86400000);
    for (;;) {
      const k = day * 2 + (male ? 1 : 0);
      const n = perDay.get(k) ?? 0;
      if (n < 500) {
        perDay.set(k, n + 1);
        return makeIdNumber(region, iso(new Date(day * 86400000)), n * 2 + (male ? 1 : 0));
      }
      day--; // this day is full: the day before
    }
  };
  const ageYears = (): number => {
    // Welfare rosters skew old: children (orphans), working age, many elderly.
    const band = pick(r, [[[0, 17], 12], [[18, 44], 18], [[45, 59], 25], [[60, 79], 33], [[80, 99], 12]] as [[number, number], number][]);
    return band[0] + Math.floor(r() * (band[1] - band[0] + 1));
  };
  const nameOf = (): string => {
    if (r() < 0.001) return MINORITY[Math.floor(r() * MINORITY.length)];
    const s = SURNAMES[Math.floor(r() * SURNAMES.length)];
    const g = () => GIVEN[Math.floor(r() * GIVEN.length)];
    return r() < 0.35 ? s + g() : s + g() + g();
  };
  const phone = (): string => (r() < 0.15 ? '' : `1${pick(r, [['3', 3], ['5', 2], ['8', 3], ['9', 1]])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`);

  const summary: GenerateSummary = {
    schemeId: opts.schemeId,
    district: opts.district,
    month,
    rows: 0,
    goodRows: 0,
    people: 0,
    households: 0,
    multiIdentityPeople: 0,
    byCategory: {},
    bad: { check_digit: 0, unknown_category: 0, wrong_district: 0, bad_date: 0, duplicate: 0 },
    badRows: { check_digit: [], unknown_category: [], wrong_district: [], bad_date: [], duplicate: [] },
  };
  const bad = Math.min(opts.bad ?? 0, Math.floor(opts.rows / 2));
  const every = bad ? opts.rows / bad : Infinity;
  let nextBadAt = bad ? Math.floor(every / 2) : Infinity;
  let badDone = 0;
  let lastSingle: Row | null = null;

  const rowFor = (p: Person, code: string, area = opts.district): Row => {
    // Confirmed in an earlier month mostly; about 1 in 10 newly confirmed mid-month this month.
    const fresh = r() < 0.1;
    const confirmed = fresh
      ? new Date(monthStart.getTime() + Math.floor(r() * 27) * 86400000)
      : new Date(Date.UTC(yearFrom - 1 - Math.floor(r() * 4), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const confirmedIso = iso(confirmed) < p.birth ? p.birth : iso(confirmed);
    const monitoring = p.codes.some((c) => c === 'edge_at_risk' || c === 'severe_hardship' || c === 'tuopin') ? p.monitoring : '';
    const disability = code === 'disability_card' ? `${yearFrom + 3}-12-31` : '';
    const cat = code ? (opts.labels ? categoryLabel(code) : code) : '';
    return [
      p.name, p.id, cat, area, p.household,
      byResidence && !code ? '' : confirmedIso, byResidence && !code ? '' : confirmedIso, '',
      p.phone, '', opts.schemeId.startsWith('jc') ? String(yearFrom) : '', monitoring, disability,
      byResidence ? '是' : '',
    ];
  };

  const sink = await openSink(opts.format, out);
  await sink.write(ROSTER_HEADERS);
  let household = 0;
  while (summary.rows < opts.rows) {
    household++;
    summary.households++;
    const size = pick(r, [[1, 30], [2, 28], [3, 20], [4, 14], [5, 8]] as [number, number][]);
    const hhNo = `${region}${String(household).padStart(8, '0')}`;
    const hhCode = pick(r, mix.main);
    for (let k = 0; k < size && summary.rows < opts.rows; k++) {
      const age = ageYears();
      const birth = new Date(Date.UTC(my - age, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
      if (birth >= monthStart) birth.setUTCFullYear(my - 1);
      const male = r() < 0.5;
      const mon = new Date(Date.UTC(yearFrom - 1 - Math.floor(r() * 4), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
      const p: Person = {
        name: nameOf(), id: nextId(birth, male), codes: [hhCode], household: hhNo, phone: phone(), birth: iso(birth),
        monitoring: iso(mon) < iso(birth) ? iso(birth) : iso(mon),
      };
      const second = mix.second.find(([a]) => a === hhCode);
      if (second && r() < second[2]) p.codes.push(second[1]);
      summary.people++;
      if (p.codes.length > 1) summary.multiIdentityPeople++;
      for (const code of p.codes) {
        if (summary.rows >= opts.rows) break;
        // A bad row goes here first when it is due.
        while (summary.rows >= nextBadAt && badDone < bad && summary.rows < opts.rows) {
          const kind = BAD_KINDS[badDone % BAD_KINDS.length];
          let row: Row;
          if (kind === 'duplicate' && lastSingle) row = [...lastSingle];
          else {
            const q: Person = { ...p, name: nameOf(), id: nextId(new Date(Date.UTC(my - 40, 5, 15)), true), household: `${hhNo}B` };
            row = rowFor(q, mix.main[0][0]);
            if (kind === 'check_digit' || kind === 'duplicate') {
              const id = String(row[1]);
              row[1] = id.slice(0, 17) + (id[17] === '0' ? '1' : id[17] === 'X' ? '0' : 'X');
            } else if (kind === 'unknown_category') row[2] = '外星人';
            else if (kind === 'wrong_district') row[3] = otherArea;
            else row[6] = `${yearFrom - 1}-02-30`;
          }
          const k2: BadKind = kind === 'duplicate' && !lastSingle ? 'check_digit' : kind;
          await sink.write(row);
          summary.rows++;
          summary.bad[k2]++;
          if (opts.rows <= 100_000) summary.badRows[k2].push(summary.rows + 1);
          badDone++;
          nextBadAt = Math.floor(every / 2 + badDone * every);
        }
        if (summary.rows >= opts.rows) break;
        const row = rowFor(p, code);
        await sink.write(row);
        summary.rows++;
        summary.goodRows++;
        summary.byCategory[code || '(none)'] = (summary.byCategory[code || '(none)'] ?? 0) + 1;
        if (p.codes.length === 1) lastSingle = row;
      }
    }
  }
  await sink.end();
  return summary;
}

interface Sink {
  write(row: Row): Promise<void>;
  end(): Promise<void>;
}

function csvField(v: string | Date | null): string {
  const s = v instanceof Date ? iso(v) : (v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function openSink(format: 'csv' | 'xlsx', out: Writable | string): Promise<Sink> {
  const stream = typeof out === 'string' ? createWriteStream(out) : out;
  if (format === 'csv') {
    let buf = '\uFEFF';
    return {
      async write(row) {
        buf += `${row.map(csvField).join(',')}\r\n`;
        if (buf.length > 64 * 1024) {
          const ok = stream.write(buf);
          buf = '';
          if (!ok) await once(stream, 'drain');
        }
      },
      async end() {
        stream.end(buf);
        await once(stream, 'finish');
      },
    };
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('名单');
  const dateCols = new Set([5, 6, 7, 11, 12]);
  return {
    async write(row) {
      // Dates as real Excel dates (as civil-affairs exports have them), the rest as text.
      const cells = row.map((v, i) => (dateCols.has(i) && typeof v === 'string' && isIsoDate(v) ? new Date(`${v}T00:00:00Z`) : v));
      const added = ws.addRow(cells);
      cells.forEach((v, i) => {
        if (v instanceof Date) added.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
      added.commit();
    },
    async end() {
      ws.commit();
      await wb.commit();
      if (!stream.writableFinished) await once(stream, 'finish');
    },
  };
}
