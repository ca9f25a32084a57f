/**
 * Who sees which part of the oversight figures.
 *
 * - finance and admin: every district of every scheme, and the city-wide totals. There is no city-level
 *   officer role: finance plays the city (市级财政 / 市级主管部门) — it receives the Jincheng >100% reports,
 *   reads the settlement statements of every county, the city totals and the KPIs of the whole city.
 * - caseworkers: the districts they serve (the county level); totals are over those districts only.
 * - adjusters: their insurer's districts, read-only (every oversight route is a GET).
 * - beneficiaries: none of it (403 by role); their own decision letters only.
 * A district that is not the caller's answers 404, exactly as one that does not exist.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { getScheme, isEngineError, versionForYear, type InsuranceYear, type SchemeDefinition, type SchemeVersion } from '@huimin/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { ValidationFailedException } from '../common/validation/validation';
import { District } from '../geo/district.entity';

export interface OversightScope {
  scheme: SchemeDefinition;
  version: SchemeVersion;
  year: InsuranceYear;
  /** The scheme's districts the figures cover (ordered by name's code order: the reference seed's id order). */
  districts: District[];
  /** 'city': every district of the scheme (finance, admin, no district asked); 'districts': a part of it. */
  level: 'city' | 'districts';
}

export function seesAll(u: AuthUser): boolean {
  return u.role === 'admin' || u.role === 'finance';
}

@Injectable()
export class OversightScopes {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The scheme and insurance year asked for (422 naming the field when unknown). */
  schemeYear(schemeId: string, year: number | string): { scheme: SchemeDefinition; version: SchemeVersion; year: InsuranceYear } {
    let scheme: SchemeDefinition;
    try {
      scheme = getScheme(schemeId);
    } catch (e) {
      if (isEngineError(e)) throw new ValidationFailedException([{ field: 'schemeId', message: e.message }]);
      throw e;
    }
    let version: SchemeVersion;
    try {
      version = versionForYear(scheme, String(year));
    } catch (e) {
      if (isEngineError(e)) throw new ValidationFailedException([{ field: 'year', message: e.message }]);
      throw e;
    }
    return { scheme, version, year: version.insuranceYears.find((y) => y.id === String(year))! };
  }

  /** The districts of the scheme the caller may see, or the one asked for (404 if it is not theirs). */
  async resolve(user: AuthUser, q: { schemeId: string; year: number | string; districtId?: number }): Promise<OversightScope> {
    const sy = this.schemeYear(q.schemeId, q.year);
    // Areas the version covers (an excluded area such as 新蔡县 has no premium and no claims to oversee).
    const covered = new Set(sy.version.coverage.areas.map((a) => a.name));
    const all = (await this.ds.getRepository(District).find({ where: { schemeId: sy.scheme.id }, order: { id: 'ASC' } })).filter((d) => covered.has(d.name));
    if (q.districtId !== undefined) {
      const d = await this.ds.getRepository(District).findOne({ where: { id: q.districtId } });
      if (!d || !this.maySee(user, d.id)) throw notFound('district');
      if (!all.some((x) => x.id === d.id)) {
        throw new ValidationFailedException([{ field: 'districtId', message: `${d.name}不在${sy.scheme.name}的保障地区内` }]);
      }
      return { ...sy, districts: [d], level: 'districts' };
    }
    if (seesAll(user)) return { ...sy, districts: all, level: 'city' };
    return { ...sy, districts: all.filter((d) => this.maySee(user, d.id)), level: 'districts' };
  }

  maySee(user: AuthUser, districtId: number): boolean {
    if (seesAll(user)) return true;
    return (user.role === 'caseworker' || user.role === 'adjuster') && user.districtIds.includes(districtId);
  }
}
