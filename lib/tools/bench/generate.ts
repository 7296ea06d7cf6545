/**
 * Child-process entry used by `npm run bench` to generate synthetic street
 * scenes in parallel: `tsx lib/tools/bench/generate.ts ROOT WIDTH HEIGHT FROM TO`.
 */
import { writeStreetScenes } from "./datasets";

const [root, width, height, from, to] = process.argv.slice(2);
if (!root || !width || !height || from === undefined || to === undefined) {
  process.stderr.write("usage: tsx lib/tools/bench/generate.ts ROOT WIDTH HEIGHT FROM TO\n");
  process.exit(2);
}
writeStreetScenes(root, Number(width), Number(height), Number(from), Number(to));
