// The core's side of a database recovery: the salvaged outbox put back once its table exists, and the
// API the renderer's notice reads and dismisses (src/renderer/app/DatabaseRecoveryNotice.tsx).
import type { ApiHandlers } from '../api/router';
import type { Logger } from '../log';
import type { Db } from './database';
import { dismissRecovery, pendingRecovery, restoreRows, setSalvaged, type SafeOpenResult } from './recovery';

/** Call after the outbox migrations ran: puts readable unsynced rows back and records how many. */
export function restoreSalvagedOutbox(db: Db, recovery: SafeOpenResult['recovery'], log: Logger): void {
  if (!recovery) return;
  const rows = recovery.rows['outbox'] ?? null;
  const restored = rows ? restoreRows(db, 'outbox', rows) : null;
  setSalvaged(db, recovery.id, { outbox: restored });
  log.error(
    { movedTo: recovery.movedTo, reason: recovery.reason, outboxRestored: restored },
    'the workstation database was damaged: moved aside, started afresh, rebuilding from the hub',
  );
}

export function createRecoveryHandlers(
  db: Db,
): Pick<ApiHandlers, 'app.databaseRecovery' | 'app.dismissDatabaseRecovery'> {
  return {
    'app.databaseRecovery': () => {
      const r = pendingRecovery(db);
      if (!r) return null;
      const { id, at, movedTo, reason } = r;
      return { id, at, movedTo, reason, outboxRestored: r.salvaged['outbox'] ?? null };
    },
    'app.dismissDatabaseRecovery': ({ id }) => {
      dismissRecovery(db, id);
      return {};
    },
  };
}
