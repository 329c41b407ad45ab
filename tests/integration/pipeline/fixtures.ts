import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'pipeline');
