import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import type { ModelDocumentName } from '@ml-golden-paths/plugin-ml-catalog-common';
import { MlCatalogApi, mlCatalogApiRef } from '../../api/MlCatalogClient';
import { FRAUD_MODEL } from '../../testing/lineageFixtures';
import {
  ModelDocumentContent,
  resolveMarkdownUri,
} from './ModelDocumentContent';

function withDocuments(
  mlops: { modelCard?: string; runbook?: string },
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
      mlops: {
        ...(FRAUD_MODEL.spec!.mlops as object),
        modelCard: undefined,
        runbook: undefined,
        ...mlops,
      },
    },
  };
}

function renderContent(
  entity: Entity,
  getDocument: jest.Mock,
  document: ModelDocumentName = 'model-card',
) {
  const client: MlCatalogApi = { getDocument, getInvalidEntities: jest.fn() };
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ModelDocumentContent document={document} />
    </EntityProvider>,
    {
      apis: [
        [
          scmIntegrationsApiRef,
          ScmIntegrationsApi.fromConfig(mockApis.config({ data: {} })),
        ],
        [mlCatalogApiRef, client],
      ],
    },
  );
}

async function backendError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'UnreadableDocumentError', message },
        request: { method: 'GET', url: '/' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'Unprocessable Entity',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

describe('ModelDocumentContent', () => {
  it('renders the model card the backend read from the source location', async () => {
    const getDocument = jest.fn().mockResolvedValue({
      format: 'markdown',
      content:
        '# Fraud scoring\n\nIntended use: [policy](policy.md) <script>alert(1)</script>',
      path: 'docs/model-card.md',
      sourceUrl: 'https://github.com/acme/fraud-scoring/docs/model-card.md',
    });
    renderContent(
      withDocuments(
        { modelCard: 'docs/model-card.md' },
        'url:https://github.com/acme/fraud-scoring/',
      ),
      getDocument,
    );
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Fraud scoring' },
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(getDocument).toHaveBeenCalledWith(
      'resource:default/fraud-scoring',
      'model-card',
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

  it('renders a document from a local checkout, without an open link', async () => {
    const getDocument = jest.fn().mockResolvedValue({
      format: 'markdown',
      content: '# Rollback\n\nPromote the previous version.',
      path: 'docs/runbooks/rollback.md',
    });
    renderContent(
      withDocuments({ runbook: 'docs/runbooks/rollback.md' }),
      getDocument,
      'runbook',
    );
    expect(
      await screen.findByRole('heading', { name: 'Rollback' }),
    ).toBeInTheDocument();
    expect(getDocument).toHaveBeenCalledWith(
      'resource:default/fraud-scoring',
      'runbook',
    );
    expect(screen.getByText('docs/runbooks/rollback.md')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open the runbook/ }),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's reason and the link when the document cannot be read", async () => {
    const getDocument = jest
      .fn()
      .mockRejectedValue(
        await backendError(
          422,
          'spec.mlops.modelCard (https://docs.example.com/fraud.md) is on a host the backend may not read',
        ),
      );
    renderContent(
      withDocuments({ modelCard: 'https://docs.example.com/fraud.md' }),
      getDocument,
    );
    expect(
      await screen.findByText(/The model card could not be read/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/is on a host the backend may not read/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the model card/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/fraud.md');
  });

  it('shows other errors', async () => {
    const getDocument = jest
      .fn()
      .mockRejectedValue(new TypeError('Failed to fetch'));
    renderContent(withDocuments({ modelCard: 'docs/card.md' }), getDocument);
    expect(await screen.findByText('Failed to fetch')).toBeInTheDocument();
  });

  it.each([
    ['model-card', 'No model card', /spec\.mlops\.modelCard/],
    ['runbook', 'No runbook', /spec\.mlops\.runbook/],
  ] as const)(
    'says when there is no %s, without asking the backend',
    async (document, title, hint) => {
      const getDocument = jest.fn();
      renderContent(withDocuments({}), getDocument, document);
      expect(await screen.findByText(title)).toBeInTheDocument();
      expect(screen.getByText(hint)).toBeInTheDocument();
      expect(getDocument).not.toHaveBeenCalled();
    },
  );
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

  it('keeps only absolute http(s) targets without a base', () => {
    expect(resolveMarkdownUri('img/roc.png', undefined)).toBe('');
    expect(resolveMarkdownUri('https://example.com/a', undefined)).toBe(
      'https://example.com/a',
    );
  });
});
