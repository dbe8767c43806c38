// One model file as loaded, in a form a cache can keep (plain JSON), and back (issue 13: a file whose
// contents and local imports did not change is not imported again). Pure. A model keeps what the rest
// of the pipeline reads of it: its data, its brand, and its definition site (site.ts), which tells a
// model's own file from a barrel that re-exports it and gives findings their line.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding } from '../diff/findings.ts';
import { definitionSite, setSite } from './site.ts';
import { MODEL_BRAND, type LoadedModel, type Model } from './types.ts';

/** A model as stored: the site's file relative to the project root, `/`-separated. */
export interface StoredModel {
  name: string;
  exportName: string;
  model: Omit<Model, typeof MODEL_BRAND>;
  site?: { file: string; line: number };
}

/** What loading one model file gave: its models, and the findings of loading it (no model exported). */
export interface StoredFile {
  models: StoredModel[];
  findings: Finding[];
}

/** True for a value JSON keeps as it is: plain objects and arrays of strings, finite numbers, booleans and null. */
function isPlain(value: unknown, inArray = false): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (value === undefined) return !inArray; // an absent property either way; in an array JSON writes null
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((v) => isPlain(v, true));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlain(v));
}

/**
 * Use after importing a model file: its load as a cache keeps it, or undefined when a model holds a
 * value JSON would change (a Date, a class instance...): such a file is imported every run.
 */
export function storeFile(root: string, models: LoadedModel[], findings: Finding[]): StoredFile | undefined {
  const stored: StoredModel[] = [];
  for (const lm of models) {
    if (!isPlain(lm.model)) return undefined;
    const site = definitionSite(lm.model);
    const siteFile = site && relative(root, site.file).split('\\').join('/');
    stored.push({ name: lm.name, exportName: lm.exportName, model: { ...lm.model }, ...(site ? { site: { file: siteFile!, line: site.line } } : {}) });
  }
  if (!isPlain(findings)) return undefined;
  return JSON.parse(JSON.stringify({ models: stored, findings })) as StoredFile;
}

/** Use to put a stored file's models back: branded, frozen, their site restored (absolute, under `root`). */
export function restoreFile(root: string, file: string, stored: StoredFile): { models: LoadedModel[]; findings: Finding[] } {
  const models = stored.models.map((s): LoadedModel => {
    const model = { [MODEL_BRAND]: true as const, ...s.model } as Model;
    if (s.site) setSite(model, isAbsolute(s.site.file) ? s.site.file : resolve(root, s.site.file), s.site.line);
    return { name: s.name, file, exportName: s.exportName, model: Object.freeze(model) };
  });
  return { models, findings: stored.findings };
}

/**
 * Use to tell one model from another across files, whether imported this run or restored: the same
 * definition (its site and its contents) reached through two files (a barrel that re-exports it) is
 * one model. A model without a site is itself only.
 */
export function modelIdentity(model: Model): unknown {
  const site = definitionSite(model);
  return site ? `${site.file}:${site.line}\0${JSON.stringify(model)}` : model;
}
