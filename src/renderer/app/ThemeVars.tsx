// Exposes the antd theme tokens our own layout CSS needs as CSS variables, so app.css follows
// light/dark without duplicating colours.
import { theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export function ThemeVars({ mode, children }: { mode: 'light' | 'dark'; children: ReactNode }) {
  const { token } = theme.useToken();
  const vars = {
    '--xe-bg': token.colorBgLayout,
    '--xe-panel': token.colorBgContainer,
    '--xe-elevated': token.colorBgElevated,
    '--xe-border': token.colorBorderSecondary,
    '--xe-text': token.colorText,
    '--xe-text-2': token.colorTextSecondary,
    '--xe-text-3': token.colorTextTertiary,
    '--xe-primary': token.colorPrimary,
    '--xe-primary-bg': token.colorPrimaryBg,
    '--xe-hover': token.colorFillTertiary,
    // Tinted, not solid: the antd "active" fill is a loud orange in dark mode.
    '--xe-selected': `color-mix(in srgb, ${token.colorPrimary} 12%, transparent)`,
    '--xe-ai-bg': `color-mix(in srgb, ${token.colorInfo} 8%, ${token.colorBgContainer})`,
    '--xe-error': token.colorError,
    // Red text that keeps 4.5:1 on white and on the tinted strips (antd red-8 in light; the plain error
    // red is about 3:1 on white, fine for borders and dots, not for 12px text).
    '--xe-error-text': mode === 'dark' ? token.colorErrorText : '#a8071a',
    '--xe-warning-bg': token.colorWarningBg,
    // The darker amber: the plain warning colour is below 4.5:1 on white for 12px text.
    '--xe-warning-text': token.colorWarningTextActive,
    '--xe-bubble-customer': token.colorFillSecondary,
    '--xe-bubble-agent': mode === 'dark' ? '#4a2a10' : '#fff1e6',
    '--xe-bubble-bot': mode === 'dark' ? '#1b2a44' : '#e8f1ff',
    '--xe-font': token.fontFamily,
    '--xe-font-size': `${token.fontSize}px`,
    '--xe-radius': `${token.borderRadius}px`,
  } as CSSProperties;
  return (
    <div className={`xe-root xe-${mode}`} style={vars} data-theme={mode}>
      {children}
    </div>
  );
}
