// Language, theme and sound switches, shown in the top bar (language and theme on the login screen too).
import {
  MoonOutlined,
  MutedOutlined,
  SoundOutlined,
  SunOutlined,
  TranslationOutlined,
} from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSettings } from './store';

export function LanguageToggle() {
  const { t } = useTranslation();
  const language = useSettings((s) => s.language);
  const setLanguage = useSettings((s) => s.setLanguage);
  return (
    <Tooltip title={t('topbar.languageTip')}>
      <Button
        size="small"
        type="text"
        icon={<TranslationOutlined />}
        data-testid="language-toggle"
        onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
      >
        {t('topbar.language')}
      </Button>
    </Tooltip>
  );
}

export function ThemeToggle() {
  const { t } = useTranslation();
  const theme = useSettings((s) => s.theme);
  const toggle = useSettings((s) => s.toggleTheme);
  const label = theme === 'dark' ? t('topbar.themeLight') : t('topbar.themeDark');
  return (
    <Tooltip title={label}>
      <Button
        size="small"
        type="text"
        aria-label={label}
        data-testid="theme-toggle"
        icon={theme === 'dark' ? <SunOutlined /> : <MoonOutlined />}
        onClick={toggle}
      />
    </Tooltip>
  );
}

export function SoundToggle() {
  const { t } = useTranslation();
  const sound = useSettings((s) => s.sound);
  const toggle = useSettings((s) => s.toggleSound);
  const label = sound ? t('topbar.soundOn') : t('topbar.soundOff');
  return (
    <Tooltip title={label}>
      <Button
        size="small"
        type="text"
        aria-label={label}
        aria-pressed={sound}
        data-testid="sound-toggle"
        icon={sound ? <SoundOutlined /> : <MutedOutlined />}
        onClick={toggle}
      />
    </Tooltip>
  );
}
