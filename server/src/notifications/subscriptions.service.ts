import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { ValidationFailedException } from '../common/validation/validation';
import { APP_CONFIG, AppConfig } from '../config/config';
import { effectivePersonId } from '../coverage/effective-person';
import type { RecordSubscriptionsDto, SubscriptionsDto } from './dto/subscriptions.dto';
import { SubscribeAcceptance } from './subscribe-acceptance.entity';

/** No more than this many unused acceptances are counted per user × person × template. */
export const MAX_REMAINING = 50;

@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private known(): string[] {
    const t = this.config.wechat.claimStatusTemplate;
    return t ? [t.id] : [];
  }

  async status(user: AuthUser, ignored: string[] = []): Promise<SubscriptionsDto> {
    const personId = effectivePersonId(user);
    const templates = [];
    for (const templateId of this.known()) {
      const row = await this.ds.getRepository(SubscribeAcceptance).findOneBy({ userId: user.userId, personId, templateId });
      templates.push({ templateId, purpose: 'claim_status' as const, remaining: row?.remaining ?? 0 });
    }
    return { templates, ignored };
  }

  /** Each accepted, known template: one more message allowed (up to MAX_REMAINING). */
  async record(user: AuthUser, dto: RecordSubscriptionsDto): Promise<SubscriptionsDto> {
    const personId = effectivePersonId(user);
    const notAsked = dto.accepted.filter((id) => !dto.templateIds.includes(id));
    if (notAsked.length) throw new ValidationFailedException([{ field: 'accepted', message: `这些模板没有在 templateIds 里：${notAsked.join('、')}` }]);
    const known = this.known();
    const accepted = [...new Set(dto.accepted)];
    const repo = this.ds.getRepository(SubscribeAcceptance);
    for (const templateId of accepted.filter((id) => known.includes(id))) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await repo
          .createQueryBuilder()
          .update(SubscribeAcceptance)
          .set({
            remaining: () => `CASE WHEN remaining < ${MAX_REMAINING} THEN remaining + 1 ELSE remaining END`,
            acceptedTotal: () => 'accepted_total + 1',
          })
          .where('user_id = :userId AND person_id = :personId AND template_id = :templateId', { userId: user.userId, personId, templateId })
          .execute();
        if (res.affected) break;
        try {
          await repo.insert({ userId: user.userId, personId, templateId, remaining: 1, acceptedTotal: 1 });
          break;
        } catch (e) {
          if (!isUniqueViolation(e)) throw e; // inserted meanwhile: count on that row
        }
      }
    }
    return this.status(user, accepted.filter((id) => !known.includes(id)));
  }
}
