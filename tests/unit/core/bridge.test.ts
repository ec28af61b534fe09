// The browser shell's HTTP + WebSocket bridge must survive anything a local client sends: each case
// here took the whole core down once (an invalid UTF-8 frame, an oversized frame, `GET /%`).
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { XiaoerCore } from '../../../src/main/core/app-core';
import {
  startBrowserShell,
  type RunningBrowserShell,
} from '../../../src/main/core/bridge/browser-shell-server';

let dir: string;
let core: XiaoerCore;
let shell: RunningBrowserShell;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xiaoer-bridge-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  core = new XiaoerCore({ dataDir: join(dir, 'data'), shell: 'browser', model: null });
  shell = await startBrowserShell({ core, rendererDir: join(dir, 'renderer') });
});
afterAll(async () => {
  await shell.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${shell.port}`;

function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

interface Client {
  ws: WebSocket;
  frames: unknown[];
  next(pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  closed: Promise<number>;
}

async function connect(): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/bridge?token=${shell.token}`, { origin: origin() });
  const frames: unknown[] = [];
  const waiters: {
    pred: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as Record<string, unknown>;
    frames.push(m);
    for (const w of [...waiters]) {
      if (!w.pred(m)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  ws.on('error', () => {});
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  return {
    ws,
    frames,
    closed,
    next: (pred) =>
      new Promise((resolve) => {
        const hit = (frames as Record<string, unknown>[]).find(pred);
        if (hit) resolve(hit);
        else waiters.push({ pred, resolve });
      }),
  };
}

async function invoke(c: Client, id: number, method: string, input: unknown) {
  c.ws.send(JSON.stringify({ type: 'invoke', id, method, input }));
  return (await c.next((m) => m['type'] === 'result' && m['id'] === id))['result'] as {
    ok: boolean;
    data?: unknown;
    error?: { code: string; message: string };
  };
}

/** The core still answers: the process did not die and the server still accepts bridges. */
async function stillServing(): Promise<void> {
  const c = await connect();
  const r = await invoke(c, 1, 'app.info', {});
  expect(r.ok).toBe(true);
  c.ws.close();
}

describe('browser shell bridge under bad input', () => {
  it('answers GET /% (and other undecodable paths) with 400 instead of exiting', async () => {
    expect(await rawGet('/%')).toBe(400);
    expect(await rawGet('/%E0%A4%A')).toBe(400);
    expect(await rawGet('/assets/%00x.js')).toBe(404);
    expect(await rawGet('/')).toBe(200);
    await stillServing();
  });

  it('answers every fuzzed request path with an HTTP status, never by exiting (bounded)', async () => {
    const rawStatus = (path: string) =>
      new Promise<string>((resolve) => {
        const sock = tcpConnect(shell.port, '127.0.0.1', () =>
          sock.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1'),
        );
        let head = '';
        sock.on('data', (d) => (head += d.toString('latin1')));
        sock.on('error', () => resolve(head.slice(0, 12)));
        sock.on('close', () => resolve(head.slice(0, 12)));
      });
    const pathChar = fc.constantFrom(
      ...'%/.\\?#aZ09-_~+'.split(''),
      '%0',
      '%zz',
      '%E0',
      '%00',
      '..',
      '\u00e9',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(pathChar, { maxLength: 24 }), async (parts) => {
        const status = await rawStatus(`/${parts.join('')}`);
        expect(status).toMatch(/^HTTP\/1\.1 (200|400|404|405)$/);
      }),
      { numRuns: 60 },
    );
    await stillServing();
  });

  it('closes only the socket that sent a 4-byte invalid UTF-8 text frame', async () => {
    const bad = await connect();
    bad.ws.send(Buffer.from([0xc3, 0x28, 0xff, 0xfe]), { binary: false });
    expect(await bad.closed).toBe(1007);
    await stillServing();
  });

  it('refuses an oversized frame with 1009 and keeps serving', async () => {
    const big = await connect();
    big.ws.send(
      JSON.stringify({
        type: 'invoke',
        id: 1,
        method: 'kb.stats',
        input: { pad: 'x'.repeat(9 * 1024 * 1024) },
      }),
    );
    expect(await big.closed).toBe(1009);
    await stillServing();
  });

  it('says so when a frame is not JSON, and keeps the socket', async () => {
    const c = await connect();
    c.ws.send('not json');
    expect(await c.next((m) => m['type'] === 'error')).toMatchObject({
      message: expect.stringMatching(/JSON/),
    });
    c.ws.send(Buffer.from('{"type":"invoke"}'), { binary: true });
    expect((await invoke(c, 7, 'app.info', {})).ok).toBe(true);
    c.ws.close();
  });

  it('survives fuzzed JSON frames (bounded), answering every frame that carries an id', async () => {
    const c = await connect();
    let id = 1000;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record({
            type: fc.constantFrom('invoke', 'result', 'x'),
            id: fc.oneof(fc.integer(), fc.double(), fc.string()),
            method: fc.oneof(
              fc.constantFrom('app.info', 'kb.search', 'kb.import', '__proto__', 'constructor'),
              fc.string(),
            ),
            input: fc.jsonValue({ maxDepth: 3 }),
          }),
        ),
        async (frame) => {
          c.ws.send(JSON.stringify(frame));
          // A probe after every frame: answered in order means the frame was handled (or refused).
          const probe = ++id;
          expect((await invoke(c, probe, 'app.info', {})).ok).toBe(true);
        },
      ),
      { numRuns: 120 },
    );
    c.ws.close();
    await stillServing();
  });
});

describe('file upload for imports', () => {
  function upload(path: string, body: Buffer | null, headers: Record<string, string | number> = {}) {
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: shell.port,
          path,
          method: 'POST',
          headers: { origin: origin(), ...headers },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
        },
      );
      req.on('error', reject);
      if (body) req.end(body);
      else req.end();
    });
  }

  it('needs the run token and the page origin', async () => {
    const csv = Buffer.from('标题,内容\na,b\n');
    expect((await upload(`/upload?name=a.csv`, csv)).status).toBe(403);
    expect((await upload(`/upload?name=a.csv&token=wrong`, csv)).status).toBe(403);
    expect(
      (await upload(`/upload?name=a.csv&token=${shell.token}`, csv, { origin: 'http://evil.test' })).status,
    ).toBe(403);
    expect((await upload(`/upload?token=${shell.token}`, csv)).status).toBe(400);
  });

  it('refuses a body declared larger than the cap before reading it', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: shell.port,
          path: `/upload?name=big.csv&token=${shell.token}`,
          method: 'POST',
          headers: { origin: origin(), 'content-length': 200 * 1024 * 1024 },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('x');
    });
    expect(r).toBe(413);
  });

  it('streams a 7 MB CSV in and imports it by upload id, naming the encoding', async () => {
    // ~7.6 MB in 2,700 rows: long answers, so the test spends its time moving bytes, not indexing rows
    const rows = ['标题,内容,标签'];
    const answer = '您好，现货商品付款后48小时内发货，预售商品以页面说明为准。'.repeat(32);
    for (let i = 0; i < 2_700; i++) rows.push(`第${i}个问题：这件商品多久能发货,${answer}（${i}）,物流`);
    const csv = Buffer.from(rows.join('\n'), 'utf8');
    expect(csv.length).toBeGreaterThan(7 * 1024 * 1024);
    const up = await upload(`/upload?name=${encodeURIComponent('大文件.csv')}&token=${shell.token}`, csv);
    expect(up.status).toBe(200);
    const receipt = (up.body as { data: { uploadId: string; bytes: number; name: string } }).data;
    expect(receipt).toMatchObject({ bytes: csv.length, name: '大文件.csv' });
    const c = await connect();
    const r = await invoke(c, 1, 'kb.import', { uploadId: receipt.uploadId });
    expect(r).toMatchObject({ ok: true, data: { file: '大文件.csv', encoding: 'utf-8', errors: [] } });
    expect((r.data as { imported: number }).imported).toBe(rows.length - 1);
    // one use per upload: the temp file is gone
    const again = await invoke(c, 2, 'kb.import', { uploadId: receipt.uploadId });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // the offline ticket batch takes the same road
    const batch = await upload(`/upload?name=export.json&token=${shell.token}`, Buffer.from('{"nope":1}'));
    const batchId = (batch.body as { data: { uploadId: string } }).data.uploadId;
    const refused = await invoke(c, 3, 'tickets.importBatch', { uploadId: batchId });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^export\.json: /) },
    });
    c.ws.close();
  }, 120_000);
});
