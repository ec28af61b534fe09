// The OpenAI-compatible client against a real local HTTP server speaking /v1/chat/completions.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, draftPrompt, type LlmSettings } from '../../../src/main/core/assist/llm';

let server: Server;
let base: string;
const seen: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
let mode: 'ok' | 'error' | 'slow' | 'garbage' | 'placeholders' = 'ok';

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    seen.push({ auth: req.headers.authorization, body });
    if (req.url !== '/v1/chat/completions') return res.writeHead(404).end('not found');
    if (mode === 'error') return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key"}}');
    if (mode === 'garbage') return res.writeHead(200).end('{"choices":[]}');
    if (mode === 'placeholders') {
      // A model that uses the placeholders it was given, as the prompt asks.
      const user = body.messages.at(-1).content as string;
      const [phone] = user.match(/\[手机号\d+\]/u) ?? ['?'];
      const [name] = user.match(/\[姓名\d+\]/u) ?? ['?'];
      const content = `${name}您好，稍后我们会致电${phone}和您确认。`;
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    }
    if (mode === 'slow') return setTimeout(() => res.writeHead(200).end('{}'), 500);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: ' 亲，已为您催件，24小时内回复您。 ' }, finish_reason: 'stop' }] }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const settings = (over: Partial<LlmSettings> = {}): LlmSettings => ({ enabled: true, baseUrl: base, model: 'qwen2.5-7b', apiKey: 'sk-test', timeoutMs: 2000, ...over });

describe('LLM client', () => {
  it('posts a grounded chat completion and returns the reply text', async () => {
    mode = 'ok';
    const prompt = draftPrompt([{ from: 'customer', text: '快递三天没动了' }], [{ title: '物流停滞处理', snippet: '联系网点催件' }], '小二优选旗舰店');
    const text = await chatCompletion(settings({ baseUrl: `${base}/` }), prompt);
    expect(text).toBe('亲，已为您催件，24小时内回复您。');
    const last = seen.at(-1)!;
    expect(last.auth).toBe('Bearer sk-test');
    expect(last.body.model).toBe('qwen2.5-7b');
    expect(last.body.messages[0]!.content).toContain('不编造政策');
    expect(last.body.messages[1]!.content).toContain('《物流停滞处理》联系网点催件');
    expect(last.body.messages[1]!.content).toContain('顾客：快递三天没动了');
  });

  it('turns HTTP errors, empty replies and timeouts into readable errors', async () => {
    mode = 'error';
    await expect(chatCompletion(settings(), [])).rejects.toThrow(/answered 401/);
    mode = 'garbage';
    await expect(chatCompletion(settings(), [])).rejects.toThrow(/no choices/);
    mode = 'slow';
    await expect(chatCompletion(settings({ timeoutMs: 100 }), [])).rejects.toThrow(/within 100 ms/);
    await expect(chatCompletion(settings({ baseUrl: 'http://127.0.0.1:1/v1' }), [])).rejects.toThrow(/unreachable/);
  });

  it('sends no Authorization header when no key is set', async () => {
    mode = 'ok';
    await chatCompletion(settings({ apiKey: null }), []);
    expect(seen.at(-1)!.auth).toBeUndefined();
  });
});

describe('assist.draft through the core', () => {
  it('drafts via the configured endpoint, source llm, and its events are recorded', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { XiaoerCore } = await import('../../../src/main/core/app-core');
    const { ticket } = await import('../../support/fixtures');
    const dir = mkdtempSync(join(tmpdir(), 'xiaoer-llm-'));
    const core = new XiaoerCore({ dataDir: dir, shell: 'browser', model: null });
    try {
      mode = 'ok';
      core.tickets.upsertTicket(ticket({ id: 'llm-1' }));
      await core.router.dispatch('settings.set', { llm: { enabled: true, baseUrl: base, model: 'qwen2.5-7b', apiKey: 'sk-core' } });
      const res = await core.router.dispatch('assist.draft', { ticketId: 'llm-1' });
      expect(res).toMatchObject({ ok: true, data: { suggestion: { source: 'llm', text: '亲，已为您催件，24小时内回复您。' } } });
      expect(seen.at(-1)!.auth).toBe('Bearer sk-core');
      const id = (res as { data: { suggestion: { id: string } } }).data.suggestion.id;
      expect(await core.router.dispatch('assist.event', { ticketId: 'llm-1', suggestionId: id, event: 'sent' })).toMatchObject({ ok: true });
      // Personal data is replaced before the request and put back into the draft on this machine.
      mode = 'placeholders';
      const { textMessage } = await import('../../support/fixtures');
      core.tickets.upsertTicket(
        ticket({ id: 'llm-2', messages: [textMessage('llm-2', '我是王小丽，电话13812345678，地址浙江省杭州市西湖区文三路 100 号，快递一直没到')] }),
      );
      const drafted = await core.router.dispatch('assist.draft', { ticketId: 'llm-2' });
      const sent = JSON.stringify(seen.at(-1)!.body);
      expect(sent).not.toMatch(/王小丽|13812345678|文三路/);
      expect(sent).toContain('[手机号1]');
      expect(drafted).toMatchObject({
        ok: true,
        data: { suggestion: { text: '王小丽您好，稍后我们会致电13812345678和您确认。', reason: expect.stringContaining('隐去 3 项个人信息') } },
      });
      mode = 'error';
      expect(await core.router.dispatch('assist.draft', { ticketId: 'llm-1' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('401') } });
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
