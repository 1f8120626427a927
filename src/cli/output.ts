/** Buffered output to stdout or a file that respects back-pressure (outputs can be gigabytes). */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class Output {
  private buf: string[] = [];
  private size = 0;
  private readonly stream: NodeJS.WritableStream | WriteStream;

  constructor(path?: string) {
    this.stream = path && path !== '-' ? createWriteStream(path) : process.stdout;
  }

  /** Queues text; call `flush()` now and then from async code so memory stays bounded. */
  write(s: string): void {
    this.buf.push(s);
    this.size += s.length;
  }

  /** Writes bytes after any queued text (workers hand over output already encoded). */
  async writeBytes(b: Uint8Array): Promise<void> {
    await this.flush();
    if (!this.stream.write(b)) await once(this.stream, 'drain');
  }

  get pending(): number {
    return this.size;
  }

  async flush(): Promise<void> {
    if (!this.buf.length) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.stream !== process.stdout) {
      (this.stream as WriteStream).end();
      await once(this.stream, 'finish');
    }
  }
}
