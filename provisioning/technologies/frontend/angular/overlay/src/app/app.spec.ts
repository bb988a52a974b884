// Written by Launchpad over the Angular CLI's demo test.
import { TestBed } from "@angular/core/testing";
import { App } from "./app";
import { readBackendHealth } from "./backend-health";

describe("App", () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
    }).compileComponents();
  });

  it("renders the title and the health line", async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const compiled = fixture.nativeElement as HTMLElement;
    expect(compiled.querySelector('[data-launchpad="title"]')?.textContent).toContain("Angular app");
    expect(compiled.querySelector('[data-launchpad="health"]')).toBeTruthy();
    expect(compiled.querySelector('[data-launchpad="action"]')).toBeTruthy();
  });

  it("reports no backend when the API URL is empty", async () => {
    expect(await readBackendHealth("")).toEqual({
      status: "none",
      text: "No backend in this stack (API_URL is empty).",
    });
  });
});
