import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Person } from '../people/person.entity';
import type { AuthUser } from './auth-user';
import { ProxyCheck } from './proxy-check';

/** What the caller may see, record by record. "Not yours" answers exactly like "not found". */
@Injectable()
export class AccessService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly proxies: ProxyCheck,
  ) {}

  /** Staff whose scope is districts (caseworkers; adjusters through their insurer's districts). */
  static isDistrictScoped(u: AuthUser): boolean {
    return u.role === 'caseworker' || u.role === 'adjuster';
  }

  async canSeePerson(u: AuthUser, personId: number): Promise<boolean> {
    if (u.role === 'admin' || u.role === 'finance') return true;
    if (u.role === 'beneficiary') return u.personId === personId || (await this.proxies.mayActFor(u.userId, personId));
    const p = await this.ds.getRepository(Person).findOne({ where: { id: personId }, select: { id: true, districtId: true } });
    return !!p && u.districtIds.includes(p.districtId);
  }

  canSeeDistrict(u: AuthUser, districtId: number): boolean {
    if (u.role === 'admin' || u.role === 'finance') return true;
    return AccessService.isDistrictScoped(u) && u.districtIds.includes(districtId);
  }

  /** Throws the same 404 whether the person does not exist or is not the caller's to see. */
  async assertCanSeePerson(u: AuthUser, personId: number): Promise<void> {
    if (!(await this.canSeePerson(u, personId))) throw notFound('person');
  }
}

export function notFound(what: string): NotFoundException {
  return new NotFoundException({ code: 'NOT_FOUND', message: '没有找到', entity: what });
}
