import type { ServerDatabase } from '../db/data-source';
import type { Services } from '../services/index';

/** What route modules get from `buildServer`. */
export interface RouteDeps {
  services: Services;
  db: ServerDatabase;
  version: string;
}
