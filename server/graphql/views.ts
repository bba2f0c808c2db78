// Values some GraphQL types resolve from that are not domain records (see the
// mappers in codegen.ts).
import type { Firm } from '../domain/model.js';
import type { Page } from '../store/GraphStore.js';

/** Query.firms: a store page; edges and cursors are derived from it. */
export type FirmConnectionView = Page<Firm>;
