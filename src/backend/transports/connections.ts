import { randomUUID } from 'node:crypto';
import type { Connection } from '../rpc/router';

export function newConnection(transport: Connection['transport'], trusted: boolean): Connection {
  return { id: randomUUID(), trusted, transport, session: null, grants: new Map() };
}
