import fc from 'fast-check';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { EncodedPayload, encodeOnceParser } from '../../../src/hub/socket/encoded';

const stock = new Encoder();
const once = new encodeOnceParser.Encoder();

/** What a client's default parser makes of the encoder's output. */
function decode(parts: Array<string | Buffer>): Packet {
  const decoder = new Decoder();
  let out: Packet | undefined;
  decoder.on('decoded', (p: Packet) => (out = p));
  for (const part of parts) decoder.add(part);
  return out!;
}

describe('events encoded once (socket/encoded.ts)', () => {
  it('writes a pre-encoded event exactly as socket.io writes the object', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('/', '/admin'),
        fc.option(fc.nat(), { nil: undefined }),
        (value, nsp, id) => {
          const payload = { seq: 1, value };
          const plain: Packet = { type: PacketType.EVENT, nsp, data: ['ticket:assigned', payload], id };
          const pre: Packet = {
            ...plain,
            data: ['ticket:assigned', new EncodedPayload(JSON.stringify(payload))],
          };
          expect(once.encode(pre)).toEqual(stock.encode(plain));
          expect(decode(once.encode(pre)).data).toEqual(
            JSON.parse(JSON.stringify(['ticket:assigned', payload])),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves every other packet to the stock encoder (acks, binary, plain events)', () => {
    const packets: Packet[] = [
      { type: PacketType.EVENT, nsp: '/', data: ['x', { a: 1 }] },
      { type: PacketType.ACK, nsp: '/', id: 3, data: [{ ok: true }] },
      { type: PacketType.EVENT, nsp: '/', data: ['bin', Buffer.from([1, 2, 3])] },
      { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
    ];
    for (const p of packets) expect(once.encode(p)).toEqual(stock.encode(p));
  });

  it('serialises to the same object if something stringifies it anyway', () => {
    const payload = { seq: 2, ticketId: 't1', text: '你好' };
    expect(JSON.parse(JSON.stringify({ p: new EncodedPayload(JSON.stringify(payload)) }))).toEqual({
      p: payload,
    });
  });
});
