import { parentPort } from 'node:worker_threads';
import { textToPdf } from './text-pdf.ts';
import type { PdfAnswer, PdfJob } from './text-pdf-rendering.ts';

// Runs in a worker thread (text-pdf-rendering.ts says why). It loads pdfkit, the fonts and the
// pure layout code only, never the database or the server.
parentPort?.on('message', async ({ id, data, language }: PdfJob) => {
  let answer: PdfAnswer;
  try {
    const pdf = await textToPdf(data, language);
    answer = { id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
