/** A progress bar on stderr, only when stderr is a terminal (never in pipes or CI logs). */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, label?: string): void;
  stop(): void;
}

export function progressBar(total: number, unit: string): Progress {
  if (!process.stderr.isTTY || total <= 0) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `{bar} {percentage}% | {value}/{total} ${unit} | {label}`, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  let last = 0;
  return {
    update(done, label = '') {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      bar.update(done, { label });
    },
    stop() {
      bar.stop();
    },
  };
}
