import { describeHealth, type BackendHealth } from "./health.ts";
import { useBackendHealth } from "./useBackendHealth.ts";

const HEALTH_COLORS: Record<BackendHealth["status"], string> = {
  checking: "border-gray-300 text-gray-700",
  none: "border-gray-300 text-gray-700",
  ok: "border-green-300 bg-green-50 text-green-800",
  error: "border-red-300 bg-red-50 text-red-800",
};

function App() {
  const { health, recheck } = useBackendHealth();

  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 data-launchpad="title" className="text-3xl font-bold">
        Your React app is running
      </h1>
      <p className="mt-2 text-gray-600">
        Edit <code className="font-mono">src/App.tsx</code> and save: the page updates.
      </p>
      <p
        data-launchpad="health"
        data-status={health.status}
        className={`mt-6 rounded-md border px-4 py-3 ${HEALTH_COLORS[health.status]}`}
        role="status"
      >
        {describeHealth(health)}
      </p>
      <div className="mt-6">
        <button
          data-launchpad="action"
          type="button"
          onClick={recheck}
          className="rounded-md bg-blue-600 px-4 py-2 font-semibold text-white"
        >
          Check again
        </button>
      </div>
    </main>
  );
}

export default App;
