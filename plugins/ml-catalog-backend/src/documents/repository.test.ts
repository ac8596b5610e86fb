import { formatRepository, repositoryOf, sameRepository } from './repository';

const fraud = repositoryOf('https://github.com/acme/fraud-scoring')!;

describe('repositoryOf', () => {
  it.each([
    'https://github.com/acme/fraud-scoring',
    'https://GitHub.com/ACME/Fraud-Scoring/',
    'https://github.com:443/acme/fraud-scoring.git',
    'https://github.com/acme/fraud-scoring/tree/main/docs/',
    'https://github.com/acme/fraud-scoring/blob/v1.2/docs/model-card.md',
    'https://github.com/%61cme/fraud%2Dscoring/blob/main/x.md',
  ])('normalises %s to github.com/acme/fraud-scoring', value => {
    const repository = repositoryOf(value);
    expect(repository && formatRepository(repository)).toBe(
      'github.com/acme/fraud-scoring',
    );
    expect(sameRepository(repository!, fraud)).toBe(true);
  });

  it('takes every GitLab group before /-/', () => {
    expect(
      repositoryOf(
        'https://gitlab.example.com/ml/risk/fraud/-/blob/main/docs/card.md',
      ),
    ).toEqual({ host: 'gitlab.example.com', path: 'ml/risk/fraud' });
  });

  it.each([
    'https://github.com/acme',
    'https://github.com/acme/fraud-scoring/../payroll',
    'https://github.com/acme/fraud-scoring/blob/main/%2e%2e/%2e%2e/payroll',
    'https://github.com/acme%2Fpayroll/x',
    'https://github.com/acme/fraud-scoring\\..\\payroll',
    'https://user:pw@github.com/acme/fraud-scoring',
    'ftp://github.com/acme/fraud-scoring',
    'https://github.com/acme/%zz',
    'not a url',
  ])('names no repository for %s', value => {
    expect(repositoryOf(value)).toBeUndefined();
  });

  it('tells other owners, names and hosts apart', () => {
    for (const other of [
      'https://github.com/acme/fraud-scoring-private',
      'https://github.com/acme2/fraud-scoring',
      'https://github.example.com/acme/fraud-scoring',
      'http://169.254.169.254/acme/fraud-scoring',
    ]) {
      expect(sameRepository(repositoryOf(other)!, fraud)).toBe(false);
    }
  });
});
