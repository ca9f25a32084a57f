import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import type { AuthUser } from './auth-user';
import type { MeResponse } from './dto/auth.responses';
import { maskedPerson, userView } from './views';

@Injectable()
export class MeService {
  constructor(
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
    private readonly audit: AuditService,
  ) {}

  /** Who I am (masked); when acting for someone, who that is too (and the view is audited with both). */
  async me(u: AuthUser): Promise<MeResponse> {
    const user = await this.users.findOneByOrFail({ id: u.userId });
    const own = user.personId ? await this.people.findOneBy({ id: user.personId }) : null;
    const view: MeResponse = userView(user, u, own);
    if (u.actingForPersonId) {
      const p = await this.people.findOneByOrFail({ id: u.actingForPersonId });
      view.actingFor = { ...maskedPerson(p), proxyGrantId: u.proxyGrantId ?? null };
      await this.audit.recordAct(u, { action: 'proxy.view_person', entity: 'person', entityId: p.id });
    }
    return view;
  }
}
