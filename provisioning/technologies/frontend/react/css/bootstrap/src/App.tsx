import { describeHealth, type BackendHealth } from "./health.ts";
import { useBackendHealth } from "./useBackendHealth.ts";

const HEALTH_ALERTS: Record<BackendHealth["status"], string> = {
  checking: "alert-secondary",
  none: "alert-secondary",
  ok: "alert-success",
  error: "alert-danger",
};

function App() {
  const { health, recheck } = useBackendHealth();

  return (
    <main className="container py-5">
      <div className="row justify-content-center">
        <div className="col-lg-8">
          <h1 data-launchpad="title">Your React app is running</h1>
          <p className="text-body-secondary">
            Edit <code>src/App.tsx</code> and save: the page updates.
          </p>
          <p
            data-launchpad="health"
            data-status={health.status}
            className={`alert ${HEALTH_ALERTS[health.status]}`}
            role="status"
          >
            {describeHealth(health)}
          </p>
          <button data-launchpad="action" type="button" onClick={recheck} className="btn btn-primary">
            Check again
          </button>
        </div>
      </div>
    </main>
  );
}

export default App;
