// The "?" cheat sheet: every shortcut from shortcuts.ts, grouped and translated.
import { Modal } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../settings/store';
import { SHORTCUTS, type ShortcutGroup } from './shortcuts';

const GROUPS: ShortcutGroup[] = ['queue', 'conversation', 'general'];

export function ShortcutsModal() {
  const { t } = useTranslation();
  const open = useSettings((s) => s.shortcutsOpen);
  const setOpen = useSettings((s) => s.setShortcutsOpen);
  return (
    <Modal
      open={open}
      title={t('shortcuts.title')}
      footer={null}
      onCancel={() => setOpen(false)}
      width={520}
      data-testid="shortcuts-modal"
    >
      <div className="xe-shortcuts" data-testid="shortcuts-list">
        {GROUPS.map((g) => (
          <section key={g}>
            <h4>{t(`shortcuts.groups.${g}`)}</h4>
            <dl>
              {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                <Fragment key={s.action}>
                  <dt>
                    {s.keys.map((combo, i) => (
                      <span key={i} className="xe-combo">
                        {combo.map((k) => (
                          <kbd key={k}>{k}</kbd>
                        ))}
                      </span>
                    ))}
                  </dt>
                  <dd>{t(`shortcuts.${s.action}`)}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
