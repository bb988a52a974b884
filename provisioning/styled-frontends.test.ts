import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { allValidStacks, NONE, type Stack } from "./stack";
import { catalogueChoices, findTechnology, HTML_RENDERING_BACKENDS } from "./catalogue";
import { generateProjectFiles } from "./render/generate-project-files";
import { fixedPlanInput } from "./verification/stack-fingerprint";

/**
 * Issue "Generated projects, part 3", items 1-5, on the generated files of every valid stack. What
 * the files do in a real browser is verify:stacks' part (server/verify/browser.ts).
 */
const STACKS = allValidStacks(catalogueChoices());

async function generate(stack: Stack) {
  const { files } = await generateProjectFiles(fixedPlanInput(stack));
  const compose = YAML.parse(files.find((f) => f.path === "docker-compose.yml")!.content) as {
    services: Record<string, { environment?: Record<string, string> }>;
  };
  const setup = files.find((f) => f.path === "setup.sh")!.content;
  return { files, compose, setup };
}

/** The app the CSS styles: the frontend, or the backend when there is none. */
const styledFolder = (stack: Stack) => (stack.frontend !== NONE ? "frontend" : "backend");

/** The app's code that Launchpad writes: its overlay for a generator's app, its starter otherwise. */
const appCode = (files: { path: string; content: string }[], folder: string) =>
  files.filter((f) => f.path.startsWith(`${folder}/overlay/`) || f.path.startsWith(`${folder}/app/`));

const mentions = (files: { content: string }[], pattern: RegExp) =>
  files.some((f) => pattern.test(f.content));

describe("1: the chosen CSS framework is wired into the styled app, and only it", () => {
  it.each(STACKS.map((stack) => [Object.values(stack).join("+"), stack] as const))("%s", async (_, stack) => {
    const { files, setup } = await generate(stack);
    const code = appCode(files, styledFolder(stack));
    const tailwind = /@import\s+["']tailwindcss["']/;
    const bootstrap = /bootstrap(\/dist\/css\/bootstrap|\.min\.css)/;
    if (stack.css === "tailwind") {
      expect(mentions(code, tailwind)).toBe(true);
      // A build that runs Tailwind: Vite's or PostCSS's plugin, or its CLI at setup.
      expect(
        mentions(code, /tailwindcss\(\)|@tailwindcss\/postcss/) || /@tailwindcss\/(cli|vite)/.test(setup),
      ).toBe(true);
      expect(mentions(code, bootstrap)).toBe(false);
    } else if (stack.css === "bootstrap") {
      expect(mentions(code, bootstrap) || /bootstrap\.min\.css/.test(setup)).toBe(true);
      expect(mentions(code, tailwind)).toBe(false);
    } else {
      expect(mentions(code, tailwind)).toBe(false);
      expect(mentions(code, bootstrap)).toBe(false);
      expect(setup).not.toMatch(/tailwindcss@|bootstrap@/);
    }
    // The first page has the marks the browser check reads, and uses the system's fonts.
    const hasPage = stack.frontend !== NONE || HTML_RENDERING_BACKENDS.includes(stack.backend);
    expect(mentions(code, /data-launchpad="?health/)).toBe(hasPage);
    expect(mentions(code, /fonts\.googleapis|next\/font\/google/)).toBe(false);
  });
});

describe("2: Next.js gets Tailwind only when it is chosen, and builds without the internet", () => {
  it("is created without Tailwind; its PostCSS setup comes only with the Tailwind choice", async () => {
    for (const css of [NONE, "tailwind", "bootstrap"]) {
      const { files, setup } = await generate({
        backend: NONE,
        database: "postgresql",
        frontend: "nextjs",
        css,
      });
      expect(setup).toContain("'--no-tailwind'");
      expect(files.some((f) => f.path === "frontend/overlay/postcss.config.mjs")).toBe(css === "tailwind");
      const layout = files.find((f) => f.path === "frontend/overlay/app/layout.tsx")?.content ?? "";
      expect(layout).not.toMatch(/next\/font/);
    }
  });
});

describe("3: Laravel builds the chosen CSS with Node at setup, and only that one", () => {
  const laravel = findTechnology("backend", "laravel");
  it("runs npm's build after installing the framework; none builds nothing", () => {
    if (laravel?.spec.kind !== "app") throw new Error("Laravel is an app");
    expect(laravel.spec.builtInCss).toEqual([]);
    for (const css of ["tailwind", "bootstrap"]) {
      const steps = laravel.spec.cssSteps[css]!;
      expect(steps.at(-1)?.command).toEqual(["npm", "run", "build"]);
      expect(steps.every((step) => step.image?.startsWith("node:"))).toBe(true);
    }
  });
  it("links no Tailwind beside Bootstrap", async () => {
    const { files } = await generate({
      backend: "laravel",
      database: "postgresql",
      frontend: NONE,
      css: "bootstrap",
    });
    const stylesheet = files.find((f) => f.path === "backend/overlay/resources/css/app.css")?.content ?? "";
    expect(stylesheet).toMatch(/bootstrap/);
    expect(stylesheet).not.toMatch(/tailwindcss/);
  });
});

describe("4: a frontend reaches its backend through an API URL given by configuration", () => {
  const withBoth = STACKS.filter((stack) => stack.backend !== NONE && stack.frontend !== NONE);
  it.each(withBoth.map((stack) => [Object.values(stack).join("+"), stack] as const))(
    "%s",
    async (_, stack) => {
      const { files, compose } = await generate(stack);
      const spec = findTechnology("frontend", stack.frontend)?.spec;
      if (spec?.kind !== "app" || !spec.backendUrl)
        throw new Error(`${stack.frontend} declares no backend URL`);
      const backend = findTechnology("backend", stack.backend)?.spec;
      if (backend?.kind !== "app") throw new Error("the backend is an app");
      const { variable, view } = spec.backendUrl;
      expect(compose.services.frontend?.environment?.[variable]).toBe(
        view === "browser" ? "http://127.0.0.1:${APP_PORT}" : `http://backend:${backend.containerPort}`,
      );
      // The page's code reads exactly that variable.
      expect(mentions(appCode(files, "frontend"), new RegExp(`\\b${variable}\\b`))).toBe(true);
      // And the backend answers that frontend's origin.
      expect(compose.services.backend?.environment?.CORS_ORIGINS).toBe("${CORS_ORIGINS}");
    },
  );
});

describe("5: Next.js's dev server serves hot reload to the printed 127.0.0.1 URL", () => {
  it("lists 127.0.0.1 in allowedDevOrigins", async () => {
    const { files } = await generate({
      backend: "express",
      database: "postgresql",
      frontend: "nextjs",
      css: NONE,
    });
    const config = files.find((f) => f.path === "frontend/overlay/next.config.ts")?.content ?? "";
    expect(config).toMatch(/allowedDevOrigins:\s*\[[^\]]*"127\.0\.0\.1"/);
  });
});
