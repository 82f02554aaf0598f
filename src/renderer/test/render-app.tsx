import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppProviders } from '../AppProviders';
import { Boot } from '../boot/Boot';
import { ConnectionBanner } from '../shell/ConnectionBanner';
import type { Transport } from '../api/bridge';
import { fakeTransport, type FakeBridge } from './fake-bridge';

/** The whole app, from Boot, on a fake backend, at `route`. */
export function renderApp(bridge: FakeBridge, route = '/', transport: Transport = fakeTransport(bridge)) {
  return render(
    <AppProviders transport={transport}>
      <MemoryRouter initialEntries={[route]}>
        <ConnectionBanner />
        <Boot />
      </MemoryRouter>
    </AppProviders>,
  );
}
