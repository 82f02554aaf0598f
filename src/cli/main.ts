import { runCli } from './program';
import { processContext } from './output';

const code = await runCli(process.argv.slice(2), processContext);
process.exitCode = code;
