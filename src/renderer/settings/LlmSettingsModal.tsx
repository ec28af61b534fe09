// Settings for the optional LLM that drafts replies. The API key goes to the core and is never
// read back: the renderer only learns whether one is stored.
import { App, Form, Input, InputNumber, Modal, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../shared/assist-api';
import { api } from '../platform/client';

interface LlmForm {
  enabled: boolean;
  baseUrl: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
}

export function LlmSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const [form] = Form.useForm<LlmForm>();
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    void api()
      .call('settings.get', {})
      .then((r) => {
        if (!r.ok) {
          setError(r.error.message);
          return;
        }
        setView(r.data);
        const { enabled, baseUrl, model, timeoutMs } = r.data.llm;
        form.setFieldsValue({ enabled, baseUrl, model, timeoutMs, apiKey: '' });
      });
  }, [open, form]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    // An empty key field means "keep the stored key"; removing it is an explicit action below.
    const r = await api().call('settings.set', {
      llm: {
        enabled: v.enabled,
        baseUrl: v.baseUrl.trim(),
        model: v.model.trim(),
        timeoutMs: v.timeoutMs,
        ...(v.apiKey ? { apiKey: v.apiKey } : {}),
      },
    });
    setSaving(false);
    if (!r.ok) {
      setError(r.error.issues?.join('\n') ?? r.error.message);
      return;
    }
    setView(r.data);
    toast.success(t('llm.saved'));
    onClose();
  };

  const removeKey = async () => {
    const r = await api().call('settings.set', { llm: { apiKey: null } });
    if (r.ok) setView(r.data);
    else setError(r.error.message);
  };

  return (
    <Modal
      open={open}
      title={t('llm.title')}
      okText={t('llm.save')}
      cancelText={t('close.cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      data-testid="llm-settings"
    >
      <p className="xe-muted">{t('llm.intro')}</p>
      <Form<LlmForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="enabled" label={t('llm.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="baseUrl"
          label={t('llm.baseUrl')}
          rules={[{ pattern: /^(https?:\/\/\S+)?$/i, message: t('login.hubUrlInvalid') }]}
        >
          <Input placeholder="https://api.example.com/v1" />
        </Form.Item>
        <Form.Item name="model" label={t('llm.model')}>
          <Input placeholder="qwen-plus" />
        </Form.Item>
        <Form.Item
          name="apiKey"
          label={
            <span>
              {t('llm.apiKey')}{' '}
              {view?.llm.hasApiKey ? (
                <Tag color="success" closable onClose={() => void removeKey()}>
                  {t('llm.keyStored')}
                </Tag>
              ) : (
                <Tag>{t('llm.noKey')}</Tag>
              )}
            </span>
          }
        >
          <Input.Password placeholder={view?.llm.hasApiKey ? t('llm.keepKey') : ''} autoComplete="off" />
        </Form.Item>
        <Form.Item name="timeoutMs" label={t('llm.timeout')}>
          <InputNumber min={1000} max={120000} step={1000} suffix="ms" style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {error && <div className="xe-error-text">{error}</div>}
    </Modal>
  );
}
