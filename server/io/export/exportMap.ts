// One entry point for the 产业招引地图 export, used by the CLI and the HTTP
// route: cluster id (or 'all') + format → file bytes, name and content type.
import type { GraphStore } from '../../store/GraphStore.js';
import { loadCatalogues, type CatalogueOptions } from './loadCatalogue.js';
import { renderMapPdf } from './pdf.js';
import { renderCatalogueXlsx } from './xlsx.js';

export const exportFormats = ['pdf', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportContentType: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportedFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
  clusters: string[];
}

export async function exportMap(store: GraphStore, cluster: string, format: ExportFormat, opts: CatalogueOptions): Promise<ExportedFile> {
  const catalogues = await loadCatalogues(store, cluster, opts);
  const version = await store.dataVersion();
  const bytes = format === 'pdf' ? await renderMapPdf(catalogues, { footerNote: `数据版本 ${version}` }) : await renderCatalogueXlsx(catalogues);
  const date = catalogues[0]?.generatedOn ?? new Date().toISOString().slice(0, 10);
  return {
    bytes,
    filename: `chain-atlas-map-${cluster === 'all' ? 'all' : cluster}-${date}.${format}`,
    contentType: exportContentType[format],
    clusters: catalogues.map((c) => c.clusterId),
  };
}
