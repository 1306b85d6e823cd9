// The demo profile of a product: how good it is, where it is heading and how much data it has, from its catalog entry.
import { Entity } from '@backstage/catalog-model';
import { SeededRandom, clamp } from './random';

/**
 * What the demo generator needs to know about a product. Quality figures are 0–1 and map to answer distributions
 * (0.5 ≈ NPS 0 and CSAT 50%, 0.8 ≈ NPS +65 and CSAT 80%).
 */
export interface DemoProfile {
  /** Why the profile looks the way it does, for the logs and the docs. */
  readonly label: string;
  /** Multiplier of `answersPerDay` for survey answers, tickets and journeys. */
  readonly volume: number;
  /** Perceived quality (NPS, CSAT) in the middle of the history. */
  readonly quality: number;
  /** Change of quality and ease over the history: +0.2 improves by 0.2 from its first day to today. */
  readonly trend: number;
  /** How easy things are (CES) in the middle of the history. */
  readonly ease: number;
  /** Median calendar minutes from ticket opened to resolved. */
  readonly resolveMedianMinutes: number;
  /** Median minutes from a customer's start to first value. */
  readonly valueMedianMinutes: number;
  /** Share of journeys that never reach value (censored), at quality 0.5. */
  readonly neverValueShare: number;
  /** Users who could use the product today. */
  readonly eligibleUsers: number;
  /** Monthly actives ÷ eligible today. */
  readonly adoptionRate: number;
  /** Change of the adoption rate over the history. */
  readonly adoptionTrend: number;
  /** Monthly share of customers lost, at quality 0.5. */
  readonly monthlyChurn: number;
  /** Monthly new customers as a share of those at the start. */
  readonly monthlyGrowth: number;
}

function hasTag(entity: Entity, ...tags: string[]): boolean {
  return (entity.metadata.tags ?? []).some(tag => tags.includes(tag));
}

function lifecycleOf(entity: Entity): string | undefined {
  const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)
    ?.lifecycle;
  return typeof lifecycle === 'string' ? lifecycle : undefined;
}

/**
 * The profile of `entity`. A hash of its name spreads products over realistic ranges; its lifecycle and tags then
 * give the story a demo needs:
 *
 * - `experimental` lifecycle or a `pilot` tag: few users and very few answers, so the survey KPIs stay below the
 *   minimum sample ("insufficient data");
 * - `deprecated` lifecycle or a `legacy` tag: poor and declining, losing users;
 * - a `checkout` tag: strong and improving;
 * - a `support` tag: long resolution times (requests wait on other teams);
 * - a `machine-learning` tag: long time to value.
 */
export function demoProfileOf(entity: Entity): DemoProfile {
  const random = new SeededRandom(`profile|${entity.metadata.name}`);
  const labels: string[] = [];
  let volume = random.between(0.5, 2);
  let quality = random.between(0.5, 0.78);
  let trend = random.between(-0.08, 0.12);
  let ease = clamp(quality + random.between(-0.1, 0.1), 0.3, 0.9);
  let resolveMedianMinutes = 240 * Math.exp(random.between(-0.7, 0.7));
  let valueMedianMinutes = 1440 * Math.exp(random.between(-0.8, 0.8));
  const neverValueShare = random.between(0.1, 0.25);
  let eligibleUsers = Math.round(2000 * Math.exp(random.between(0, 3.2)));
  let adoptionRate = random.between(0.35, 0.8);
  let adoptionTrend = random.between(-0.05, 0.1);
  let monthlyChurn = random.between(0.01, 0.05);
  let monthlyGrowth = random.between(0.02, 0.06);

  const lifecycle = lifecycleOf(entity);
  if (lifecycle === 'experimental' || hasTag(entity, 'pilot')) {
    labels.push('pilot: few users, too few answers to judge');
    volume = 0.04;
    eligibleUsers = Math.round(200 + 600 * random.next());
    adoptionRate = random.between(0.1, 0.3);
    adoptionTrend = 0.1;
    trend = 0.1;
  }
  if (lifecycle === 'deprecated' || hasTag(entity, 'legacy')) {
    labels.push('legacy: poor and declining');
    quality = 0.4;
    ease = 0.35;
    trend = -0.25;
    adoptionTrend = -0.2;
    monthlyChurn = 0.08;
    monthlyGrowth = 0.005;
    resolveMedianMinutes *= 2;
  }
  if (hasTag(entity, 'checkout')) {
    labels.push('checkout: strong and improving');
    quality = 0.74;
    ease = 0.75;
    trend = 0.15;
    adoptionRate = Math.max(adoptionRate, 0.7);
  }
  if (hasTag(entity, 'support')) {
    labels.push('support: long resolution times');
    resolveMedianMinutes *= 7;
  }
  if (hasTag(entity, 'machine-learning')) {
    labels.push('machine learning: slow to show value');
    valueMedianMinutes *= 3;
  }

  return {
    label: labels.join('; ') || 'typical product',
    volume,
    quality,
    trend,
    ease,
    resolveMedianMinutes,
    valueMedianMinutes,
    neverValueShare,
    eligibleUsers,
    adoptionRate,
    adoptionTrend,
    monthlyChurn,
    monthlyGrowth,
  };
}
