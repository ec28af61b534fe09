import { describe, expect, it } from 'vitest';
import { textMessage } from '../testing/fixtures';
import { appendMessage, mergeMessages } from './messages';

describe('appendMessage', () => {
  it('appends a new message', () => {
    const list = [textMessage('a', 1)];
    expect(appendMessage(list, textMessage('b', 2)).map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('ignores an exact duplicate by id and returns the same array (no re-render)', () => {
    const list = [textMessage('a', 1), textMessage('b', 2)];
    expect(appendMessage(list, textMessage('b', 2))).toBe(list);
  });

  it('replaces a stored copy that has the same client message id (reply answer vs event)', () => {
    const local = textMessage('local-1', 5, { from: 'agent', clientMsgId: 'cm-1' });
    const confirmed = textMessage('hub-9', 6, { from: 'agent', clientMsgId: 'cm-1' });
    const out = appendMessage([textMessage('a', 1), local], confirmed);
    expect(out.map((m) => m.id)).toEqual(['a', 'hub-9']);
  });

  it('places a late-arriving older message by time', () => {
    const list = [textMessage('a', 1), textMessage('c', 3)];
    expect(appendMessage(list, textMessage('b', 2)).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps arrival order for equal timestamps', () => {
    const list = [textMessage('a', 1)];
    expect(appendMessage(list, textMessage('b', 1)).map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('does not mutate its input', () => {
    const list = [textMessage('a', 1)];
    appendMessage(list, textMessage('b', 2));
    expect(list).toHaveLength(1);
  });
});

it('mergeMessages de-duplicates a snapshot against live arrivals', () => {
  const snapshot = [textMessage('a', 1), textMessage('b', 2)];
  const live = [textMessage('b', 2), textMessage('c', 3), textMessage('c', 3)];
  expect(mergeMessages(snapshot, live).map((m) => m.id)).toEqual(['a', 'b', 'c']);
});

it('stays linear enough for a 10,000-message timeline', () => {
  let list: ReturnType<typeof appendMessage> = [];
  for (let i = 0; i < 10_000; i++) list = appendMessage(list, textMessage(`m${i}`, i));
  expect(list).toHaveLength(10_000);
  expect(appendMessage(list, textMessage('m9999', 9999))).toBe(list);
});
