// init's data: what it is asked, what each step did, and what the steps share while it runs.
import type { PackageJson } from './detect.ts';

export interface InitOptions {
  /** The project root (where package.json is). */
  cwd: string;
  /** Replace files that exist and differ. */
  force?: boolean;
  /** Environment (HUSKY=0 is honoured, as husky does); default process.env. */
  env?: Record<string, string | undefined>;
}

/** created: new file or setting; updated: changed; unchanged: already as init wants it; skipped: left alone, `message` says why. */
export type InitStatus = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface InitAction {
  status: InitStatus;
  /** What it concerns: a path relative to the project root, or 'git hooks'. */
  target: string;
  message: string;
}

export interface InitResult {
  actions: InitAction[];
  /** What the user should do next, in order. */
  nextSteps: string[];
  /** True when any file or git setting changed. */
  changed: boolean;
}

/** The project as init found it, and where each step reports what it did. */
export interface InitContext {
  /** The project root, absolute. */
  root: string;
  force: boolean;
  env: Record<string, string | undefined>;
  /** The git repository's top level. */
  topLevel: string;
  /** The project's folder relative to the top level, '/'-separated; '' at the top. */
  subdir: string;
  /** husky's folder relative to the top level ('.husky', or '<subdir>/.husky'). */
  huskyDirRel: string;
  pkg: PackageJson;
  /** package.json's indentation and text, so a rewrite only shows the keys init added. */
  indent: string | number;
  pkgText: string;
  /** Record what a step did. */
  act(status: InitStatus, target: string, message: string): void;
  /** What the user should do next, in order (steps append). */
  next: string[];
}
