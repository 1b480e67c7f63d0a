import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const manifest = parse(readFileSync(fileURLToPath(new URL('../manifest.yml', import.meta.url)), 'utf8'));
// Slack's published manifest schema is reference material beside the project (never copied in).
const SCHEMA = fileURLToPath(new URL('../../shared/data/slack-app-manifest.schema.2.0.0.json', import.meta.url));

describe('manifest.yml', () => {
  it.skipIf(!existsSync(SCHEMA))("validates against Slack's published app manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('declares every slash command the bot answers, with a description and usage hint', () => {
    const commands = manifest.features.slash_commands as { command: string; description: string; usage_hint: string; should_escape: boolean }[];
    expect(commands.map((c) => c.command).sort()).toEqual(['/caseload', '/checkin', '/outreach', '/visit']);
    for (const c of commands) {
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.usage_hint.length).toBeGreaterThan(0);
    }
    // Mentions must arrive as <@U…|name> for `/caseload staff add`.
    expect(commands.find((c) => c.command === '/caseload')?.should_escape).toBe(true);
  });

  it('turns on Socket Mode, interactivity with the options URL, App Home and the bot user, in Chinese and English', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true, message_menu_options_url: expect.stringMatching(/\/slack\/events$/) });
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.display_information.description).toMatch(/[\u4e00-\u9fff]/);
    expect(manifest.display_information.description).toMatch(/[A-Za-z]{4,}/);
  });

  it('asks for the minimum bot scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:read', 'files:write', 'groups:history', 'im:history', 'im:write', 'users:read']);
  });
});
