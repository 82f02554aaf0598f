import type { Command } from 'commander';
import type { CliContext } from './output';

/** CLI commands of the evidence module (filled in by its issue). */
export function registerEvidenceCommands(_program: Command, _ctx: CliContext): void {}
