import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { exitState } from './exit.js';

const HELP_INTRO = `jixiao（绩效）— 财政项目支出绩效自评表：解析、校验、评分、审核与公开
jixiao — fiscal project expenditure performance self-evaluation: parse, check, score, review, publish`;

export async function main(argv: string[]): Promise<number> {
  // A closed pipe (`jixiao parse … | head`) ends the output quietly, as for any Unix tool.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = new Command('jixiao')
    .description(HELP_INTRO)
    .version('0.1.0', '-V, --version', '版本 / version')
    .helpOption('-h, --help', '帮助 / help')
    .helpCommand('help [command]', '显示命令帮助 / help for a command')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  exitState.code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    // The one place where an unexpected error becomes a one-line message, never a stack trace.
    process.stderr.write(`jixiao: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.JIXIAO_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    return 2;
  }
  return exitState.code;
}
