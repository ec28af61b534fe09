// Strings for bad input handled safely: file uploads and encodings of knowledge imports, blocked
// media, and a workstation database that had to be rebuilt. Both languages in one place.
import type { Strings } from './types';

export const safetyZh = {
  uploading: '正在上传 {{file}}',
  encoding: '文件编码：{{encoding}}',
  encodings: {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16 LE',
    'utf-16be': 'UTF-16 BE',
    gb18030: 'GB18030（GBK，中文 Excel 默认）',
  },
  mediaBlocked: '媒体已拦截：来源不受信任',
  dbRecovered: {
    title: '本机数据库已损坏，已重新建立',
    body: '损坏的文件已移到 {{path}}。工单和知识库正在从服务器重新同步；本机导入的知识需要重新导入。',
    salvaged: '未同步的 {{count}} 条操作已从旧文件中找回，将继续发送。',
    lost: '旧文件中未同步的操作无法读出；如有未送达的回复或结单，请在工单中确认。',
    dismiss: '知道了',
    reason: '原因：{{reason}}',
  },
};

export const safetyEn: Strings<typeof safetyZh> = {
  uploading: 'Uploading {{file}}',
  encoding: 'File encoding: {{encoding}}',
  encodings: {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16 LE',
    'utf-16be': 'UTF-16 BE',
    gb18030: 'GB18030 (GBK, the default of Chinese Excel)',
  },
  mediaBlocked: 'Media blocked: untrusted source',
  dbRecovered: {
    title: 'The database on this machine was damaged and has been rebuilt',
    body: 'The damaged file was moved to {{path}}. Tickets and knowledge are syncing again from the hub; knowledge imported on this machine must be imported again.',
    salvaged: '{{count}} unsynced actions were recovered from the old file and will be sent.',
    lost: 'Unsynced actions in the old file could not be read; check replies or closes that may not have been delivered.',
    dismiss: 'Got it',
    reason: 'Cause: {{reason}}',
  },
};
