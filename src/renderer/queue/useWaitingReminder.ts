// Every few seconds: customers kept waiting past REMIND_AFTER_MS get a chime and one desktop
// notification naming them (replacing the previous reminder rather than stacking).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversation } from '../conversation/store';
import { playChime } from './chime';
import { notify } from './notifications';
import { useQueue } from './store';
import { dueReminders, REMIND_AFTER_MS, type ReminderState } from './waiting';

const CHECK_EVERY_MS = 5_000;

export function useWaitingReminder(): void {
  const { t } = useTranslation();
  useEffect(() => {
    const state: ReminderState = { lastReminded: new Map(), lastFiredAt: null };
    const timer = setInterval(() => {
      const due = dueReminders(Object.values(useQueue.getState().byId), Date.now(), state);
      if (!due.length) return;
      playChime('reminder');
      const names = due
        .slice(0, 3)
        .map((d) => d.customerNickname)
        .join('、');
      notify(
        'waiting-reminder',
        {
          title: t('queue.remindTitle'),
          body: t('queue.remindBody', {
            count: due.length,
            minutes: REMIND_AFTER_MS / 60_000,
            names: due.length > 3 ? `${names}…` : names,
          }),
        },
        () => {
          useQueue.getState().select(due[0]!.id);
          void useConversation.getState().open(due[0]!.id);
        },
      );
    }, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [t]);
}
