/** Cuts a stream of lines into one chunk per form: a form starts at its title (or at a second 项目名称). */
import { classify } from './line-kind.js';
import type { Line } from './lines.js';

export class FormSplitter {
  private current: Line[] = [];
  private seenName = false;
  private seenTitle = false;

  constructor(private readonly emit: (lines: Line[]) => void) {}

  push(line: Line): void {
    const { kind } = classify(line);
    const title = kind === 'title', name = kind === 'name', year = kind === 'year';
    if (this.current.length > 0 && ((title && (this.seenTitle || this.seenName || this.hasBody())) || ((name || year) && this.seenName)))
      this.flush();
    if (title) this.seenTitle = true;
    if (name) this.seenName = true;
    this.current.push(line);
  }

  end(): void {
    this.flush();
  }

  private hasBody(): boolean {
    return this.current.length > 3;
  }

  private flush(): void {
    if (this.current.length) this.emit(this.current);
    this.current = [];
    this.seenName = false;
    this.seenTitle = false;
  }
}
