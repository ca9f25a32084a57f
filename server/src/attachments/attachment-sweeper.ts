import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Attachment } from './attachment.entity';
import { FILE_STORAGE, type FileStorage } from './file-storage';

/** Rows looked at per round: bounded memory and short transactions however many have piled up. */
const BATCH = 200;
/** How often the sweep runs while the server is up (and once a minute after start-up). */
const EVERY_MS = 6 * 3600 * 1000;
const FIRST_AFTER_MS = 60 * 1000;

/**
 * A stored file that no row points at after this long was never recorded: files are written just before their
 * row, in the same request (seconds); a crash between the two, or a put interrupted before its rename (a
 * '.tmp-' file), leaves one behind.
 */
export const STRAY_FILE_HOURS = 24;

export interface SweepResult {
  /** Attachment rows deleted (each with its files). */
  deleted: number;
  /** Files that could not be removed (logged; the row is gone, so nothing serves them). */
  fileErrors: number;
  /** Stored files older than STRAY_FILE_HOURS that no row points at, deleted. */
  strayFiles: number;
}

/**
 * Deletes uploads that no claim took within UPLOAD_ORPHAN_DAYS (default 30): a person photographs their
 * papers, then never sends the report. Medical documents and ID photos are not kept without a purpose.
 * Rows go first (conditional on claim_id still NULL, so a claim that takes one meanwhile wins), with one
 * audit event per batch naming the ids; their files go after the commit. A draft in the mini-program older
 * than that finds its photos gone (404) and asks for them again.
 */
@Injectable()
export class AttachmentSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AttachmentSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(FILE_STORAGE) private readonly files: FileStorage,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = (after: number) => {
      this.timer = setTimeout(() => {
        void this.sweep()
          .catch((e: Error) => this.logger.error(`sweep failed: ${e.message}`))
          .finally(() => tick(EVERY_MS));
      }, after);
      this.timer.unref();
    };
    tick(FIRST_AFTER_MS);
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One sweep now (also what the timer runs); a sweep already running is joined, not doubled. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.uploads.orphanDays * 24 * 3600 * 1000);
    const repo = this.ds.getRepository(Attachment);
    const result: SweepResult = { deleted: 0, fileErrors: 0, strayFiles: 0 };
    let afterId = 0;
    for (;;) {
      const candidates = await repo
        .createQueryBuilder('a')
        .select(['a.id', 'a.storageKey', 'a.thumbKey', 'a.personId'])
        .where('a.claim_id IS NULL AND a.created_at < :cutoff AND a.id > :afterId', { cutoff, afterId })
        .orderBy('a.id', 'ASC')
        .limit(BATCH)
        .getMany();
      if (!candidates.length) break;
      afterId = candidates[candidates.length - 1].id;
      const ids = candidates.map((a) => a.id);
      const gone = await this.ds.transaction(async (m) => {
        // Conditional on the state read above: one that a claim took meanwhile stays.
        await m.getRepository(Attachment).delete({ id: In(ids), claimId: IsNull(), createdAt: LessThan(cutoff) });
        const left = new Set((await m.getRepository(Attachment).find({ select: { id: true }, where: { id: In(ids) } })).map((a) => a.id));
        const deleted = candidates.filter((a) => !left.has(a.id));
        if (deleted.length) {
          await this.audit.record(
            {
              actorUserId: null,
              action: 'attachment.expire',
              entity: 'attachment',
              entityId: null,
              detail: { ids: deleted.map((a) => a.id), persons: [...new Set(deleted.map((a) => a.personId))], olderThanDays: this.config.uploads.orphanDays },
            },
            m,
          );
        }
        return deleted;
      });
      for (const a of gone) {
        for (const key of [a.storageKey, a.thumbKey]) {
          if (!key) continue;
          await this.files.delete(key).catch((e: Error) => {
            result.fileErrors += 1;
            this.logger.warn(`could not remove stored file of attachment ${a.id}: ${e.message}`);
          });
        }
      }
      result.deleted += gone.length;
      if (candidates.length < BATCH) break;
    }
    if (result.deleted) this.logger.log(`deleted ${result.deleted} upload(s) no claim took within ${this.config.uploads.orphanDays} days`);
    await this.sweepStrayFiles(result);
    if (result.strayFiles) this.logger.log(`deleted ${result.strayFiles} stored file(s) no row pointed at after ${STRAY_FILE_HOURS} hours`);
    return result;
  }

  /**
   * Stored files older than STRAY_FILE_HOURS that no attachment row points at (as content or thumbnail): listed
   * from the store, looked up BATCH at a time by their unique keys, deleted, with one audit event per batch that
   * deleted any. Nothing in them can be served (no row), so this only frees the disk of encrypted leftovers.
   */
  private async sweepStrayFiles(result: SweepResult): Promise<void> {
    const cutoff = this.clock.now().getTime() - STRAY_FILE_HOURS * 3600 * 1000;
    const repo = this.ds.getRepository(Attachment);
    let batch: string[] = [];
    const flush = async () => {
      const keys = batch;
      batch = [];
      const rows = await repo.find({ select: { id: true, storageKey: true, thumbKey: true }, where: [{ storageKey: In(keys) }, { thumbKey: In(keys) }] });
      const used = new Set(rows.flatMap((r) => [r.storageKey, r.thumbKey]));
      const stray = keys.filter((k) => !used.has(k));
      if (!stray.length) return;
      let removed = 0;
      for (const key of stray) {
        await this.files
          .delete(key)
          .then(() => (removed += 1))
          .catch((e: Error) => {
            result.fileErrors += 1;
            this.logger.warn(`could not remove stray stored file ${key}: ${e.message}`);
          });
      }
      result.strayFiles += removed;
      await this.audit.record({
        actorUserId: null,
        action: 'attachment.stray_files',
        entity: 'attachment',
        entityId: null,
        detail: { files: removed, olderThanHours: STRAY_FILE_HOURS },
      });
    };
    for await (const f of this.files.list()) {
      if (f.modifiedAt.getTime() >= cutoff) continue;
      batch.push(f.key);
      if (batch.length === BATCH) await flush();
    }
    if (batch.length) await flush();
  }
}
