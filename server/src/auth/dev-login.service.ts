import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import type { LoginResponse } from './dto/auth.responses';
import { SessionService } from './session.service';
import { loginResponse } from './views';

/**
 * Development sign-in for the H5 build (no WeChat in a browser): a session for a person's beneficiary
 * user, created if needed. Only when DEV_LOGIN is allowed (embedded SQLite, not production: see config);
 * otherwise the route answers 404 as if it did not exist.
 */
@Injectable()
export class DevLoginService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
    private readonly sessions: SessionService,
  ) {}

  /** By person id, or by the WeChat openid of a demo beneficiary (the H5 picker lists the demo openids). */
  async login(by: { personId?: number; openid?: string }): Promise<LoginResponse> {
    if (!this.config.devLogin || this.config.isProduction) throw new NotFoundException();
    let personId = by.personId;
    if (personId === undefined && by.openid) {
      const u = await this.users.findOneBy({ wechatOpenid: by.openid, role: 'beneficiary' });
      if (!u?.personId) throw new NotFoundException({ code: 'NOT_FOUND', message: '没有这个演示用户' });
      personId = u.personId;
    }
    if (personId === undefined) throw new NotFoundException({ code: 'NOT_FOUND', message: '没有这个人员' });
    const person = await this.people.findOneBy({ id: personId });
    if (!person) throw new NotFoundException({ code: 'NOT_FOUND', message: '没有这个人员' });
    let user = await this.users.findOneBy({ personId });
    user ??= await this.users.save(this.users.create({ role: 'beneficiary', personId, wechatOpenid: null, username: null, passwordHash: null }));
    const tokens = await this.sessions.open(user, 'dev');
    return loginResponse(tokens, user, person);
  }
}
