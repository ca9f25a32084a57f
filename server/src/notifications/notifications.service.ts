import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stateInfo, type ClaimState } from '@huimin/shared';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ClaimEvent } from '../claims/claim-event.entity';
import { isUniqueViolation } from '../common/db-errors';
import { effectivePersonId } from '../coverage/effective-person';
import { claimNames, feedQuery, type FeedRow } from './claim-event-feed';
import type { ListNotificationsQueryDto, MarkReadResultDto, NotificationDto, NotificationListDto } from './dto/notifications.dto';
import { NotificationRead } from './notification-read.entity';

/** Which claim events are a beneficiary's business: every state change (incl. the report) and a document to send again. */
function relevant<T extends object>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return qb.andWhere(new Brackets((w) => w.where("e.type IN ('reported', 'transition')").orWhere("e.action = 'document_rejected'")));
}

/**
 * In-app notifications, derived from claim_event (written in the claim's own transaction, so nothing is lost
 * between commit and push) plus a per-viewer read marker. A person's own actions count as read.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The person whose notifications these are: own, or the person acted for (X-Act-For). Staff only when acting for someone. */
  private subject(user: AuthUser): number {
    if (user.role !== 'beneficiary' && user.actingForPersonId == null) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '“消息”只给参保人本人或其代办人查看' });
    }
    return effectivePersonId(user);
  }

  private async marker(userId: number, personId: number): Promise<number> {
    const row = await this.ds.getRepository(NotificationRead).findOneBy({ userId, personId });
    return row?.upToEventId ?? 0;
  }

  private async unread(userId: number, personId: number, upTo: number): Promise<number> {
    const qb = this.ds
      .getRepository(ClaimEvent)
      .createQueryBuilder('e')
      .where('e.person_id = :personId', { personId })
      .andWhere('e.id > :upTo', { upTo })
      .andWhere(new Brackets((w) => w.where('e.actor_user_id IS NULL').orWhere('e.actor_user_id <> :userId', { userId })));
    return relevant(qb).getCount();
  }

  async list(user: AuthUser, q: ListNotificationsQueryDto): Promise<NotificationListDto> {
    const personId = this.subject(user);
    const limit = q.limit ?? 20;
    const upTo = await this.marker(user.userId, personId);
    const qb = feedQuery(this.ds).where('e.person_id = :personId', { personId });
    if (q.before !== undefined) qb.andWhere('e.id < :before', { before: q.before });
    const rows = (await relevant(qb).orderBy('e.id', 'DESC').limit(limit + 1).getMany()) as FeedRow[];
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => this.toDto(r, user.userId, upTo)),
      unread: await this.unread(user.userId, personId, upTo),
      readUpTo: upTo,
      nextBefore: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  /** Moves the marker forward (never back, never past the person's newest event). */
  async markRead(user: AuthUser, upTo: number): Promise<MarkReadResultDto> {
    const personId = this.subject(user);
    const newest = await this.ds
      .getRepository(ClaimEvent)
      .createQueryBuilder('e')
      .select('MAX(e.id)', 'max')
      .where('e.person_id = :personId', { personId })
      .getRawOne<{ max: number | string | null }>();
    const target = Math.min(upTo, Number(newest?.max ?? 0));
    const repo = this.ds.getRepository(NotificationRead);
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await repo
        .createQueryBuilder()
        .update(NotificationRead)
        .set({ upToEventId: target })
        .where('user_id = :userId AND person_id = :personId AND up_to_event_id < :target', { userId: user.userId, personId, target })
        .execute();
      if (res.affected || (await repo.existsBy({ userId: user.userId, personId }))) break;
      try {
        await repo.insert({ userId: user.userId, personId, upToEventId: target });
        break;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // another request inserted it first: update that row
      }
    }
    const now = await this.marker(user.userId, personId);
    return { readUpTo: now, unread: await this.unread(user.userId, personId, now) };
  }

  private toDto(r: FeedRow, viewerUserId: number, upTo: number): NotificationDto {
    const { schemeName, benefitName } = claimNames(r.claim.schemeId, r.claim.versionId, r.claim.benefitId);
    const claimNo = r.claim.claimNo ?? '';
    const docs = r.type === 'document';
    const info = stateInfo(r.toState as ClaimState);
    const title = docs ? '有材料需要重新提交' : r.type === 'reported' && r.actorRole !== 'beneficiary' ? `${r.actorRole === 'proxy' ? '代办人' : '工作人员'}已为您报案` : info.plainLabel;
    return {
      id: r.id,
      claimId: r.claimId,
      claimNo,
      kind: docs || r.toState === 'waiting_documents' ? 'documents' : 'state',
      state: r.toState,
      title,
      body: `${benefitName}（理赔编号 ${claimNo}）：${this.detail(r)}`,
      schemeName,
      benefitName,
      at: r.createdAt.toISOString(),
      read: r.id <= upTo || r.actorUserId === viewerUserId,
    };
  }

  /** One plain sentence on what happened and what to do. */
  private detail(r: FeedRow): string {
    const reason = r.reason?.trim();
    switch (r.type === 'document' ? 'document' : r.toState) {
      case 'document':
        return `${r.label}${reason ? `。${reason}` : ''}。请按要求重新提交`;
      case 'reported':
        return '已收到报案，工作人员会尽快联系您';
      case 'accepted':
        return '已受理，正在办理';
      case 'waiting_documents':
        return `还需要补交材料${reason ? `：${reason}` : ''}。请在“我的理赔”里查看清单`;
      case 'under_review':
        return '材料已收齐，正在审核';
      case 'approved':
        return r.amount ? `同意赔付 ${r.amount.toFixed(2)} 元，等待打款` : '同意赔付，等待打款';
      case 'rejected':
        return `这次不能赔付${reason ? `，原因：${reason}` : ''}。如有疑问请联系社区工作人员`;
      case 'paid':
        return '赔款已打到您的账户，理赔结束';
      case 'withdrawn':
        return '申请已撤回';
      default:
        return r.label;
    }
  }
}
