/**
 * Builds the Teams app package for one environment: fills the manifest's ${{VARIABLE}} values
 * from env/.env.<env> (and env/.env.<env>.user, and the process environment, which win), checks
 * the result against the bundled manifest schema, and writes
 * appPackage/build/appPackage.<env>.zip with the manifest and the two icons.
 *
 *   npm run package            # env "local"
 *   npm run package -- dev     # env "dev"
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';

const ROOT = join(__dirname, '..');
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;
/** May be empty; every other placeholder needs a value. */
const OPTIONAL = new Set(['APP_NAME_SUFFIX']);

export interface PackageResult {
  readonly zipPath: string;
  readonly manifest: Record<string, unknown>;
}

export function readEnvFiles(envName: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const path = join(ROOT, 'env', file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (match) values[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
    }
  }
  return values;
}

export function fillManifest(template: string, values: Record<string, string | undefined>): string {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if ((value === undefined || value === '') && !OPTIONAL.has(name)) missing.add(name);
    return value ?? '';
  });
  if (missing.size > 0) {
    throw new Error(
      `The manifest needs ${[...missing].join(', ')}. Set ${missing.size > 1 ? 'them' : 'it'} in env/.env.<env>, env/.env.<env>.user or the environment.`,
    );
  }
  return filled;
}

export async function buildPackage(
  envName: string,
  env: NodeJS.ProcessEnv,
): Promise<PackageResult> {
  const values = { ...readEnvFiles(envName), ...definedOnly(env) };
  const template = readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8');
  const manifest = JSON.parse(fillManifest(template, values)) as Record<string, unknown>;
  const errors = await validateManifest(manifest);
  if (errors.length > 0) {
    throw new Error(`The manifest does not match its schema:\n  - ${errors.join('\n  - ')}`);
  }
  const buildFolder = join(ROOT, 'appPackage', 'build');
  mkdirSync(buildFolder, { recursive: true });
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  zip.addFile('color.png', readFileSync(join(ROOT, 'appPackage', 'color.png')));
  zip.addFile('outline.png', readFileSync(join(ROOT, 'appPackage', 'outline.png')));
  const zipPath = join(buildFolder, `appPackage.${envName}.zip`);
  zip.writeZip(zipPath);
  writeFileSync(join(buildFolder, `manifest.${envName}.json`), JSON.stringify(manifest, null, 2));
  return { zipPath, manifest };
}

/** Validates against the schema bundled with @microsoft/app-manifest: no network needed. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const { AppManifestUtils } = (await import('@microsoft/app-manifest')) as unknown as {
    AppManifestUtils: { validateAgainstSchema(manifest: unknown): Promise<string[]> };
  };
  return AppManifestUtils.validateAgainstSchema(manifest);
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

if (require.main === module) {
  const envName = process.argv[2] ?? process.env.TEAMSFX_ENV ?? 'local';
  buildPackage(envName, process.env).then(
    ({ zipPath }) => console.log(`Wrote ${zipPath}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
