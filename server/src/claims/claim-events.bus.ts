import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

/** What live listeners get for each claim_event row, after its transaction committed. */
export interface ClaimEventMessage {
  /** claim_event.id: increasing; an SSE client resumes after the last one it saw (Last-Event-ID). */
  id: number;
  claimId: number;
  claimNo: string | null;
  personId: number;
  districtId: number;
  schemeId: string;
  benefitId: string;
  type: string;
  action: string;
  label: string;
  fromState: string | null;
  toState: string;
  actorRole: string;
  reason: string | null;
  amount: string | null;
  /** ISO instant. */
  at: string;
}

/**
 * In-process fan-out of committed claim events (one server process; with several, put Redis pub/sub
 * behind the same two methods). Nothing is lost when nobody listens: claim_event is the durable record,
 * and listeners catch up from it.
 */
@Injectable()
export class ClaimEventsBus {
  private readonly subject = new Subject<ClaimEventMessage>();

  publish(events: readonly ClaimEventMessage[]): void {
    for (const e of events) this.subject.next(e);
  }

  get events$(): Observable<ClaimEventMessage> {
    return this.subject.asObservable();
  }
}
