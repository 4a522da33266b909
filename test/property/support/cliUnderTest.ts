/**
 * The built CLI the suites run: dist/cli/main.js, or SEG_HOOK_CLI when set (used to run the
 * suites against a separately built copy, e.g. a deliberate mutant, without touching dist/).
 */
import { CLI } from '../../helpers/gitRepo';

export const CLI_UNDER_TEST = process.env.SEG_HOOK_CLI || CLI;
