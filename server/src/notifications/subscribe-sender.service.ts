import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stateInfo, type ClaimState } from '@huimin/shared';
import type { Subscription } from 'rxjs';
import { DataSource, MoreThan } from 'typeorm';
import { ClaimEvent } from '../claims/claim-event.entity';
import { ClaimEventsBus } from '../claims/claim-events.bus';
import { Claim } from '../claims/claim.entity';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/db-errors';
import { APP_CONFIG, AppConfig, SubscribeTemplateConfig } from '../config/config';
import { AppUser } from '../users/app-user.entity';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { WechatApiError } from '../wechat/wechat.errors';
import { claimNames, feedQuery, type FeedRow } from './claim-event-feed';
import { PushCursor } from './push-cursor.entity';
import { SubscribeAcceptance } from './subscribe-acceptance.entity';
import { buildSubscribeData, FieldError, type ClaimMessageFacts } from './subscribe-fields';
import { SubscribeSend, SubscribeSendStatus } from './subscribe-send.entity';

const CURSOR = 'subscribe';

/** o_ab…yz: enough to match a support question, not enough to address anyone. */
export function maskOpenid(openid: string): string {
  if (openid.length <= 6) return '***';
  return `${openid.slice(0, 3)}***${openid.slice(-2)}`;
}

class NoCredit extends Error {}
class AlreadySent extends Error {}

/**
 * Sends one WeChat subscribe message per claim state change to each user who has an unused acceptance of
 * the claim-status template for that person (the person, or a family proxy who asked on their behalf), but
 * not to whoever made the change. Runs off the request path: it listens to ClaimEventsBus after commit and
 * works through events one at a time; a failure is logged (openid masked) and recorded, never thrown back
 * into the claim flow. WeChat's "busy" (-1) is retried once by WechatApiClient.
 *
 * Credits: a send takes one acceptance with a conditional UPDATE in the same transaction that records the
 * send (unique per event × user × template, so a second look at an event never sends twice); a failed send
 * gives it back; 43101 (none left on WeChat's side, or the template turned off) sets the user's count to 0.
 *
 * After a restart, transition events after the cursor and at most RECOVERY_WINDOW_MS old are looked at
 * again: the process may have died between a commit and its live publish.
 */
@Injectable()
export class SubscribeSender implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly RECOVERY_WINDOW_MS = 30 * 60_000;
  private readonly logger = new Logger('SubscribeMessages');
  private chain: Promise<void> = Promise.resolve();
  private sub: Subscription | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly bus: ClaimEventsBus,
    private readonly wechat: WechatApiClient,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get template(): SubscribeTemplateConfig | null {
    return this.config.wechat.claimStatusTemplate ?? null;
  }

  onApplicationBootstrap(): void {
    if (!this.template) return;
    this.sub = this.bus.events$.subscribe((m) => {
      if (m.type === 'transition') this.enqueue(`event ${m.id}`, () => this.handle(m.id));
    });
    this.enqueue('recovery', () => this.recover());
  }

  onModuleDestroy(): Promise<void> {
    this.sub?.unsubscribe();
    return this.idle();
  }

  /** Resolves when everything queued so far has been handled (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(what: string, fn: () => Promise<void>): void {
    this.chain = this.chain.then(fn).catch((e: unknown) => {
      this.logger.error(`${what}: ${(e as Error).message}`);
    });
  }

  private async recover(): Promise<void> {
    const cursors = this.ds.getRepository(PushCursor);
    const cursor = await cursors.findOneBy({ name: CURSOR });
    if (!cursor) {
      // First start with subscribe messages on: begin from now, do not message people about old changes.
      const max = await this.ds.getRepository(ClaimEvent).createQueryBuilder('e').select('MAX(e.id)', 'max').getRawOne<{ max: number | string | null }>();
      try {
        await cursors.insert({ name: CURSOR, lastEventId: Number(max?.max ?? 0) });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      return;
    }
    const since = this.clock.now().getTime() - SubscribeSender.RECOVERY_WINDOW_MS;
    const rows = await this.ds
      .getRepository(ClaimEvent)
      .createQueryBuilder('e')
      .select(['e.id', 'e.createdAt'])
      .where('e.id > :after', { after: cursor.lastEventId })
      .andWhere("e.type = 'transition'")
      .orderBy('e.id', 'ASC')
      .limit(1000)
      .getMany();
    const recent = rows.filter((r) => r.createdAt.getTime() >= since);
    if (recent.length) this.logger.log(`recovery: looking again at ${recent.length} claim event(s) after ${cursor.lastEventId}`);
    for (const r of recent) await this.handle(r.id);
  }

  /** All sends for one claim event. */
  async handle(eventId: number): Promise<void> {
    const tpl = this.template;
    if (!tpl) return;
    const row = (await feedQuery(this.ds).where('e.id = :id', { id: eventId }).getOne()) as FeedRow | null;
    if (row && row.type === 'transition') {
      const acceptances = await this.ds.getRepository(SubscribeAcceptance).find({
        where: { personId: row.personId, templateId: tpl.id, remaining: MoreThan(0) },
        order: { id: 'ASC' },
      });
      const facts = acceptances.length ? await this.facts(row) : null;
      for (const a of acceptances) {
        if (a.userId === row.actorUserId) continue; // one's own action needs no message
        const user = await this.ds.getRepository(AppUser).findOne({ where: { id: a.userId }, select: { id: true, active: true, wechatOpenid: true } });
        if (!user?.active || !user.wechatOpenid) continue;
        await this.sendOne(row, a, user.wechatOpenid, tpl, facts!);
      }
    }
    await this.ds
      .createQueryBuilder()
      .update(PushCursor)
      .set({ lastEventId: eventId })
      .where('name = :name AND last_event_id < :id', { name: CURSOR, id: eventId })
      .execute();
  }

  private async facts(row: FeedRow): Promise<ClaimMessageFacts> {
    const state = row.toState as ClaimState;
    const claim = await this.ds.getRepository(Claim).findOne({ where: { id: row.claimId }, select: { id: true, approvedAmount: true, estimatedPayout: true } });
    const { schemeName, benefitName } = claimNames(row.claim.schemeId, row.claim.versionId, row.claim.benefitId);
    let amount: string | null;
    if (state === 'approved' || state === 'paid') amount = (row.amount ?? claim?.approvedAmount)?.toFixed(2) ?? null;
    else if (state === 'rejected' || state === 'withdrawn') amount = '0';
    else amount = claim?.estimatedPayout?.toFixed(2) ?? null; // open claims: the estimate
    const reason = row.reason?.trim();
    const note =
      state === 'waiting_documents' ? `请补交材料${reason ? `：${reason}` : ''}` :
      state === 'rejected' ? `原因：${reason ?? '请联系社区工作人员'}` :
      state === 'approved' ? `同意赔付${amount}元，等待打款` :
      stateInfo(state).plainLabel;
    return { claimNo: row.claim.claimNo ?? String(row.claimId), benefitName, schemeName, state, plainLabel: stateInfo(state).plainLabel, amount, at: row.createdAt, note };
  }

  private async sendOne(row: FeedRow, a: SubscribeAcceptance, openid: string, tpl: SubscribeTemplateConfig, facts: ClaimMessageFacts): Promise<void> {
    const who = `claim event ${row.id} → user ${a.userId} (${maskOpenid(openid)})`;
    const base = { claimEventId: row.id, claimId: row.claimId, userId: a.userId, personId: a.personId, templateId: tpl.id };
    let data;
    try {
      data = buildSubscribeData(tpl.fields, facts);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      this.logger.error(`${who}: cannot fill the template: ${e.message}`);
      await this.record(base, 'failed', null, `template: ${e.message}`.slice(0, 200), true);
      return;
    }
    // Take one acceptance and record the send, together (or neither).
    let sendId: number;
    try {
      sendId = await this.ds.transaction(async (m) => {
        const took = await m
          .createQueryBuilder()
          .update(SubscribeAcceptance)
          .set({ remaining: () => 'remaining - 1' })
          .where('id = :id AND remaining > 0', { id: a.id })
          .execute();
        if (took.affected !== 1) throw new NoCredit();
        try {
          const r = await m.getRepository(SubscribeSend).insert({ ...base, status: 'sending', errcode: null, error: null });
          return r.identifiers[0].id as number;
        } catch (e) {
          if (isUniqueViolation(e)) throw new AlreadySent();
          throw e;
        }
      });
    } catch (e) {
      if (e instanceof NoCredit || e instanceof AlreadySent) return;
      throw e;
    }
    const sends = this.ds.getRepository(SubscribeSend);
    try {
      await this.wechat.sendSubscribeMessage({
        touser: openid,
        template_id: tpl.id,
        page: `pages/claims/index?claimId=${row.claimId}`,
        data,
        miniprogram_state: this.config.wechat.miniprogramState ?? 'formal',
        lang: 'zh_CN',
      });
      await sends.update({ id: sendId }, { status: 'sent' });
      this.logger.log(`${who}: sent`);
    } catch (e) {
      const err = e instanceof WechatApiError ? e : null;
      if (err?.kind === 'user_refused') {
        // WeChat says the user has nothing left (or turned the template off): stop trying until they accept again.
        await this.ds.getRepository(SubscribeAcceptance).update({ userId: a.userId, templateId: tpl.id }, { remaining: 0 });
        await sends.update({ id: sendId }, { status: 'refused', errcode: err.errcode, error: 'user_refused' });
        this.logger.warn(`${who}: WeChat 43101, the user's acceptances are used up`);
        return;
      }
      // Not sent: the acceptance is still good on WeChat's side, give it back.
      await this.ds
        .createQueryBuilder()
        .update(SubscribeAcceptance)
        .set({ remaining: () => 'remaining + 1' })
        .where('id = :id', { id: a.id })
        .execute();
      await sends.update({ id: sendId }, { status: 'failed', errcode: err?.errcode ?? null, error: (err ? err.kind : 'error').slice(0, 200) });
      this.logger.warn(`${who}: not sent (${err ? `${err.kind}${err.errcode !== null ? ` ${err.errcode}` : ''}` : (e as Error).message})`);
    }
  }

  private async record(base: Omit<SubscribeSend, 'id' | 'status' | 'errcode' | 'error' | 'createdAt' | 'updatedAt'>, status: SubscribeSendStatus, errcode: number | null, error: string | null, ignoreDuplicate: boolean): Promise<void> {
    try {
      await this.ds.getRepository(SubscribeSend).insert({ ...base, status, errcode, error });
    } catch (e) {
      if (!(ignoreDuplicate && isUniqueViolation(e))) throw e;
    }
  }
}
