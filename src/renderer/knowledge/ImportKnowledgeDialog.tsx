// The knowledge import screen: pick a merchant file (CSV, JSON, Markdown, XLSX), watch it being read
// and indexed, and see which rows were refused and why — good rows are kept either way.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Modal, Progress, Table, Upload } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Words } from '../components/Words';
import { wordsOr } from '../i18n/core-words';
import { useSettings } from '../settings/store';
import { percent, useKbImport } from './importStore';
import { useErrorText } from '../components/useErrorText';

const ACCEPT = '.csv,.json,.jsonl,.md,.markdown,.xlsx';

export function ImportKnowledgeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const lang = useSettings((st) => st.language);
  const s = useKbImport();
  const { loadStats } = s;

  useEffect(() => {
    if (open) void loadStats();
  }, [open, loadStats]);

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      title={t('kbImport.title')}
      width={640}
      destroyOnHidden
    >
      <div data-testid="kb-import-dialog">
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={s.busy}
          beforeUpload={(file) => {
            void s.importFile(file);
            return false; // the core reads the file; nothing is uploaded anywhere
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('kbImport.drop')}</p>
          <p className="xe-muted">{t('kbImport.formats')}</p>
        </Upload.Dragger>

        {s.fileName && (
          <div className="xe-kb-import-progress" data-testid="kb-import-progress">
            {s.uploadProgress && (
              <>
                <div>{t('safety.uploading', { file: s.fileName })}</div>
                <Progress
                  percent={percent(s.uploadProgress)}
                  size="small"
                  status={s.error && !s.importProgress ? 'exception' : undefined}
                  data-testid="kb-upload-progress"
                />
              </>
            )}
            <div>{t('kbImport.reading', { file: s.fileName })}</div>
            <Progress
              percent={s.report ? 100 : percent(s.importProgress)}
              size="small"
              status={s.error ? 'exception' : undefined}
            />
            <div>{t('kbImport.indexing')}</div>
            <Progress
              percent={s.indexProgress ? percent(s.indexProgress) : s.report ? 100 : 0}
              size="small"
            />
          </div>
        )}

        {s.error && (
          <Alert type="error" showIcon title={t('kbImport.failed', { message: errorText(s.error) })} />
        )}

        {s.report && (
          <div data-testid="kb-import-report">
            <Alert
              type={s.report.errors.length ? 'warning' : 'success'}
              showIcon
              title={t('kbImport.done', {
                imported: s.report.imported,
                unchanged: s.report.unchanged,
                total: s.report.totalRows,
                bad: s.report.errors.length,
              })}
            />
            {s.report.encoding && (
              <div className="xe-muted" data-testid="kb-import-encoding">
                {t('safety.encoding', { encoding: t(`safety.encodings.${s.report.encoding}`) })}
              </div>
            )}
            {s.report.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e) => `${e.line}-${e.reason}`}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                dataSource={s.report.errors}
                columns={[
                  { title: t('kbImport.line'), dataIndex: 'line', width: 80 },
                  {
                    title: t('kbImport.reason'),
                    dataIndex: 'reason',
                    render: (_: string, e: (typeof s.report.errors)[number]) => (
                      <Words segments={wordsOr(e.text, e.reason, t, lang)} />
                    ),
                  },
                ]}
              />
            )}
          </div>
        )}

        {s.stats && (
          <Descriptions size="small" column={3} className="xe-kb-stats" title={t('kbImport.stats')}>
            <Descriptions.Item label={t('kbImport.docs')}>{s.stats.docs}</Descriptions.Item>
            <Descriptions.Item label={t('kbImport.chunks')}>{s.stats.chunks}</Descriptions.Item>
            <Descriptions.Item label={t('kbImport.embedded')}>
              {s.stats.embedded}/{s.stats.chunks}
            </Descriptions.Item>
            <Descriptions.Item label={t('kbImport.model')} span={3}>
              {s.stats.model.name?.split(/[\\/]/).pop() ?? '—'} ·{' '}
              {t(`kbImport.modelStatus.${s.stats.model.status}`)}
              {s.stats.model.error ? ` — ${s.stats.model.error}` : ''}
            </Descriptions.Item>
          </Descriptions>
        )}
      </div>
    </Modal>
  );
}
