// Renders JSON Resume documents through JSON Resume themes into PDFs, with
// one headless Chromium for the whole run (a browser per page costs seconds).
//
// Usage: node render-themes.js OUT_DIR THEME[,THEME...] RESUME.json...
// Writes OUT_DIR/<theme>/<stem>.pdf (and .html), skipping a PDF newer than
// its resume. Prints one line per failure; exit 0 unless the browser fails.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
  const [out, themeList, ...resumes] = process.argv.slice(2);
  if (!out || !themeList || resumes.length === 0) {
    console.error('usage: node render-themes.js OUT_DIR THEME[,THEME...] RESUME.json...');
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  // Themes link web fonts and CDNs; the machine has no network: fail fast.
  await page.route(/^https?:/, (route) => route.abort());
  let done = 0;
  let failed = 0;
  for (const theme of themeList.split(',')) {
    const imported = await import(`jsonresume-theme-${theme}`);
    const mod = typeof imported.render === 'function' ? imported : imported.default;
    fs.mkdirSync(path.join(out, theme), { recursive: true });
    for (const file of resumes) {
      const stem = path.basename(file, '.json');
      const pdf = path.join(out, theme, `${stem}.pdf`);
      if (fs.existsSync(pdf) && fs.statSync(pdf).mtimeMs >= fs.statSync(file).mtimeMs) continue;
      try {
        const resume = JSON.parse(fs.readFileSync(file, 'utf8'));
        const html = await Promise.resolve(mod.render(resume));
        const htmlPath = path.join(out, theme, `${stem}.html`);
        fs.writeFileSync(htmlPath, html);
        await page.goto('file://' + path.resolve(htmlPath), { waitUntil: 'load', timeout: 20000 });
        await page.pdf({ path: pdf, format: 'A4', printBackground: true });
        done++;
      } catch (e) {
        failed++;
        console.log(`render-themes: ${theme} ${stem}: ${String(e.message || e).split('\n')[0]}`);
      }
    }
  }
  await browser.close();
  console.error(`render-themes: ${done} rendered, ${failed} failed`);
}

main().catch((e) => { console.error(e); process.exit(1); });
