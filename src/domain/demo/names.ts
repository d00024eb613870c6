/** Fictional place names for project titles, number formatting and phrase filling. */
import { DIRS, ESTATE_A, ESTATE_B, ROAD_A, ROAD_B, SCHOOL_KIND, SCHOOL_ORD } from './fragments';
import type { Rng } from './rng';

/** Format a number the way tables print it: integers plain, decimals trimmed (4.20 → 4.2). */
export function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 100) / 100);
}

/** Replace {n} in a target/progress phrase. */
export function phrase(template: string, n: number | null): string {
  return template.replaceAll('{n}', n === null ? '' : fmt(n));
}

/** Round to a "nice" step for the magnitude (targets drawn from ranges). */
export function nice(n: number): number {
  if (n >= 10000) return Math.round(n / 1000) * 1000;
  if (n >= 1000) return Math.round(n / 100) * 100;
  if (n >= 100) return Math.round(n / 10) * 10;
  return Math.round(n);
}

/** Generates place names that are unique within one programme. */
export class PlaceNamer {
  private readonly used = new Set<string>();
  constructor(
    private readonly rng: Rng,
    private readonly districtShort: string,
  ) {}

  road(): string {
    return `${this.rng.pick(ROAD_A)}${this.rng.pick(ROAD_B)}`;
  }
  estate(): string {
    return `${this.rng.pick(ESTATE_A)}${this.rng.pick(ESTATE_B)}`;
  }
  school(): string {
    return `${this.districtShort}${this.rng.pick(SCHOOL_ORD)}${this.rng.pick(SCHOOL_KIND)}`;
  }

  /** Fill a name template; retries until the name is unused. */
  fill(template: string, street: string | null): string {
    for (let attempt = 0; attempt < 30; attempt++) {
      const road = this.road();
      let road2 = this.road();
      while (road2.slice(0, 2) === road.slice(0, 2)) road2 = this.road();
      const name = template
        .replaceAll('{street}', street ?? '')
        .replaceAll('{road}', road)
        .replaceAll('{road2}', road2)
        .replaceAll('{estate}', this.estate())
        .replaceAll('{school}', this.school())
        .replaceAll('{dir}', this.rng.pick(DIRS))
        .replaceAll('{k}', String(this.rng.int(1, 28)))
        .replaceAll('{d}', this.districtShort);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    const fallback = `${template.replaceAll(/\{[a-z0-9]+\}/g, '')}（${this.used.size}）`;
    this.used.add(fallback);
    return fallback;
  }
}

/** "M月D日" for a random day of the given months. */
export function cnDay(rng: Rng, fromMonth: number, toMonth: number): string {
  return `${rng.int(fromMonth, toMonth)}月${rng.int(1, 28)}日`;
}

/** Fill the small-number placeholders of an activity or problem sentence (one pass). */
export function fillSlots(rng: Rng, text: string, quarter: number, extra: Record<string, string> = {}): string {
  if (!text.includes('{')) return text;
  const lastMonth = quarter * 3;
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => {
    const given = extra[k];
    if (given !== undefined) return given;
    switch (k) {
      case 'n':
        return String(rng.int(2, 12));
      case 'm':
        return String(rng.int(12, 320));
      case 'x':
        return String(rng.int(8, 260) * 10);
      case 'p':
        return String(rng.int(55, 85));
      case 's':
        return String(rng.int(92, 99));
      case 'few':
        return String(rng.int(1, 4));
      case 'k':
        return String(rng.int(3, 30));
      case 'mo':
        return String(rng.int(1, 3));
      case 'a':
        return String(rng.int(3, 5));
      case 'c':
        return (rng.int(10, 25) / 10).toFixed(1);
      case 'date':
        return cnDay(rng, lastMonth - 2, lastMonth);
      default:
        return whole;
    }
  });
}
