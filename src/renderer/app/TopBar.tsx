// Top bar: product name, connection status, outbox backlog, toggles and the signed-in agent.
import {
  CloudUploadOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Segmented, Tag, Tooltip } from 'antd';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBadge } from '../session/ConnectionBadge';
import { PresenceSwitch } from '../session/PresenceSwitch';
import { useSession } from '../session/store';
import { useSignOutAndClear } from '../session/useSignOutAndClear';
import { LlmSettingsModal } from '../settings/LlmSettingsModal';
import { LanguageToggle, SoundToggle, ThemeToggle } from '../settings/Toggles';
import { useSettings } from '../settings/store';
import { SyncConflictsButton } from '../sync/SyncConflictsButton';

export const TopBar = memo(function TopBar() {
  const { t } = useTranslation();
  const agent = useSession((s) => s.state?.agent ?? null);
  const outbox = useSession((s) => s.state?.outboxPending ?? 0);
  const logout = useSession((s) => s.logout);
  const signOutAndClear = useSignOutAndClear();
  const openShortcuts = useSettings((s) => s.setShortcutsOpen);
  const mode = useSettings((s) => s.mode);
  const setMode = useSettings((s) => s.setMode);
  const [llmOpen, setLlmOpen] = useState(false);

  return (
    <header className="xe-topbar" data-testid="top-bar">
      <div className="xe-brand">
        <span className="xe-logo xe-logo-sm">小二</span>
        <h1 className="xe-brand-name">{t('app.name')}</h1>
      </div>
      {agent && agent.role !== 'agent' && (
        <Segmented<'agent' | 'lead'>
          size="small"
          value={mode}
          onChange={setMode}
          data-testid="mode-switch"
          options={[
            { value: 'agent', label: t('lead.modeAgent') },
            { value: 'lead', label: t('lead.modeLead') },
          ]}
        />
      )}
      <ConnectionBadge />
      {agent && <PresenceSwitch />}
      <Tooltip title={t('topbar.outboxTip')}>
        <Tag
          icon={<CloudUploadOutlined />}
          color={outbox > 0 ? 'warning' : 'default'}
          data-testid="outbox-pending"
          data-count={outbox}
        >
          {t('topbar.outbox', { count: outbox })}
        </Tag>
      </Tooltip>
      <SyncConflictsButton />
      <div className="xe-spacer" />
      <Tooltip title={`${t('topbar.shortcuts')} (?)`}>
        <Button
          size="small"
          type="text"
          aria-label={t('topbar.shortcuts')}
          icon={<QuestionCircleOutlined />}
          onClick={() => openShortcuts(true)}
        />
      </Tooltip>
      <LanguageToggle />
      <SoundToggle />
      <ThemeToggle />
      {agent && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'llm', icon: <SettingOutlined />, label: t('llm.menu') },
              { type: 'divider' },
              { key: 'logout', icon: <LogoutOutlined />, label: t('topbar.logout') },
              { key: 'logoutClear', danger: true, label: t('session.signOutClear') },
            ],
            onClick: ({ key }) => {
              if (key === 'logout') void logout();
              if (key === 'logoutClear') signOutAndClear();
              if (key === 'llm') setLlmOpen(true);
            },
          }}
        >
          <Button size="small" type="text" icon={<UserOutlined />} data-testid="agent-name">
            <span data-authored="name">{agent.name}</span>
            <span className="xe-muted"> · {t(`topbar.role.${agent.role}`)}</span>
          </Button>
        </Dropdown>
      )}
      <LlmSettingsModal open={llmOpen} onClose={() => setLlmOpen(false)} />
    </header>
  );
});
