import { z } from 'zod';
import { parseConfigSection } from './parseConfigSection';

const schema = z.object({
  root: z.string().min(1, 'must not be empty').default('.local-git'),
  limits: z.object({ maxBytes: z.number().int().positive() }).optional(),
});

describe('parseConfigSection', () => {
  it('applies defaults to a missing section', () => {
    expect(parseConfigSection(schema, undefined, 'x.y')).toEqual({
      root: '.local-git',
    });
  });

  it('names the bad key with its full path', () => {
    expect(() =>
      parseConfigSection(schema, { limits: { maxBytes: -1 } }, 'x.y'),
    ).toThrow(/^Invalid config x\.y\.limits\.maxBytes: /);
    expect(() => parseConfigSection(schema, { root: '' }, 'x.y')).toThrow(
      'Invalid config x.y.root: must not be empty',
    );
  });

  it('names the section itself when it has the wrong type', () => {
    expect(() => parseConfigSection(schema, 'nope', 'x.y')).toThrow(
      /^Invalid config x\.y: /,
    );
  });
});
