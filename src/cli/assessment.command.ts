import type { Command } from 'commander';
import type { CliContext } from './output';

/** CLI commands of the assessment module (filled in by its issue). */
export function registerAssessmentCommands(_program: Command, _ctx: CliContext): void {}
