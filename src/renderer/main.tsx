import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { AppProviders } from './AppProviders';
import { createTransport } from './api/bridge';
import { Boot } from './boot/Boot';
import { ConnectionBanner } from './shell/ConnectionBanner';
import './styles.css';

const transport = createTransport();

// Hash routing: the page is served as app://…/index.html in Electron and from the bridge over
// http; neither has a server that rewrites deep links, and a hash needs none.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders transport={transport}>
      <HashRouter>
        <ConnectionBanner />
        <Boot />
      </HashRouter>
    </AppProviders>
  </StrictMode>,
);
