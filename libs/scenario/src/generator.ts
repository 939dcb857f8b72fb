// The project's own generator of realistic team weeks (homecare-scenario/v1). The demo, tests and
// benchmarks use it, so it must not depend on ../shared. Modelled on the shared reference
// generator: clients have care profiles that drive their recurring visits, caregivers have skill
// levels and contracts, and they offer shifts sized to the day's demand with some slack.
// Deterministic for a given seed: no Math.random, no clock.

import { addDays } from './time';
import { DEFAULT_DETOUR_FACTOR } from './travel';
import {
  SCENARIO_FORMAT,
  type ScenarioCaregiver,
  type ScenarioClient,
  type ScenarioDocument,
  type ScenarioVisit,
  type TimeWindow,
} from './types';
import { createRandom, Dice } from './generator-dice';
import {
  checkedOptions,
  GENERATOR_DEFAULTS,
  type GenerateOptions,
  type OrganisationOptions,
} from './generator-options';
import {
  addWishes,
  BUCKET_MINUTES,
  CARE_PROFILES,
  clockMinutes,
  existingLocalTime,
  FIRST_NAMES,
  INITIALS,
  LAST_NAMES,
  MAX_MINUTES_PER_DAY,
  OVERHEAD_MINUTES,
  pad,
  PROFILE_WEIGHTS,
  SHIFT_COVERS,
  SHIFTS,
  shiftMinutes,
  STREETS,
  type Bucket,
  type CareProfile,
  type ShiftName,
} from './generator-vocabulary';

export { createRandom } from './generator-dice';
export { EU_WORKING_TIME_RULES, GENERATOR_DEFAULTS } from './generator-options';
export type { GenerateOptions, OrganisationOptions } from './generator-options';
export { CARE_PROFILES } from './generator-vocabulary';
export type { CareProfile } from './generator-vocabulary';

interface DraftCaregiver {
  caregiver: ScenarioCaregiver;
  preferredShift: ShiftName;
  shiftByDay: Map<string, ShiftName>;
  /** minutes offered per block of seven days from the period's start (contracts are per week) */
  offeredByWeek: number[];
}

/** A realistic one-period scenario for one neighbourhood team, the same for the same options. */
export function generateScenario(options: GenerateOptions = {}): ScenarioDocument {
  const settings = checkedOptions(options);
  const dice = new Dice(createRandom(settings.seed));
  const prefix = settings.idPrefix;
  const timeZone = settings.timezone;
  const days = Array.from({ length: settings.days }, (_, index) => addDays(settings.start, index));

  // ---- clients and their recurring care needs ----
  const clients: ScenarioClient[] = [];
  const visits: ScenarioVisit[] = [];
  const profileOf = new Map<string, CareProfile>();
  const visitDay = new Map<string, string>();
  const visitFrom = new Map<string, string>();
  const addVisit = (
    clientId: string,
    day: string,
    from: string,
    to: string,
    durationMinutes: number,
    requiredSkills: string[],
    caregiversNeeded = 1,
  ): void => {
    const earliest = existingLocalTime(day, from, timeZone);
    const latest = existingLocalTime(day, to, timeZone);
    // A clock change that eats the window leaves no room for the visit: the care is moved, not squeezed.
    if (latest.instant - earliest.instant < durationMinutes) return;
    const id = `${prefix}v-${pad(visits.length + 1, 4)}`;
    visits.push({
      id,
      clientId,
      earliestStart: earliest.text,
      latestEnd: latest.text,
      durationMinutes,
      requiredSkills,
      caregiversNeeded,
    });
    visitDay.set(id, day);
    visitFrom.set(id, from);
  };

  const kmPerDegreeLat = 111.32;
  const kmPerDegreeLon = 111.32 * Math.cos((settings.lat * Math.PI) / 180);
  for (let index = 0; index < settings.clients; index++) {
    const id = `${prefix}cl-${pad(index + 1, 3)}`;
    const distance = settings.radiusKm * Math.sqrt(dice.next());
    const angle = 2 * Math.PI * dice.next();
    const location = {
      lat: Number((settings.lat + (distance * Math.sin(angle)) / kmPerDegreeLat).toFixed(6)),
      lon: Number((settings.lon + (distance * Math.cos(angle)) / kmPerDegreeLon).toFixed(6)),
    };
    let profile = dice.weighted(PROFILE_WEIGHTS);
    // A double-up needs two people; a one-person team cannot have such a client.
    if (profile === 'double-up' && settings.caregivers < 2) profile = 'morning-care';
    const title = dice.pick(['Mevr.', 'Dhr.']);
    const name = `${title} ${dice.pick([...INITIALS])}. ${dice.pick(LAST_NAMES)}`;
    const address = `${dice.pick(STREETS)} ${dice.integer(1, 180)}`;
    clients.push({
      id,
      name,
      address,
      location,
      careProfile: profile,
      preferredCaregivers: [],
      excludedCaregivers: [],
      history: {},
    });
    profileOf.set(id, profile);
    switch (profile) {
      case 'morning-care': {
        const duration = dice.pick([30, 45, 45, 60]);
        for (const day of days) addVisit(id, day, '07:00', '10:30', duration, ['personal-care']);
        break;
      }
      case 'morning-evening':
        for (const day of days) {
          addVisit(id, day, '07:00', '10:30', 45, ['personal-care']);
          addVisit(id, day, '19:00', '22:00', 30, ['personal-care']);
        }
        break;
      case 'medication-3x':
        for (const day of days) {
          addVisit(id, day, '08:00', '09:30', 15, ['medication']);
          addVisit(id, day, '12:00', '13:30', 15, ['medication']);
          addVisit(id, day, '17:00', '18:30', 20, ['medication']);
        }
        break;
      case 'wound-care': {
        const woundDays = dice
          .shuffle([...days])
          .slice(0, dice.integer(2, 3))
          .sort();
        for (const day of woundDays) addVisit(id, day, '09:00', '16:00', 30, ['nursing']);
        break;
      }
      case 'weekly-shower': {
        const showerDays = dice
          .shuffle([...days])
          .slice(0, dice.integer(1, 2))
          .sort();
        for (const day of showerDays)
          addVisit(id, day, '09:00', '12:00', dice.pick([45, 60]), ['personal-care']);
        break;
      }
      case 'double-up':
        // Hoist transfers: two caregivers at once, morning and evening.
        for (const day of days) {
          addVisit(id, day, '07:30', '10:00', 45, ['personal-care'], 2);
          addVisit(id, day, '19:00', '21:30', 30, ['personal-care'], 2);
        }
        break;
      case 'complex-nursing':
        for (const day of days) {
          addVisit(id, day, '09:00', '12:00', 60, ['nursing']);
          addVisit(id, day, '15:00', '18:00', 45, ['nursing']);
        }
        break;
      case 'evening-care':
        for (const day of days) addVisit(id, day, '19:30', '22:00', 30, ['personal-care']);
        break;
    }
  }

  // ---- caregivers: skill levels and contracts sized to the demand ----
  const loadOf = (visit: ScenarioVisit): number =>
    (visit.durationMinutes + OVERHEAD_MINUTES) * (visit.caregiversNeeded ?? 1);
  const demandMinutes = visits.reduce((total, visit) => total + loadOf(visit), 0);
  const weekCount = Math.ceil(days.length / 7);
  const weekOf = (day: string): number => Math.floor(days.indexOf(day) / 7);
  const meanContract = Math.min(
    38 * 60,
    Math.max(16 * 60, (demandMinutes * 1.3) / weekCount / settings.caregivers),
  );
  const firstNames = dice.shuffle([...FIRST_NAMES]);
  const drafts: DraftCaregiver[] = [];
  for (let index = 0; index < settings.caregivers; index++) {
    // A typical district team: three in ten are nurses, four may give medication, the rest do personal care.
    const level = index % 10 < 3 ? 'nurse' : index % 10 < 7 ? 'carer-medication' : 'carer';
    const skills =
      level === 'nurse'
        ? ['personal-care', 'medication', 'nursing']
        : level === 'carer-medication'
          ? ['personal-care', 'medication']
          : ['personal-care'];
    const contractHours = Math.min(
      38,
      Math.max(16, Math.round(((meanContract / 60) * (0.75 + 0.5 * dice.next())) / 2) * 2),
    );
    const firstName = firstNames[index % firstNames.length];
    drafts.push({
      caregiver: {
        id: `${prefix}cg-${pad(index + 1)}`,
        name: `${firstName} ${dice.pick(LAST_NAMES)}`,
        skillLevel: level,
        skills,
        maxMinutesPerWeek: contractHours * 60,
        maxMinutesPerDay: MAX_MINUTES_PER_DAY,
        availability: [],
      },
      preferredShift: dice.weighted<ShiftName>([
        ['early', 4],
        ['late', 3],
        ['day', 2],
        ['split', 2],
      ]),
      shiftByDay: new Map(),
      offeredByWeek: new Array<number>(weekCount).fill(0),
    });
  }

  const availabilityOf = new Map<DraftCaregiver, Array<TimeWindow & { instant: number }>>();
  const addShift = (draft: DraftCaregiver, day: string, name: ShiftName): void => {
    draft.shiftByDay.set(day, name);
    draft.offeredByWeek[weekOf(day)] += shiftMinutes(name);
    const windows = availabilityOf.get(draft) ?? [];
    for (const [from, to] of SHIFTS[name]) {
      const start = existingLocalTime(day, from, timeZone);
      const end = existingLocalTime(day, to, timeZone);
      if (end.instant > start.instant)
        windows.push({ start: start.text, end: end.text, instant: start.instant });
    }
    availabilityOf.set(draft, windows);
  };

  // ---- self-set availability: each day, enough of the right people offer shifts, with slack ----
  const bucketOf = (visit: ScenarioVisit): Bucket => {
    const minute = clockMinutes(visitFrom.get(visit.id) ?? '00:00');
    return minute < clockMinutes('11:00') ? 'early' : minute < clockMinutes('16:00') ? 'mid' : 'late';
  };
  for (const day of days) {
    const today = visits.filter((visit) => visitDay.get(visit.id) === day);
    for (const bucket of ['early', 'late', 'mid'] as const) {
      const inBucket = today.filter((visit) => bucketOf(visit) === bucket);
      const peopleFor = (selected: ScenarioVisit[], slack: number): number =>
        Math.ceil(
          (selected.reduce((total, visit) => total + loadOf(visit), 0) * slack) / BUCKET_MINUTES[bucket],
        );
      const withSkill = (skill: string): ScenarioVisit[] =>
        inBucket.filter((visit) => (visit.requiredSkills ?? []).includes(skill));
      // Both caregivers of a double-up must be there at the same time.
      const doubleUps = inBucket.some((visit) => (visit.caregiversNeeded ?? 1) > 1) ? 2 : 0;
      const targets: Array<[string | null, number]> = [
        ['nursing', peopleFor(withSkill('nursing'), 1.4)],
        ['medication', peopleFor(withSkill('medication'), 1.4)],
        [null, Math.max(doubleUps, peopleFor(inBucket, 1.35))],
      ];
      const covering = (draft: DraftCaregiver): boolean => {
        const shift = draft.shiftByDay.get(day);
        return shift !== undefined && SHIFT_COVERS[shift].includes(bucket);
      };
      for (const [skill, target] of targets) {
        const hasSkill = (draft: DraftCaregiver): boolean =>
          skill === null || draft.caregiver.skills.includes(skill);
        let count = drafts.filter((draft) => covering(draft) && hasSkill(draft)).length;
        while (count < target) {
          const freeUnder = (share: number): DraftCaregiver[] =>
            drafts.filter(
              (draft) =>
                !draft.shiftByDay.has(day) &&
                hasSkill(draft) &&
                draft.offeredByWeek[weekOf(day)] < draft.caregiver.maxMinutesPerWeek * share,
            );
          // When the week's usual offers run out (often by the weekend), someone takes an extra shift.
          let free = freeUnder(1.3);
          if (free.length === 0) free = freeUnder(1.8);
          if (free.length === 0) break;
          // People whose favourite shift fits go first, then whoever has offered least so far.
          const ranked = free
            .map((draft) => ({
              draft,
              fits: SHIFT_COVERS[draft.preferredShift].includes(bucket) ? 0 : 1,
              load: draft.offeredByWeek[weekOf(day)] / draft.caregiver.maxMinutesPerWeek,
              tie: dice.next(),
            }))
            .sort((a, b) => a.fits - b.fits || a.load - b.load || a.tie - b.tie);
          const chosen = ranked[0].draft;
          const shift: ShiftName = SHIFT_COVERS[chosen.preferredShift].includes(bucket)
            ? chosen.preferredShift
            : bucket === 'early'
              ? dice.pick<ShiftName>(['early', 'split'])
              : bucket === 'late'
                ? dice.pick<ShiftName>(['late', 'split'])
                : dice.pick<ShiftName>(['day', 'early']);
          addShift(chosen, day, shift);
          count++;
        }
      }
    }
  }
  // Then everyone tops up with shifts they like, offering about 20% more than their contract.
  for (const draft of drafts) {
    for (const day of dice.shuffle([...days])) {
      if (draft.offeredByWeek[weekOf(day)] >= draft.caregiver.maxMinutesPerWeek * 1.2) continue;
      if (draft.shiftByDay.has(day)) continue;
      addShift(draft, day, draft.preferredShift);
    }
  }
  for (const draft of drafts) {
    const windows = (availabilityOf.get(draft) ?? []).sort((a, b) => a.instant - b.instant);
    draft.caregiver.availability = windows.map(({ start, end }) => ({ start, end }));
  }
  const caregivers = drafts.map((draft) => draft.caregiver);

  // ---- preferences and history: who knows whom ----
  for (const client of clients) {
    const needed = new Set(
      visits.filter((visit) => visit.clientId === client.id).flatMap((visit) => visit.requiredSkills ?? []),
    );
    const qualified = caregivers.filter((caregiver) =>
      [...needed].every((skill) => caregiver.skills.includes(skill)),
    );
    if (qualified.length === 0) continue;
    const history: Record<string, number> = {};
    if (dice.next() < 0.6) {
      for (const caregiver of dice.shuffle([...qualified]).slice(0, dice.integer(1, 3))) {
        history[caregiver.id] = dice.integer(2, 14);
      }
    }
    client.history = history;
    const preferred =
      dice.next() < 0.3
        ? dice
            .shuffle([...qualified])
            .slice(0, dice.integer(1, 2))
            .map((caregiver) => caregiver.id)
        : [];
    client.preferredCaregivers = preferred;
    if (dice.next() < 0.06) {
      // Someone this client does not get on with; never a person they prefer or already know.
      const others = caregivers.filter(
        (caregiver) => !preferred.includes(caregiver.id) && !(caregiver.id in history),
      );
      if (others.length > 0) client.excludedCaregivers = [dice.pick(others).id];
    }
  }

  // Priorities and wishes come from dice of their own, so that the team and its care are the same
  // scenario with and without them (a wish-blind run compares like with like).
  const extras = new Dice(createRandom((settings.seed ^ 0x5eed) + 17));
  if (settings.priorities) {
    const criticalCare = new Set(['medication', 'nursing']);
    for (const visit of visits)
      if (
        (visit.caregiversNeeded ?? 1) > 1 ||
        (visit.requiredSkills ?? []).some((skill) => criticalCare.has(skill))
      )
        visit.priority = 'critical';
    // a social visit a week for about one client in five: a walk, a coffee, help with the post
    for (const client of clients) {
      if (extras.next() >= 0.2) continue;
      for (let week = 0; week < weekCount; week++) {
        const inWeek = days.slice(week * 7, week * 7 + 7);
        const day = extras.pick(inWeek);
        const before = visits.length;
        addVisit(client.id, day, '14:00', '17:00', 60, ['personal-care']);
        if (visits.length > before) visits[visits.length - 1].priority = 'optional';
      }
    }
  }
  if (settings.wishes) for (const caregiver of caregivers) addWishes(caregiver, days, timeZone, extras);

  const visitMinutes = visits.reduce(
    (total, visit) => total + visit.durationMinutes * (visit.caregiversNeeded ?? 1),
    0,
  );
  const contractMinutes = caregivers.reduce((total, caregiver) => total + caregiver.maxMinutesPerWeek, 0);
  return {
    format: SCENARIO_FORMAT,
    name: settings.name || `team-s${settings.seed}-${settings.caregivers}cg-${settings.clients}cl`,
    timezone: timeZone,
    period: { start: days[0], end: days[days.length - 1] },
    ...(settings.rules ? { rules: { ...settings.rules } } : {}),
    travel: { speedKmh: settings.speedKmh, detourFactor: DEFAULT_DETOUR_FACTOR },
    caregivers,
    clients,
    visits,
    pinned: [],
    notes: {
      generator: '@homecare/scenario generateScenario',
      seed: settings.seed,
      profiles: Object.fromEntries(
        CARE_PROFILES.map((profile) => [
          profile,
          [...profileOf.values()].filter((p) => p === profile).length,
        ]),
      ),
      visitMinutes,
      contractMinutes,
      loadRatio: contractMinutes ? Number((visitMinutes / contractMinutes).toFixed(3)) : 0,
    },
  };
}

/**
 * Several neighbouring teams of one organisation: distinct id prefixes (`t1-`, `t2-`, ...), their
 * own seeds, and centres on a ring around the given point so that their areas touch but differ.
 */
export function generateOrganisation(options: OrganisationOptions): ScenarioDocument[] {
  const { teams, ...team } = options;
  if (!Number.isInteger(teams) || teams < 1)
    throw new RangeError(`teams must be an integer >= 1, got ${teams}`);
  const lat = team.lat ?? GENERATOR_DEFAULTS.lat;
  const lon = team.lon ?? GENERATOR_DEFAULTS.lon;
  const radiusKm = team.radiusKm ?? GENERATOR_DEFAULTS.radiusKm;
  const seed = team.seed ?? GENERATOR_DEFAULTS.seed;
  const baseName = team.name || `organisation-s${seed}`;
  // Centres 2.2 radii from the middle: neighbouring districts rather than overlapping ones.
  const ringKm = teams === 1 ? 0 : radiusKm * 2.2;
  return Array.from({ length: teams }, (_, index) => {
    const angle = (2 * Math.PI * index) / teams;
    return generateScenario({
      ...team,
      seed: (seed + index * 7919) >>> 0,
      lat: Number((lat + (ringKm * Math.sin(angle)) / 111.32).toFixed(6)),
      lon: Number((lon + (ringKm * Math.cos(angle)) / (111.32 * Math.cos((lat * Math.PI) / 180))).toFixed(6)),
      idPrefix: `${team.idPrefix ?? ''}t${index + 1}-`,
      name: `${baseName}-team-${index + 1}`,
    });
  });
}
