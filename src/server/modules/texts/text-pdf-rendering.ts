import { Worker } from 'node:worker_threads';
import type { TextExport } from './text-export.ts';

/** What goes to the worker thread, and what comes back. */
export interface PdfJob {
  id: number;
  data: TextExport;
  language: string;
}
export type PdfAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

const WORKER = new URL('./text-pdf.worker.ts', import.meta.url);

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread that lays out PDFs, one after the other, started on first use. A long text
 * takes seconds to lay out (a hundred pages, about six on a shared core): on the event loop
 * that would hold every other request, sign-ins included, for as long. The thread keeps the
 * process alive only while it holds a job, so that a command exits once it has its answer; a
 * thread that dies takes its jobs with it (they fail, as a 500) and the next job starts another.
 */
class PdfRenderer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private lastId = 0;

  render(data: TextExport, language: string): Promise<Buffer> {
    const job: PdfJob = { id: ++this.lastId, data, language };
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      const worker = this.thread();
      worker.ref();
      worker.postMessage(job);
    });
  }

  private thread(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(WORKER, {
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    worker.on('message', (answer: PdfAnswer) => this.settle(answer));
    worker.on('error', (error) => this.abandon(worker, error.message));
    worker.on('exit', () => this.abandon(worker, 'the PDF layout stopped'));
    this.worker = worker;
    return worker;
  }

  private settle(answer: PdfAnswer): void {
    const pending = this.pending.get(answer.id);
    if (pending === undefined) return;
    this.pending.delete(answer.id);
    if ('pdf' in answer) pending.resolve(Buffer.from(answer.pdf));
    else pending.reject(new Error(`the PDF could not be laid out: ${answer.error}`));
    if (this.pending.size === 0) this.worker?.unref();
  }

  private abandon(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new Error(`the PDF could not be laid out: ${reason}`));
    }
  }
}

const renderer = new PdfRenderer();

/** The text as a PDF in one language version (text-pdf.ts), laid out off the event loop. */
export function renderTextPdf(data: TextExport, language: string): Promise<Buffer> {
  return renderer.render(data, language);
}
