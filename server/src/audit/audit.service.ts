import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { insertEntity } from '../database/insert-entity';
import { AuditEvent } from './audit-event.entity';

export interface AuditInput {
  actorUserId: number | null;
  onBehalfOfPersonId?: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown> | null;
}

/** What an act was, without who: recordAct() takes who from the signed-in caller. */
export type ActInput = Omit<AuditInput, 'actorUserId' | 'onBehalfOfPersonId'>;

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Record an event; pass the transaction's manager so the event commits or rolls back with the change. */
  async record(input: AuditInput, manager?: EntityManager): Promise<AuditEvent> {
    const repo = manager ? manager.getRepository(AuditEvent) : this.events;
    return insertEntity(
      repo,
      repo.create({
        actorUserId: input.actorUserId,
        onBehalfOfPersonId: input.onBehalfOfPersonId ?? null,
        action: input.action,
        entity: input.entity,
        entityId: input.entityId == null ? null : String(input.entityId),
        detail: input.detail ?? null,
      }),
    );
  }

  /**
   * Record something the signed-in caller did. When they act for someone else (X-Act-For, through a proxy
   * grant), the event carries both: actor_user_id = the caller, on_behalf_of_person_id = the person, and
   * detail.proxyGrantId. Call this for every act a beneficiary or proxy can do.
   */
  async recordAct(user: AuthUser, input: ActInput, manager?: EntityManager): Promise<AuditEvent> {
    const acting = user.actingForPersonId ?? null;
    return this.record(
      {
        ...input,
        actorUserId: user.userId,
        onBehalfOfPersonId: acting,
        detail: acting === null ? (input.detail ?? null) : { ...(input.detail ?? {}), proxyGrantId: user.proxyGrantId ?? null },
      },
      manager,
    );
  }
}
