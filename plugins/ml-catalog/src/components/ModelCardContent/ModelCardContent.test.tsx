import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { FRAUD_MODEL } from '../../testing/lineageFixtures';
import { ModelCardContent, resolveMarkdownUri } from './ModelCardContent';

function withModelCard(
  modelCard: string | undefined,
  sourceLocation?: string,
): Entity {
  return {
    ...FRAUD_MODEL,
    metadata: {
      ...FRAUD_MODEL.metadata,
      annotations: sourceLocation
        ? { 'backstage.io/source-location': sourceLocation }
        : {},
    },
    spec: {
      ...FRAUD_MODEL.spec,
      mlops: { ...(FRAUD_MODEL.spec!.mlops as object), modelCard },
    },
  };
}

function renderContent(entity: Entity, fetchImpl: jest.Mock) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ModelCardContent />
    </EntityProvider>,
    {
      apis: [
        [
          scmIntegrationsApiRef,
          ScmIntegrationsApi.fromConfig(mockApis.config({ data: {} })),
        ],
        [coreApis.fetch, { fetch: fetchImpl }],
      ],
    },
  );
}

const markdown = (body: string, type = 'text/plain; charset=utf-8') =>
  new Response(body, { status: 200, headers: { 'content-type': type } });

describe('ModelCardContent', () => {
  it('renders the markdown read from the source location', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValue(
        markdown(
          '# Fraud scoring\n\nIntended use: [policy](policy.md) <script>alert(1)</script>',
        ),
      );
    renderContent(
      withModelCard(
        'docs/model-card.md',
        'url:https://github.com/acme/fraud-scoring/',
      ),
      fetchImpl,
    );
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Fraud scoring' },
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(fetchImpl).toHaveBeenCalledWith(
      'https://raw.githubusercontent.com/acme/fraud-scoring/HEAD/docs/model-card.md',
      expect.anything(),
    );
    expect(screen.getByRole('link', { name: /^policy/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/fraud-scoring/blob/HEAD/docs/policy.md',
    );
    expect(document.querySelector('script')).toBeNull();
    expect(
      screen.getByRole('link', { name: /Open the model card/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/fraud-scoring/blob/HEAD/docs/model-card.md',
    );
  });

  it('shows an error and the link when the document cannot be read', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValue(
        new Response('Not Found', { status: 404, statusText: 'Not Found' }),
      );
    renderContent(
      withModelCard(
        'docs/model-card.md',
        'url:https://github.com/acme/fraud-scoring',
      ),
      fetchImpl,
    );
    expect(
      await screen.findByText(
        /The model card could not be read/,
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the model card/ }),
    ).toBeInTheDocument();
  });

  it('explains a network failure', async () => {
    const fetchImpl = jest
      .fn()
      .mockRejectedValue(new TypeError('Failed to fetch'));
    renderContent(
      withModelCard('https://docs.example.com/fraud.md'),
      fetchImpl,
    );
    expect(
      await screen.findByText(
        /Could not reach https:\/\/docs\.example\.com\/fraud\.md/,
      ),
    ).toBeInTheDocument();
  });

  it('refuses an HTML page (e.g. a sign-in page)', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValue(markdown('<html></html>', 'text/html'));
    renderContent(
      withModelCard('https://docs.example.com/fraud.md'),
      fetchImpl,
    );
    expect(
      await screen.findByText(/returned an HTML page/),
    ).toBeInTheDocument();
  });

  it('says when there is no model card', async () => {
    const fetchImpl = jest.fn();
    renderContent(withModelCard(undefined), fetchImpl);
    expect(await screen.findByText('No model card')).toBeInTheDocument();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('says why a relative path cannot be located', async () => {
    const fetchImpl = jest.fn();
    renderContent(withModelCard('docs/model-card.md'), fetchImpl);
    expect(
      await screen.findByText(/backstage\.io\/source-location annotation/),
    ).toBeInTheDocument();
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});

describe('resolveMarkdownUri', () => {
  it('resolves relative targets and drops unsafe ones', () => {
    const base = 'https://github.com/acme/x/blob/HEAD/docs/card.md';
    expect(resolveMarkdownUri('img/roc.png', base)).toBe(
      'https://github.com/acme/x/blob/HEAD/docs/img/roc.png',
    );
    expect(resolveMarkdownUri('#metrics', base)).toBe('#metrics');
    // eslint-disable-next-line no-script-url
    expect(resolveMarkdownUri('javascript:alert(1)', base)).toBe('');
    expect(resolveMarkdownUri('data:text/html,hi', base)).toBe('');
  });
});
