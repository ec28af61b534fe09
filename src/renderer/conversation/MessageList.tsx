// The conversation timeline, virtualized with measured (dynamic) row heights so even 10,000
// messages scroll smoothly. It sticks to the bottom while the agent is at the bottom; when they
// have scrolled up to read, new messages do not yank the view but a "jump to latest" button shows.
import { ArrowDownOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button } from 'antd';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../shared/domain';
import { estimateMessageHeight } from './MessageBodies';
import { MessageItem } from './MessageItem';

/** Within this many pixels of the end counts as "at the bottom". */
const STICK_THRESHOLD_PX = 48;
/** A scroll this soon after a wheel/touch/pointer/key input is the agent's own. */
const USER_SCROLL_WINDOW_MS = 1000;

export const MessageList = memo(function MessageList({
  ticketId,
  messages,
}: {
  ticketId: string;
  messages: readonly Message[];
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickRef = useRef(true);
  const [showJump, setShowJump] = useState(false);

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateMessageHeight(messages[i]),
    overscan: 6,
    getItemKey: (i) => messages[i]?.id ?? i,
  });

  const scrollToEnd = useCallback(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  // Only the agent can unstick the view. Scroll events also come from our own re-gluing and from
  // the virtualizer correcting offsets as rows get measured; those must not count as "scrolled up".
  const userIntentAt = useRef(0);
  const noteIntent = useCallback(() => {
    userIntentAt.current = performance.now();
  }, []);

  // A newly opened ticket starts at its latest message.
  useLayoutEffect(() => {
    stickRef.current = true;
    setShowJump(false);
    scrollToEnd();
  }, [ticketId, scrollToEnd]);

  // Re-glue after every change in content height (new message, rows measured, image sized) while
  // sticking; otherwise tell the agent there is something newer below.
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    if (stickRef.current) scrollToEnd();
  }, [totalSize, messages.length, scrollToEnd]);

  // The viewport itself changes size too (the composer grows, the AI strip expands).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (stickRef.current) scrollToEnd();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [scrollToEnd]);

  useEffect(() => {
    if (!stickRef.current && messages.length > 0) setShowJump(true);
  }, [messages.length]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD_PX;
    if (atBottom) {
      stickRef.current = true;
      setShowJump(false);
    } else if (performance.now() - userIntentAt.current < USER_SCROLL_WINDOW_MS) {
      stickRef.current = false;
    }
  };

  return (
    <div className="xe-messages-wrap">
      <div
        className="xe-scroll xe-messages"
        ref={scrollRef}
        onScroll={onScroll}
        onWheel={noteIntent}
        onTouchMove={noteIntent}
        onPointerDown={noteIntent}
        onKeyDown={noteIntent}
        tabIndex={0}
        data-testid="message-list"
      >
        <div style={{ height: totalSize, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const m = messages[row.index];
            if (!m) return null;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="xe-vrow"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <MessageItem message={m} />
              </div>
            );
          })}
        </div>
      </div>
      {showJump && (
        <Button
          className="xe-jump"
          shape="round"
          size="small"
          type="primary"
          icon={<ArrowDownOutlined />}
          data-testid="jump-to-latest"
          onClick={() => {
            stickRef.current = true;
            setShowJump(false);
            virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
            requestAnimationFrame(scrollToEnd);
          }}
        >
          {t('conversation.jumpToLatest')}
        </Button>
      )}
    </div>
  );
});
