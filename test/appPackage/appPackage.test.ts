import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { parse } from 'yaml';
import { buildPackage, fillManifest, validateManifest } from '../../scripts/package';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { COMMANDS, helpText, recognizeCommand } from '../../src/edges/teams/commands';

const ROOT = join(__dirname, '..', '..');

interface ManifestBot {
  scopes: string[];
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}

/** Width, height and RGBA pixels of a PNG written with filter 0 (as scripts/makeIcons.ts does). */
function readPng(path: string): { width: number; height: number; pixels: Buffer } {
  const file = readFileSync(path);
  assert.equal(file.subarray(1, 4).toString('ascii'), 'PNG');
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  assert.equal(file[24], 8, 'bit depth 8');
  assert.equal(file[25], 6, 'RGBA');
  const data: Buffer[] = [];
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at);
    if (file.subarray(at + 4, at + 8).toString('ascii') === 'IDAT')
      data.push(file.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    assert.equal(raw[y * (width * 4 + 1)], 0, 'filter type 0');
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('the Teams app package', function () {
  this.timeout(60_000);

  it('npm run package writes a zip with exactly the manifest and the two icons', async () => {
    const { zipPath } = await buildPackage('local', {});
    assert.ok(zipPath.endsWith(join('appPackage', 'build', 'appPackage.local.zip')));
    const names = new AdmZip(zipPath)
      .getEntries()
      .map((e) => e.entryName)
      .sort();
    assert.deepEqual(names, ['color.png', 'manifest.json', 'outline.png']);
  });

  it('the generated manifest validates against the bundled v1.30 schema with zero errors', async () => {
    const { zipPath } = await buildPackage('local', {});
    const manifest = JSON.parse(new AdmZip(zipPath).readAsText('manifest.json')) as Record<
      string,
      unknown
    >;
    assert.equal(manifest.manifestVersion, '1.30');
    assert.deepEqual(await validateManifest(manifest), []);
    assert.ok(!JSON.stringify(manifest).includes('${{'), 'every value was filled in');
  });

  it('the validator does catch a wrong manifest', async () => {
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'appPackage', 'build', 'manifest.local.json'), 'utf8'),
    ) as { bots: ManifestBot[] };
    manifest.bots[0]!.scopes = ['groupchat'];
    assert.ok((await validateManifest(manifest as unknown as Record<string, unknown>)).length > 0);
  });

  it('fails with a message naming every missing value', async () => {
    await assert.rejects(buildPackage('missing-env', {}), /needs TEAMS_APP_ID, BOT_DOMAIN, BOT_ID/);
    assert.throws(() => fillManifest('"${{BOT_ID}}"', { BOT_ID: '' }), /needs BOT_ID/);
  });

  it('takes values from the environment over the env files', async () => {
    const { manifest } = await buildPackage('local', { BOT_DOMAIN: 'bot.contoso.example' });
    assert.deepEqual(manifest.validDomains, ['bot.contoso.example']);
  });

  describe('commands', () => {
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'appPackage', 'manifest.json'), 'utf8'),
    ) as { bots: ManifestBot[] };
    const bot = manifest.bots[0]!;
    const listed = new Set(bot.commandLists.flatMap((l) => l.commands.map((c) => c.title)));

    it('offers the bot in personal, team and group chat scopes, with a command list for each', () => {
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.deepEqual(bot.commandLists.flatMap((l) => l.scopes).sort(), [
        'groupChat',
        'personal',
        'team',
      ]);
    });

    it('lists only commands the bot understands, and all the ones a user starts from', () => {
      for (const title of listed)
        assert.ok(recognizeCommand(title), `"${title}" is not a command the bot handles`);
      const startable = COMMANDS.map((c) => c.command).filter(
        (c) => c !== 'cancel' && c !== 'start over',
      );
      assert.deepEqual([...listed].sort(), startable.sort());
    });

    it("the bot's help lists the same commands", () => {
      for (const title of listed) assert.ok(helpText().includes(`**${title}**`), title);
    });
  });

  describe('icons', () => {
    it('color.png is 192x192', () => {
      const { width, height } = readPng(join(ROOT, 'appPackage', 'color.png'));
      assert.deepEqual([width, height], [192, 192]);
    });

    it('outline.png is 32x32, white on transparent', () => {
      const { width, height, pixels } = readPng(join(ROOT, 'appPackage', 'outline.png'));
      assert.deepEqual([width, height], [32, 32]);
      let transparent = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) transparent += 1;
        else assert.deepEqual([pixels[i], pixels[i + 1], pixels[i + 2]], [255, 255, 255]);
      }
      assert.ok(transparent > 0 && transparent < width * height);
    });
  });

  it('every JSON file the Agents Toolkit YAML refers to exists and parses', () => {
    let checked = 0;
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const strings: string[] = [];
      // Files the toolkit writes (outputFilePath, outputZipPath) need not exist yet.
      const visit = (node: unknown, key = '') => {
        if (typeof node === 'string' && !key.startsWith('output')) strings.push(node);
        else if (node && typeof node === 'object')
          Object.entries(node).forEach(([k, value]) => visit(value, k));
      };
      visit(parse(readFileSync(join(ROOT, file), 'utf8')));
      for (const path of strings.filter((s) => s.startsWith('./') && s.endsWith('.json'))) {
        assert.ok(existsSync(join(ROOT, path)), `${file} refers to ${path}`);
        JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
        checked += 1;
      }
    }
    assert.ok(checked >= 3);
  });

  it('the Bicep file provisions exactly the containers the bot uses, with their partition keys', () => {
    const bicep = readFileSync(join(ROOT, 'infra', 'azure.bicep'), 'utf8');
    const provisioned = [...bicep.matchAll(/\{ name: '([^']+)', partitionKey: '([^']+)' \}/g)].map(
      (m) => [m[1], m[2]],
    );
    assert.deepEqual(
      provisioned.sort(),
      Object.values(CONTAINERS)
        .map((c) => [c.id, c.partitionKey])
        .sort(),
    );
  });
});
