import { BUILDING, CAR, PERSON, POLE, ROAD, SIDEWALK, SIGN, SKY, VEGETATION } from "./classes";

/**
 * Simulated model quality. A class strength of 1 leaves that class as in the
 * ground truth; lower values erode its edges and add blob confusions. A tag
 * robustness of 1 means the model is unaffected by that condition; lower
 * values scale the class strengths down on images with the tag.
 */
export interface ModelQuality {
  /** Per class index, in [0, 1]. */
  classStrength: readonly number[];
  /** Per scenario tag, in [0, 1]; missing tags count as 1. */
  tagRobustness: Readonly<Record<string, number>>;
  /** Probability per image of a blob of the out-of-range label 254. */
  invalidLabelRate: number;
}

/** One preset version of a demo model. */
export interface DemoModelVersion {
  /** Short version string, e.g. "v2". */
  version: string;
  /** Human label shown in the versions table. */
  label: string;
  description: string;
  quality: ModelQuality;
}

/** Name of the demo street-scene model whose versions are below. */
export const DEMO_MODEL_NAME = "streetseg";

function strengths(by: Record<number, number>): number[] {
  return [SKY, BUILDING, ROAD, SIDEWALK, VEGETATION, CAR, PERSON, POLE, SIGN].map((k) => by[k]);
}

/**
 * Three versions of the street model that differ clearly per class and per
 * tag: v1 is weak on thin classes and low light; v2 is better overall but
 * still weak in low light; v3 is best overall with a slight regression on
 * traffic signs compared to v2.
 */
export const DEMO_MODEL_VERSIONS: readonly DemoModelVersion[] = [
  {
    version: "v1",
    label: "v1 baseline",
    description: "Baseline: decent on large regions, weak on poles, signs and people, poor in low light.",
    quality: {
      classStrength: strengths({ [SKY]: 0.9, [BUILDING]: 0.8, [ROAD]: 0.88, [SIDEWALK]: 0.52, [VEGETATION]: 0.75, [CAR]: 0.68, [PERSON]: 0.45, [POLE]: 0.12, [SIGN]: 0.2 }),
      tagRobustness: { "low-light": 0.55, night: 0.8, occluded: 0.65, "unusual-perspective": 0.7 },
      invalidLabelRate: 0.2,
    },
  },
  {
    version: "v2",
    label: "v2",
    description: "More data and a bigger backbone: better on every class, still weak in low light.",
    quality: {
      classStrength: strengths({ [SKY]: 0.95, [BUILDING]: 0.88, [ROAD]: 0.94, [SIDEWALK]: 0.68, [VEGETATION]: 0.85, [CAR]: 0.82, [PERSON]: 0.66, [POLE]: 0.4, [SIGN]: 0.8 }),
      tagRobustness: { "low-light": 0.6, night: 0.85, occluded: 0.8, "unusual-perspective": 0.85 },
      invalidLabelRate: 0.1,
    },
  },
  {
    version: "v3",
    label: "v3",
    description: "Low-light augmentation and higher resolution: best overall, slight regression on traffic signs.",
    quality: {
      classStrength: strengths({ [SKY]: 0.97, [BUILDING]: 0.93, [ROAD]: 0.96, [SIDEWALK]: 0.8, [VEGETATION]: 0.9, [CAR]: 0.9, [PERSON]: 0.78, [POLE]: 0.58, [SIGN]: 0.5 }),
      tagRobustness: { "low-light": 0.88, night: 0.92, occluded: 0.85, "unusual-perspective": 0.9 },
      invalidLabelRate: 0.05,
    },
  },
];
