import type { Command } from 'commander';
import type { CliContext } from './output';

/** CLI commands of the sync module: enrol, run, status, packages, submit (filled in by its issue). */
export function registerSyncCommands(_program: Command, _ctx: CliContext): void {}
