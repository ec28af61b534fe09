// Renderer entry: set up i18n and the API client, then mount the app.
// First import: React Fast Refresh's preamble as a module. In dev, plugin-react also injects it as
// an inline <script>, which our CSP (script-src 'self') blocks; this copy runs instead. Empty in builds.
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { initI18n } from './i18n';
import { initApiClient } from './platform/client';
import { unlockAudioOnFirstGesture } from './queue/chime';

initI18n();
initApiClient();
unlockAudioOnFirstGesture();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
