/**
 * Test helpers: render the repository's golden paths as the scaffolder does.
 *
 * @packageDocumentation
 */
export {
  GOLDEN_PATH_TEMPLATES,
  listFilesRecursively,
  renderGoldenPath,
  templateVersion,
} from './renderGoldenPath';
export { goldenPathCapabilities } from './goldenPathCapabilities';
