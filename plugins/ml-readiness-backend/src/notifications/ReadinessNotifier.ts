import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Exemption,
  levelRank,
  levelTitle,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { ReadinessStore, StoredGrade } from '../database/ReadinessStore';

/** Days before expiry an exemption reminder goes out. */
export const EXEMPTION_REMINDER_DAYS = 7;

/**
 * Tells a model's owning team when its level drops, when a check starts
 * failing and a week before an exemption expires. Each event is claimed in
 * the database first, so it is sent once even with several replicas.
 */
export class ReadinessNotifier {
  constructor(
    private readonly options: {
      store: ReadinessStore;
      notifications?: NotificationService;
      logger: LoggerService;
      /** Path of the model page in the portal, for links. */
      linkFor: (entityRef: string) => string;
    },
  ) {}

  /** Whether notifications can be sent at all. */
  get enabled(): boolean {
    return this.options.notifications !== undefined;
  }

  /** Announces what got worse between two grades of one model. */
  async gradeChanged(
    previous: StoredGrade | undefined,
    next: StoredGrade,
    now: Date,
  ): Promise<void> {
    if (!previous || !next.owner) {
      return;
    }
    if (levelRank(next.level) < levelRank(previous.level)) {
      await this.send({
        key: `level-drop:${next.entityRef}:${previous.level}>${next.level}:${previous.changedAt}`,
        entityRef: next.entityRef,
        kind: 'level-drop',
        recipient: next.owner,
        now,
        title: `${next.title ?? next.entityRef} dropped to ${levelTitle(
          next.level,
        )} readiness`,
        description: `It was ${levelTitle(previous.level)}; ${levelTitle(
          next.requiredLevel,
        )} is required for its tier.`,
        severity: next.meetsRequiredLevel ? 'normal' : 'high',
      });
    }
    const wasFailing = new Set(
      previous.checks.filter(c => c.state === 'fail').map(c => c.checkId),
    );
    const newlyFailing = next.checks.filter(
      c => c.state === 'fail' && !wasFailing.has(c.checkId),
    );
    for (const check of newlyFailing) {
      // One event per transition into "fail", identified by the grade it happened in.
      await this.send({
        key: `check-failing:${next.entityRef}:${check.checkId}:${next.changedAt}`,
        entityRef: next.entityRef,
        kind: 'check-failing',
        recipient: next.owner,
        now,
        title: `${next.title ?? next.entityRef}: readiness check ${check.checkId} is failing`,
        description: check.reason,
        severity: 'normal',
      });
    }
  }

  /** Reminds owners of exemptions expiring within the reminder window. */
  async exemptionsExpiring(
    exemptions: Exemption[],
    owners: Map<string, string | undefined>,
    now: Date,
  ): Promise<void> {
    for (const exemption of exemptions) {
      const owner = owners.get(exemption.entityRef);
      if (!owner) {
        continue;
      }
      await this.send({
        key: `exemption-expiring:${exemption.id}`,
        entityRef: exemption.entityRef,
        kind: 'exemption-expiring',
        recipient: owner,
        now,
        title: `Exemption from ${exemption.checkId} on ${exemption.entityRef} expires ${exemption.expiresAt.slice(
          0,
          10,
        )}`,
        description: `Fix the check or ask for a new exemption; after expiry the check counts again. Reason given: ${exemption.reason}`,
        severity: 'normal',
      });
    }
  }

  private async send(event: {
    key: string;
    entityRef: string;
    kind: string;
    recipient: string;
    now: Date;
    title: string;
    description: string;
    severity: 'normal' | 'high';
  }): Promise<void> {
    const { store, notifications, logger, linkFor } = this.options;
    if (!notifications) {
      return;
    }
    const claimed = await store.claimNotification({
      key: event.key,
      entityRef: event.entityRef,
      kind: event.kind,
      now: event.now,
    });
    if (!claimed) {
      return;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: event.recipient },
        payload: {
          title: event.title,
          description: event.description,
          link: linkFor(event.entityRef),
          severity: event.severity,
          topic: 'ml-readiness',
          scope: event.key,
        },
      });
    } catch (error) {
      await store.releaseNotification(event.key);
      logger.warn(
        `Could not send readiness notification ${event.kind} for ${event.entityRef}: ${error}`,
      );
    }
  }
}
