// App root: theme + locale providers, then either the login screen or the workspace.
import { App as AntApp, ConfigProvider, theme as antdTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { popoutTicketId } from '../platform/popout';
import { PopoutWindow } from '../popout/PopoutWindow';
import { LoginScreen } from '../session/LoginScreen';
import { isSignedIn, useSession } from '../session/store';
import { useSettings } from '../settings/store';
import { bridgeTokenMissing } from '../platform/client';
import { CoreUnreachable, MissingToken, Splash } from './Splash';
import { ThemeVars } from './ThemeVars';
import { useCoreEvents } from './useCoreEvents';
import { Workspace } from './Workspace';

export function App() {
  const language = useSettings((s) => s.language);
  const mode = useSettings((s) => s.theme);
  const { i18n } = useTranslation();

  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{
        // Compact: agents keep three panes and a long queue on one screen.
        algorithm: [
          mode === 'dark' ? antdTheme.darkAlgorithm : antdTheme.defaultAlgorithm,
          antdTheme.compactAlgorithm,
        ],
        token: {
          // A deep orange: white text on it and secondary text on the page keep WCAG AA contrast (4.5:1),
          // checked by axe-core in tests/e2e/a11y.spec.ts.
          colorPrimary: '#c24e00',
          colorLink: mode === 'dark' ? '#8ab4f8' : '#0b57d0',
          colorTextTertiary: mode === 'dark' ? 'rgba(255, 255, 255, 0.6)' : 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: mode === 'dark' ? 'rgba(255, 255, 255, 0.5)' : 'rgba(0, 0, 0, 0.55)',
          borderRadius: 4,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
        },
      }}
    >
      <AntApp className="xe-antapp">
        <ThemeVars mode={mode}>
          <Root />
        </ThemeVars>
      </AntApp>
    </ConfigProvider>
  );
}

function Root() {
  const state = useSession((s) => s.state);
  const loadError = useSession((s) => s.loadError);
  const load = useSession((s) => s.load);
  useCoreEvents();

  useEffect(() => {
    void load();
  }, [load]);

  if (!state && bridgeTokenMissing()) return <MissingToken />;
  if (!state)
    return loadError ? <CoreUnreachable error={loadError} onRetry={() => void load()} /> : <Splash />;
  if (!isSignedIn(state)) return <LoginScreen />;
  const popout = popoutTicketId();
  return popout ? <PopoutWindow ticketId={popout} /> : <Workspace />;
}
