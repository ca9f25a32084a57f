import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ClaimEventsBus, type ClaimEventMessage } from '../claims/claim-events.bus';
import type { ClaimsMoneyService } from './claims-money.service';
import { OversightEventsBus } from './oversight-events.bus';
import type { PremiumsService } from './premiums.service';
import { WarningsService } from './warnings.service';

/** A Jincheng (loss-ratio warnings) report event in county `districtId`. */
function reported(id: number, districtId: number): ClaimEventMessage {
  return {
    id, claimId: id, claimNo: null, personId: 1, districtId, schemeId: 'jc-fpzhbx', benefitId: 'inpatient', type: 'reported',
    action: 'report', label: '报案', fromState: null, toState: 'reported', actorRole: 'beneficiary', reason: null, amount: null,
    at: '2026-05-20T00:00:00.000Z',
  };
}

/**
 * Shutdown ordering: the database closes after every module's onModuleDestroy. An evaluation still queued then
 * used to run on the closed connection ("loss-ratio evaluation failed: Connection is not established").
 */
describe('WarningsService shutdown', () => {
  it('awaits the running evaluation, drops the queued ones, and touches the database after none of it', async () => {
    let closed = false;
    const reads: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The claim read of each evaluation; the first one waits on `gate`, so the others stay queued behind it.
    const ds = {
      getRepository: () => ({
        find: async (q: { where: { id: { value: number[] } } }) => {
          if (closed) throw new Error('Connection is not established with mysql database');
          const ids = (q.where.id as unknown as { _value: number[] })._value ?? [];
          reads.push(ids.join(','));
          if (reads.length === 1) await gate;
          return [];
        },
      }),
    } as unknown as DataSource;
    const claimEvents = new ClaimEventsBus();
    const service = new WarningsService(ds, claimEvents, new OversightEventsBus(), {} as PremiumsService, {} as ClaimsMoneyService);
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      service.onModuleInit();
      claimEvents.publish([reported(1, 11)]);
      await new Promise((r) => setImmediate(r)); // the first evaluation starts and waits on the gate
      claimEvents.publish([reported(2, 12), reported(3, 13)]); // queued behind it
      let destroyed = false;
      const destroying = service.onModuleDestroy().then(() => (destroyed = true));
      await new Promise((r) => setImmediate(r));
      expect(destroyed).toBe(false); // still waiting for the running evaluation
      claimEvents.publish([reported(4, 14)]); // after shutdown began: not even queued
      release();
      await destroying;
      closed = true; // what TypeORM does after onModuleDestroy
      await service.idle();
      await new Promise((r) => setImmediate(r));
      expect(reads).toEqual(['1']);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
