import { Route, Routes } from 'react-router';
import { SessionsScreen } from './SessionsScreen';
import { SessionScreen } from './SessionScreen';
import { ScanScreen } from './ScanScreen';
import { ReconcileScreen } from './ReconcileScreen';

export default function InventoryRoutes() {
  return (
    <Routes>
      <Route index element={<SessionsScreen />} />
      <Route path=":id" element={<SessionScreen />} />
      <Route path=":id/room/:roomKey" element={<ScanScreen />} />
      <Route path=":id/reconcile" element={<ReconcileScreen />} />
    </Routes>
  );
}
