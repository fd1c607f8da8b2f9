import { chromium } from "/work/main/node_modules/playwright-core/index.mjs";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
  ],
});
const page = await browser.newPage();
page.on("console", (m) => {
  if (m.type() === "error" || m.type() === "warning") console.log("console:", m.type(), m.text().slice(0, 300));
});
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto("http://127.0.0.1:5192/" + (process.argv[2] ?? "#/rewards"));
await page.waitForTimeout(3000);
await page.getByRole("button", { name: "Connect wallet" }).click();
await page.getByRole("button", { name: /Test wallet/ }).click();
await page.waitForTimeout(500);
await page.getByLabel("Test account").selectOption(process.argv[3] ?? "1");
await page.waitForTimeout(4000);
if (process.argv[4]) {
  await page.getByRole("link", { name: process.argv[4] }).click();
  await page.waitForTimeout(3000);
}
for (const d of await page.locator("details").all()) await d.locator("summary").click();
await page.waitForTimeout(1500);
console.log((await page.locator("main").innerText()).slice(0, 3000));
await page.screenshot({ path: "/tmp/page.png", fullPage: true });
await browser.close();
