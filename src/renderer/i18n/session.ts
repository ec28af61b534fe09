// Strings of signing in and out and of the first run (browser shell link), both languages in one place.
import type { Strings } from './types';

export const sessionZh = {
  signOutClear: '退出并清除本机数据',
  signOutClearTitle: '退出并清除本机上的数据？',
  signOutClearBody:
    '将删除本机为 {{agent}}（{{hub}}）保存的会话、草稿和备注。尚未同步的操作会阻止清除，不会丢失。其他账号的数据不受影响。',
  signOutClearOk: '退出并清除',
  signOutClearRefused: '未清除：{{message}}',
  signOutClearRefusedTitle: '本机数据未清除',
  unsynced: {
    text: '还有 {{parts}}，清除会丢失它们。请保持登录直到同步完成（或处理同步冲突），也可以只退出登录、不清除。',
    pending: '{{count}} 项操作尚未送达服务端',
    conflicts: '{{count}} 个同步冲突',
    drafts: '{{count}} 份未发送的草稿',
    separator: '、',
  },
  signOutCleared: '已退出，本机数据已清除',
  cancel: '取消',
  missingTokenTitle: '这个地址缺少访问令牌',
  missingTokenBody:
    '工作台只接受带令牌的地址（…/?token=…），令牌在每次启动时随机生成。请打开 npm run demo 或浏览器壳启动时打印的完整地址。',
  slowCoreHint:
    '工作台核心仍未响应。请确认启动它的终端仍在运行，并使用它打印的完整地址（令牌每次启动都会变化）。',
};

export const sessionEn: Strings<typeof sessionZh> = {
  signOutClear: 'Sign out and clear this machine',
  signOutClearTitle: 'Sign out and clear the data on this machine?',
  signOutClearBody:
    'Deletes the conversations, drafts and notes this machine keeps for {{agent}} ({{hub}}). Anything not yet synced stops the clearing, so nothing is lost. Other accounts’ data is not touched.',
  signOutClearOk: 'Sign out and clear',
  signOutClearRefused: 'Not cleared: {{message}}',
  signOutClearRefusedTitle: 'Your data on this machine was not cleared',
  unsynced: {
    text: 'Clearing now would lose {{parts}}. Stay signed in until everything has synced (or settle the sync conflicts), or sign out without clearing.',
    pending: '{{count}} changes not yet delivered to the hub',
    pending_one: '1 change not yet delivered to the hub',
    conflicts: '{{count}} sync conflicts',
    conflicts_one: '1 sync conflict',
    drafts: '{{count}} unsent drafts',
    drafts_one: '1 unsent draft',
    separator: ', ',
  },
  signOutCleared: 'Signed out; this machine’s data for you is cleared',
  cancel: 'Cancel',
  missingTokenTitle: 'This address has no access token',
  missingTokenBody:
    'The workstation only accepts its address with the token (…/?token=…), which is new on every start. Open the full address printed by npm run demo or by the browser shell when it started.',
  slowCoreHint:
    'The workstation core has not answered yet. Check that the terminal that started it is still running, and use the full address it printed (the token changes on every start).',
};
