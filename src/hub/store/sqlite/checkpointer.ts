// WAL checkpoints off the hub's thread. By default SQLite checkpoints inside the COMMIT that takes the
// WAL past 1000 pages: it copies the pages into the database file and fsyncs both, on the one thread
// that also routes and emits — in the hub bench that stalled the event loop for tens of ms at a time
// (up to 230 ms on the loaded box) and was about half of all the time spent in COMMIT. A hub on a file
// database therefore turns automatic checkpoints off and runs them from a worker thread with its own
// connection (PASSIVE: never waits for, nor blocks, the hub's writes). Durability is unchanged: a
// commit is durable once it is in the WAL, as before; a checkpoint only moves pages from the WAL into
// the database file. If the worker fails, the hub's connection checkpoints itself again.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * How often the worker checkpoints; the WAL then stays around what the hub writes in that time. Every
 * 200 ms cost more CPU per escalation in the bench than SQLite's own (a page changed often is copied
 * once per checkpoint, and each ends in an fsync); every second cost about the same CPU as SQLite's own.
 */
const CHECKPOINT_EVERY_MS = 1000;
/** SQLite's own default, restored on the hub's connection if the worker goes away. */
const AUTO_CHECKPOINT_PAGES = 1000;

// Plain CommonJS evaluated in the worker (no build step, no TypeScript loader needed there).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round gets it */ }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(db: Database.Database, path: string) {
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        everyMs: CHECKPOINT_EVERY_MS,
      },
    });
    this.worker.unref();
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.once('error', () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
        resolve();
      });
    });
  }

  /** Stops the worker (its connection closed) before the hub closes its own. */
  async close(): Promise<void> {
    this.worker.ref(); // unref'd while it runs, so nothing else may be keeping the process alive now
    this.worker.postMessage('close');
    await this.exited;
  }
}
