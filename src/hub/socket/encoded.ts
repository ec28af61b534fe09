// Events encoded once. Every seq'd event is already serialised for the replay log when it is stored;
// socket.io would walk the same object for binary parts and JSON.stringify it again for every socket it
// goes to (a ticket:assigned carries the whole ticket, ~2 KB). The hub's socket.io server therefore
// runs socket.io-parser's own Encoder with one addition: an event whose payload is an EncodedPayload
// is written from the stored text as is. The wire format is socket.io's standard one, so clients keep
// the default parser; everything else (acks, binary, other events) goes through the stock encoder.
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/** A payload already serialised as JSON (the replay log's text), sent without encoding it again. */
export class EncodedPayload {
  constructor(readonly json: string) {}
  /** Anything that serialises it anyway (a debug log, another transport) gets the same object back. */
  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

class EncodeOnceEncoder extends Encoder {
  override encode(packet: Packet): Array<string | Buffer> {
    const data = packet.data as unknown[] | undefined;
    if (
      packet.type === PacketType.EVENT &&
      Array.isArray(data) &&
      data.length === 2 &&
      typeof data[0] === 'string' &&
      data[1] instanceof EncodedPayload
    ) {
      // as Encoder.encodeAsString writes an EVENT: type, namespace unless "/", ack id, then the JSON array
      let head = String(packet.type);
      if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
      if (packet.id !== undefined && packet.id !== null) head += String(packet.id);
      return [`${head}[${JSON.stringify(data[0])},${data[1].json}]`];
    }
    return super.encode(packet) as Array<string | Buffer>;
  }
}

/** The `parser` option of the hub's socket.io Server. */
export const encodeOnceParser = { Encoder: EncodeOnceEncoder, Decoder };
