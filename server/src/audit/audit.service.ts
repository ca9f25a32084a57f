import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { insertRows, runStatements, type Statement } from '../database/sql-batch';
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

const AUDIT_INSERT = ['actorUserId', 'onBehalfOfPersonId', 'action', 'entity', 'entityId', 'detail'] as const satisfies readonly (keyof AuditEvent)[];

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Record an event; pass the transaction's manager so the event commits or rolls back with the change. */
  async record(input: AuditInput, manager?: EntityManager): Promise<AuditEvent> {
    const m = manager ?? this.events.manager;
    const [saved] = await runStatements(m, [this.statement(input, m)]);
    return saved;
  }

  /** The event as a statement, to run in a batch with the change it records (same transaction). */
  statement(input: AuditInput, m: EntityManager): Statement<AuditEvent> {
    const row = {
      actorUserId: input.actorUserId,
      onBehalfOfPersonId: input.onBehalfOfPersonId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId == null ? null : String(input.entityId),
      detail: input.detail ?? null,
    };
    const insert = insertRows(m, AuditEvent, AUDIT_INSERT, [row], ['id', 'at']);
    return { sql: insert.sql, params: insert.params, read: (raw) => m.getRepository(AuditEvent).create({ ...row, ...insert.read!(raw)[0] }) };
  }

  /**
   * Record something the signed-in caller did. When they act for someone else (X-Act-For, through a proxy
   * grant), the event carries both: actor_user_id = the caller, on_behalf_of_person_id = the person, and
   * detail.proxyGrantId. Call this for every act a beneficiary or proxy can do.
   */
  async recordAct(user: AuthUser, input: ActInput, manager?: EntityManager): Promise<AuditEvent> {
    return this.record(this.actInput(user, input), manager);
  }

  /** recordAct() as a statement, to batch with the change it records. */
  actStatement(user: AuthUser, input: ActInput, m: EntityManager): Statement<AuditEvent> {
    return this.statement(this.actInput(user, input), m);
  }

  private actInput(user: AuthUser, input: ActInput): AuditInput {
    const acting = user.actingForPersonId ?? null;
    return {
      ...input,
      actorUserId: user.userId,
      onBehalfOfPersonId: acting,
      detail: acting === null ? (input.detail ?? null) : { ...(input.detail ?? {}), proxyGrantId: user.proxyGrantId ?? null },
    };
  }
}
