// Column lists of the bulk export's CSV files (export.ts), and a firm's
// search columns encoded on their own (firmSearchTail): kept apart from
// export.ts so that the thread computing those columns
// (scripts/neo4j-bulk/searchWorker.ts) loads only this, records.ts and
// csv.ts (~0.05 s), not the validation's schemas (~1 s of CPU under tsx).
import { FIRM_NODE_PROPS, searchProps } from '../records.js';
import { CsvEncoder, type Column, type ColumnType } from './csv.js';

/** Property types (records.toProps writes JS numbers, which the driver sends as FLOAT; `seq` and counters are integers). */
export const PROPERTY_TYPES: Record<string, ColumnType> = {
  confidence: 'double',
  weight: 'double',
  nationalFirmCount: 'double',
  investmentYi: 'double',
  nameZhLength: 'double',
  pyStarts: 'double[]',
  tags: 'string[]',
  segmentIds: 'string[]',
  yrd: 'boolean',
  listed: 'boolean',
  highTech: 'boolean',
  specialized: 'boolean',
  illustrative: 'boolean',
  seq: 'long',
};

/** Columns of a node file from the property names toProps writes (every field, null when absent). */
export function nodeColumns(label: string, props: string[]): Column[] {
  return props.map((name) => ({ name, type: name === 'id' ? `ID(${label})` : (PROPERTY_TYPES[name] ?? 'string') }));
}

/** The search properties of a firm (records.searchProps: lower-cased names, pinyin keys), the last columns of its node file. */
export const SEARCH_PROPS: readonly string[] = Object.keys(searchProps({ id: 'x', nameZh: '无锡', nameEn: 'x' }));
if (FIRM_NODE_PROPS.slice(-SEARCH_PROPS.length).join() !== SEARCH_PROPS.join()) {
  throw new Error(`bulk export: FIRM_NODE_PROPS (${FIRM_NODE_PROPS.join()}) does not end with searchProps' keys (${SEARCH_PROPS.join()})`);
}
const searchEncoder = new CsvEncoder(nodeColumns('Firm', [...SEARCH_PROPS]), 'node-Firm.csv');

/**
 * A firm's search columns, encoded as the end of its line in node-Firm.csv
 * (CsvFile.rowWithTail): a pure function of its id and names, so it can be
 * computed on another thread (scripts/neo4j-bulk/searchWorker.ts).
 */
export function firmSearchTail(f: { id: string; nameZh: string; nameEn?: string | undefined }): string {
  const p = searchProps(f);
  const values: unknown[] = new Array(SEARCH_PROPS.length);
  for (let i = 0; i < SEARCH_PROPS.length; i++) values[i] = p[SEARCH_PROPS[i]!];
  return searchEncoder.line(values);
}

