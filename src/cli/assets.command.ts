import type { Command } from 'commander';
import type { CliContext } from './output';

/** CLI commands of the assets module (filled in by its issue). */
export function registerAssetsCommands(_program: Command, _ctx: CliContext): void {}
