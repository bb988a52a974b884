import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * PGlite has one backend session for every socket connection. pglite-socket 0.2.17 queues messages
 * one at a time and keeps a connection's messages together only inside a transaction, so the
 * extended-protocol messages of two connections (Parse, Bind, Execute ... Sync) can interleave and
 * run one client's statement with another's parameters: seen here as rows that were "created" and
 * then did not exist. This replaces the server's queue loop so that a connection keeps the backend
 * from its first message until the Sync (or simple Query) that ends its sequence, and for the whole
 * of a transaction. Written against the pinned 0.2.17; see docs/decisions/001.
 */
type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};

type QueueInternals = {
  queue: QueuedMessage[];
  processing: boolean;
  db: PGlite;
  lastHandlerId: number | null;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** True when the message closes a protocol sequence, after which another connection may go. */
function endsSequence(message: Uint8Array): boolean {
  const type = message[0];
  // Startup messages begin with their length, whose first byte is 0 for any sane size.
  return type === SYNC || type === SIMPLE_QUERY || type === TERMINATE || type === 0;
}

export function serializeProtocolSequences(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  if (!queue || typeof queue.processQueue !== "function" || !Array.isArray(queue.queue)) {
    throw new Error("pglite-socket's internals changed: review server/db/pglite-protocol-queue.ts");
  }
  let midSequence = false;

  const originalClear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    // A connection that went away mid-sequence must not hold the backend for ever.
    if (handlerId === queue.lastHandlerId) midSequence = false;
    originalClear(handlerId);
  };

  queue.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const mustStay = (midSequence || this.db.isInTransaction()) && this.lastHandlerId !== null;
        let item: QueuedMessage | undefined;
        if (mustStay) {
          const index = this.queue.findIndex((queued) => queued.handlerId === this.lastHandlerId);
          item = index === -1 ? undefined : this.queue.splice(index, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break; // wait for the connection that holds the backend
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          midSequence = false;
          current.reject(error);
          continue;
        }
        this.lastHandlerId = current.handlerId;
        midSequence = !endsSequence(current.message);
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(queue);
}
