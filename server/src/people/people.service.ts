import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { categoryLabel } from '@huimin/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { District } from '../geo/district.entity';
import { PersonDto, PiiField, PiiValueDto } from './dto/person.dto';
import { Identity } from './identity.entity';
import { ageToday } from './people.mapper';
import { Person } from './person.entity';

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
}
