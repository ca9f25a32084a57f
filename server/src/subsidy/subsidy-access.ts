import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { District } from '../geo/district.entity';

export const MINHANG_SCHEME = 'mh-huhuibao';
export const SUBSIDY_BENEFIT = 'huhuibao_subsidy';

/**
 * Who may see what in the subsidy work:
 * - admin and finance: everything;
 * - caseworkers: subsidies, batches and KPIs of their own 街道 / 镇; the district-wide artefacts (the
 *   insurer's policy lists, matching) only when they serve at least one Minhang district;
 * - everyone else: nothing (404, as if it did not exist).
 */
@Injectable()
export class SubsidyAccess {
  private minhangIds: Promise<Set<number>> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Ids of Minhang's 街道 / 镇 / 莘庄工业区 (reference data: loaded at start-up, never deleted). */
  minhangDistrictIds(): Promise<Set<number>> {
    this.minhangIds ??= this.ds
      .getRepository(District)
      .find({ where: { schemeId: MINHANG_SCHEME }, select: { id: true } })
      .then((rows) => new Set(rows.map((r) => r.id)))
      .catch((e: unknown) => {
        this.minhangIds = null;
        throw e;
      });
    return this.minhangIds;
  }

  static seesAll(u: AuthUser): boolean {
    return u.role === 'admin' || u.role === 'finance';
  }

  /** Staff of the Minhang subsidy as a whole (policy lists, matching). */
  async assertMinhangStaff(u: AuthUser, what: string): Promise<void> {
    if (SubsidyAccess.seesAll(u)) return;
    if (u.role === 'caseworker') {
      const ids = await this.minhangDistrictIds();
      if (u.districtIds.some((d) => ids.has(d))) return;
    }
    throw notFound(what);
  }

  canSeeDistrict(u: AuthUser, districtId: number | null): boolean {
    if (SubsidyAccess.seesAll(u)) return true;
    if (districtId == null) return false;
    return u.role === 'caseworker' && this.access.canSeeDistrict(u, districtId);
  }

  /** A subsidy of a district; one of a buyer unknown to the rosters (no district) is for Minhang staff. */
  async canSeeSubsidy(u: AuthUser, districtId: number | null): Promise<boolean> {
    if (districtId != null) return this.canSeeDistrict(u, districtId);
    if (SubsidyAccess.seesAll(u)) return true;
    if (u.role !== 'caseworker') return false;
    const ids = await this.minhangDistrictIds();
    return u.districtIds.some((d) => ids.has(d));
  }

  /** The districts a list or KPI covers: the one asked for (if visible), else all the caller may see (null = all). */
  scopeDistricts(u: AuthUser, districtId: number | undefined, what: string): number[] | null {
    if (districtId !== undefined) {
      if (!this.canSeeDistrict(u, districtId)) throw notFound(what);
      return [districtId];
    }
    if (SubsidyAccess.seesAll(u)) return null;
    return [...u.districtIds];
  }
}
