// Renders each message kind: text, image, voice (player + transcript), order / product / coupon
// cards and system events. Sizes are fixed up front where possible so the virtual list does not jump.
import {
  AudioOutlined,
  GiftOutlined,
  ShoppingOutlined,
  StopOutlined,
  TruckOutlined,
} from '@ant-design/icons';
import { Image, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Coupon, Message, Order, Product } from '../../shared/domain';
import { hubOriginOf, isAllowedMediaUrl, type MediaKind } from '../../shared/media-url';
import { formatDate, formatDateTime, formatMoney } from '../i18n/format';
import { systemText } from '../i18n/system-words';
import { useSession } from '../session/store';
import { useSettings } from '../settings/store';

type BodyOf<K extends Message['kind']> = Extract<Message, { kind: K }>;

const THUMB_MAX = 220;

/** Thumbnail box that keeps the image's aspect ratio, known before the image loads. */
export function thumbSize(width?: number, height?: number): { width: number; height: number } {
  if (!width || !height) return { width: 160, height: 160 };
  const scale = Math.min(1, THUMB_MAX / Math.max(width, height));
  return { width: Math.max(48, Math.round(width * scale)), height: Math.max(48, Math.round(height * scale)) };
}

/** Whether the URL is one the product serves (shared/media-url.ts); checked again here, not only in the core. */
function useMediaAllowed(url: string | undefined, kind: MediaKind): boolean {
  const hubUrl = useSession((s) => s.state?.hubUrl ?? null);
  return isAllowedMediaUrl(url, kind, hubOriginOf(hubUrl));
}

function MediaBlocked({ width, height }: { width?: number; height?: number }) {
  const { t } = useTranslation();
  return (
    <div
      className="xe-media-blocked"
      style={width && height ? { width, height } : undefined}
      role="img"
      aria-label={t('safety.mediaBlocked')}
      data-testid="media-blocked"
    >
      <StopOutlined /> <span>{t('safety.mediaBlocked')}</span>
    </div>
  );
}

export function TextBody({ message }: { message: BodyOf<'text'> }) {
  return <div className="xe-text">{message.text}</div>;
}

export function ImageBody({ message }: { message: BodyOf<'image'> }) {
  const { t } = useTranslation();
  const size = thumbSize(message.width, message.height);
  const allowed = useMediaAllowed(message.url, 'image');
  if (!allowed)
    return (
      <figure className="xe-image">
        <MediaBlocked width={size.width} height={size.height} />
        {message.caption && <figcaption className="xe-muted">{message.caption}</figcaption>}
      </figure>
    );
  return (
    <figure className="xe-image">
      <Image
        src={message.url}
        width={size.width}
        height={size.height}
        alt={message.caption ?? t('conversation.imageAlt')}
        className="xe-image-thumb"
        preview={{ mask: t('conversation.imageViewer') }}
        data-testid="image-thumb"
      />
      {message.caption && <figcaption className="xe-muted">{message.caption}</figcaption>}
    </figure>
  );
}

export function VoiceBody({ message }: { message: BodyOf<'voice'> }) {
  const { t } = useTranslation();
  const allowed = useMediaAllowed(message.url, 'audio');
  return (
    <div className="xe-voice">
      <div className="xe-voice-player">
        <AudioOutlined />
        {allowed ? (
          <audio controls preload="none" src={message.url} data-testid="voice-player" />
        ) : (
          <MediaBlocked />
        )}
        <span className="xe-muted">
          {t('conversation.voiceDuration', { seconds: Math.round(message.durationSec) })}
        </span>
      </div>
      <div className="xe-voice-transcript" data-testid="voice-transcript">
        <span className="xe-muted">{t('conversation.voiceTranscript')}</span>
        {message.transcript}
      </div>
    </div>
  );
}

export function OrderCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  return (
    <div className="xe-card" data-testid="order-card">
      <div className="xe-card-head">
        <ShoppingOutlined />
        <span className="xe-card-title" title={order.id}>
          {t('conversation.orderNo', { id: order.id })}
        </span>
        <Tag
          className="xe-tag"
          color={order.status === 'refunding' || order.status === 'refunded' ? 'orange' : 'blue'}
        >
          {t(`orderStatus.${order.status}`)}
        </Tag>
      </div>
      <ul className="xe-card-items">
        {order.items.map((item, i) => (
          <li key={`${item.productId}-${i}`}>
            <span className="xe-ellipsis">{item.title}</span>
            <span className="xe-muted">
              ×{item.qty} {formatMoney(item.price, lang)}
            </span>
          </li>
        ))}
      </ul>
      <div className="xe-card-foot">
        <span className="xe-muted">{formatDateTime(order.createdAt, lang)}</span>
        <strong>{t('conversation.orderTotal', { amount: formatMoney(order.total, lang) })}</strong>
      </div>
      {order.carrier && (
        <div className="xe-card-foot xe-muted">
          <TruckOutlined />{' '}
          {t('conversation.tracking', { carrier: order.carrier, trackingNo: order.trackingNo ?? '' })}
        </div>
      )}
    </div>
  );
}

export function ProductCard({ product }: { product: Product }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const imageAllowed = useMediaAllowed(product.imageUrl, 'image');
  return (
    <div className="xe-card xe-product" data-testid="product-card">
      {product.imageUrl && imageAllowed ? (
        <img className="xe-product-img" src={product.imageUrl} alt={product.title} width={64} height={64} />
      ) : (
        <div className="xe-product-img xe-product-placeholder">
          <ShoppingOutlined />
        </div>
      )}
      <div className="xe-product-info">
        <div className="xe-card-title xe-clamp2">{product.title}</div>
        <div>
          <strong className="xe-price">{formatMoney(product.price, lang)}</strong>
          <span className="xe-muted"> · {t('conversation.stock', { count: product.stock })}</span>
        </div>
        {product.promo && (
          <Tag color="red" className="xe-tag">
            {product.promo}
          </Tag>
        )}
      </div>
    </div>
  );
}

export function CouponCard({ coupon }: { coupon: Coupon }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  const amount = formatMoney(coupon.amount, lang);
  return (
    <div className="xe-card xe-coupon" data-testid="coupon-card">
      <div className="xe-coupon-amount">
        <GiftOutlined /> {amount}
      </div>
      <div className="xe-coupon-info">
        <div className="xe-card-title">{coupon.title}</div>
        <div className="xe-muted">
          {coupon.threshold > 0
            ? t('conversation.couponRule', { threshold: formatMoney(coupon.threshold, lang), amount })
            : t('conversation.couponNoThreshold', { amount })}
        </div>
        <div className="xe-muted">
          {t('conversation.couponExpires', { date: formatDate(coupon.expiresAt, lang) })}
        </div>
      </div>
    </div>
  );
}

/** A system event in the reader's language where the hub sent its code (else the hub's words). */
function SystemBody({ message }: { message: Extract<Message, { kind: 'system' }> }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  return <span>{systemText(message, t, lang)}</span>;
}

export function MessageBody({ message }: { message: Message }) {
  switch (message.kind) {
    case 'text':
      return <TextBody message={message} />;
    case 'image':
      return <ImageBody message={message} />;
    case 'voice':
      return <VoiceBody message={message} />;
    case 'order_card':
      return <OrderCard order={message.order} />;
    case 'product_card':
      return <ProductCard product={message.product} />;
    case 'coupon_card':
      return <CouponCard coupon={message.coupon} />;
    case 'system':
      return <SystemBody message={message} />;
  }
}

/** First guess of a row's height before it is measured; close guesses keep scrolling steady. */
export function estimateMessageHeight(m: Message | undefined): number {
  if (!m) return 60;
  switch (m.kind) {
    case 'text':
      return 52 + Math.ceil(m.text.length / 36) * 20;
    case 'image':
      return 48 + thumbSize(m.width, m.height).height;
    case 'voice':
      return 100 + Math.ceil(m.transcript.length / 36) * 20;
    case 'order_card':
      return 120 + m.order.items.length * 20;
    case 'product_card':
      return 110;
    case 'coupon_card':
      return 110;
    case 'system':
      return 36;
  }
}
