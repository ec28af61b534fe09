// Where the shipped resources (default model, macros, policy, catalog, rules) are. In development and
// in the browser shell they sit in <project>/resources; in a packaged Electron app the shell tells us
// through XIAOER_RESOURCES_DIR (resources are unpacked from the asar). Bundling moves this file, so
// the folder is found by walking up from here rather than by a fixed relative path.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function resourcesDir(): string {
  const fromEnv = process.env['XIAOER_RESOURCES_DIR'];
  if (fromEnv) return resolve(fromEnv);
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'resources')) && existsSync(join(dir, 'package.json')))
      return (cached = join(dir, 'resources'));
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the resources folder; set XIAOER_RESOURCES_DIR');
    dir = parent;
  }
}

export function resourcePath(...parts: string[]): string {
  return join(resourcesDir(), ...parts);
}
