// Types of the `dvhc` npm package. The result shapes are those of the Rust library's
// serialisation (the JSON that the `dvhc` command-line tool prints); members come in
// that order, absent values are `null`. wasm/test/api.test.mjs checks that every
// interface below lists exactly the members the package returns.

/** A structure: the one from 1 July 2025 (`current`) or the one before (`legacy`). */
export type Era = 'current' | 'legacy';
/** A level of the administrative structure (districts are legacy only). */
export type Level = 'province' | 'district' | 'commune';
/** Whether a unit went whole into another, or only part of it. */
export type Share = 'whole' | 'partial';
/** `ok`: one unit at the deepest level given; `ambiguous`: several candidates; `error`: none. */
export type Status = 'ok' | 'ambiguous' | 'error';
/** The kind of a unit, as a stable ASCII id. */
export type Kind =
  | 'tinh'
  | 'thanh_pho'
  | 'quan'
  | 'huyen'
  | 'thi_xa'
  | 'phuong'
  | 'xa'
  | 'thi_tran'
  | 'dac_khu';
/** A day, `YYYY-MM-DD`. */
export type DateString = string;

/** A unit reference: zero-padded official code and full official name. */
export interface Ref {
  code: string;
  name: string;
}

/** A current unit a legacy one went into. */
export interface Successor {
  code: string;
  name: string;
  share: Share;
}

/** A legacy unit a current one came from, with its district (`null` for a province or district). */
export interface Predecessor {
  code: string;
  name: string;
  share: Share;
  district: Ref | null;
}

/** Centre, area and population of a current commune; each `null` when unknown. */
export interface Geo {
  lat: number | null;
  lon: number | null;
  area_km2: number | null;
  population: number | null;
}

/** A change of kind since 1 July 2025 (e.g. a province becoming a city). */
export interface KindChange {
  date: DateString;
  kind_before: Kind;
  kind_after: Kind;
  legal_basis: string;
}

/** A unit with its relations, as `dvhc get` prints it. */
export interface Unit {
  code: string;
  name: string;
  kind: Kind;
  level: Level;
  era: Era;
  /** The province it is in; `null` for a province. */
  province: Ref | null;
  /** The legacy district of a legacy commune; else `null`. */
  district: Ref | null;
  successors: Successor[];
  predecessors: Predecessor[];
  short_name: string;
  /** The day the names are shown as of; `null` for now. */
  on: DateString | null;
  resolution: string | null;
  geo: Geo | null;
  changes: KindChange[];
  /** The name in English, without diacritics ("Ho Chi Minh"); data/README.md states the rules. */
  name_en: string;
  /** The full name in English ("Ho Chi Minh City"). */
  full_name_en: string;
  /** A lower-case ASCII identifier ("thanh_pho_ho_chi_minh"). */
  codename: string;
  /** The codename of the short name ("ho_chi_minh"). */
  short_codename: string;
  /** The five-digit postal code of a current commune; else `null`. */
  postal_code: string | null;
  /** The first two digits of a current province's postal codes; else empty. */
  postal_code_prefixes: string[];
  /** The telephone area code of a province (either structure); else `null`. */
  phone_code: number | null;
}

/** A search hit, as `dvhc search` prints it. */
export interface Hit {
  code: string;
  name: string;
  kind: Kind;
  level: Level;
  era: Era;
  province: Ref;
  district: Ref | null;
  score: number;
}

/** What went wrong with one input: a stable `kind` id and a sentence for people. */
export interface ErrorInfo {
  kind: string;
  message: string;
}

/** The units an address names (`district` is `null` in the current structure). */
export interface Units {
  province: Ref | null;
  district: Ref | null;
  commune: Ref | null;
}

/** Another reading of an ambiguous address. */
export interface Reading {
  structure: Era;
  units: Units;
}

/** A parsed address, as `dvhc parse` prints it. */
export interface Address {
  input: string;
  status: Status;
  structure: Era | null;
  units: Units;
  alternatives: Reading[];
  rest: string;
  error: ErrorInfo | null;
}

/** One possible new unit of a translated address. */
export interface Candidate {
  province: Ref;
  commune: Ref | null;
  share: Share;
  distance_km: number | null;
}

/** A translated address, as `dvhc translate` prints it. */
export interface Translation {
  input: string;
  status: Status;
  structure: Era | null;
  /** The legacy units the address was written with; `null` for a current-structure address. */
  legacy: Units | null;
  rest: string;
  /** Every possible new unit; several for a split commune, each `whole` or `partial`. */
  candidates: Candidate[];
  /** The new address, when it resolves to one candidate. */
  formatted: string | null;
  error: ErrorInfo | null;
}

export interface NamesOptions {
  /** Show names in force on this day (`YYYY-MM-DD`); default: now (the newest law). */
  on?: DateString;
}

export interface UnitOptions extends NamesOptions {
  /** The structure; default `current` (`get`: `legacy` for a 3-digit district code). */
  era?: Era;
}

export interface GetOptions extends UnitOptions {
  /** The code is a postal code (`"11120"`): the current commune that has it. Not with `era: 'legacy'` or an `on` before 2025-07-01. */
  postal?: boolean;
}

export interface SearchOptions {
  /** Match names that start with the query (autocomplete). */
  prefix?: boolean;
  /** Tolerate typos (1 edit for 4–7 letters, 2 from 8). Not with `prefix`. */
  fuzzy?: boolean;
  /** Only units inside this province (2 digits) or legacy district (3 digits). */
  within?: string;
  /** At most this many hits. */
  limit?: number;
  era?: Era;
  level?: Level;
}

export interface TranslateOptions extends NamesOptions {
  /** Latitude (WGS 84 degrees), with `lon`: ranks or resolves the candidates of a split commune. */
  lat?: number;
  /** Longitude (WGS 84 degrees), with `lat`. */
  lon?: number;
}

/** What `init` can load the module from. */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<string | URL | Request | Response | BufferSource | WebAssembly.Module>;

/** The version of the official data the tables hold, e.g. "2026-10-10". */
export const dataVersion: string;

/**
 * Loads and instantiates the WebAssembly module (by default `dvhc_bg.wasm` next to the
 * package's JavaScript); the other functions may be called once it resolves. In
 * Node.js the module is loaded on import and this resolves at once.
 */
export function init(source?: InitInput): Promise<void>;
/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/** Every province of a structure (current by default), sorted by code. */
export function provinces(options?: UnitOptions): Unit[];
/** The communes of a province, sorted by code; `null` when no province has the code. */
export function communes(provinceCode: string, options?: UnitOptions): Unit[] | null;
/**
 * One unit by code (2 digits province, 3 legacy district, 5 commune); `null` when none
 * has it. With `postal: true`, the code is a five-digit postal code and the unit the
 * current commune that has it.
 */
export function get(code: string, options?: GetOptions): Unit | null;
/** Units by name, best first; diacritics, case and kind words optional. */
export function search(query: string, options?: SearchOptions): Hit[];
/** A free-text address of either structure, read into its units. */
export function parse(text: string, options?: NamesOptions): Address;
/** An address (old or new structure) in the current structure, with every candidate. */
export function translate(text: string, options?: TranslateOptions): Translation;
