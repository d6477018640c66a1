import { CliError, type CliIo } from './io.ts';

/**
 * Reads a password: typed at a terminal without echo (asked twice), or the first line of
 * piped input, so that it never appears in the process list or the shell history as an
 * argument would.
 */
export async function readSecret(io: CliIo, label: string): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await promptHidden(io, `${label}: `);
    const again = await promptHidden(io, `Repeat the ${label.toLowerCase()}: `);
    if (first !== again) throw new CliError('the two entries differ; nothing was changed');
    return first;
  }
  const line = await readFirstLine(io.stdin);
  if (line === null) {
    throw new CliError(
      `no ${label.toLowerCase()} on standard input: pipe it in (echo '...' | council ...) or run in a terminal to be asked`,
    );
  }
  return line;
}

/** The first line of a stream (without its line ending), or null when the stream is empty. */
export function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const finish = (line: string | null) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      // Stop reading so that an input left open by the caller does not keep the process alive.
      stream.pause();
      resolve(line === null ? null : line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline >= 0) finish(buffer.slice(0, newline));
    };
    const onEnd = () => finish(buffer.length > 0 ? buffer : null);
    const onError = (error: Error) => reject(error);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}

function promptHidden(io: CliIo, question: string): Promise<string> {
  const { stdin } = io;
  io.stderr.write(question);
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value: string[] = [];
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          done();
          resolve(value.join(''));
          return;
        }
        if (char === '\u0003') {
          done();
          reject(new CliError('cancelled', 130));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value.push(char);
      }
    };
    stdin.on('data', onData);
  });
}
