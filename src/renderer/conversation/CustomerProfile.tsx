// Customer profile with PII (name, phone, address) masked by default; "show" reveals it for the
// open conversation only.
import { tagLabel } from '../../shared/system-texts';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Descriptions, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../shared/domain';
import { formatMoney } from '../i18n/format';
import { api } from '../platform/client';
import { useSettings } from '../settings/store';
import { maskAddress, maskName, maskPhone } from './pii';
import { useConversation } from './store';

export function CustomerProfile({ customer, ticketId }: { customer: Customer; ticketId: string }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.language);
  // The side panel follows the conversation one render behind (SidePanel.tsx): read for the ticket
  // shown here, so opening another ticket re-renders nothing in this section until the panel does.
  const revealed = useConversation((s) => s.piiRevealed && s.openId === ticketId);
  const setRevealed = useConversation((s) => s.setPiiRevealed);
  // Audit first, then unmask: a reveal the core could not record is not shown.
  const toggle = async () => {
    if (revealed || useConversation.getState().openId !== ticketId) return setRevealed(false);
    const r = await api().call('audit.piiRevealed', { ticketId });
    if (r.ok) setRevealed(true);
  };

  return (
    <section
      className="xe-side-section"
      data-testid="customer-profile"
      data-pii={revealed ? 'shown' : 'masked'}
    >
      <div className="xe-side-head">
        <span className="xe-side-title">{t('customer.title')}</span>
        <Tooltip title={revealed ? undefined : t('customer.showTip')}>
          <Button
            size="small"
            type="link"
            icon={revealed ? <EyeInvisibleOutlined /> : <EyeOutlined />}
            onClick={() => void toggle()}
            data-testid="pii-toggle"
          >
            {revealed ? t('customer.hide') : t('customer.show')}
          </Button>
        </Tooltip>
      </div>
      <Descriptions size="small" column={1} colon={false} className="xe-desc">
        <Descriptions.Item label={t('customer.name')}>
          <span data-testid="pii-name">{revealed ? customer.name : maskName(customer.name)}</span>
          <span className="xe-muted"> · {customer.nickname}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.phone')}>
          <span data-testid="pii-phone">{revealed ? customer.phone : maskPhone(customer.phone)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.address')}>
          <span data-testid="pii-address">{revealed ? customer.address : maskAddress(customer.address)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.city')}>{customer.city}</Descriptions.Item>
        <Descriptions.Item label={t('customer.vip')}>
          <Tag color={customer.vipLevel >= 4 ? 'gold' : 'default'} className="xe-tag">
            {t('customer.vipLevel', { level: customer.vipLevel })}
          </Tag>
          <span className="xe-muted">{customer.ageBand}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.orderCount')}>
          {t('customer.orderCountValue', { count: customer.orderCount })}
          <span className="xe-muted"> · {formatMoney(customer.totalSpent, lang)}</span>
        </Descriptions.Item>
        {customer.tags.length > 0 && (
          <Descriptions.Item label={t('customer.tags')}>
            <span className="xe-tagwrap">
              {customer.tags.map((tag) => (
                <Tag key={tag} className="xe-tag">
                  {tagLabel(tag, lang)}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </section>
  );
}
