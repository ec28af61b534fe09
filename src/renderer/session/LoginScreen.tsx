// Sign-in: hub URL, username, password → session.login. The demo launcher may prefill the form
// (?hub=…&user=…) and, for the demo only, sign in by itself (?autologin=1&pass=…).
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageToggle, ThemeToggle } from '../settings/Toggles';
import { askNotificationPermissionOnce } from '../queue/notifications';
import { useSession } from './store';

interface LoginForm {
  hubUrl: string;
  username: string;
  password: string;
}

function readLaunchParams(search: string): { initial: Partial<LoginForm>; auto: boolean } {
  const q = new URLSearchParams(search);
  const initial: Partial<LoginForm> = {};
  const hub = q.get('hub');
  const user = q.get('user');
  const pass = q.get('pass');
  if (hub) initial.hubUrl = hub;
  if (user) initial.username = user;
  if (pass) initial.password = pass;
  return { initial, auto: q.get('autologin') === '1' && !!hub && !!user && !!pass };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function LoginScreen() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const loggingIn = useSession((s) => s.loggingIn);
  const loginError = useSession((s) => s.loginError);
  const login = useSession((s) => s.login);
  // The hub last signed in to, remembered by the core across sign-outs.
  const lastHub = useSession((s) => s.state?.hubUrl ?? s.state?.lastHubUrl ?? null);
  const launch = useMemo(() => readLaunchParams(window.location.search), []);
  const autoTried = useRef(false);

  useEffect(() => {
    if (!launch.auto || autoTried.current) return;
    autoTried.current = true;
    void login(launch.initial as LoginForm);
  }, [launch, login]);

  const submit = (values: LoginForm) => {
    askNotificationPermissionOnce(); // a user gesture: the best moment to ask
    void login({ hubUrl: values.hubUrl.trim(), username: values.username.trim(), password: values.password });
  };

  return (
    <main className="xe-login" data-testid="login-screen">
      <div className="xe-login-toggles">
        <LanguageToggle />
        <ThemeToggle />
      </div>
      <Card className="xe-login-card">
        <div className="xe-login-brand">
          <div className="xe-logo">小二</div>
          <div>
            <h1>{t('login.title')}</h1>
            <div className="xe-muted">{t('login.subtitle')}</div>
          </div>
        </div>
        {loginError && (
          <Alert
            type="error"
            showIcon
            className="xe-login-error"
            data-testid="login-error"
            title={t('login.failed')}
            description={`${t(`errors.${loginError.code}`)}: ${loginError.message}`}
          />
        )}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ hubUrl: lastHub ?? '', ...launch.initial }}
          onFinish={submit}
          disabled={loggingIn}
        >
          <Form.Item
            name="hubUrl"
            label={t('login.hubUrl')}
            rules={[
              { required: true, message: t('login.hubUrlRequired') },
              {
                validator: async (_, v: string) =>
                  !v || isHttpUrl(v.trim()) ? undefined : Promise.reject(new Error(t('login.hubUrlInvalid'))),
              },
            ]}
          >
            <Input data-testid="login-hub" placeholder="http://127.0.0.1:4300" autoComplete="url" />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input data-testid="login-user" autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password data-testid="login-pass" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={loggingIn} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
