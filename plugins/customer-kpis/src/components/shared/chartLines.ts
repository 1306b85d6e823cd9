// How a KPI line is drawn on the tab's charts and the card's sparklines: a period without data is a gap (never a 0),
// a partial period hangs off the line by a dashed segment, and a point without neighbours gets a dot of its own.

/** A point of a line: its value (any shape: a number, an interval's bounds), n, and whether its period is partial. */
export interface LinePoint<T> {
  value: T | null;
  n: number;
  partial: boolean;
}

/** A point as the two lines of a chart take it. */
export interface LineParts<T> {
  /** On the solid line: a whole period with data. */
  solid: T | null;
  /** On the dashed line: a partial period with data, and a whole one next to it, which the dashes start from. */
  dashed: T | null;
  /** Whether the point has data but neither neighbour has: only a dot shows it. */
  alone: boolean;
}

/** The value of a point, or null when its period has no data (n = 0): a gap, which must not read as 0. */
export function valueOrGap<T>(point: LinePoint<T>): T | null {
  return point.n > 0 ? point.value : null;
}

/** Each point split into the solid and the dashed line. */
export function lineParts<T>(points: readonly LinePoint<T>[]): LineParts<T>[] {
  const values = points.map(valueOrGap);
  const has = (i: number) => i >= 0 && i < points.length && values[i] !== null;
  return points.map((point, i) => {
    const value = values[i];
    const nextToPartial =
      (has(i - 1) && points[i - 1].partial) ||
      (has(i + 1) && points[i + 1].partial);
    return {
      solid: point.partial ? null : value,
      dashed: point.partial || nextToPartial ? value : null,
      alone: value !== null && !has(i - 1) && !has(i + 1),
    };
  });
}
