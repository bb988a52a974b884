import { describeHealth } from "./health.ts";
import { useBackendHealth } from "./useBackendHealth.ts";

function App() {
  const { health, recheck } = useBackendHealth();

  return (
    <main className="page">
      <h1 data-launchpad="title">Your React app is running</h1>
      <p>
        Edit <code>src/App.tsx</code> and save: the page updates.
      </p>
      <p data-launchpad="health" data-status={health.status} className="health" role="status">
        {describeHealth(health)}
      </p>
      <button data-launchpad="action" type="button" onClick={recheck}>
        Check again
      </button>
    </main>
  );
}

export default App;
