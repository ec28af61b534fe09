// The stored tickets hold no customer name, phone or address in clear — checked on the raw database
// and WAL bytes, not through the store's own API — while every read still returns the clear ticket.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../../../src/main/core/crypto/key-provider';
import { PiiCipher } from '../../../src/main/core/crypto/pii-cipher';
import { openDatabase, type Db } from '../../../src/main/core/db/database';
import { TicketStore } from '../../../src/main/core/tickets/ticket-store';
import { textMessage, ticket } from '../../support/fixtures';

const customers = [
  { name: '王小丽', phone: '13812345678', address: '浙江省杭州市西湖区文三路 100 号' },
  { name: '李大伟', phone: '15900001111', address: '上海市浦东新区世纪大道 88 弄 6 号 1201 室' },
  { name: '陈静', phone: '18688889999', address: '广东省深圳市南山区科技园南区 3 栋' },
];

function rawBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

const withCustomer = (i: number) => {
  const t = ticket({ id: `pii-${i}` });
  return { ...t, customer: { ...t.customer, ...customers[i]! } };
};

describe('TicketStore: customer PII at rest', () => {
  it('keeps no clear name, phone or address in the database or WAL, and reads them back unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-pii-'));
    const file = join(dir, 'xiaoer.db');
    const cipher = new PiiCipher(new FileKeyProvider(dir).loadKeysSync());
    const db = openDatabase(file);
    const store = new TicketStore(db, cipher);
    const stored = customers.map((_, i) => withCustomer(i));
    for (const t of stored) store.upsertTicket(t);
    store.setStatus('pii-0', 'active'); // a header rewrite re-encrypts with a new nonce
    for (const t of stored) expect(store.get(t.id)?.customer).toEqual(t.customer);
    expect(store.listOpen().map((s) => s.customerNickname)).toHaveLength(3);

    const bytes = rawBytes(file);
    // Sanity: the scan does see clear ticket content, so a miss below means encrypted, not unscanned.
    expect(bytes.includes(Buffer.from(stored[0]!.customer.nickname))).toBe(true);
    for (const c of customers)
      for (const value of [c.phone, c.address, c.name])
        expect(bytes.includes(Buffer.from(value)), `clear "${value}" on disk`).toBe(false);

    // Same key after a restart: everything still reads.
    db.close();
    const reopened = new TicketStore(
      openDatabase(file),
      new PiiCipher(new FileKeyProvider(dir).loadKeysSync()),
    );
    expect(reopened.get('pii-1')?.customer.phone).toBe(customers[1]!.phone);
  });

  it('refuses to start with a key that does not open the stored PII', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-pii-'));
    const file = join(dir, 'xiaoer.db');
    const db = openDatabase(file);
    new TicketStore(db, PiiCipher.ephemeral()).upsertTicket(withCustomer(0));
    db.close();
    expect(() => new TicketStore(openDatabase(file), PiiCipher.ephemeral())).toThrow(
      /data key does not open/,
    );
  });

  it('refuses a database file without a cipher', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-pii-'));
    expect(() => new TicketStore(openDatabase(join(dir, 'x.db')))).toThrow(/needs the PII cipher/);
  });

  it('throws when a stored ciphertext is swapped between tickets', () => {
    const db = openDatabase(':memory:');
    const store = new TicketStore(db);
    store.upsertTicket(withCustomer(0));
    store.upsertTicket(withCustomer(1));
    const phoneOf = (id: string) =>
      (
        db
          .prepare("SELECT json_extract(data, '$.customer.phone') AS p FROM tickets WHERE id = ?")
          .get(id) as {
          p: string;
        }
      ).p;
    db.prepare("UPDATE tickets SET data = json_set(data, '$.customer.phone', ?) WHERE id = ?").run(
      phoneOf('pii-1'),
      'pii-0',
    );
    expect(() => store.get('pii-0')).toThrow(/customer\.phone of pii-0/);
    expect(store.get('pii-1')?.customer.phone).toBe(customers[1]!.phone);
  });

  it('migration 4 encrypts tickets stored in clear by an older version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-pii-'));
    const file = join(dir, 'xiaoer.db');
    const db: Db = openDatabase(file);
    const cipher = PiiCipher.ephemeral();
    new TicketStore(db, cipher).upsertTicket(withCustomer(2));
    // Simulate the pre-encryption state: clear PII in the row and migration 4 not yet applied.
    const t = withCustomer(2);
    const { messages: _messages, ...header } = t;
    db.prepare('UPDATE tickets SET data = ? WHERE id = ?').run(JSON.stringify(header), t.id);
    // (and the later steps undone, since a database that old had none of them)
    db.exec('ALTER TABLE tickets DROP COLUMN waiting_since; ALTER TABLE messages DROP COLUMN sealed');
    db.prepare("DELETE FROM schema_migrations WHERE feature = 'tickets' AND version >= 4").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(rawBytes(file).includes(Buffer.from(customers[2]!.phone))).toBe(true);

    const store = new TicketStore(db, cipher);
    expect(store.get(t.id)?.customer).toEqual(t.customer);
    const data = (db.prepare('SELECT data FROM tickets WHERE id = ?').get(t.id) as { data: string }).data;
    expect(data).not.toContain(customers[2]!.phone);
    expect(JSON.parse(data).customer.phone).toMatch(/^pii1\./);
    db.close();
  });

  it('seals personal data typed into the chat, keeps a redacted copy for the preview, reads the original back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xe-pii-'));
    const file = join(dir, 'xiaoer.db');
    const cipher = PiiCipher.ephemeral();
    const db = openDatabase(file);
    const store = new TicketStore(db, cipher);
    const t = ticket({ id: 'chat-pii' });
    store.upsertTicket(t);
    const typed = '收件人赵敏，电话 13598761234，寄到成都市武侯区人民南路四段 12 号 5 栋 301 室';
    const m = textMessage(t.id, typed);
    store.addMessage(m);
    store.addMessage(textMessage(t.id, '好的谢谢')); // nothing personal: stored as it is
    db.pragma('wal_checkpoint(PASSIVE)');

    expect(store.get(t.id)?.messages.find((x) => x.id === m.id)).toEqual(m);
    const bytes = rawBytes(file);
    expect(bytes.includes(Buffer.from('好的谢谢'))).toBe(true);
    for (const secret of ['13598761234', '赵敏', '人民南路四段 12 号'])
      expect(bytes.includes(Buffer.from(secret)), `clear "${secret}" on disk`).toBe(false);
    store.addMessage(textMessage(t.id, '我的号码是 13598761234'));
    expect(store.summary(t.id)?.lastMessagePreview).toBe('我的号码是 [手机号1]');

    // a sealed copy moved to another message does not open
    const sealedOf = (id: string) => (db.prepare('SELECT sealed FROM messages WHERE id = ?').get(id) as { sealed: string }).sealed;
    const other = textMessage(t.id, '电话 13511112222');
    store.addMessage(other);
    db.prepare('UPDATE messages SET sealed = ? WHERE id = ?').run(sealedOf(m.id), other.id);
    expect(() => store.get(t.id)).toThrow(/message of /);
    db.close();
  });

  it('migration 6 seals chat messages stored in clear by an older version', () => {
    const db = openDatabase(':memory:');
    const cipher = PiiCipher.ephemeral();
    new TicketStore(db, cipher).upsertTicket(ticket({ id: 'old-chat', messages: [] }));
    db.exec("ALTER TABLE messages DROP COLUMN sealed; DELETE FROM schema_migrations WHERE feature = 'tickets' AND version = 6");
    const m = textMessage('old-chat', '电话 13698765432');
    db.prepare('INSERT INTO messages (id, ticket_id, at, data) VALUES (?, ?, ?, ?)').run(m.id, m.ticketId, m.at, JSON.stringify(m));
    const store = new TicketStore(db, cipher);
    expect((db.prepare('SELECT data FROM messages WHERE id = ?').get(m.id) as { data: string }).data).not.toContain('13698765432');
    expect(store.get('old-chat')?.messages).toEqual([m]);
  });
});
