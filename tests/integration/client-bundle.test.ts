import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * The client reads the API's JSON shapes from server/api with `import type` only; those
 * imports are erased, so the browser bundle must hold no file from server/. A value import
 * of any server module (a helper, a constant) would put it here and fail this test.
 */
describe('the browser bundle', () => {
  it('holds client code only, none from the server', async () => {
    const result = await build({
      entryPoints: [path.join(root, 'client', 'src', 'main.ts')],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      outfile: path.join(root, 'client', 'dist', 'app.js'),
      logLevel: 'silent',
      absWorkingDir: root,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('client/src/screening/session.ts');
    expect(inputs.filter((file) => file.startsWith('server/'))).toEqual([]);
  });
});
