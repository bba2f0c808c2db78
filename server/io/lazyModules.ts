// exceljs and pdfkit take about half a second to load: required on first use
// (an XLSX import, a template, an export), so the server starts without them.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | null = null;
let pdfkit: typeof PDFDocument | null = null;

export function excelJS(): typeof ExcelJS {
  return (excel ??= require('exceljs') as typeof ExcelJS);
}

export function pdfKit(): typeof PDFDocument {
  return (pdfkit ??= require('pdfkit') as typeof PDFDocument);
}
