import type { Command } from 'commander'

export interface CommandNode {
  readonly command: Command
  /** Names from below the program: [] for vimax itself, ['cache', 'prune'] for `vimax cache prune`. */
  readonly path: readonly string[]
}

/** The program and every command under it, parents first: what help, exit codes and completion walk. */
export function commandTree(program: Command, path: readonly string[] = []): CommandNode[] {
  return [{ command: program, path }, ...program.commands.flatMap((command) => commandTree(command, [...path, command.name()]))]
}
