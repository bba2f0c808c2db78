// The worker half of scripts/bench/importFloors.ts's pipeline prototype: rows in
// (structured clone), each parsed by its zod schema and serialised as the
// embedded store stores it; the bodies go back as one string.
import { parentPort } from 'node:worker_threads';
import { Firm, SupplyTie } from '../../server/domain/model.js';

const port = parentPort!;
port.on('message', (m: { kind: 'firms' | 'supplies'; rows: unknown[] }) => {
  const schema = m.kind === 'firms' ? Firm : SupplyTie;
  const out: string[] = new Array(m.rows.length);
  for (let i = 0; i < m.rows.length; i++) out[i] = JSON.stringify(schema.parse(m.rows[i]));
  port.postMessage(out.join('\u0001'));
});
port.postMessage('ready');
