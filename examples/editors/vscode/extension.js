// A minimal VS Code client for the peerspeak language server (`peerspeak lsp --stdio`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The configured command, else the workspace's own peerspeak, else npx. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('peerspeak').get('command', []);
  if (configured.length) return { command: configured[0], args: configured.slice(1) };
  const bin = process.platform === 'win32' ? 'peerspeak.cmd' : 'peerspeak';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', bin);
    if (existsSync(local)) return { command: local, args: ['lsp', '--stdio'] };
  }
  return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', args: ['peerspeak', 'lsp', '--stdio'] };
}

exports.activate = async function activate() {
  const { command, args } = serverCommand();
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  client = new LanguageClient(
    'peerspeak',
    'peerspeak',
    { command, args, options: cwd ? { cwd } : {} },
    {
      documentSelector: [
        { language: 'markdown' },
        { language: 'plaintext' },
      ],
      // Sends the `peerspeak.*` settings on start and whenever they change.
      synchronize: { configurationSection: 'peerspeak' },
    },
  );
  await client.start();
};

exports.deactivate = function deactivate() {
  return client?.stop();
};
