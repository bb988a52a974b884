// Written by Launchpad over the Angular CLI's demo component: the first page, showing the backend's health.
import { Component, OnInit, signal } from "@angular/core";
import { RouterOutlet } from "@angular/router";
import { CHECKING, readBackendHealth, type Health } from "./backend-health";

@Component({
  selector: "app-root",
  imports: [RouterOutlet],
  templateUrl: "./app.html",
  styleUrl: "./app.css",
})
export class App implements OnInit {
  protected readonly title = "Angular app";
  protected readonly health = signal<Health>(CHECKING);
  protected readonly checking = signal(false);

  ngOnInit(): void {
    void this.check();
  }

  protected async check(): Promise<void> {
    this.checking.set(true);
    this.health.set(await readBackendHealth());
    this.checking.set(false);
  }
}
