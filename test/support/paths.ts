/** Where the compiled CLI and the repository are, from this file's place in dist/test/support/. */
import { join } from 'node:path';

/** dist/src/cli.js: the `proxygraph` command tests run as a user would. */
export const CLI_PATH = join(__dirname, '..', '..', 'src', 'cli.js');
/** The repository root (for committed files such as schema.graphql). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
