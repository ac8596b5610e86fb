import { ScmIntegrations } from '@backstage/integration';
import { mockApis } from '@backstage/frontend-test-utils';
import { resolveDocumentLocation } from './resolveDocumentLocation';

const integrations = ScmIntegrations.fromConfig(
  mockApis.config({
    data: {
      integrations: {
        github: [
          { host: 'github.com' },
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
            rawBaseUrl: 'https://ghe.example.com/raw',
          },
        ],
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
          },
        ],
      },
    },
  }),
);

const resolve = (value: string, sourceLocation?: string) =>
  resolveDocumentLocation({
    field: 'spec.mlops.modelCard',
    value,
    sourceLocation,
    integrations,
  });

describe('resolveDocumentLocation', () => {
  it('resolves a relative path against a GitHub repository root', () => {
    expect(
      resolve('docs/model-card.md', 'https://github.com/acme/fraud-scoring'),
    ).toEqual({
      viewUrl:
        'https://github.com/acme/fraud-scoring/blob/HEAD/docs/model-card.md',
      fetchUrl:
        'https://raw.githubusercontent.com/acme/fraud-scoring/HEAD/docs/model-card.md',
    });
  });

  it('keeps the branch and sub-directory of a tree source location', () => {
    expect(
      resolve(
        './card.md',
        'https://github.com/acme/mono/tree/main/models/fraud/',
      ),
    ).toEqual({
      viewUrl: 'https://github.com/acme/mono/blob/main/models/fraud/card.md',
      fetchUrl:
        'https://raw.githubusercontent.com/acme/mono/main/models/fraud/card.md',
    });
  });

  it('uses the raw base URL of a GitHub Enterprise integration', () => {
    expect(
      resolve('https://ghe.example.com/ml/churn/blob/v2/MODEL_CARD.md')
        .fetchUrl,
    ).toBe('https://ghe.example.com/raw/ml/churn/v2/MODEL_CARD.md');
  });

  it('turns GitLab pages into raw files', () => {
    expect(
      resolve(
        'docs/card.md',
        'https://gitlab.example.com/ml/churn/-/tree/main/',
      ),
    ).toEqual({
      viewUrl: 'https://gitlab.example.com/ml/churn/-/blob/main/docs/card.md',
      fetchUrl: 'https://gitlab.example.com/ml/churn/-/raw/main/docs/card.md',
    });
  });

  it('fetches other hosts at the resolved URL', () => {
    expect(resolve('https://docs.example.com/cards/fraud.md')).toEqual({
      viewUrl: 'https://docs.example.com/cards/fraud.md',
      fetchUrl: 'https://docs.example.com/cards/fraud.md',
    });
  });

  it('rejects relative paths without a source location, naming the field', () => {
    expect(() => resolve('docs/model-card.md')).toThrow(
      /spec\.mlops\.modelCard is a relative path.*backstage\.io\/source-location/,
    );
  });

  it('rejects non-http schemes', () => {
    // eslint-disable-next-line no-script-url
    expect(() => resolve('javascript:alert(1)')).toThrow(
      /spec\.mlops\.modelCard/,
    );
    expect(() => resolve('docs/card.md', 'file:///etc/')).toThrow(
      /source-location/,
    );
  });
});
