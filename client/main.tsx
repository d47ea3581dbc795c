// First: it configures zod before any module builds a schema (see the file).
import './jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, askEarly } from './App.tsx';
import { I18nProvider, initialLang } from './i18n.tsx';
import { registerServiceWorker } from './serviceWorker.ts';
import { SessionProvider } from './session/SessionProvider.tsx';
import './styles.css';
import './styles/shell.css';
import './styles/forms.css';
import './styles/meetings.css';
import './styles/room.css';
import './styles/votes.css';
import './styles/motions.css';
import './styles/versions.css';
import './styles/compare.css';
import './styles/finalisation.css';
import './styles/comments.css';

// In the language the person reads (the provider sets the same again when it mounts).
initialLang();
askEarly();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);

registerServiceWorker();
