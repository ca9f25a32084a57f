import { randomInt } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import { AccessService, notFound } from './access.service';
import type { AuthUser } from './auth-user';
import { Clock } from '../common/clock';
import type { CreateProxyGrantDto } from './dto/auth.dto';
import type { MyProxiesResponse, ProxyGrantView, ProxyInviteView } from './dto/auth.responses';
import { ProxyGrant, ProxyRelation } from './entities/proxy-grant.entity';
import { ProxyInvite } from './entities/proxy-invite.entity';
import { grantView } from './views';

export const INVITE_TTL_MS = 30 * 60 * 1000;
const INVITE_CONTEXT = 'proxy_invite.code';
const GRANT_RELATIONS = { grantee: { person: true }, person: true } as const;

function notWhileActing(u: AuthUser): void {
  if (u.actingForPersonId) throw new ForbiddenException({ code: 'NOT_WHILE_ACTING', message: '代办时不能管理代办授权' });
}

function invalidInvite(): NotFoundException {
  return new NotFoundException({ code: 'INVITE_INVALID', message: '邀请码无效、已使用或已过期，请让家人重新生成' });
}

/**
 * Proxy grants: who may act for an (often elderly) beneficiary, with their consent. A caseworker records a
 * paper consent; a bound beneficiary invites a family member with a one-time code. Grantors, grantees and
 * the person's caseworkers may revoke.
 */
@Injectable()
export class ProxyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly pii: PiiCryptoService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** A caseworker (of the person's district) or admin records a paper consent. Same person and grantee again → the existing grant. */
  async recordPaperConsent(u: AuthUser, dto: CreateProxyGrantDto): Promise<{ grant: ProxyGrantView; created: boolean }> {
    notWhileActing(u);
    const person = await this.ds.getRepository(Person).findOneBy({ id: dto.personId });
    if (!person || !(await this.access.canSeePerson(u, person.id))) throw notFound('person');
    const granteeUserId = dto.granteeUserId ?? u.userId;
    const grantee = await this.ds.getRepository(AppUser).findOneBy({ id: granteeUserId });
    if (!grantee || !grantee.active) throw new NotFoundException({ code: 'NOT_FOUND', message: '没有找到代办人的账号', entity: 'user' });
    if (grantee.personId === person.id) throw new UnprocessableEntityException({ code: 'SELF_PROXY', message: '不能授权本人代办自己' });
    const isStaffGrantee = grantee.id === u.userId;
    if (isStaffGrantee !== (dto.relation === 'caseworker')) {
      throw new UnprocessableEntityException({
        code: 'BAD_RELATION',
        message: isStaffGrantee ? '工作人员本人代办时，关系应选“社区工作人员”' : '家属代办时，关系不能选“社区工作人员”',
      });
    }
    if (!isStaffGrantee && grantee.role !== 'beneficiary') {
      throw new UnprocessableEntityException({ code: 'BAD_GRANTEE', message: '家属代办人须是用微信登录小程序的用户' });
    }
    const consentedAt = new Date(`${dto.consentedOn}T00:00:00+08:00`);
    if (Number.isNaN(consentedAt.getTime()) || consentedAt.getTime() > this.clock.now().getTime()) {
      throw new UnprocessableEntityException({ code: 'BAD_DATE', message: '签署日期不能晚于今天' });
    }
    return this.ds.transaction(async (m) => {
      const existing = await this.activeGrant(m, person.id, grantee.id);
      if (existing) return { grant: grantView(existing), created: false };
      const id = await this.insertGrant(m, {
        personId: person.id,
        granteeUserId: grantee.id,
        relation: dto.relation,
        consentMethod: 'paper',
        consentedAt,
        createdByUserId: u.userId,
      });
      await this.audit.record(
        { actorUserId: u.userId, action: 'proxy.grant', entity: 'proxy_grant', entityId: id, detail: { personId: person.id, granteeUserId: grantee.id, relation: dto.relation, consentMethod: 'paper' } },
        m,
      );
      return { grant: grantView(await this.loadGrant(m, id)), created: true };
    });
  }

  /** Grants for a person, for their caseworkers and admins. */
  async listForPerson(u: AuthUser, personId: number): Promise<ProxyGrantView[]> {
    const person = await this.ds.getRepository(Person).findOneBy({ id: personId });
    if (!person || !(await this.access.canSeePerson(u, personId)) || u.role === 'beneficiary') throw notFound('person');
    const rows = await this.ds.getRepository(ProxyGrant).find({ where: { personId }, relations: GRANT_RELATIONS, order: { id: 'ASC' } });
    return rows.map(grantView);
  }

  /** Who may act for me, and for whom I may act. */
  async mine(u: AuthUser): Promise<MyProxiesResponse> {
    const repo = this.ds.getRepository(ProxyGrant);
    const grantedByMe = u.personId
      ? await repo.find({ where: { personId: u.personId }, relations: GRANT_RELATIONS, order: { id: 'ASC' } })
      : [];
    const heldByMe = await repo.find({ where: { granteeUserId: u.userId }, relations: GRANT_RELATIONS, order: { id: 'ASC' } });
    return { grantedByMe: grantedByMe.map(grantView), heldByMe: heldByMe.map(grantView) };
  }

  /** The person who consented, the grantee, or a caseworker of the person's district (or an admin) may revoke. */
  async revoke(u: AuthUser, grantId: number): Promise<ProxyGrantView> {
    notWhileActing(u);
    return this.ds.transaction(async (m) => {
      const g = await m.getRepository(ProxyGrant).findOne({ where: { id: grantId }, relations: GRANT_RELATIONS });
      if (!g) throw notFound('proxy_grant');
      const isGrantor = u.role === 'beneficiary' && u.personId === g.personId;
      const isGrantee = u.userId === g.granteeUserId;
      const isStaff = u.role === 'admin' || (u.role === 'caseworker' && (await this.access.canSeePerson(u, g.personId)));
      if (!isGrantor && !isGrantee && !isStaff) throw notFound('proxy_grant');
      if (!g.revokedAt) {
        const now = this.clock.now();
        await m.getRepository(ProxyGrant).update({ id: g.id, revokedAt: IsNull() }, { revokedAt: now, revokedByUserId: u.userId });
        await this.audit.record(
          { actorUserId: u.userId, action: 'proxy.revoke', entity: 'proxy_grant', entityId: g.id, detail: { personId: g.personId, granteeUserId: g.granteeUserId } },
          m,
        );
      }
      return grantView(await this.loadGrant(m, g.id));
    });
  }

  /**
   * A bound beneficiary creates a one-time code (8 digits, 30 minutes) for a family member. The same
   * Idempotency-Key again returns the same invite.
   */
  async createInvite(u: AuthUser, relation: ProxyRelation, idempotencyKey: string | undefined): Promise<{ invite: ProxyInviteView; created: boolean }> {
    notWhileActing(u);
    if (u.role !== 'beneficiary' || !u.personId) throw new ForbiddenException({ code: 'NOT_BOUND', message: '请先绑定本人身份，再邀请家人代办' });
    const repo = this.ds.getRepository(ProxyInvite);
    const key = idempotencyKey?.trim() || null;
    if (key) {
      const prior = await repo.findOneBy({ createdByUserId: u.userId, idempotencyKey: key });
      if (prior) return { invite: this.inviteView(prior), created: false };
    }
    const now = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      try {
        const saved = await this.ds.transaction(async (m) => {
          const inv = await m.getRepository(ProxyInvite).save(
            m.getRepository(ProxyInvite).create({
              codeHash: this.pii.lookupHash(code, INVITE_CONTEXT),
              codeEnc: this.pii.encrypt(code, INVITE_CONTEXT),
              personId: u.personId!,
              createdByUserId: u.userId,
              relation,
              idempotencyKey: key,
              expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
              redeemedAt: null,
              redeemedByUserId: null,
            }),
          );
          await this.audit.recordAct(u, { action: 'proxy.invite', entity: 'proxy_invite', entityId: inv.id, detail: { relation } }, m);
          return inv;
        });
        return { invite: this.inviteView(saved), created: true };
      } catch (e) {
        if (!(e instanceof QueryFailedError) || attempt >= 3) throw e;
        if (key) {
          // A concurrent request with the same key won the race.
          const prior = await repo.findOneBy({ createdByUserId: u.userId, idempotencyKey: key });
          if (prior) return { invite: this.inviteView(prior), created: false };
        }
        // Otherwise the code collided with a live one: draw again.
      }
    }
  }

  /** A family member's WeChat user redeems a code and becomes a proxy (consent given in the app). */
  async redeemInvite(u: AuthUser, code: string): Promise<ProxyGrantView> {
    notWhileActing(u);
    if (u.role !== 'beneficiary') throw new ForbiddenException({ code: 'FORBIDDEN', message: '工作人员请由社区登记纸质同意书' });
    const now = this.clock.now();
    return this.ds.transaction(async (m) => {
      const inv = await m.getRepository(ProxyInvite).findOneBy({ codeHash: this.pii.lookupHash(code, INVITE_CONTEXT) });
      if (!inv || inv.redeemedAt || inv.expiresAt.getTime() <= now.getTime()) throw invalidInvite();
      if (inv.personId === u.personId) throw new UnprocessableEntityException({ code: 'SELF_PROXY', message: '不能用自己的邀请码代办自己，请把邀请码交给家人' });
      const claimed = await m.getRepository(ProxyInvite).update({ id: inv.id, redeemedAt: IsNull() }, { redeemedAt: now, redeemedByUserId: u.userId });
      if (!claimed.affected) throw invalidInvite();
      const existing = await this.activeGrant(m, inv.personId, u.userId);
      if (existing) return grantView(existing);
      const id = await this.insertGrant(m, {
        personId: inv.personId,
        granteeUserId: u.userId,
        relation: inv.relation,
        consentMethod: 'in_app',
        consentedAt: now,
        createdByUserId: inv.createdByUserId,
      });
      await this.audit.record(
        { actorUserId: u.userId, action: 'proxy.grant', entity: 'proxy_grant', entityId: id, detail: { personId: inv.personId, inviteId: inv.id, relation: inv.relation, consentMethod: 'in_app' } },
        m,
      );
      return grantView(await this.loadGrant(m, id));
    });
  }

  private inviteView(inv: ProxyInvite): ProxyInviteView {
    return {
      code: this.pii.decrypt(inv.codeEnc, INVITE_CONTEXT),
      relation: inv.relation,
      expiresAt: inv.expiresAt.toISOString(),
      redeemed: !!inv.redeemedAt,
    };
  }

  private activeGrant(m: EntityManager, personId: number, granteeUserId: number): Promise<ProxyGrant | null> {
    return m.getRepository(ProxyGrant).findOne({ where: { personId, granteeUserId, revokedAt: IsNull() }, relations: GRANT_RELATIONS });
  }

  private loadGrant(m: EntityManager, id: number): Promise<ProxyGrant> {
    return m.getRepository(ProxyGrant).findOneOrFail({ where: { id }, relations: GRANT_RELATIONS });
  }

  private async insertGrant(m: EntityManager, g: Omit<ProxyGrant, 'id' | 'createdAt' | 'revokedAt' | 'revokedByUserId'>): Promise<number> {
    const res = await m.getRepository(ProxyGrant).insert({ ...g, revokedAt: null, revokedByUserId: null });
    return res.identifiers[0].id as number;
  }
}
