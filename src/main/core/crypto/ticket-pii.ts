// Which ticket fields are customer PII and how they are sealed inside the stored ticket JSON. Only these
// three are encrypted: the rest of the ticket (nickname, VIP level, spend, intent …) stays in clear so
// the queue can sort, filter and triage without decrypting anything.
import type { Db } from '../db/database';
import { PiiCipher } from './pii-cipher';

export const CUSTOMER_PII_FIELDS = ['name', 'phone', 'address'] as const;
type PiiField = (typeof CUSTOMER_PII_FIELDS)[number];

interface WithCustomer {
  id: string;
  customer: Record<PiiField, string> & Record<string, unknown>;
}

const placeOf = (ticketId: string, field: PiiField) => ({ field: `customer.${field}`, recordId: ticketId });

/** A copy of `ticket` whose customer name, phone and address are SM4-GCM tokens. */
export function sealCustomerPii<T extends WithCustomer>(cipher: PiiCipher, ticket: T): T {
  const customer = { ...ticket.customer };
  for (const f of CUSTOMER_PII_FIELDS) customer[f] = cipher.encrypt(customer[f], placeOf(ticket.id, f));
  return { ...ticket, customer };
}

/** The inverse of sealCustomerPii; throws PiiDecryptError on a clear, moved or tampered value. */
export function openCustomerPii<T extends WithCustomer>(cipher: PiiCipher, ticket: T): T {
  const customer = { ...ticket.customer };
  for (const f of CUSTOMER_PII_FIELDS) customer[f] = cipher.decrypt(customer[f], placeOf(ticket.id, f));
  return { ...ticket, customer };
}

/**
 * Migration step: encrypts the PII of rows written before encryption existed. Rows already sealed are
 * left alone, so a run interrupted and retried (each migration is one transaction anyway) is harmless.
 */
export function sealExistingTicketRows(db: Db, cipher: PiiCipher): number {
  const rows = db.prepare('SELECT id, data FROM tickets').all() as { id: string; data: string }[];
  const update = db.prepare('UPDATE tickets SET data = ? WHERE id = ?');
  let sealed = 0;
  for (const row of rows) {
    const ticket = JSON.parse(row.data) as WithCustomer;
    if (CUSTOMER_PII_FIELDS.every((f) => PiiCipher.isEncrypted(String(ticket.customer[f])))) continue;
    const customer = { ...ticket.customer };
    for (const f of CUSTOMER_PII_FIELDS) {
      if (!PiiCipher.isEncrypted(String(customer[f])))
        customer[f] = cipher.encrypt(String(customer[f] ?? ''), placeOf(ticket.id, f));
    }
    update.run(JSON.stringify({ ...ticket, customer }), row.id);
    sealed++;
  }
  return sealed;
}

/**
 * Fails start with a clear message when the data key cannot open the stored PII (key file lost,
 * replaced, or copied from another machine), instead of failing later on every ticket the agent opens.
 */
export function assertKeyOpensStoredPii(db: Db, cipher: PiiCipher): void {
  const row = db.prepare('SELECT data FROM tickets ORDER BY rowid DESC LIMIT 1').get() as
    { data: string } | undefined;
  if (!row) return;
  try {
    openCustomerPii(cipher, JSON.parse(row.data) as WithCustomer);
  } catch (err) {
    throw new Error(
      `the workstation data key does not open the stored customer data (${(err as Error).message}); ` +
        'restore the data-key file that belongs to this database, or remove the database to resync from the hub',
      { cause: err },
    );
  }
}
