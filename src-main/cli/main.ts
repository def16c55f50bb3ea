// The `mixedml` command: the same services the GUI calls, from a terminal. Errors print one line, never a stack.
import { CliError, runCommand } from './commands.ts';

// A reader that stops early (`mixedml inspect ... | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  process.exitCode = await runCommand(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mixedml: ${message}\n`);
  if (process.env.MIXEDML_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
}
