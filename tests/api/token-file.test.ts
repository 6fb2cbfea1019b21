// Tokens without configuration: generated on first start, only SHA-256 hashes written (mode 0600),
// the plaintext handed out once; a later start loads the hashes and hands out nothing.
import t from 'tap';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOKEN_FILE_NAME, buildApp, hashToken, loadConfig } from '@estafet/api';
import { tempDataDir } from './helper.js';

t.test('first start generates one token per role and keeps only hashes; the second prints none', async (t) => {
  const dataDir = await tempDataDir(t);
  const config = loadConfig({ DATA_DIR: dataDir });
  const first = await buildApp({ config, logger: false });
  await first.ready();
  const tokens = first.takeGeneratedTokens();
  t.same(tokens.map((entry) => entry.role), ['hr', 'analyst', 'auditor', 'public']);
  t.same(first.takeGeneratedTokens(), [], 'handed out once');

  const path = join(dataDir, TOKEN_FILE_NAME);
  t.equal((await stat(path)).mode & 0o777, 0o600, 'only the owner may read the hashes');
  const text = await readFile(path, 'utf8');
  for (const { role, token } of tokens) {
    t.notMatch(text, token, `no plaintext ${role} token in the file`);
    t.match(text, hashToken(token), `the ${role} hash is in the file`);
  }
  const auditor = tokens.find((entry) => entry.role === 'auditor')?.token ?? '';
  const read = () => ({ method: 'GET' as const, url: '/events', headers: { authorization: `Bearer ${auditor}` } });
  t.equal((await first.inject(read())).statusCode, 200, 'a generated token works');
  await first.close();

  const second = await buildApp({ config, logger: false });
  await second.ready();
  t.teardown(() => second.close());
  t.same(second.takeGeneratedTokens(), [], 'a later start prints nothing');
  t.equal(await readFile(path, 'utf8'), text, 'the file is left alone');
  t.equal((await second.inject(read())).statusCode, 200, 'the first start\'s tokens still work');
});

t.test('configured tokens win: no file is written', async (t) => {
  const dataDir = await tempDataDir(t);
  const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, ESTAFET_API_TOKENS: 'hr:aaaaaaaaaaaaaaaaaaaa' }), logger: false });
  await app.ready();
  t.teardown(() => app.close());
  t.same(app.takeGeneratedTokens(), []);
  await t.rejects(stat(join(dataDir, TOKEN_FILE_NAME)), { code: 'ENOENT' });
});

t.test('a damaged token file stops start-up instead of opening the API without tokens', async (t) => {
  const dataDir = await tempDataDir(t);
  await writeFile(join(dataDir, TOKEN_FILE_NAME), '{"tokens": "oops"}');
  await t.rejects(buildApp({ config: loadConfig({ DATA_DIR: dataDir }), logger: false }), /api-tokens\.json is not a token file/);
});
