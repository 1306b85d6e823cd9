// The language switch of the demo portal: the settings page sets Italian, then Russian, and the KPI card of a component
// follows, without a reload. The Italian card shows no English text of the plugin: no part of an English message
// (plugins/customer-kpis/src/translations/ref.ts) that no Italian message (it.ts) holds, and no English month name.
// Needs the app's language API to list the languages (`api:app/app-language` in app-config.yaml).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { launchBrowser, openAsGuest, screenshotPath } = require('./browser');

const TRANSLATIONS = path.resolve(
  __dirname,
  '../../plugins/customer-kpis/src/translations',
);
const COMPONENT_PATH = '/catalog/default/component/checkout-service';
const { KPI_IDS: KPIS } = require('./kpis');

/**
 * The message texts of a translation file, from the part that starts at `start`: its quoted strings that are not
 * keys (a key is followed by a colon). Read as text, since the files are TypeScript.
 */
function messageTexts(file, start) {
  const source = fs.readFileSync(path.join(TRANSLATIONS, file), 'utf8');
  const from = source.indexOf(start);
  assert.ok(from >= 0, `${file} has ${start}`);
  const block = source.slice(from, source.indexOf('\n};', from));
  return [...block.matchAll(/'((?:[^'\\]|\\.)*)'(\s*:)?/g)]
    .filter(match => !match[2])
    .map(match => match[1].replace(/\\(.)/g, '$1'));
}

/** The literal parts of a message (between its placeholders) with a word of three letters or more, lower case. */
function fragments(text) {
  return text
    .split(/\{\{[^}]*\}\}/)
    .map(part => part.trim().toLowerCase())
    .filter(part => /\p{L}{3}/u.test(part));
}

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const whole = text =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escape(text)}(?![\\p{L}\\p{N}])`, 'u');

/** English month names, short and long, that Italian does not write alike ("mar", "apr" and "nov" it does). */
function englishMonths() {
  const names = locale =>
    Array.from({ length: 12 }, (_, month) =>
      ['short', 'long'].map(width =>
        new Date(Date.UTC(2025, month, 15))
          .toLocaleDateString(locale, { month: width, timeZone: 'UTC' })
          .toLowerCase()
          .replace(/\.$/, ''),
      ),
    ).flat();
  const italian = new Set(names('it-IT'));
  return [...new Set(names('en-US'))].filter(name => !italian.has(name));
}

/** The English parts of the plugin's messages that no Italian message holds, each with its pattern. */
function englishOnlyParts() {
  const italian = messageTexts('it.ts', 'messages: {').map(text =>
    text.toLowerCase(),
  );
  const parts = new Set(
    messageTexts('ref.ts', 'export const customerKpisMessages')
      .flatMap(fragments)
      .filter(part => !italian.some(text => text.includes(part))),
  );
  assert.ok(parts.size > 100, `English parts read from ref.ts: ${parts.size}`);
  return [...parts, ...englishMonths()].map(part => ({
    part,
    pattern: whole(part),
  }));
}

/** What an element shows and names: its text, and the aria-label and title of it and everything in it. */
async function shownTexts(locator) {
  return locator.evaluate(element => {
    const texts = [element.innerText];
    for (const node of [element, ...element.querySelectorAll('*')]) {
      for (const attribute of ['aria-label', 'title']) {
        const value = node.getAttribute(attribute);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

/** Sets the language on the settings page with its language picker (the only select there). */
async function chooseLanguage(page, label, code) {
  const picker = page.getByTestId('select');
  await picker.waitFor({ timeout: 60_000 }).catch(() => {
    throw new Error(
      'the settings page shows no language picker: the app lists one language only ' +
        '(api:app/app-language in app-config.yaml should list en, es, fr, it and ru)',
    );
  });
  await picker.locator('[aria-haspopup="listbox"]').click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await page.waitForFunction(
    expected => window.localStorage.getItem('language') === expected,
    code,
  );
}

/** Opens the component page from the catalog in the app (a reload would sign the guest out). */
async function openComponentFromCatalog(page) {
  await page.locator('nav a[href="/"]').first().click();
  await page
    .getByRole('link', { name: 'Checkout Service', exact: true })
    .click({ timeout: 60_000 });
  await page.waitForURL(`**${COMPONENT_PATH}`);
}

/** The KPI card once its title is `title` and every tile shows a value. */
async function loadedCard(page, title) {
  const card = page.getByTestId('customer-kpis-card');
  await card.waitFor({ timeout: 60_000 });
  await card.getByText(title, { exact: true }).waitFor({ timeout: 30_000 });
  for (const kpi of KPIS) {
    await card.getByTestId(`kpi-value-${kpi}`).waitFor({ timeout: 60_000 });
  }
  await card.scrollIntoViewIfNeeded();
  return card;
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the settings page switches the card to Italian, with no English left, and to Russian', async () => {
  const page = await openAsGuest(browser, '/settings');

  await chooseLanguage(page, 'Italiano', 'it');
  await openComponentFromCatalog(page);
  const italianCard = await loadedCard(page, 'KPI dei clienti');
  // The card is first on the overview: the pointer may rest on a tile after the click and open its tooltip.
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => !document.querySelector('[role="tooltip"]'));
  await italianCard.screenshot({ path: screenshotPath('card-it') });

  // The card and the details of a tile, shown on hover.
  const shown = await shownTexts(italianCard);
  await italianCard.getByTestId('kpi-tile-recommend').hover();
  const tooltip = page.getByRole('tooltip');
  await tooltip.waitFor({ timeout: 10_000 });
  shown.push(...(await shownTexts(tooltip)));
  const text = shown.join('\n').toLowerCase();
  const english = englishOnlyParts()
    .filter(({ pattern }) => pattern.test(text))
    .map(({ part }) => part);
  assert.deepEqual(
    english,
    [],
    `English on the Italian card:\n${shown.join('\n')}`,
  );

  await page.locator('nav a[href="/settings"]').click();
  await chooseLanguage(page, 'Русский', 'ru');
  await openComponentFromCatalog(page);
  const russianCard = await loadedCard(page, 'Клиентские KPI');
  await page.mouse.move(0, 0);
  await russianCard.screenshot({ path: screenshotPath('card-ru') });
});
