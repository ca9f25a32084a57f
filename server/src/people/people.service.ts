import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { categoryLabel } from '@huimin/shared';
import { DataSource, In } from 'typeorm';
import { Enrolment } from '../enrolment/enrolment.entity';
import { maskName } from '../auth/mask-name';
import { AuditService } from '../audit/audit.service';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { District } from '../geo/district.entity';
import { PersonDto, PersonMatchDto, PersonSearchDto, PiiField, PiiValueDto, StaffDistrictDto } from './dto/person.dto';
import { Identity } from './identity.entity';
import { ageToday } from './people.mapper';
import { Person } from './person.entity';

/** A resident ID number: 18 characters (17 digits and a digit or X), or the old 15 digits. */
const ID_NUMBER = /^(\d{17}[\dXx]|\d{15})$/;
const SEARCH_LIMIT = 20;

const AUDIT_ACTION: Record<PiiField, string> = { idNumber: 'person.view_id_number', phone: 'person.view_phone' };

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly pii: PiiCryptoService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(user: AuthUser, id: number): Promise<PersonDto> {
    await this.access.assertCanSeePerson(user, id);
    const p = await this.ds.getRepository(Person).findOne({ where: { id } });
    if (!p) throw notFound('person');
    const [d, identities] = await Promise.all([
      this.ds.getRepository(District).findOneByOrFail({ id: p.districtId }),
      this.ds.getRepository(Identity).find({ where: { personId: id }, order: { validFrom: 'ASC', id: 'ASC' } }),
    ]);
    return {
      id: p.id,
      name: p.name,
      sex: p.sex,
      age: ageToday(p.birthDate, this.clock.today()),
      idNumberMasked: p.idNumberMasked,
      phoneMasked: p.phoneMasked ?? null,
      district: { id: d.id, name: d.name, city: d.city, county: d.county },
      householdId: p.householdId,
      identities: identities.map((i) => ({
        code: i.categoryCode,
        label: categoryLabel(i.categoryCode),
        validFrom: i.validFrom,
        validTo: i.validTo,
        confirmedOn: i.confirmedOn,
      })),
    };
  }

  /**
   * The full ID number or phone, for a caseworker of the person's district or an admin (the route's roles).
   * Every read is an audit event (who, whose, which field, when), written before the value leaves; the value
   * itself is never logged nor put in the audit detail.
   */
  async revealPii(user: AuthUser, id: number, field: PiiField): Promise<PiiValueDto> {
    await this.access.assertCanSeePerson(user, id);
    const p = await this.ds.getRepository(Person).findOne({ where: { id }, select: { id: true, idNumberEnc: true, phoneEnc: true } });
    if (!p) throw notFound('person');
    const enc = field === 'idNumber' ? p.idNumberEnc : p.phoneEnc;
    const value = enc ? this.pii.decrypt(enc, field === 'idNumber' ? 'person.id_number' : 'person.phone') : null;
    await this.audit.record({
      actorUserId: user.userId,
      action: AUDIT_ACTION[field],
      entity: 'person',
      entityId: id,
      detail: { field, role: user.role, found: value !== null },
    });
    return { personId: id, field, value };
  }

  /**
   * Staff find a person (e.g. to report for them): an ID number is looked up by its keyed hash, anything else
   * as a name (exact or its beginning). Caseworkers see only their districts' people; admins everyone. The
   * answer is masked (name, ID number); every search is an audit event saying how it searched and how many
   * it found, never what was typed.
   */
  async search(user: AuthUser, q: string): Promise<PersonSearchDto> {
    const text = q.trim();
    const by: PersonSearchDto['by'] = ID_NUMBER.test(text) ? 'id_number' : 'name';
    let found: Person[] = [];
    const scoped = user.role !== 'admin';
    if (!scoped || user.districtIds.length) {
      const qb = this.ds.getRepository(Person).createQueryBuilder('p').orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').take(SEARCH_LIMIT + 1);
      if (by === 'id_number') qb.where('p.idNumberHash = :h', { h: this.pii.hashIdNumber(text) });
      else qb.where("p.name LIKE :pat ESCAPE '!'", { pat: `${text.replace(/[!%_]/g, (c) => `!${c}`)}%` });
      if (scoped) qb.andWhere('p.districtId IN (:...ds)', { ds: user.districtIds });
      found = await qb.getMany();
    }
    const more = found.length > SEARCH_LIMIT;
    const people = found.slice(0, SEARCH_LIMIT);
    const ids = people.map((p) => p.id);
    const today = this.clock.today();
    const [districts, identities, enrolments] = ids.length
      ? await Promise.all([
          this.ds.getRepository(District).find({ where: { id: In([...new Set(people.map((p) => p.districtId))]) } }),
          this.ds.getRepository(Identity).find({ where: { personId: In(ids) }, order: { validFrom: 'ASC', id: 'ASC' } }),
          this.ds.getRepository(Enrolment).find({ where: { personId: In(ids) }, order: { insuranceYear: 'DESC', id: 'ASC' } }),
        ])
      : [[], [], []];
    const items: PersonMatchDto[] = people.map((p) => {
      const d = districts.find((x) => x.id === p.districtId)!;
      return {
        id: p.id,
        name: maskName(p.name),
        sex: p.sex,
        age: ageToday(p.birthDate, today),
        idNumberMasked: p.idNumberMasked,
        district: { id: d.id, name: d.name, city: d.city, county: d.county },
        identities: [
          ...new Set(identities.filter((i) => i.personId === p.id && i.validFrom <= today && (!i.validTo || i.validTo >= today)).map((i) => categoryLabel(i.categoryCode))),
        ],
        enrolments: enrolments
          .filter((e) => e.personId === p.id)
          .slice(0, 5)
          .map((e) => ({ schemeId: e.schemeId, insuranceYear: e.insuranceYear, coverStart: e.coverStart, coverEnd: e.coverEnd })),
      };
    });
    await this.audit.record({
      actorUserId: user.userId,
      action: 'person.search',
      entity: 'person',
      entityId: null,
      detail: { by, role: user.role, found: items.length, more, personIds: ids },
    });
    return { by, items, more };
  }

  /** The districts a caseworker serves (admins: all), for the desk's pickers. */
  async districts(user: AuthUser): Promise<StaffDistrictDto[]> {
    if (user.role !== 'admin' && !user.districtIds.length) return [];
    const rows = await this.ds.getRepository(District).find({
      where: user.role === 'admin' ? {} : { id: In(user.districtIds) },
      order: { city: 'ASC', name: 'ASC', id: 'ASC' },
    });
    return rows.map((d) => ({ id: d.id, name: d.name, city: d.city, county: d.county, schemeId: d.schemeId, type: d.type }));
  }
}
