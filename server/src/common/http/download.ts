import type { Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Sends the status line and headers of a download and returns where to write its body. */
export type DownloadStart = (headers: Record<string, string>) => Writable;

/**
 * Streams a download (e.g. an .xlsx written row by row) straight to the Node response, not through Fastify's
 * send. `produce` does its checks first and calls `start` only when the file really follows: Fastify is told
 * (`reply.hijack()`) at that moment, so an error before it still leaves through the exception filter as our
 * JSON error. Headers set on the reply before (e.g. by `@Header()`) go out too; X-Request-Id is on the raw
 * response already. An error after the headers went out can only break the download: the connection is
 * destroyed and the error rethrown for the filter to log.
 */
export async function streamDownload(reply: FastifyReply, produce: (start: DownloadStart) => Promise<void>): Promise<void> {
  let started = false;
  try {
    await produce((headers) => {
      started = true;
      reply.hijack();
      const fromReply = reply.getHeaders() as Record<string, string>;
      reply.raw.writeHead(200, { ...fromReply, ...headers });
      return reply.raw;
    });
  } catch (e) {
    if (started) reply.raw.destroy();
    throw e;
  }
}
