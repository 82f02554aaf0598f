import { Route, Routes } from 'react-router';
import { SyncScreen } from './SyncScreen';

export default function SyncRoutes() {
  return (
    <Routes>
      <Route path=":tab?" element={<SyncScreen />} />
    </Routes>
  );
}
