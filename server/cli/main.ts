import { commands } from './commands';

/** `npm run server -- [command] [options]`: the first word names the command, `serve` when none. */
const main = async (): Promise<void> => {
  const [first, ...rest] = process.argv.slice(2);
  const named = first !== undefined && !first.startsWith('-');
  const name = named ? first : 'serve';
  const args = named ? rest : process.argv.slice(2);
  if (name === 'help') {
    for (const [command, { summary }] of Object.entries(commands)) console.log(`  ${command.padEnd(18)}${summary}`);
    return;
  }
  const command = commands[name];
  if (!command) throw new Error(`没有这个命令：${name}（npm run server -- help 列出全部命令）`);
  await (await command.load())(args);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
