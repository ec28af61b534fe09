// Renderer API handlers for the knowledge base (kb.search, kb.import, kb.stats). The lead wires
// the returned object into the core's router; progress goes out as 'kb.progress' events.
import { isAbsolute } from 'node:path';
import { ApiError, type ApiHandlers } from '../api/router';
import type { CoreEvents } from '../events';
import type { KbProgress, KnowledgeService } from './index';
import { formatOf } from './importers';

type KnowledgeHandlers = Pick<ApiHandlers, 'kb.search' | 'kb.import' | 'kb.stats'>;

/** 64 MB of file content: a merchant FAQ spreadsheet is far smaller; anything bigger is a mistake. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export function createKnowledgeHandlers(kb: KnowledgeService, events: CoreEvents): KnowledgeHandlers {
  const progress = (p: KbProgress) => events.emit('kb.progress', p);
  return {
    'kb.search': async ({ query, tiers, tags, limit }) =>
      kb.search(query, { ...(tiers ? { tiers } : {}), ...(tags ? { tags } : {}), limit }),
    'kb.import': async (input) => {
      if ('path' in input) {
        if (!isAbsolute(input.path)) throw new ApiError('BAD_REQUEST', 'kb.import: path must be absolute');
        if (!formatOf(input.path))
          throw new ApiError('BAD_REQUEST', `kb.import: unsupported file type ${input.path}`);
        try {
          return await kb.importFile(input.path, progress);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') throw new ApiError('NOT_FOUND', `kb.import: no such file ${input.path}`);
          throw err;
        }
      }
      if (!formatOf(input.name))
        throw new ApiError(
          'BAD_REQUEST',
          `kb.import: unsupported file type ${input.name} (use .csv, .json, .jsonl, .md or .xlsx)`,
        );
      const bytes = Buffer.from(input.contentBase64, 'base64');
      if (bytes.length > MAX_IMPORT_BYTES)
        throw new ApiError('BAD_REQUEST', 'kb.import: file larger than 64 MB');
      return kb.importContent(input.name, bytes, progress);
    },
    'kb.stats': () => kb.stats(),
  };
}
