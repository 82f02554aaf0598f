import { Route, Routes } from 'react-router';
import { DossierScreen } from './DossierScreen';
import { ReviewScreen } from './ReviewScreen';

export default function ReviewRoutes() {
  return (
    <Routes>
      <Route path="dossiers/:id/:tab?" element={<DossierScreen />} />
      <Route path=":tab?" element={<ReviewScreen />} />
    </Routes>
  );
}
