import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

/** A loss-ratio warning recorded for a county (published after the row is committed). */
export interface LossRatioWarningMessage {
  type: 'loss_ratio_warning';
  id: number;
  schemeId: string;
  insuranceYear: number;
  districtId: number;
  districtName: string;
  level: string;
  label: string;
  /** Who must be told: county, city, insurer. */
  notify: string[];
  ratioPercent: string;
  premium: string;
  claims: string;
  claimId: number | null;
  source: string;
  /** ISO instant. */
  at: string;
}

/**
 * In-process fan-out of oversight events (the notifications module can subscribe; one server process, as
 * ClaimEventsBus). loss_ratio_warning is the durable record; GET /api/oversight/warnings lists it.
 */
@Injectable()
export class OversightEventsBus {
  private readonly subject = new Subject<LossRatioWarningMessage>();

  publish(e: LossRatioWarningMessage): void {
    this.subject.next(e);
  }

  get events$(): Observable<LossRatioWarningMessage> {
    return this.subject.asObservable();
  }
}
