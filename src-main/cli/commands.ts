// Subcommand table and help text of the `mixedml` command.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { appVersion } from '../services/version.ts';
import { cvCommand } from './cv.ts';
import { fitCommand } from './fit.ts';
import { inspectCommand } from './inspect.ts';
import { reportCommand } from './report.ts';
import { predictCommand } from './predict.ts';
import { serveCommand } from './serve.ts';
import { simulateCommand } from './simulate.ts';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | (string | boolean)[] | undefined>): Promise<number>;
}

export const commands: Record<string, Command> = {
  fit: fitCommand,
  cv: cvCommand,
  predict: predictCommand,
  inspect: inspectCommand,
  simulate: simulateCommand,
  report: reportCommand,
  serve: serveCommand,
};

export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    `mixedml ${appVersion}: random effects for any machine-learning model`,
    '',
    'Usage: mixedml <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    "Run 'mixedml <command> --help' for a command's options.",
  ].join('\n');
}

export async function runCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${appVersion}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) throw new CliError(`unknown command '${name}'; run 'mixedml --help' for the list`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: mixedml ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}; usage: mixedml ${command.usage}`);
  }
  return command.run(values);
}
