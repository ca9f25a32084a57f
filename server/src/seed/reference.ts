import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computePremium, D, listSchemes, type AreaDef, type SchemeDefinition, type SchemeVersion } from '@huimin/shared';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { District, type DistrictType, type PayerShares } from '../geo/district.entity';
import { Insurer } from '../geo/insurer.entity';

/** An insurer as the engine names it (code = the engine's insurer id). */
export interface InsurerRow {
  code: string;
  name: string;
  hotline: string | null;
}

/** A district row derived from one area of one scheme (the latest version that names the area wins). */
export interface DistrictRow {
  code: string;
  name: string;
  schemeId: string;
  city: string;
  county: string;
  type: DistrictType | null;
  insurerCode: string | null;
  payerShares: PayerShares | null;
}

/**
 * The area's division code when the scheme gives one (GB/T 2260), else a stable made-up code:
 * '<scheme prefix>-<8 hex of sha256(scheme id / area name)>', e.g. 'mh-3f2a9c01' (fits varchar(12)).
 */
export function districtCode(scheme: SchemeDefinition, area: { name: string; code?: string }): string {
  if (area.code) return area.code;
  const prefix = scheme.id.split('-')[0];
  return `${prefix}-${createHash('sha256').update(`${scheme.id}/${area.name}`).digest('hex').slice(0, 8)}`;
}

/**
 * Who pays the per-person premium in this area, as shares adding up to exactly 1, computed by the engine
 * (computePremium for one person, one covered year, one subsidy). Household premiums are left out: a
 * district's shares describe what one enrolled person costs each payer. Shares are rounded to 6 decimals,
 * the last payer taking the remainder (Liaocheng's fixed amounts 100 + 20 + rest of 150 are not a round share).
 */
export function payerSharesFor(scheme: SchemeDefinition, version: SchemeVersion, area: string): PayerShares | null {
  const year = version.insuranceYears[0].id;
  const r = computePremium({ schemeId: scheme.id, year, area, persons: 1, personMonths: 12, subsidies: 1, households: 0 });
  const total = new D(r.total);
  if (total.isZero()) return null;
  const payers = r.byPayer.filter((p) => !new D(p.amount).isZero());
  const shares: PayerShares = {};
  let rest = new D(1);
  payers.forEach((p, i) => {
    const share = i === payers.length - 1 ? rest : new D(p.amount).div(total).toDecimalPlaces(6);
    rest = rest.minus(share);
    shares[p.payer] = share.toFixed();
  });
  return shares;
}

function townType(a: AreaDef): DistrictType | null {
  if (!a.townType) return null;
  // 莘庄工业区 is run like a town (it pays 65% as a town does); its payer shares name it exactly.
  return a.townType === 'street' ? 'street' : 'town';
}

/** Every insurer and district the engine's schemes name, de-duplicated, the latest version winning. */
export function referenceData(schemes: readonly SchemeDefinition[] = listSchemes()): { insurers: InsurerRow[]; districts: DistrictRow[] } {
  const insurers = new Map<string, InsurerRow>();
  const districts = new Map<string, DistrictRow>();
  for (const scheme of schemes) {
    for (const version of scheme.versions) {
      for (const i of version.insurers) insurers.set(i.id, { code: i.id, name: i.name, hotline: i.hotline });
      const single = version.insurers.length === 1 ? version.insurers[0].id : null;
      for (const area of version.coverage.areas) {
        districts.set(`${scheme.id}/${area.name}`, {
          code: districtCode(scheme, area),
          name: area.name,
          schemeId: scheme.id,
          city: scheme.region.city,
          county: scheme.region.district ?? area.name,
          type: townType(area),
          insurerCode: area.insurerId ?? single,
          payerShares: payerSharesFor(scheme, version, area.name),
        });
      }
      // Excluded areas (新蔡县) are places people live in too: a district without insurer or premium.
      for (const area of version.coverage.excludedAreas ?? []) {
        districts.set(`${scheme.id}/${area.name}`, {
          code: districtCode(scheme, area),
          name: area.name,
          schemeId: scheme.id,
          city: scheme.region.city,
          county: scheme.region.district ?? area.name,
          type: null,
          insurerCode: null,
          payerShares: null,
        });
      }
    }
  }
  return { insurers: [...insurers.values()], districts: [...districts.values()] };
}

export interface SeedCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ReferenceSeedReport {
  insurers: SeedCounts;
  districts: SeedCounts;
}

const sameShares = (a: PayerShares | null, b: PayerShares | null) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Loads the engine's insurers and districts into the database: inserts what is missing, updates what the
 * engine data changed, leaves the rest. Idempotent; runs at every start-up, production included.
 * Rows the engine no longer names are kept (people and enrolments point at them).
 */
@Injectable()
export class ReferenceSeedService {
  private readonly logger = new Logger('ReferenceSeed');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async run(): Promise<ReferenceSeedReport> {
    try {
      return await this.ds.transaction((m) => this.apply(m));
    } catch (e) {
      // Another instance started at the same moment and inserted the same rows: theirs are ours.
      if (e instanceof QueryFailedError) return this.ds.transaction((m) => this.apply(m));
      throw e;
    }
  }

  private async apply(m: EntityManager): Promise<ReferenceSeedReport> {
    const data = referenceData();
    const report: ReferenceSeedReport = { insurers: { inserted: 0, updated: 0, unchanged: 0 }, districts: { inserted: 0, updated: 0, unchanged: 0 } };

    const insurerRepo = m.getRepository(Insurer);
    const existingInsurers = new Map((await insurerRepo.find()).map((i) => [i.code ?? `name:${i.name}`, i]));
    const insurerIds = new Map<string, number>();
    for (const row of data.insurers) {
      // A row created by hand with the same name is adopted (the name is unique).
      const found = existingInsurers.get(row.code) ?? existingInsurers.get(`name:${row.name}`);
      if (!found) {
        const saved = await insurerRepo.save(insurerRepo.create(row));
        insurerIds.set(row.code, saved.id);
        report.insurers.inserted++;
      } else {
        insurerIds.set(row.code, found.id);
        if (found.code === row.code && found.name === row.name && found.hotline === row.hotline) {
          report.insurers.unchanged++;
        } else {
          await insurerRepo.update({ id: found.id }, { code: row.code, name: row.name, hotline: row.hotline });
          report.insurers.updated++;
        }
      }
    }

    const districtRepo = m.getRepository(District);
    const existingDistricts = new Map((await districtRepo.find()).map((d) => [d.code, d]));
    for (const row of data.districts) {
      const insurerId = row.insurerCode ? (insurerIds.get(row.insurerCode) ?? null) : null;
      const wanted = {
        code: row.code,
        name: row.name,
        schemeId: row.schemeId,
        city: row.city,
        county: row.county,
        type: row.type,
        insurerId,
        payerShares: row.payerShares,
      };
      const found = existingDistricts.get(row.code);
      if (!found) {
        await districtRepo.save(districtRepo.create(wanted));
        report.districts.inserted++;
      } else if (
        found.name === wanted.name &&
        found.schemeId === wanted.schemeId &&
        found.city === wanted.city &&
        found.county === wanted.county &&
        found.type === wanted.type &&
        found.insurerId === wanted.insurerId &&
        sameShares(found.payerShares, wanted.payerShares)
      ) {
        report.districts.unchanged++;
      } else {
        await districtRepo.save(Object.assign(found, wanted));
        report.districts.updated++;
      }
    }
    const { insurers: i, districts: d } = report;
    this.logger.log(
      `reference data: insurers +${i.inserted} ~${i.updated} =${i.unchanged}; districts +${d.inserted} ~${d.updated} =${d.unchanged}`,
    );
    return report;
  }
}
