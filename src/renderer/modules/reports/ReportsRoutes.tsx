import { Route, Routes } from 'react-router';
import { ReportsScreen } from './ReportsScreen';

/** /reports: one screen; the assessment and kind are in the query string. */
export default function ReportsRoutes() {
  return (
    <Routes>
      <Route path="*" element={<ReportsScreen />} />
    </Routes>
  );
}
