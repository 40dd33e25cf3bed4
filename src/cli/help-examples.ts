import type { Command } from 'commander'
import { commandTree } from './command-tree.js'

/**
 * The last lines of every `--help`: commands people copy, by command path. A command missing here
 * fails the help test, so a new command gets its examples when it is added.
 */
export const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': ['vimax generate examples/lighthouse-idea.yaml', 'vimax runs --status failed', 'vimax generate --help'],
  generate: [
    'vimax generate film.yaml --dry-run                 # calls and cost, before paying',
    'vimax generate film.yaml --max-cost 5 --json',
    'vimax generate film.yaml --stop-after storyboard   # review storyboard.json first',
    'vimax generate film.yaml --reroll 2.1              # a new take of shot 2.1',
  ],
  cache: ['vimax cache stats', 'vimax cache prune --older-than 30d --max-size 5GB', 'vimax cache clear --kind video --yes'],
  'cache stats': ['vimax cache stats', 'vimax cache stats --json --cache-dir .vimax'],
  'cache prune': ['vimax cache prune --dry-run --older-than 30d', 'vimax cache prune --max-size 5GB --json'],
  'cache clear': ['vimax cache clear --kind image', 'vimax cache clear --yes --json'],
  'cache path': ['vimax cache path', 'vimax cache path --json'],
  'cache verify': ['vimax cache verify', 'vimax cache verify --thorough --json'],
  runs: ['vimax runs --limit 50', 'vimax runs --status failed --since 7d', 'vimax runs --spec examples/lighthouse-idea.yaml --json'],
  'runs show': ['vimax runs show 20261125-1346      # a unique prefix is enough', 'vimax runs show 20261125-134618-379e3d --json'],
  'runs rm': ['vimax runs rm 20261125-134618-379e3d', 'vimax runs rm --before 30d --yes', 'vimax runs rm --before 2026-01-31 --json --yes'],
  report: ['vimax report vimax-out/lighthouse-idea', 'vimax report 20261125-1346'],
  batch: ['vimax batch films/*.yaml --output s3://team-films/renders', 'vimax batch a.yaml b.yaml -o /shared/films --json'],
  'batch status': ['vimax batch status', 'vimax batch status --json'],
  worker: ['vimax worker --concurrency 2', 'vimax worker --until-empty --cache-dir /var/cache/vimax'],
  doctor: ['vimax doctor', 'vimax doctor film.yaml --profile openai --json'],
  bench: ['vimax bench', 'vimax bench --concurrency 1,4 --runs 3 --save before.json', 'vimax bench --baseline before.json', 'vimax bench --shots 500 --concurrency 64'],
  schema: ['vimax schema > vimax.schema.json'],
  completion: [
    'vimax completion bash > ~/.local/share/bash-completion/completions/vimax',
    'vimax completion zsh > "${fpath[1]}/_vimax"',
    'vimax completion fish > ~/.config/fish/completions/vimax.fish',
  ],
}

export function addHelpExamples(program: Command): void {
  for (const { command, path } of commandTree(program)) {
    const lines = HELP_EXAMPLES[path.join(' ')]
    if (lines) command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`)
  }
}
