// Renderer API handlers for the knowledge base (kb.search, kb.import, kb.stats). The lead wires
// the returned object into the core's router; progress goes out as 'kb.progress' events.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { ApiError, type ApiHandlers } from '../api/router';
import { MAX_UPLOAD_BYTES, type UploadStore } from '../bridge/uploads';
import type { CoreEvents } from '../events';
import type { KbProgress, KnowledgeService } from './index';
import { ImportFileError, formatOf } from './importers';

type KnowledgeHandlers = Pick<ApiHandlers, 'kb.search' | 'kb.import' | 'kb.stats'>;

const FORMATS_HINT = '(use .csv, .json, .jsonl, .md or .xlsx)';

export function createKnowledgeHandlers(
  kb: KnowledgeService,
  events: CoreEvents,
  uploads: UploadStore,
): KnowledgeHandlers {
  const progress = (p: KbProgress) => events.emit('kb.progress', p);
  const importFrom = async (path: string, name: string) => {
    if (!formatOf(name))
      throw new ApiError('BAD_REQUEST', `kb.import: unsupported file type ${name} ${FORMATS_HINT}`);
    let size: number;
    try {
      size = statSync(path).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ApiError('NOT_FOUND', `kb.import: no such file ${path}`);
      throw err;
    }
    if (size > MAX_UPLOAD_BYTES)
      throw new ApiError(
        'BAD_REQUEST',
        `kb.import: ${name} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
      );
    try {
      return await kb.importFile(path, progress, name);
    } catch (err) {
      // A file that cannot be read as a whole (too many rows, an archive bomb) is named, not thrown raw.
      if (err instanceof ImportFileError)
        throw new ApiError('BAD_REQUEST', `kb.import: ${name}: ${err.message}`);
      throw err;
    }
  };
  return {
    'kb.search': async ({ query, tiers, tags, limit }) =>
      kb.search(query, { ...(tiers ? { tiers } : {}), ...(tags ? { tags } : {}), limit }),
    'kb.import': async (input) => {
      if ('path' in input) {
        if (!isAbsolute(input.path)) throw new ApiError('BAD_REQUEST', 'kb.import: path must be absolute');
        return importFrom(input.path, input.path.split(/[\\/]/).pop() ?? input.path);
      }
      const upload = uploads.get(input.uploadId);
      if (!upload)
        throw new ApiError(
          'NOT_FOUND',
          'kb.import: that upload is gone (used already or expired); pick the file again',
        );
      try {
        return await importFrom(upload.path, upload.name);
      } finally {
        uploads.discard(upload.id);
      }
    },
    'kb.stats': () => kb.stats(),
  };
}
