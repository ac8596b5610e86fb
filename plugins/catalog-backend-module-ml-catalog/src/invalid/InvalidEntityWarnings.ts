import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Logs a warning the first time an entity fails validation with a given
 * message, and not again while it keeps failing the same way (the catalog
 * re-processes every entity on a short interval). Once the entity is valid
 * again it is forgotten, so a later breakage is logged anew.
 *
 * The memory is per process and bounded: each backend replica logs each
 * failure once, and beyond `maxEntities` the oldest entity is forgotten.
 */
export class InvalidEntityWarnings {
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly logger: LoggerService,
    private readonly maxEntities: number = 10_000,
  ) {}

  /** Records a failure; logs it unless this entity already failed this way. */
  failed(entityRef: string, message: string, location?: string): void {
    let messages = this.seen.get(entityRef);
    if (messages?.has(message)) {
      return;
    }
    if (!messages) {
      messages = new Set();
      this.seen.set(entityRef, messages);
      if (this.seen.size > this.maxEntities) {
        const oldest = this.seen.keys().next().value;
        if (oldest !== undefined) this.seen.delete(oldest);
      }
    }
    messages.add(message);
    this.logger.warn(
      `ML entity ${entityRef}${
        location ? ` from ${location}` : ''
      } is not in the catalog: ${message}`,
      { entityRef, ...(location ? { location } : {}) },
    );
  }

  /** Forgets the entity's failures once it validates. */
  succeeded(entityRef: string): void {
    this.seen.delete(entityRef);
  }
}
