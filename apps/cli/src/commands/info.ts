/** `openbox info`: the backend chosen (and why better ones were skipped), the datasets, a training benchmark. */
import type { Command } from '../command.js';

export const infoCommand: Command = {
  summary: 'backend report, datasets with their sizes, and a short training benchmark of the reference CNN',
  usage: 'openbox info [--no-bench]',
  async run() {
    throw new Error('openbox info: not wired yet');
  },
};
