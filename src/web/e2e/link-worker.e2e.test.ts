// The link worker's day, end to end in a real browser: sign in, the caseload and waiting list, a new
// person and referral, a contact, a signpost, a goal, SWEMWBS at baseline and at review with the
// change from baseline, discharge, the account page, sign-out; then the navigation for other roles.
// axe-core runs on every page at 1280 and 768 px (no serious or critical violations allowed) and
// each page is photographed at both widths under test-results/e2e/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchBrowser, writeAxeLog, type Browser } from './browser.js';
import { DEMO_PASSWORD, startApp, type RunningApp } from './server.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const personFamily = `Testperson${Date.now() % 100_000}`;
const personName = `Ada ${personFamily}`;
let personPath = '';

/** Runs axe and takes screenshots; the suite fails at the end if any page had a blocking violation. */
async function check(name: string): Promise<void> {
  const found = await checkPage(page, name);
  problems.push(...found);
  expect(found, found.join('\n')).toEqual([]);
}

/** Waits (up to 5 s) for a value to satisfy the matcher that follows. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 5000, interval: 50 });
const h1 = () => page.getByRole('heading', { level: 1 });
const main = () => page.locator('main');
const status = () => page.locator('main [role="status"]').first();

async function go(path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
}

async function signIn(username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await poll(() => new URL(page.url()).pathname).toBe('/signin');
}

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

async function navItems(): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
}

/** The described-by text of a field: its hint and its error, as a screen reader reads them. */
async function description(selector: string): Promise<string> {
  return page.locator(selector).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

async function answerAll(value: number, items: number): Promise<void> {
  for (let i = 0; i < items; i++) {
    await page
      .locator(`fieldset#f-answers-${i}-`)
      .getByLabel(new RegExp(`^${value}(: .*)?$`))
      .check();
  }
}

describe('web app: a link worker, end to end in Chromium', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startApp(), launchBrowser()]);
    page = browser.page;
  });
  afterAll(async () => {
    const summary = await writeAxeLog();
    console.log(`axe-core, every page at 1280 and 768 px:\n${summary}`);
    await browser.close();
    await server.close();
  });

  it('sends a visitor to sign-in and shows sign-in errors beside the fields', async () => {
    await go('/caseload');
    await poll(() => new URL(page.url()).pathname).toBe('/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/caseload');
    await poll(() => h1().textContent()).toBe('Sign in');
    expect(await page.title()).toBe('Sign in – Linkwork');
    await check('sign-in');

    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await poll(() => summary.textContent()).toContain('Username is required');
    expect(await summary.textContent()).toContain('Password is required');
    // The summary takes focus; each field says what is wrong with it.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await page.locator('#f-username').getAttribute('aria-invalid')).toBe('true');
    expect(await description('#f-username')).toContain('Username is required');
    await check('sign-in-errors');

    await page.getByLabel('Username').fill('linkworker');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => summary.textContent()).toContain('Incorrect username or password');

    await signIn('linkworker');
    await poll(() => new URL(page.url()).pathname).toBe('/caseload');
  });

  it('shows the link worker their caseload, with a navigation for their role and a skip link', async () => {
    await poll(() => h1().textContent()).toBe('My caseload');
    expect(await navItems()).toEqual(['My caseload', 'Waiting list', 'People', 'Your account']);
    expect(await page.getByRole('link', { name: 'My caseload' }).getAttribute('aria-current')).toBe('page');
    expect(await main().textContent()).toMatch(
      /open referrals? assigned to you|No open referrals are assigned to you/,
    );
    await check('caseload');

    // Keyboard: the skip link is the first stop and moves focus to the main content.
    await page.reload();
    await poll(() => h1().textContent()).toBe('My caseload');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('adds a person, with errors beside the fields and duplicates reported by the server', async () => {
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await poll(() => h1().textContent()).toBe('People');
    await check('people');

    await page.getByRole('link', { name: 'Add a person' }).click();
    await poll(() => h1().textContent()).toBe('Add a person');
    await page.getByRole('button', { name: 'Add person' }).click();
    // Checked in the browser with the API's schema and the domain validator.
    await poll(() => description('#f-givenName')).toContain('Given name is required');
    expect(await description('#f-familyName')).toContain('Family name is required');
    expect(await description('#f-dateOfBirth')).toContain('Date of birth is required');
    await check('person-new-errors');

    await page.getByLabel('Given name').fill('Ada');
    await page.getByLabel('Family name').fill(personFamily);
    await page.getByLabel('Date of birth').fill('1961-04-12');
    await page.getByLabel(/^(CHI|NHS) number/).fill('1234567890');
    await page.getByLabel('Postcode').fill('eh1 1aa');
    await page.getByRole('button', { name: 'Add person' }).click();
    await poll(() => description('#f-chiNumber, #f-nhsNumber')).toMatch(/(CHI|NHS) number /);

    await page.getByLabel(/^(CHI|NHS) number/).fill('');
    await page.getByRole('button', { name: 'Add person' }).click();
    await poll(() => h1().textContent()).toBe(personName);
    personPath = new URL(page.url()).pathname;
    expect(await status().textContent()).toContain(`${personName} added`);
    expect(await main().textContent()).toContain('EH1 1AA');

    // The same family name and date of birth again: the server reports a possible duplicate.
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.getByLabel('Given name').fill('Adah');
    await page.getByLabel('Family name').fill(personFamily);
    await page.getByLabel('Date of birth').fill('1961-04-12');
    await page.getByRole('button', { name: 'Add person' }).click();
    await poll(() => description('#f-familyName')).toContain('Family name may be a duplicate');
    const notice = page.getByRole('region', { name: 'Possible duplicate' });
    expect(await notice.getByRole('link').allTextContents()).toEqual([`${personName}, born 12 Apr 1961`]);
    expect(await page.getByLabel('I have checked: this is a different person').isVisible()).toBe(true);
    await check('person-new-duplicate');
    await notice.getByRole('link').click();
    await poll(() => h1().textContent()).toBe(personName);
  });

  it('adds a referral; the scheme policy the server enforces shows beside the field', async () => {
    await page.getByRole('link', { name: 'Add a referral' }).click();
    await poll(() => h1().textContent()).toBe('Add a referral');
    await page.getByRole('button', { name: 'Add referral' }).click();
    await poll(() => description('#f-route')).toContain('Referral route is required');
    await check('referral-new');

    // This scheme takes GP referrals only (a rule the server holds: a 422 policy violation).
    await page.getByLabel('Referral route').selectOption('self_referral');
    await page.getByRole('button', { name: 'Add referral' }).click();
    await poll(() => description('#f-route')).toContain('Referral route');
    expect(await page.locator('.error-summary').textContent()).toContain(
      "The scheme's policy does not allow this referral",
    );

    await page.getByLabel('Referral route').selectOption('gp_practice');
    await page.getByLabel('Referrer’s name').fill('Dr Example');
    await page.getByLabel('Reason for referral').fill('Lonely since moving; wants to meet people');
    await page
      .getByRole('group', { name: /^Needs/ })
      .getByLabel('Loneliness or social isolation')
      .check();
    await page
      .getByRole('group', { name: /^Consent to share/ })
      .getByLabel('Yes')
      .check();
    // Left unassigned, it waits on the scheme's waiting list.
    const assign = page.getByLabel('Assign to me (it goes on my caseload)');
    expect(await assign.isChecked()).toBe(true);
    await assign.uncheck();
    await page.getByRole('button', { name: 'Add referral' }).click();
    await poll(() => status().textContent()).toContain('Referral added');
    expect(new URL(page.url()).pathname).toBe(personPath);
    expect(await page.locator('#referrals-title ~ article h3').textContent()).toContain('Waiting');
    expect(await page.locator('.timeline').textContent()).toContain(
      'Referred (GP practice staff (any role))',
    );
    expect(await page.locator('.timeline').textContent()).toContain('Needs: Loneliness or social isolation');
    expect(await page.locator('#referrals-title ~ article').textContent()).toContain(
      'Link workerNot assigned',
    );
  });

  it('lists the new referral on the waiting list, where the link worker takes it on', async () => {
    await page.getByRole('link', { name: 'Waiting list' }).click();
    await poll(() => h1().textContent()).toBe('Waiting list');
    // After moving within the app, focus goes to the new page's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const row = page.locator('tbody tr').filter({ hasText: personName });
    await poll(() => row.count()).toBe(1);
    expect(await row.locator('td').nth(0).textContent()).toMatch(/\d{4}$/);
    await check('waiting-list');

    await row.getByRole('button', { name: `Assign to me (${personName})` }).click();
    await poll(() => status().textContent()).toContain(`${personName} is assigned to you`);
    await poll(() => row.locator('td').last().textContent()).toBe('You');
    await row.getByRole('link', { name: personName }).click();
    await poll(() => h1().textContent()).toBe(personName);
    expect(await page.locator('#referrals-title ~ article').textContent()).toContain('Link workerYou');
  });

  it('accepts the referral (the person agreed) and records a contact', async () => {
    await page.getByRole('link', { name: 'Accept or decline' }).click();
    await poll(() => h1().textContent()).toBe('Change the referral’s status');
    await check('referral-accept');
    await page.getByLabel('The person accepted the service: start support').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => status().textContent()).toContain('Referral accepted');
    expect(await page.locator('#referrals-title ~ article h3').textContent()).toContain('Active');

    await page.getByRole('link', { name: 'Record a contact' }).click();
    await poll(() => h1().textContent()).toBe('Record a contact');
    await page.getByRole('button', { name: 'Record contact' }).click();
    await poll(() => description('#f-mode')).toContain('How is required');
    await page.getByLabel('How').selectOption('face_to_face');
    await page.getByLabel('Duration in minutes').fill('45');
    await page.getByLabel('Notes').fill('First meeting at the library café.');
    await check('contact-new');
    await page.getByRole('button', { name: 'Record contact' }).click();
    await poll(() => status().textContent()).toContain('Contact recorded');
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('Contact: Face to face, attended');
    expect(timeline).toContain('45 minutes');
    expect(timeline).toContain('First meeting at the library café.');
  });

  it('records a signpost to a service found in the directory', async () => {
    await page.getByRole('link', { name: 'Record a signpost' }).click();
    await poll(() => h1().textContent()).toBe('Record a signpost');
    await page.getByLabel('Need it meets').selectOption('loneliness');
    await page.getByRole('button', { name: 'Search the directory' }).click();
    const services = page.getByRole('group', { name: /^Service/ });
    await poll(() => services.getByRole('radio').count()).toBeGreaterThan(1);
    const first = services.getByRole('radio').first();
    expect(await first.isChecked()).toBe(true);
    const serviceName = ((await services.locator('label').first().textContent()) ?? '').split(',')[0] ?? '';
    await check('signpost-new');
    await page.getByRole('button', { name: 'Record signpost' }).click();
    await poll(() => status().textContent()).toContain(`Signpost to ${serviceName} recorded`);
    expect(await page.locator('.timeline').textContent()).toContain(`Signposted to ${serviceName}`);
  });

  it('adds a goal', async () => {
    await page.getByRole('link', { name: 'Add a goal' }).click();
    await poll(() => h1().textContent()).toBe('Add a goal');
    await page.getByLabel('Importance to the person').fill('11');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await poll(() => description('#f-description')).toContain('Goal is required');
    expect(await description('#f-importance')).toContain('Importance to the person must be between 1 and 10');
    await page.getByLabel('Goal', { exact: false }).first().fill('Join a walking group by the spring');
    await page.getByLabel('Importance to the person').fill('8');
    await check('goal-new');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await poll(() => status().textContent()).toContain('Goal added');
    expect(await page.locator('.timeline').textContent()).toContain(
      'Goal: Join a walking group by the spring',
    );
  });

  it('enters SWEMWBS at baseline, scoring as the items are answered', async () => {
    await page.getByRole('link', { name: 'Record a questionnaire' }).click();
    await poll(() => h1().textContent()).toBe('Record a questionnaire');
    expect(await page.getByLabel('Questionnaire').inputValue()).toBe('swemwbs');
    expect(await page.getByLabel('Time point').inputValue()).toBe('baseline');
    const panel = page.locator('.score-panel');
    await poll(() => panel.textContent()).toContain('0 of 7 answered');

    await answerAll(3, 3);
    await poll(() => panel.textContent()).toContain('3 of 7 answered');
    expect(await panel.textContent()).toContain('scored only when all 7 items are answered');

    await answerAll(3, 7); // raw 21 -> metric 19.25 (Rasch table, Stewart-Brown et al. 2009)
    await poll(() => panel.locator('[data-measure="metric"]').textContent()).toBe('19.25');
    expect(await panel.locator('[data-measure="raw"]').textContent()).toBe('21');
    expect(await panel.textContent()).toContain('no published bands');
    await check('questionnaire-baseline');
    await page.getByRole('button', { name: 'Save SWEMWBS' }).click();
    await poll(() => status().textContent()).toContain('SWEMWBS recorded');
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('SWEMWBS at baseline');
    expect(timeline).toContain('SWEMWBS metric score: 19.25');
  });

  it('shows bands as items are answered for an instrument that has them (GAD-7)', async () => {
    await page.getByRole('link', { name: 'Record a questionnaire' }).click();
    await poll(() => h1().textContent()).toBe('Record a questionnaire');
    await page.getByLabel('Questionnaire').selectOption('gad7');
    await answerAll(1, 7); // total 7: "Mild" (5-9; Spitzer et al. 2006)
    const panel = page.locator('.score-panel');
    await poll(() => panel.locator('[data-measure="total"]').textContent()).toBe('7');
    expect(await panel.locator('.band').textContent()).toBe('Mild');
    await page.locator('fieldset#f-answers-0-').getByLabel(/^3/).check(); // total 9: still mild
    await page.locator('fieldset#f-answers-1-').getByLabel(/^3/).check(); // total 11: moderate
    await poll(() => panel.locator('.band').textContent()).toBe('Moderate');
    await check('questionnaire-gad7');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await poll(() => h1().textContent()).toBe(personName);
  });

  it('enters SWEMWBS at review and sees the change from baseline, before and after saving', async () => {
    await page.getByRole('link', { name: 'Record a questionnaire' }).click();
    await poll(() => h1().textContent()).toBe('Record a questionnaire');
    expect(await page.getByLabel('Time point').inputValue()).toBe('review');
    await answerAll(4, 7); // raw 28 -> metric 25.03: +5.78 from 19.25, past the MID of 1.03
    const panel = page.locator('.score-panel');
    await poll(() => panel.locator('[data-measure="metric"]').textContent()).toBe('25.03');
    const change = await panel.locator('.change').textContent();
    expect(change).toContain('SWEMWBS metric score: +5.78');
    expect(change).toContain('19.25 at baseline');
    expect(change).toContain('improved');
    await check('questionnaire-review');
    await page.getByRole('button', { name: 'Save SWEMWBS' }).click();
    await poll(() => status().textContent()).toContain('SWEMWBS recorded');
    expect(await page.locator('.timeline > li').first().textContent()).toContain('SWEMWBS at review');
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('SWEMWBS at review');
    expect(timeline).toContain(
      'Change from baseline in SWEMWBS metric score: +5.78 (19.25 to 25.03), improved',
    );
    expect(timeline).toContain('Change from baseline in SWEMWBS raw total: +7 (21 to 28)');
    await check('person-record');
  });

  it('shows the person on the caseload, then discharges them', async () => {
    await page.getByRole('link', { name: 'My caseload' }).click();
    const row = page.locator('tbody tr').filter({ hasText: personName });
    await poll(() => row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toContain('Active');
    expect(await row.locator('td.numeric').textContent()).toBe('1');
    await row.getByRole('link', { name: personName }).click();
    await poll(() => h1().textContent()).toBe(personName);

    await page.getByRole('link', { name: 'Discharge' }).click();
    await poll(() => h1().textContent()).toBe('Change the referral’s status');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => description('#f-dischargeReason')).toContain('Reason for discharge is required');
    await page.getByLabel('Reason for discharge').selectOption({ index: 1 });
    const reason =
      (await page.getByLabel('Reason for discharge').locator('option:checked').textContent()) ?? '';
    await check('referral-discharge');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => status().textContent()).toContain('Discharged');
    expect(await page.locator('.timeline li').first().textContent()).toContain(
      `Discharged: ${reason.toLowerCase()}`,
    );
    expect(await page.getByRole('link', { name: 'Record a contact' }).count()).toBe(0);
  });

  it('shows the account, with a server error beside the field, and signs out', async () => {
    await page.getByRole('link', { name: 'Your account' }).click();
    await poll(() => h1().textContent()).toBe('Your account');
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a brand new long password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => description('#f-currentPassword'))
      .toContain('Current password is not your current password');
    await check('account');

    await signOut();
    expect(await status().textContent()).toContain('You have signed out');
    await go('/people');
    await poll(() => new URL(page.url()).pathname).toBe('/signin');
  });

  it('shows a scheme manager and an administrator only what their roles permit', async () => {
    await go('/');
    await signIn('manager');
    await poll(() => h1().textContent()).toBe('Welcome, Demo scheme manager');
    expect(await navItems()).toEqual([
      'Waiting list',
      'People',
      'Delivery models',
      'Outcomes',
      'Trends by month',
      'Data quality',
      'Your account',
    ]);
    await check('home-manager');
    await go(personPath);
    await poll(() => h1().textContent()).toBe(personName);

    // The session ends (cookie gone): the next API call returns to sign-in, and back afterwards.
    await browser.context.clearCookies();
    await page.getByRole('link', { name: 'Waiting list' }).click();
    await poll(() => h1().textContent()).toBe('Sign in');
    expect(await status().textContent()).toContain('Your session has ended');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/waiting-list');
    await signIn('manager');
    await poll(() => h1().textContent()).toBe('Waiting list');
    await signOut();

    await signIn('admin');
    await poll(() => h1().textContent()).toBe('Welcome, Demo administrator');
    expect(await navItems()).toEqual([
      'Delivery models',
      'Outcomes',
      'Trends by month',
      'Data quality',
      'Your account',
    ]);
    await check('home-admin');
    await go('/people');
    await poll(() => h1().textContent()).toBe('Page not found');
    await check('not-found');
    await signOut();
  });

  it('shows a regional lead the model comparison, outcomes and data quality as charts and tables, with no names', async () => {
    await go('/');
    await signIn('lead');
    await poll(() => h1().textContent()).toBe('Welcome, Demo regional lead');
    expect(await navItems()).toEqual([
      'Delivery models',
      'Outcomes',
      'Trends by month',
      'Data quality',
      'Your account',
    ]);
    await nav('Delivery models');
    await poll(() => h1().textContent()).toBe('Delivery models compared');
    await poll(() => page.locator('figure.chart .recharts-wrapper').count()).toBeGreaterThanOrEqual(3);
    await poll(() => page.locator('table caption').first().textContent()).toBe(
      'Referrals, contacts and signposts',
    );
    const text = (await main().textContent()) ?? '';
    expect(text).toContain('NHS England');
    expect(text).not.toContain(personFamily);
    // Every count shown is 0, * or a multiple of 5 (disclosure control is applied by the server).
    const received = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
    expect(received.length).toBeGreaterThan(0);
    for (const v of received) expect(v === '*' || v === '-' || Number(v) % 5 === 0).toBe(true);
    await check('evaluation-models');

    await nav('Outcomes');
    await poll(() => h1().textContent()).toBe('Outcomes by delivery model');
    await poll(() => page.locator('table caption').count()).toBe(2);
    await check('evaluation-outcomes');

    await nav('Data quality');
    await poll(() => h1().textContent()).toBe('Data quality by scheme');
    await poll(() => page.locator('figure.chart .recharts-wrapper').count()).toBe(1);
    await check('evaluation-data-quality');
    // The same league table as CSV, with disclosure control applied.
    const link = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    const csv = await page.request.get(`${server.url}${link ?? ''}`);
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body).toContain('Overall score (%)');
    expect(body).toContain('Disclosure control: NHS England');
    expect(body).not.toContain(personFamily);
    await signOut();
  });

  it('shows a scheme manager their schemes month by month', async () => {
    await signIn('manager');
    await poll(() => h1().textContent()).toBe('Welcome, Demo scheme manager');
    await nav('Trends by month');
    await poll(() => h1().textContent()).toBe('Referrals and waits by month');
    await poll(() => page.locator('figure.chart .recharts-wrapper').count()).toBe(3);
    await check('evaluation-trends');
    // Another period: the form reloads the figures.
    await page.getByLabel('Referrals from').fill('2024-04-01');
    await page.getByLabel('to', { exact: true }).fill('2024-06-30');
    await page.getByRole('button', { name: 'Show' }).click();
    // Only months in the chosen quarter (months with no referrals have no row), then the total.
    await poll(async () => {
      const rows = await page.locator('table tbody tr th').allTextContents();
      return (
        rows.length > 1 && rows.slice(0, -1).every((m) => /^2024-0[4-6]$/.test(m)) && rows.at(-1) === 'All'
      );
    }).toBe(true);
    await signOut();
  });

  it('found no serious or critical accessibility violation on any page', () => {
    expect(problems).toEqual([]);
  });
});
